import { test, expect } from '@playwright/test';
import { choose, collectErrors, mailTo, pickArea, open, signIn, signOut, uniqueName } from './helpers';

test('register, sign out and in, switch language, then a wrong password is refused', async ({ page }, info) => {
  const errors = collectErrors(page);
  const user = uniqueName(info);
  await open(page, '/register');
  await pickArea(page, 'home_area_id', 'dauh', 'Dauh Puri');
  await page.fill('#f-username', user);
  await page.fill('#f-display_name', 'Warga Uji Coba');
  await page.fill('#f-password', 'uji-coba-123');
  await page.fill('#f-password_confirm', 'uji-coba-123');
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toHaveText('Warga Uji Coba');

  await signOut(page);
  await signIn(page, user, 'uji-coba-123');

  await page.click('header button[value="en"]');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('header nav')).toContainText('Sign out');
  await expect(page.locator('header button[value="en"]')).toHaveAttribute('aria-pressed', 'true');
  await page.click('header button[value="id"]');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expect(page.locator('header nav')).toContainText('Keluar');

  await signOut(page);
  await open(page, '/signin');
  await page.fill('#f-username', user);
  await page.fill('#f-password', 'salah-sekali');
  await page.click('form button.primary');
  await expect(page.locator('.error-summary li')).toHaveText('Nama pengguna atau kata sandi salah.');
  await expect(page.locator('#f-username')).toHaveValue(user);
  if (info.project.name === 'nojs') {
    // The page came back from the server: a password is never sent back.
    await expect(page.locator('#f-password')).toHaveValue('');
  }
  await expect(page.locator('header a.me')).toHaveCount(0);
  // Refused requests are logged by the browser; anything else is a bug
  // (a hydration mismatch, a panic in the wasm).
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});

test('a username taken in another case is refused next to its field, keeping the rest', async ({ page }) => {
  await open(page, '/register');
  await pickArea(page, 'home_area_id', 'kotala', 'Kotalama');
  await page.fill('#f-username', 'ADMIN');
  await page.fill('#f-display_name', 'Orang Lain');
  await page.fill('#f-password', 'uji-coba-123');
  await page.fill('#f-password_confirm', 'uji-coba-123');
  await page.click('form button.primary');
  await expect(page.locator('#f-username-err')).toHaveText('Nama pengguna ini sudah dipakai.');
  await expect(page.locator('#f-username')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-display_name')).toHaveValue('Orang Lain');
  await expect(page.locator('#f-home_area_id')).toContainText('Kotalama');
});

test('with JavaScript, only a page with a part that runs in the browser loads the WebAssembly', async ({ page }, info) => {
  test.skip(info.project.name === 'nojs', 'needs JavaScript');
  const errors = collectErrors(page);
  const bundle: string[] = [];
  page.on('request', (r) => {
    if (/\.(js|wasm)$/.test(new URL(r.url()).pathname) && r.url().includes('/pkg/')) bundle.push(new URL(r.url()).pathname);
  });
  // A proposal read by a visitor has nothing that runs in the browser.
  await open(page, '/proposals/1');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
  expect(bundle).toEqual([]);
  // The register form's area picker does: its type-ahead appears once the
  // WebAssembly has started it, and fills the form's hidden field.
  await open(page, '/register');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
  expect(bundle).toContain('/pkg/rembuk.wasm');
  await page.fill('#f-home_area_id-q', 'kotala');
  await page.locator('#f-home_area_id-list button', { hasText: 'Kotalama' }).first().click();
  await expect(page.locator('#f-home_area_id')).toContainText('Kotalama');
  await expect(page.locator('input[type="hidden"][name="home_area_id"]')).toHaveValue(/^[0-9]+$/);
  // Forms are plain forms with or without script: the language switch and
  // a failed sign-in come back as pages, with the error and what was typed.
  await open(page, '/signin');
  await page.click('header button[value="en"]');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Sign in');
  await page.fill('#f-username', 'warga.walesi');
  await page.fill('#f-password', 'bukan-ini');
  await page.click('form button.primary');
  await expect(page.locator('.error-summary li')).toHaveText('Wrong username or password.');
  await expect(page.locator('#f-username')).toHaveValue('warga.walesi');
  await page.fill('#f-password', 'rembuk-demo');
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toHaveText('Yosef Lani');
  // Signed in, the page speaks the person's own language (Indonesian).
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await signOut(page);
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});

test('an email address is used only once its owner follows the link sent to it', async ({ page }, info) => {
  const errors = collectErrors(page);
  const user = uniqueName(info, 'mail');
  const address = `${user}@contoh.id`;
  await open(page, '/register');
  await pickArea(page, 'home_area_id', 'dauh', 'Dauh Puri');
  await page.fill('#f-username', user);
  await page.fill('#f-display_name', 'Warga Surel');
  await page.fill('#f-password', 'uji-coba-123');
  await page.fill('#f-password_confirm', 'uji-coba-123');
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toHaveText('Warga Surel');

  await open(page, '/settings');
  const emailForm = page.locator('form[action="/api/set_email"]');
  // The browser takes it as an address; a domain without a dot is not one.
  await page.fill('#f-email', 'warga@contoh');
  await emailForm.locator('button').click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('Tulis alamat email lengkap');

  await page.fill('#f-email', address);
  await emailForm.locator('button').click();
  await expect(page.locator('.notice[role="status"]')).toBeFocused();
  await expect(page.locator('.notice[role="status"]')).toHaveText(/Tautan konfirmasi sudah dikirim/);
  await expect(page.locator('main')).toContainText(`Menunggu konfirmasi: ${address}`);

  const mail = await mailTo(address);
  expect(mail).toContain('Subject: Konfirmasi alamat email Anda di Rembuk');
  const link = mail.match(/\/email\/confirm\?token=[0-9a-f]{64}/)![0];
  await open(page, link);
  await page.click('main form button.primary');
  await expect(page.locator('.notice[role="status"]')).toBeFocused();
  await expect(page.locator('.notice[role="status"]')).toHaveText('Alamat email Anda sudah dikonfirmasi.');

  // Used once only: the second time says why, in plain words.
  await open(page, link);
  await page.click('main form button.primary');
  await expect(page.locator('.error-summary')).toContainText('Tautan ini tidak berlaku lagi');

  await open(page, '/settings');
  await page.click('header button[value="en"]');
  await expect(page.locator('main')).toContainText(`Confirmed address: ${address}`);
  await page.click('header button[value="id"]');

  // A forgotten password: a link to that address, a new password, and
  // every session of the account ends.
  await signOut(page);
  await open(page, '/signin');
  await page.click('main a[href="/password/forgot"]');
  await page.fill('#f-who', address.toUpperCase());
  await page.click('main form button.primary');
  await expect(page.locator('.notice[role="status"]')).toBeFocused();
  const reset = (await mailTo(address, 1)).match(/\/password\/reset\?token=[0-9a-f]{64}/)![0];
  await open(page, reset);
  await page.fill('#f-new_password', 'sandi-baru-456');
  await page.fill('#f-new_password_confirm', 'sandi-lain-789');
  await page.click('main form button.primary');
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('Kedua kata sandi tidak sama.');
  await page.fill('#f-new_password', 'sandi-baru-456');
  await page.fill('#f-new_password_confirm', 'sandi-baru-456');
  await page.click('main form button.primary');
  await expect(page.locator('.notice[role="status"]')).toBeFocused();
  await page.click('main a[href="/signin"]');
  await page.fill('#f-username', user);
  await page.fill('#f-password', 'sandi-baru-456');
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toHaveText('Warga Surel');
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});

test('notification choices are kept, and an email stops with the link in it', async ({ page }, info) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  const user = uniqueName(info, 'pilih');
  const address = `${user}@contoh.id`;
  await open(page, '/register');
  await pickArea(page, 'home_area_id', 'dauh', 'Dauh Puri');
  await page.fill('#f-username', user);
  await page.fill('#f-display_name', 'Warga Pilih');
  await page.fill('#f-password', 'uji-coba-123');
  await page.fill('#f-password_confirm', 'uji-coba-123');
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toHaveText('Warga Pilih');

  // Without a confirmed address, the choices say email waits for one.
  await open(page, '/settings');
  const choices = page.locator('#notify');
  await expect(choices).toContainText('belum punya alamat email yang dikonfirmasi');
  await expect(page.locator('#n-replies-daily')).toBeChecked();
  await expect(page.locator('#n-updates-now')).toBeChecked();
  await expect(page.locator('#n-desk_new-now')).toHaveCount(0);
  await page.fill('#f-email', address);
  await page.locator('form[action="/api/set_email"] button').click();
  const link = (await mailTo(address)).match(/\/email\/confirm\?token=[0-9a-f]{64}/)![0];
  await open(page, link);
  await page.click('main form button.primary');
  await expect(page.locator('.notice[role="status"]')).toBeFocused();

  // Replies at once, official steps only on the site.
  await open(page, '/settings');
  await page.check('#n-replies-now');
  await page.check('#n-updates-site');
  await choices.locator('button.primary').click();
  await expect(page.locator('#notify .notice[role="status"]')).toBeFocused();
  await expect(page.locator('#notify .notice[role="status"]')).toHaveText('Pilihan pemberitahuan disimpan.');
  await expect(page.locator('#n-replies-now')).toBeChecked();
  await expect(page.locator('#n-updates-site')).toBeChecked();

  // A thread of theirs gets a reply: an email at once, with its own way out.
  const title = `Got mampet ${info.project.name} ${Date.now()}`;
  await open(page, '/new');
  await page.waitForLoadState('networkidle');
  await pickArea(page, 'area_id', 'dauh', 'Dauh Puri');
  await page.fill('#f-title', title);
  await choose(page, '#f-category_id', 'Infrastruktur');
  await page.fill('#f-body', 'Setiap hujan air meluap ke jalan.');
  await page.click('main form .buttons button.primary');
  await expect(page.locator('h1')).toHaveText(title);
  const thread = new URL(page.url()).pathname;
  await signOut(page);
  await signIn(page, 'warga.denpasar');
  await open(page, thread);
  await page.fill('#f-body', 'Saya juga melihatnya kemarin.');
  await page.click('section.reply button.primary');
  await expect(page.locator('article#r1')).toBeVisible();
  await signOut(page);

  const mail = await mailTo(address, 1);
  expect(mail).toContain(title);
  expect(mail).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  const stop = mail.match(/\/unsubscribe\?u=\d+&k=replies&s=[0-9a-f]{32}/)![0];
  // A changed link is refused in plain words; the real one asks first.
  await open(page, stop.slice(0, -1) + (stop.endsWith('0') ? '1' : '0'));
  await expect(page.locator('main')).toContainText('Tautan ini tidak utuh');
  await open(page, stop);
  await expect(page.locator('main')).toContainText('Balasan untuk tulisan saya');
  await page.click('main form button.primary');
  await expect(page.locator('.notice[role="status"]')).toBeFocused();
  await expect(page.locator('.notice[role="status"]')).toContainText('email tentang hal ini tidak dikirim lagi');
  await signIn(page, user, 'uji-coba-123');
  await open(page, '/settings');
  await expect(page.locator('#n-replies-site')).toBeChecked();
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});
