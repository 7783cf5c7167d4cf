import { test, expect, Page } from '@playwright/test';
import { choose, collectErrors, open, pickArea, signIn, signOut } from './helpers';

// One proposal through its whole life, several people, both projects.
test.describe.configure({ timeout: 120_000 });

async function supportAs(page: Page, user: string, path: string, count: string) {
  await signIn(page, user);
  await open(page, path);
  await page.click('section.supports button.primary');
  await expect(page.locator('#supports-h')).toContainText(count);
  await expect(page.locator('section.supports')).toContainText('Anda mendukung usulan ini.');
  // Back at the button, told it counted, with focus there.
  await expect(page.locator('section.supports p.notice')).toBeFocused();
  await page.waitForLoadState('networkidle');
  await signOut(page);
}

test('propose, publish, support until the threshold, officer responds, record and export show it', async ({ page }, info) => {
  const errors = collectErrors(page);
  const where: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') where.push(`${page.url()} ${m.text().slice(0, 60)}`);
  });
  const title = `Lampu jalan Gang Mawar ${info.project.name} ${Date.now()}`;
  await signIn(page, 'warga.denpasar');
  await open(page, '/proposals/new');
  await pickArea(page, 'area_id', 'denpasar', 'Kota Denpasar');
  await page.fill('#f-title', title);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', 'Tiga lampu **mati** sejak Januari.');
  await page.fill('#f-cost', 'abc');
  await page.click('button[name="publish"]');
  await expect(page.locator('#f-cost-err')).toBeVisible();
  await expect(page.locator('#f-title')).toHaveValue(title);
  await page.fill('#f-cost', '4.500.000');
  await page.click('button[name="publish"]');
  // The cost as understood, in figures and words, before anything is saved.
  await expect(page.locator('#f-cost-check')).toContainText('Rp 4.500.000 — empat juta lima ratus ribu rupiah');
  await expect(page.locator('#f-title')).toHaveValue(title);
  await page.click('button[name="publish"]');
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('p.lead .tag')).toHaveText('Terbit');
  await expect(page.locator('dl.facts')).toContainText('Rp 4.500.000');
  const path = new URL(page.url()).pathname;
  await page.waitForLoadState('networkidle');
  await page.click('section.supports button.primary');
  await expect(page.locator('#supports-h')).toContainText('1 dukungan');
  await page.waitForLoadState('networkidle');
  // Its own discussion: a reply lands on the thread page, which links back.
  await page.fill('#discussion #f-body', 'Foto lokasinya menyusul.');
  await page.click('#discussion button.primary');
  await expect(page.locator('p.notice a')).toHaveText(title);
  await page.click('p.notice a');
  await expect(page.locator('#discussion')).toContainText('Foto lokasinya menyusul.');
  await page.waitForLoadState('networkidle');
  await signOut(page);

  // A visitor is asked to sign in.
  await open(page, path);
  await expect(page.locator('section.supports a')).toHaveText('Masuk untuk mendukung');

  await supportAs(page, 'moderator.denpasar', path, '2 dukungan');
  await supportAs(page, 'admin', path, '3 dukungan');

  // The threshold (3 in the demo data) assigned the responsible agency.
  await signIn(page, 'petugas.pupr.denpasar');
  await open(page, path);
  await expect(page.locator('dl.facts')).toContainText('Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar');
  // The discussion stays in view beside the answer form.
  await expect(page.locator('.answer-desk #discussion')).toContainText('Foto lokasinya menyusul.');
  await choose(page, '#f-to', 'Diterima');
  await page.fill('#answer #f-body', 'Lampu diganti pada bulan Desember.');
  await page.fill('#answer #f-budget', '4.000.000');
  await page.click('#answer button.primary');
  await expect(page.locator('#f-budget-check')).toContainText('Rp 4.000.000 — empat juta rupiah');
  await page.click('#answer button.primary');
  // Published is for good: it is shown once more, exactly as it will stand, and focused.
  await expect(page.locator('#confirm')).toBeFocused();
  await expect(page.locator('#confirm')).toContainText('tidak dapat ditarik');
  await expect(page.locator('#confirm .post-body')).toHaveText('Lampu diganti pada bulan Desember.');
  await expect(page.locator('#confirm dl')).toContainText('empat juta rupiah');
  await expect(page.locator('section.responses article')).toHaveCount(0);
  await page.screenshot({ path: `screenshots/answer-confirm-${info.project.name}.png`, fullPage: true });
  await expect(page.locator('#answer button.primary')).toHaveText('Ya, terbitkan sekarang');
  await page.click('#answer button.primary');
  await expect(page.locator('section.responses article')).toContainText('Diterima');
  await expect(page.locator('section.responses article')).toContainText('Ketut Suarjana');
  await expect(page.locator('p.lead .tag')).toHaveText('Diterima');
  await expect(page.locator('section.record li')).toHaveCount(3);

  await page.waitForLoadState('networkidle');
  await signOut(page);

  // The author hears of it.
  await signIn(page, 'warga.denpasar');
  await open(page, '/notifications');
  await expect(page.locator('ul.notifications li').first()).toContainText(`“${title}”: Jawaban resmi · Diterima`);

  // The public record and its export carry the response.
  await open(page, '/record');
  await expect(page.locator('ol.record-list li').first()).toContainText(title);
  await expect(page.locator('ol.record-list li').first()).toContainText('Jawaban resmi');
  const exported = await page.request.get('/record.json');
  expect(exported.status()).toBe(200);
  const entries: { content: string }[] = await exported.json();
  const mine = entries.filter((e) => JSON.parse(e.content).title === title).map((e) => JSON.parse(e.content).event);
  expect(mine).toEqual(['published', 'threshold_reached', 'response']);
  // The refused cost and the amount confirmations answered 422 on purpose; anything else is a hydration or script error.
  expect(errors.filter((e) => !e.includes('status of 4')), where.join('\n')).toEqual([]);
});
