import { test, expect } from '@playwright/test';
import { choose, collectErrors, open, pickArea, signIn, signOut } from './helpers';

// A resident's and an officer's tasks on a phone (issue 21): a withdrawal
// asks first, who may support is said, the desk orders by the next
// deadline, and a reply template keeps what the officer typed.
test.describe.configure({ timeout: 120_000 });

test('withdrawing asks first, supporters outside the area are told why, the desk orders by deadline, a template keeps typed text', async ({ page }, info) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const shot = (name: string) => page.screenshot({ path: `screenshots/${info.project.name}-tasks-${name}.png`, fullPage: true });
  const title = `Taman baca Gang Kenari ${info.project.name} ${Date.now()}`;
  await signIn(page, 'warga.denpasar');
  await open(page, '/proposals/new');
  await pickArea(page, 'area_id', 'denpasar', 'Kota Denpasar');
  await page.fill('#f-title', title);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', 'Anak-anak butuh tempat membaca sepulang sekolah.');
  await page.click('button[name="publish"]');
  await expect(page.locator('h1')).toHaveText(title);
  const path = new URL(page.url()).pathname;
  // The threshold is explained while it is not reached.
  await expect(page.locator('section.supports')).toContainText('dukungan lagi agar instansi wajib menjawab');
  await page.waitForLoadState('networkidle');
  // And a complaint for the same agency's desk.
  await open(page, '/complaints/new');
  await pickArea(page, 'area_id', 'denpasar', 'Kota Denpasar');
  await page.fill('#f-title', `Trotoar amblas ${title}`);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', 'Trotoar di depan pasar amblas sejak hujan deras minggu lalu.');
  await page.click('form button.primary');
  await expect(page.locator('#receipt')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await signOut(page);

  // Someone from another city sees no button, and why.
  await signIn(page, 'warga.kotalama');
  await open(page, path);
  await expect(page.locator('section.supports button')).toHaveCount(0);
  await expect(page.locator('section.supports')).toContainText('Hanya warga Kota Denpasar');
  await shot('outside-area');
  await signOut(page);

  // The officer: a template goes below what was typed.
  await signIn(page, 'petugas.pupr.denpasar');
  await open(page, '/desk');
  const dues = await page.locator('ol.desk-list > li').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-due'))));
  expect(dues.length).toBeGreaterThan(0);
  await expect(page.locator('ol.desk-list > li', { hasText: `Trotoar amblas ${title}` })).toContainText('Verifikasi: sisa');
  expect(dues).toEqual([...dues].sort((a, b) => a - b));
  await expect(page.locator('ol.desk-list > li').first()).toContainText('paling lambat');
  await shot('desk');
  await open(page, path);
  await page.fill('#answer #f-body', 'Terima kasih, Bu.');
  await choose(page, '#f-template', 'Survei lokasi');
  await page.click('#answer button[name="insert"]');
  await expect(page.locator('#answer #f-body')).toHaveValue(/^Terima kasih, Bu\.\n\nTerima kasih atas usulannya\. Tim kami/);
  await expect(page.locator('section.responses article')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await signOut(page);

  // Withdrawing asks first; cancelling changes nothing.
  await signIn(page, 'warga.denpasar');
  await open(page, path);
  await page.click('a.button:has-text("Tarik usulan")');
  await expect(page.locator('#withdraw')).toBeFocused();
  await expect(page.locator('#withdraw')).toContainText('tidak dapat dibatalkan');
  await shot('withdraw-confirm');
  await page.click('#withdraw a:has-text("Batal")');
  await expect(page.locator('p.lead .tag')).toHaveText('Terbit');
  await page.click('a.button:has-text("Tarik usulan")');
  await page.click('#withdraw button.danger');
  await expect(page.locator('p.lead .tag')).toHaveText('Ditarik');
  expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
});
