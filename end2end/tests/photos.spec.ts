import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { choose, collectErrors, open, pickArea, signIn, signOut } from './helpers';

// A complaint with a photo and a point, from a phone, with and without
// JavaScript: a bad photo and a point abroad come back as errors (with the
// text kept), then the complaint is filed; its page and the officer's desk
// show the thumbnail and the point, and the stored copy has no GPS.
test.describe.configure({ timeout: 120_000 });

/** A camera-sized photo (drawn in the page) with EXIF GPS tags added. */
async function phonePhoto(page: Page): Promise<Buffer> {
  const data = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 3000;
    c.height = 2000;
    const ctx = c.getContext('2d')!;
    // Grainy, as a phone's photo in poor light: a few MB as JPEG.
    const img = ctx.createImageData(c.width, c.height);
    let seed = 7;
    for (let i = 0; i < img.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const x = (i / 4) % c.width;
      img.data[i] = (x / 12 + (seed & 63)) & 255;
      img.data[i + 1] = 90 + ((seed >> 6) & 63);
      img.data[i + 2] = 140 + ((seed >> 12) & 63);
      img.data[i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return c.toDataURL('image/jpeg', 0.92).split(',')[1];
  });
  const jpeg = Buffer.from(data, 'base64');
  // APP1 Exif: IFD0 with a GPS IFD holding latitude 8° 40' 12" S.
  const tiff = Buffer.alloc(92);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10); tiff.writeUInt16BE(4, 12); tiff.writeUInt32BE(1, 14); tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22);
  tiff.writeUInt16BE(2, 26);
  tiff.writeUInt16BE(1, 28); tiff.writeUInt16BE(2, 30); tiff.writeUInt32BE(2, 32); tiff.write('S\0', 36, 'ascii');
  tiff.writeUInt16BE(2, 40); tiff.writeUInt16BE(5, 42); tiff.writeUInt32BE(3, 44); tiff.writeUInt32BE(56, 48);
  tiff.writeUInt32BE(0, 52);
  [8, 1, 40, 1, 12, 1].forEach((v, i) => tiff.writeUInt32BE(v, 56 + i * 4));
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(app1.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, app1, jpeg.subarray(2)]);
}

test('file a complaint with a photo and a point from a phone; the officer sees both', async ({ page }, info) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const shot = (name: string) => page.screenshot({ path: `screenshots/${info.project.name}-photo-${name}.png`, fullPage: true });
  const js = info.project.name === 'js';
  const title = `Jembatan retak ${info.project.name} ${Date.now()}`;
  // What the page's script sends, kept across the page it opens next.
  await page.addInitScript(() => {
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body?: Document | XMLHttpRequestBodyInit | null) {
      if (body instanceof FormData) {
        let n = 0;
        for (const [, v] of body) n += typeof v === 'string' ? v.length : v.size;
        sessionStorage.setItem('sent', String(n));
      }
      return send.call(this, body);
    };
  });
  await signIn(page, 'warga.denpasar');
  await open(page, '/complaints/new');
  const photo = await phonePhoto(page);
  expect(photo.includes(Buffer.from('Exif'))).toBe(true);
  await pickArea(page, 'area_id', 'dauh puri', 'Dauh Puri');
  const area = await page.locator('input[name=area_id]').inputValue();
  await page.fill('#f-title', title);
  await page.fill('#f-body', 'Jembatan kecil di Jalan Nangka retak lebar di sisi timur; motor masih lewat setiap hari.');
  await page.fill('#f-happened_on', new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await choose(page, '#f-category_id', 'Infrastruktur');
  if (js) await expect(page.locator('button[data-locate]')).toBeVisible();
  else await expect(page.locator('button[data-locate]')).toBeHidden();
  // A renamed text file and a point in Paris: both said at once, the text kept.
  await page.fill('#f-lat', '48.8566');
  await page.fill('#f-lon', '2.3522');
  await page.setInputFiles('#f-photos', { name: 'jembatan.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('bukan foto') });
  await page.click('form button.primary');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Foto ke-1 bukan gambar JPEG, PNG atau WebP');
  await expect(summary).toContainText('di luar Indonesia');
  await expect(page.locator('#f-title')).toHaveValue(title);
  await expect(page.locator('#f-lat')).toHaveValue('48.8566');
  await expect(page.locator('#f-photos-hint')).toContainText('pilih lagi fotonya');
  await shot('errors');

  await page.fill('#f-lat', '-8.6571');
  await page.fill('#f-lon', '115.2093');
  await page.setInputFiles('#f-photos', { name: 'jembatan.jpg', mimeType: 'image/jpeg', buffer: photo });
  // With JavaScript the photo leaves the phone shrunk (and without its EXIF).
  await page.click('form button.primary');
  await expect(page.locator('h1')).toHaveText(title);
  if (js) {
    const sent = Number(await page.evaluate(() => sessionStorage.getItem('sent')));
    console.log(`photo ${photo.length} B, the form sent ${sent} B`);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(photo.length / 4);
  }
  await expect(page.locator('#receipt')).toBeFocused();
  const thumb = page.locator('ul.photos img');
  await expect(thumb).toHaveCount(1);
  await thumb.scrollIntoViewIfNeeded();
  await expect.poll(() => thumb.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
  await expect(page.locator('dl.facts a[href^="geo:"]')).toHaveAttribute('href', 'geo:-8.657100,115.209300');
  await shot('receipt');
  // The copy kept has no GPS and fits 1600 px.
  const full = await page.locator('ul.photos a').getAttribute('href');
  const copy = await page.request.get(full!);
  expect(copy.headers()['content-type']).toBe('image/jpeg');
  const bytes = await copy.body();
  expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
  expect(bytes.length).toBeLessThan(300 * 1024);
  if (js) {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(bad).toEqual([]);
  }
  await page.waitForLoadState('networkidle');
  await signOut(page);

  // The agency's officer sees the photo and the point on the desk.
  await signIn(page, 'petugas.pupr.denpasar');
  await open(page, `/desk?area=${area}`);
  const row = page.locator('.desk-list li', { hasText: title });
  await expect(row.locator('ul.photos img')).toHaveCount(1);
  await expect(row.locator('a[href^="geo:"]')).toBeVisible();
  await shot('desk');
  expect(errors).toEqual([]);
});

// With JavaScript a point can be picked on a map, whose tiles are fetched
// only once it is opened; without it the map's button stays hidden.
test('pick the point on a map, by pointer and by keyboard', async ({ page }, info) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const tiles: string[] = [];
  // A grey tile stands in for OpenStreetMap's (this machine has no internet).
  const grey = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGPg2AgAAM8AmwjY6S0AAAAASUVORK5CYII=',
    'base64',
  );
  await page.route('https://tile.openstreetmap.org/**', (route) => {
    tiles.push(route.request().url());
    return route.fulfill({ contentType: 'image/png', body: grey });
  });
  await signIn(page, 'warga.denpasar');
  await open(page, '/complaints/new');
  const button = page.locator('button[data-map]');
  if (info.project.name !== 'js') {
    await expect(button).toBeHidden();
    return;
  }
  await expect(button).toHaveText('Pilih di peta');
  await page.waitForLoadState('networkidle');
  expect(tiles).toEqual([]);
  await button.click();
  const map = page.locator('.map');
  await expect(map).toBeFocused();
  await expect(map).toContainText('OpenStreetMap');
  await expect.poll(() => tiles.length).toBeGreaterThan(0);
  expect(tiles.every((t) => /^https:\/\/tile\.openstreetmap\.org\/5\/\d+\/\d+\.png$/.test(t))).toBe(true);
  // A click marks the point under it: the middle of the map is Indonesia's.
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const lat = Number(await page.locator('#f-lat').inputValue());
  const lon = Number(await page.locator('#f-lon').inputValue());
  expect(Math.abs(lat + 2.5)).toBeLessThan(0.5);
  expect(Math.abs(lon - 118)).toBeLessThan(0.5);
  await expect(map.locator('.marker')).toBeVisible();
  // Dragging moves the map (its centre some 4° west) and marks nothing.
  await page.mouse.move(box.x + 50, box.y + 50);
  await page.mouse.down();
  await page.mouse.move(box.x + 150, box.y + 100, { steps: 5 });
  await page.mouse.up();
  expect(Number(await page.locator('#f-lat').inputValue())).toBe(lat);
  // The keyboard: zoom in twice, move a little east, Enter marks the centre.
  await map.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect.poll(() => tiles.some((t) => t.includes('/7/'))).toBe(true);
  const lon2 = Number(await page.locator('#f-lon').inputValue());
  expect(lon2).toBeLessThan(lon);
  await page.screenshot({ path: `screenshots/${info.project.name}-photo-map.png`, fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  expect(bad).toEqual([]);
  // The button folds the map away again.
  await button.click();
  await expect(map).toBeHidden();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  expect(errors).toEqual([]);
});
