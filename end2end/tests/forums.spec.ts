import { test, expect, Page } from '@playwright/test';
import { choose, collectErrors, open, signIn, signOut } from './helpers';

// Whole journeys, several people and pages each.
test.describe.configure({ timeout: 90_000 });

async function areaHref(page: Page, name: string) {
  await open(page, '/');
  return (await page.locator('ul.tree a', { hasText: name }).first().getAttribute('href'))!;
}

/** Starts a thread from the area page; returns the thread's path. */
async function startThread(page: Page, area: string, title: string, body: string) {
  await open(page, await areaHref(page, area));
  await page.click('a.button.primary');
  await expect(page.locator('h1')).toHaveText('Mulai topik baru');
  await page.waitForLoadState('networkidle');
  await page.fill('#f-title', title);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', body);
  await page.click('button.primary');
  await expect(page.locator('h1')).toHaveText(title);
  await page.waitForLoadState('networkidle');
  return new URL(page.url()).pathname;
}

test('start a thread with a preview, reply, quote-reply, edit and delete', async ({ page }, info) => {
  const errors = collectErrors(page);
  const title = `Lampu taman mati ${info.project.name} ${Date.now()}`;
  await signIn(page, 'warga.denpasar');
  await open(page, await areaHref(page, 'Dauh Puri'));
  await page.click('a.button.primary');
  await page.waitForLoadState('networkidle');
  await page.fill('#f-title', title);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', 'Sudah **dua minggu** gelap.');
  // Preview first: nothing is written, the text stays.
  await page.click('button[name="preview"]');
  await expect(page.locator('.preview strong')).toHaveText('dua minggu');
  await expect(page.locator('#f-title')).toHaveValue(title);
  await expect(page.locator('#f-body')).toHaveValue('Sudah **dua minggu** gelap.');
  await page.click('button.primary');
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('article#r0 .post-body strong')).toHaveText('dua minggu');
  await page.waitForLoadState('networkidle');

  // An empty reply is refused with a reason.
  await page.fill('#f-body', '   ');
  await page.locator('#f-body').evaluate((e) => e.removeAttribute('required'));
  await page.click('section.reply button.primary');
  await expect(page.locator('#f-body-err')).toHaveText('Tulis isinya.');

  await page.fill('#f-body', 'Saya lewat tadi malam, masih gelap.');
  await page.click('section.reply button.primary');
  await expect(page.locator('article#r1 .post-body')).toContainText('masih gelap');
  await page.waitForLoadState('networkidle');

  // Quote-reply to reply #1.
  await page.click('article#r1 footer a:has-text("Balas")');
  await expect(page.locator('.replying-to')).toContainText('Membalas Ni Luh Ayu #1');
  await page.waitForLoadState('networkidle');
  await page.fill('#f-body', 'Sudah saya laporkan ke kelurahan.');
  await page.click('section.reply button.primary');
  await expect(page.locator('article#r2 blockquote.quote')).toContainText('Membalas Ni Luh Ayu #1');
  await expect(page.locator('article#r2 .post-body')).toContainText('kelurahan');
  await page.waitForLoadState('networkidle');

  // Edit the opening post: marked as edited.
  await page.click('article#r0 footer a:has-text("Sunting")');
  await expect(page.locator('h1')).toHaveText('Sunting pesan');
  await page.waitForLoadState('networkidle');
  await page.fill('#f-body', 'Sudah **tiga minggu** gelap.');
  await page.click('form button.primary');
  await expect(page.locator('article#r0 .post-body strong')).toHaveText('tiga minggu');
  await expect(page.locator('article#r0 .edited')).toHaveText('disunting');
  await page.waitForLoadState('networkidle');

  // Delete reply #1: a placeholder stays, #2 keeps its place.
  await page.click('article#r1 footer a:has-text("Sunting")');
  await page.waitForLoadState('networkidle');
  await page.click('button.danger');
  await expect(page.locator('article#r1 .placeholder')).toHaveText('Pesan ini telah dihapus.');
  await expect(page.locator('article#r2 .post-body')).toContainText('kelurahan');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `screenshots/${info.project.name}-thread-flow.png`, fullPage: true });
  expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
});

test('search finds a reply and links to it', async ({ page }, info) => {
  const word = `kata${info.project.name}${Date.now().toString(36)}`;
  await signIn(page, 'warga.sawahlunto');
  const thread = await startThread(page, 'Talawi', `Jembatan gantung goyang ${info.project.name}`, 'Papan lantainya lapuk.');
  await page.fill('#f-body', `Kabelnya juga berkarat, ${word} sekali.`);
  await page.click('section.reply button.primary');
  await expect(page.locator('article#r1')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.fill('header #search-q', `${word} "berkarat`);
  await page.press('header #search-q', 'Enter');
  await expect(page.locator('h1')).toHaveText('Pencarian');
  await expect(page.locator('ol.hits mark').first()).toBeVisible();
  await expect(page.locator('ol.hits li')).toHaveCount(1);
  await page.click('ol.hits a.title');
  await expect(page).toHaveURL(new RegExp(`${thread}#r1$`));
  await expect(page.locator('article#r1')).toContainText(word);
});

test('join a forum, see its threads at home, and be notified of replies', async ({ page }, info) => {
  const title = `Saluran air tersumbat ${info.project.name} ${Date.now()}`;
  // Made Wirawan starts a thread in Kota Denpasar; Ni Luh Ayu joins that forum.
  await signIn(page, 'moderator.denpasar');
  const thread = await startThread(page, 'Kota Denpasar', title, 'Air meluap tiap hujan.');
  await signOut(page);

  await signIn(page, 'warga.denpasar');
  await open(page, await areaHref(page, 'Kota Denpasar'));
  const join = page.locator('.forum-actions button');
  if ((await join.textContent())?.includes('Berhenti')) {
    await join.click();
    await expect(join).toHaveText('Ikuti forum ini');
  }
  await join.click();
  await expect(join).toHaveText('Berhenti mengikuti');
  await open(page, '/');
  await expect(page.locator('section[aria-labelledby="joined-h"]')).toContainText(title);

  await open(page, thread);
  await page.fill('#f-body', 'Di gang kami juga begitu.');
  await page.click('section.reply button.primary');
  await expect(page.locator('article#r1')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await signOut(page);

  // The author sees the unread count in the header and the notification.
  await signIn(page, 'moderator.denpasar');
  await expect(page.locator('header .notifications-link .count')).not.toHaveCount(0);
  await page.click('header .notifications-link');
  await expect(page.locator('h1')).toHaveText('Notifikasi');
  await expect(page.locator('ul.notifications li').first()).toContainText(`Ni Luh Ayu membalas topik Anda “${title}”`);
  await page.waitForLoadState('networkidle');
  await page.click('button:has-text("Tandai semua sudah dibaca")');
  await expect(page.locator('header .notifications-link .count')).toHaveCount(0);
  await expect(page.locator('ul.notifications li.unread')).toHaveCount(0);
});
