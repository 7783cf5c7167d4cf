import { test, expect } from '@playwright/test';
import { choose, collectErrors, open, pickArea, signOut, uniqueName } from './helpers';

// Whole journeys, page after page.
test.describe.configure({ timeout: 120_000 });

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

// A new region from an empty database (the second server of
// playwright.config.ts: Kota Malang's areas imported, a first admin made on
// the command line, no demo data): the admin adds a category and the
// pemda's agencies, and a new resident's complaint reaches the right one.
test('a new pemda is set up by its admin and a resident complaint reaches its agency', async ({ page }, info) => {
  test.skip(!!process.env.REMBUK_E2E_URL, 'needs the region server of playwright.config.ts');
  const region = 'http://127.0.0.1:3101';
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const shot = (name: string) => page.screenshot({ path: `screenshots/${info.project.name}-region-${name}.png`, fullPage: true });
  await open(page, `${region}/signin`);
  await page.fill('#f-username', 'admin.malang');
  await page.fill('#f-password', 'admin-malang-123');
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toBeVisible();

  await open(page, `${region}/admin/areas`);
  await pickArea(page, 'area_id', 'malang', 'Kota Malang');
  if (!page.url().includes('area_id=')) {
    await page.click('form.filters button[type="submit"]');
    await page.waitForLoadState('networkidle');
  }
  await expect(page.locator('#agencies-h')).toContainText('Kota Malang');
  // A category first (an empty database has none), then the agencies as CSV.
  const slug = `jalan-${Date.now().toString(36)}-${info.project.name}`;
  await page.fill('#new-cat-slug', slug);
  await page.fill('#new-cat-id', `Jalan (${slug})`);
  await page.fill('#new-cat-en', `Roads (${slug})`);
  await page.click('form:has(#new-cat-slug) button[type="submit"]');
  await expect(page.locator('p.notice')).toHaveText('Tersimpan.');
  // A bad line is refused with its number, and nothing is saved.
  await page.fill('#import-csv', `name,short_name,categories\nDinas Pekerjaan Umum Kota Malang,DPU,${slug}\nDinas Pariwisata,Dispar,wisata-tidak-ada\n`);
  await page.click('form:has(#import-csv) button[type="submit"]');
  await expect(page.locator('p.form-error')).toContainText('Baris 3');
  await page.fill('#import-csv', `name,short_name,categories\nDinas Pekerjaan Umum Kota Malang,DPU,${slug}\nBadan Perencanaan Pembangunan Daerah Kota Malang,Bappeda,\n`);
  await page.click('form:has(#import-csv) button[type="submit"]');
  await expect(page.locator('p.notice')).toHaveText('Tersimpan.');
  await expect(page.locator('#agencies-h + ul input[name="short_name"][value="Bappeda"]')).toHaveCount(1);
  await expect(page.locator('section:has(#resp-h)')).toContainText('Diatur di sini: Dinas Pekerjaan Umum Kota Malang');
  await shot('admin');
  await signOut(page);

  // A resident registers by finding their kelurahan, then files a complaint.
  await open(page, `${region}/register`);
  await pickArea(page, 'home_area_id', 'kotala', 'Kotalama');
  await page.fill('#f-username', uniqueName(info, 'mlg'));
  await page.fill('#f-display_name', 'Warga Kotalama');
  await page.fill('#f-password', 'uji-coba-123');
  await page.fill('#f-password_confirm', 'uji-coba-123');
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toHaveText('Warga Kotalama');
  await open(page, `${region}/complaints/new`);
  await expect(page.locator('#f-area_id')).toContainText('Kotalama');
  const title = `Jalan rusak di Kotalama ${info.project.name} ${Date.now()}`;
  await page.fill('#f-title', title);
  await choose(page, '#f-category_id', `Jalan (${slug})`);
  await page.fill('#f-body', 'Jalan di depan sekolah rusak parah dan berlubang sejak musim hujan mulai.');
  await page.click('form button.primary');
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('dl.facts')).toContainText('Dinas Pekerjaan Umum Kota Malang');
  await shot('complaint');
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});
