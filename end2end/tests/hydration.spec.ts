import { test, expect, Page } from '@playwright/test';
import { signIn } from './helpers';

// Issue 20: a page with JavaScript on must start every time. 300 loads of
// the main pages (signed out and in, with and without a part that runs in
// the browser); any console error, uncaught exception or
// Content-Security-Policy violation fails, as does a page whose boot script
// never finishes (`<html data-hydrated>`).
const visitor = [
  '/', '/area/2', '/area/2?sub=1', '/signin', '/register', '/t/1', '/proposals', '/proposals/1',
  '/record', '/complaints', '/complaints/1', '/dashboard', '/moderation/log', '/u/warga.denpasar',
  '/search?q=puskesmas', '/areas/pick?to=/register&field=home_area_id&q=dauh',
];
const resident = ['/new', '/t/1?reply_to=2', '/complaints/new', '/proposals/new', '/settings', '/notifications', '/', '/proposals/2'];
const ROUNDS = 10; // (16 + 8 + 6 not found) × 10 = 300 loads
const missing = ['/no-such-page', '/t/999999', '/proposals/999999', '/complaints/999999', '/area/999999', '/moderation/log/999999'];

async function load(page: Page, path: string, problems: string[], status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await expect(page.locator('html'), `${path} started`).toHaveAttribute('data-hydrated', '', { timeout: 15_000 });
  expect(problems, `on ${path}`).toEqual([]);
}

function watch(page: Page, ignore404 = false) {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (ignore404 && m.text().includes('404')) return;
    problems.push(`console: ${m.text()}`);
  });
  return problems;
}

test.describe('every load starts', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'needs JavaScript');
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
  });

  test('as a visitor', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watch(page);
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of visitor) await load(page, path, problems);
    }
  });

  test('signed in', async ({ page }) => {
    test.setTimeout(300_000);
    await signIn(page, 'warga.walesi');
    const problems = watch(page);
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of resident) await load(page, path, problems);
    }
  });

  test('pages not found', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watch(page, true);
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of missing) await load(page, path, problems, 404);
    }
  });
});
