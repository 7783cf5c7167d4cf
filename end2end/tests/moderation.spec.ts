import { test, expect } from '@playwright/test';
import { choose, collectErrors, open, pickArea, signIn, signOut, uniqueName } from './helpers';

// Moderation in the open, both projects (JavaScript on and off): a resident
// flags a thread, the area's moderator hides it with a reason, the public
// log shows the action, the author sees the reason; and a suspended account
// may read, is offered nothing to write, and a form it opened before is refused.
test.describe.configure({ timeout: 120_000 });

test('flag, moderator hides with a reason, the log shows it, the author sees why', async ({ page }, info) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const shot = (name: string) => page.screenshot({ path: `screenshots/${info.project.name}-moderation-${name}.png`, fullPage: true });
  const title = `Iklan obat kuat ${info.project.name} ${Date.now()}`;
  const body = 'Beli obat kuat murah di sini, hubungi nomor kami sekarang juga.';
  const reason = `Iklan, bukan diskusi warga (${info.project.name})`;

  await signIn(page, 'warga.denpasar');
  await open(page, '/new');
  await pickArea(page, 'area_id', 'denpasar', 'Kota Denpasar');
  await page.fill('#f-title', title);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', body);
  await page.click('form button.primary');
  await expect(page.locator('h1')).toHaveText(title);
  const thread = new URL(page.url()).pathname;
  await signOut(page);

  await signIn(page, 'warga.kotalama');
  await open(page, thread);
  await page.click('article.post details.flag summary');
  await page.check('article.post details.flag input[value="spam"]');
  await page.click('article.post details.flag button[type="submit"]');
  await expect(page.locator('article.post p.notice[role="status"]')).toContainText('Terima kasih');
  await shot('flagged');
  await signOut(page);

  await signIn(page, 'moderator.denpasar');
  await open(page, '/moderation');
  const entry = page.locator('ol.queue > li', { hasText: title });
  await expect(entry).toContainText('1 tanda');
  await entry.locator('details.mod-tools summary').click();
  await page.locator('ol.queue > li', { hasText: title }).locator('input[name="reason"]').fill(reason);
  await page.locator('ol.queue > li', { hasText: title }).locator('button[value="hide"]').click();
  // Back in the queue, told what was done; the item has left it.
  await expect(page.locator('main p.notice[role="status"]')).toHaveText('Tersimpan: Disembunyikan.');
  await expect(page.locator('main p.notice[role="status"]')).toBeFocused();
  await expect(page.locator('ol.queue > li', { hasText: title })).toHaveCount(0);
  await open(page, thread);
  await expect(page.locator('article.post .hidden-notice').first()).toContainText(reason);
  await shot('hidden-moderator');
  await signOut(page);

  // The public sees that it was hidden and why, not what it said.
  await open(page, thread);
  await expect(page.locator('.hidden-notice').first()).toContainText(reason);
  await expect(page.locator('main')).not.toContainText(body);
  await open(page, '/moderation/log');
  const row = page.locator('ul.log > li', { hasText: reason });
  await expect(row).toContainText('Disembunyikan');
  await expect(row).toContainText('Made Wirawan');
  await expect(page.locator('main')).not.toContainText(body);
  await shot('log');

  // The author still sees the post, marked, with the reason, and is told.
  await signIn(page, 'warga.denpasar');
  await open(page, thread);
  await expect(page.locator('article.post .hidden-notice').first()).toContainText(reason);
  await expect(page.locator('article.post .post-body').first()).toContainText('obat kuat murah');
  await open(page, '/notifications');
  await expect(page.locator('ul.notifications li').first()).toContainText('Tindakan moderator');
  await shot('author');
  expect(errors).toEqual([]);
});

test('a suspended resident reads, is offered nothing to write, and a form opened before is refused', async ({ page, browser }, info) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const user = uniqueName(info, 'ban');
  await open(page, '/register');
  await pickArea(page, 'home_area_id', 'dauh', 'Dauh Puri');
  await page.fill('#f-username', user);
  await page.fill('#f-display_name', 'Warga Bermasalah');
  await page.fill('#f-password', 'uji-coba-123');
  await page.fill('#f-password_confirm', 'uji-coba-123');
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toHaveText('Warga Bermasalah');
  // The reply form is open when the moderator, elsewhere, suspends the account.
  await open(page, '/t/3');
  await expect(page.locator('section.reply')).toBeVisible();

  const moderator = await browser.newContext();
  const mod = await moderator.newPage();
  await signIn(mod, 'moderator.denpasar');
  await open(mod, `/u/${user}`);
  await mod.fill('section.mod-tools input[name="reason"]', 'Menyebar spam berulang');
  await mod.fill('#mod-days', '2');
  await mod.click('section.mod-tools button[value="suspend"]');
  await expect(mod.locator('main p.notice')).toContainText('Ditangguhkan sampai');
  await moderator.close();

  await page.fill('#f-body', 'Saya tetap ingin membalas.');
  await page.click('section.reply button.primary');
  await expect(page.locator('section.reply .error-summary')).toContainText('ditangguhkan');
  await expect(page.locator('#f-body')).toHaveValue('Saya tetap ingin membalas.');
  await page.screenshot({ path: `screenshots/${info.project.name}-moderation-suspended.png`, fullPage: true });
  // From then on the page offers no reply form, reply links or flags, and says why.
  await open(page, '/t/3');
  await expect(page.locator('.suspended-banner')).toContainText('Menyebar spam berulang');
  await expect(page.locator('#reply')).toContainText('ditangguhkan');
  await expect(page.locator('section.reply')).toHaveCount(0);
  await expect(page.locator('article.post footer a[href*="reply_to="]')).toHaveCount(0);
  await expect(page.locator('details.flag')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('Saya tetap ingin membalas.');
  await page.screenshot({ path: `screenshots/${info.project.name}-moderation-suspended-reads.png`, fullPage: true });
  expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
});
