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

test('a draft is found under "Usulan saya" and edited; search finds a public complaint; redaction starts from the text', async ({ page }, info) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const shot = (name: string) => page.screenshot({ path: `screenshots/${info.project.name}-tasks-${name}.png`, fullPage: true });
  const stamp = `${info.project.name.replace(/[^a-z]/gi, '')}${Date.now()}`;
  const title = `Pos ronda Gang Kenanga ${stamp}`;
  await signIn(page, 'warga.denpasar');
  await open(page, '/proposals/new');
  await pickArea(page, 'area_id', 'denpasar', 'Kota Denpasar');
  await page.fill('#f-title', title);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', 'Pos ronda lama sudah roboh.');
  await page.click('form.narrow button:has-text("Simpan sebagai draf")');
  await expect(page.locator('p.notice')).toContainText('Ini draf');
  await page.waitForLoadState('networkidle');
  // Found again under "Usulan saya", and edited.
  await open(page, '/proposals');
  await page.click('nav.tabs a:has-text("Usulan saya")');
  await page.click(`a:has-text("${title}")`);
  await page.click('a.button:has-text("Ubah draf")');
  await expect(page.locator('#f-title')).toHaveValue(title);
  await expect(page.locator('#f-body')).toHaveValue('Pos ronda lama sudah roboh.');
  await page.fill('#f-body', 'Pos ronda lama sudah roboh sejak banjir.');
  await shot('edit-draft');
  await page.click('form.narrow button.primary');
  await expect(page.locator('p.lead .tag')).toHaveText('Terbit');
  await expect(page.locator('.post-body').first()).toContainText('sejak banjir');
  await page.waitForLoadState('networkidle');

  // A public complaint is found by search before filing another.
  await open(page, '/complaints/new');
  await pickArea(page, 'area_id', 'denpasar', 'Kota Denpasar');
  await page.fill('#f-title', `Selokan mampet ${stamp}`);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', `Selokan di Jalan Nangka mampet; kode ${stamp}.`);
  await page.click('form button.primary');
  await expect(page.locator('#receipt')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await open(page, '/complaints/new');
  await page.click('a:has-text("Cari di pengaduan")');
  await page.fill('#search-page-q', stamp);
  await page.click('form.search button');
  await expect(page.locator('ol.hits')).toContainText(`Selokan mampet ${stamp}`);
  await expect(page.locator('ol.hits')).toContainText('Pengaduan #');
  await shot('search-complaints');
  await page.waitForLoadState('networkidle');
  await signOut(page);

  // A moderator edits personal data out, starting from the text as written.
  await signIn(page, 'moderator.denpasar');
  await open(page, '/complaints?scope=public');
  await page.click(`a:has-text("Selokan mampet ${stamp}")`);
  await page.click('details.mod-tools summary');
  await page.click('details.mod-tools a.button');
  await expect(page.locator('#redact-text')).toBeFocused();
  await expect(page.locator('#redact-text')).toHaveValue(`Selokan di Jalan Nangka mampet; kode ${stamp}.`);
  await shot('redact');
  expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
});
