import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { choose, collectErrors, open, pickArea, signIn, signOut } from './helpers';

// Musrenbang with and without JavaScript, at 360 px: the kota's planner
// opens a cycle (a bad date first), a resident puts an usulan forward (the
// cost shown in words before it is saved) and starts its discussion, votes
// in the demo's kecamatan stage within the ceiling and takes the vote back,
// and follows an usulan's path and the kelurahan's berita acara.
test.describe.configure({ timeout: 120_000 });

function day(offset: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test('open a cycle, put an usulan forward, vote, follow the path', async ({ page }, info) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const shot = (name: string) => page.screenshot({ path: `screenshots/${info.project.name}-musrenbang-${name}.png`, fullPage: true });
  const year = info.project.name === 'js' ? '2040' : '2041';

  await signIn(page, 'perencana.denpasar');
  await open(page, '/musrenbang');
  await page.click('a[href="/musrenbang/new"]');
  await pickArea(page, 'area_id', 'denpasar', 'Kota Denpasar');
  await page.fill('#f-year', year);
  const windows = ['submit_from', 'submit_until', 'vote_from', 'vote_until', 'result_by'];
  for (let t = 0; t < 3; t++) {
    for (let i = 0; i < windows.length; i++) {
      await page.fill(`#f-t${t}_${windows[i]}`, day(t * 12 + i * 2 - 1));
    }
    await page.fill(`#f-t${t}_ceiling`, `${(t + 1) * 300} juta`);
  }
  // Voting of the kecamatan before the kelurahan's results: refused.
  await page.fill('#f-t1_vote_from', day(0));
  await page.click('form button.primary');
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('Kecamatan');
  await page.fill('#f-t1_vote_from', day(15));
  await page.click('form button.primary');
  await expect(page.locator('h1')).toContainText(`Musrenbang ${year} · Kota Denpasar`);
  const cycleUrl = new URL(page.url()).pathname;
  await expect(page.locator('table.data')).toContainText('Pengajuan usulan');
  await shot('cycle');
  await signOut(page);

  // A resident of Dauh Puri puts an usulan forward in the new cycle.
  await signIn(page, 'warga.denpasar');
  await open(page, cycleUrl);
  await page.locator('a', { hasText: 'Desa/Kelurahan: Dauh Puri' }).click();
  await page.click('a.button.primary');
  await expect(page.locator('h1')).toContainText('Ajukan usulan Musrenbang');
  await page.fill('#f-title', `Drainase Gang Melati ${info.project.name}`);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-problem', 'Air menggenang setiap hujan.');
  await page.fill('#f-action', 'Saluran baru 120 meter.');
  await page.fill('#f-location', 'Gang Melati');
  await page.fill('#f-volume', 'seratus');
  await page.fill('#f-unit', 'meter');
  await page.fill('#f-cost', '90 juta');
  await page.click('form button.primary');
  await expect(page.locator('.error-summary')).toContainText('Volume');
  await page.fill('#f-volume', '120');
  await page.click('form button.primary');
  await expect(page.locator('#f-cost-check')).toContainText('Rp 90.000.000');
  await page.click('form button.primary');
  await expect(page.locator('h1')).toContainText('Drainase Gang Melati');
  await expect(page.locator('dl.facts')).toContainText('120 meter');
  await shot('usulan');
  // Its discussion: a reply lands on the thread page, which links back.
  await page.fill('#discussion #f-body', 'Foto genangannya menyusul.');
  await page.click('#discussion button.primary');
  await expect(page.locator('p.notice a')).toContainText('Drainase Gang Melati');
  await page.click('p.notice a');
  await expect(page.locator('#discussion')).toContainText('Foto genangannya menyusul.');
  await page.waitForLoadState('networkidle');

  // The demo's kecamatan stage is voting: choose within the ceiling.
  await open(page, '/musrenbang/1/1/3');
  await expect(page.locator('#ballot-h')).toBeVisible();
  const row = page.locator('tr', { hasText: 'Normalisasi saluran' });
  await row.locator('button', { hasText: 'Pilih' }).click();
  await expect(page.locator('tr', { hasText: 'Normalisasi saluran' })).toContainText('Anda memilih usulan ini.');
  await expect(page.locator('section.notice')).toContainText('Rp 180.000.000 / Rp 1.000.000.000');
  await shot('ballot');
  await page.locator('tr', { hasText: 'Normalisasi saluran' }).locator('button', { hasText: 'Batalkan pilihan' }).click();
  await expect(page.locator('section.notice')).toContainText('Rp 0 / Rp 1.000.000.000');

  // An usulan's path, and the kelurahan's berita acara.
  await open(page, '/usulan/1');
  await expect(page.locator('ol.record-list')).toContainText('Dauh Puri');
  await expect(page.locator('ol.record-list')).toContainText('Dibawa ke tahap berikutnya');
  await open(page, '/musrenbang/1/0/4');
  await expect(page.locator('section.minutes')).toContainText('Berita acara');
  await expect(page.locator('section.minutes')).toContainText('Ni Luh Ayu');
  await shot('minutes');
  if (info.project.name === 'js') {
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  }
  expect(errors).toEqual([]);
});
