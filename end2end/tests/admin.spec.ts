import { test, expect } from '@playwright/test';
import { choose, open, signIn } from './helpers';

test('an admin grants the officer role and revokes it again', async ({ page }) => {
  await signIn(page, 'admin');
  await open(page, '/admin?q=warga.plaju');
  await expect(page.locator('ul.people > li')).toHaveCount(1);
  await page.fill('#f-username', 'warga.plaju');
  await page.selectOption('#f-role', 'officer');
  await choose(page, '#f-agency_id', 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Palembang');
  await page.click('form button.primary');
  const role = page.locator('ul.roles > li', { hasText: 'Petugas — Dinas Pekerjaan Umum dan Penataan Ruang Kota Palembang' });
  await expect(role).toHaveCount(1);
  await expect(page.locator('.notice')).toBeVisible();

  await open(page, '/u/warga.plaju');
  await expect(page.locator('dl.facts')).toContainText('Petugas — Dinas Pekerjaan Umum dan Penataan Ruang Kota Palembang');

  await open(page, '/admin?q=warga.plaju');
  await role.getByRole('button', { name: /Cabut/ }).click();
  await expect(page.locator('ul.roles > li', { hasText: 'Kota Palembang' })).toHaveCount(0);
  await expect(page.locator('ul.people > li')).toContainText('Warga (tanpa peran tambahan)');
});

test('an officer role needs an agency', async ({ page }) => {
  await signIn(page, 'admin');
  await open(page, '/admin?q=warga.walesi');
  await page.fill('#f-username', 'warga.walesi');
  await page.selectOption('#f-role', 'officer');
  await page.click('form button.primary');
  await expect(page.locator('#f-agency_id')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.field.invalid')).toContainText('Pilih instansinya.');
  await expect(page.locator('.error-summary')).toBeFocused();
});

test('residents may not manage roles', async ({ page }) => {
  await signIn(page, 'warga.denpasar');
  const response = await open(page, '/admin');
  expect(response?.status()).toBe(403);
  await expect(page.locator('h1')).toHaveText('Tidak diizinkan');
});
