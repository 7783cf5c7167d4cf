import { test, expect } from '@playwright/test';
import { choose, collectErrors, open, pickArea, signOut, uniqueName } from './helpers';

// Choosing an area without the tree: a new resident finds their kelurahan
// through the picker (typing with JavaScript, the picker page without),
// then files a complaint there that reaches the agency answering for it.
test('register by picking a kelurahan, then a complaint from home reaches the right agency', async ({ page }, info) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const shot = (name: string) => page.screenshot({ path: `screenshots/${info.project.name}-areas-${name}.png`, fullPage: true });
  const user = uniqueName(info, 'pj');
  await open(page, '/register');
  await expect(page.locator('#f-home_area_id')).toContainText('Belum ada wilayah yang dipilih');
  await pickArea(page, 'home_area_id', 'panj', 'Panjer');
  await expect(page.locator('#f-home_area_id')).toContainText('Denpasar Selatan, Kota Denpasar, Bali');
  await shot('register');
  await page.fill('#f-username', user);
  await page.fill('#f-display_name', 'Warga Panjer');
  await page.fill('#f-password', 'uji-coba-123');
  await page.fill('#f-password_confirm', 'uji-coba-123');
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toHaveText('Warga Panjer');

  // Home shows one's own areas, not the country.
  await open(page, '/');
  await expect(page.locator('#areas-h')).toHaveText('Wilayah Anda');
  await expect(page.locator('ul.tree')).toContainText('Panjer');
  await expect(page.locator('ul.tree')).not.toContainText('Papua Pegunungan');

  // The complaint form starts at home.
  await open(page, '/complaints/new');
  await expect(page.locator('#f-area_id')).toContainText('Panjer');
  const title = `Saluran tersumbat ${info.project.name} ${Date.now()}`;
  await page.fill('#f-title', title);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', 'Saluran air di Jalan Tukad Yeh Aya tersumbat sampah dan meluap setiap hujan.');
  await page.click('form button.primary');
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('dl.facts')).toContainText('Dinas Pekerjaan Umum dan Penataan Ruang Kota Denpasar');
  await expect(page.locator('dl.facts')).toContainText('Panjer');
  await signOut(page);
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});

test('the picker page steps down from the province and searches by name', async ({ page }, info) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page, '/areas/pick?to=/proposals&field=area');
  await page.click('ul.picks a:has-text("Sumatera Selatan")');
  await page.click('ul.picks a:has-text("Kota Palembang")');
  await page.click('ul.picks a:has-text("Plaju")');
  await expect(page.locator('nav.crumbs')).toContainText('Kota Palembang');
  await expect(page.locator('ul.picks')).toContainText('Baguskuning');
  await page.screenshot({ path: `screenshots/${info.project.name}-areas-pick.png`, fullPage: true });
  await page.locator('ul.picks li', { hasText: 'Baguskuning' }).locator('a.button').click();
  await expect(page).toHaveURL(/\/proposals\?area=\d+$/);
  await expect(page.locator('#f-area')).toContainText('Baguskuning');
  // Search finds it too, with where it lies; a name that is not there says so.
  await open(page, '/areas/pick?to=/proposals&field=area&q=zzzz');
  await expect(page.locator('#results-h + p')).toContainText('Tidak ada wilayah');
  await open(page, '/areas/pick?to=/proposals&field=area&q=bagus');
  await expect(page.locator('#results-h + ul')).toContainText('Baguskuning (Kelurahan) — Plaju, Kota Palembang, Sumatera Selatan');
});
