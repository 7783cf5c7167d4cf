import { expect, Page, TestInfo } from '@playwright/test';

export const DEMO_PASSWORD = 'rembuk-demo';

/** Opens a page and, with JavaScript on, waits until the wasm has hydrated it. */
export async function open(page: Page, path: string) {
  const response = await page.goto(path);
  await page.waitForLoadState('networkidle');
  return response;
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await open(page, '/signin');
  await page.fill('#f-username', username);
  await page.fill('#f-password', password);
  await page.click('form button.primary');
  await expect(page.locator('header a.me')).toBeVisible();
}

export async function signOut(page: Page) {
  await page.click('header button.link');
  await expect(page.locator('header a[href="/signin"]')).toBeVisible();
}

/** A username unique to this run and project (3–32 of a-z 0-9 . _ -). */
export function uniqueName(info: TestInfo, prefix = 'e2e') {
  return `${prefix}${Date.now().toString(36)}${info.project.name}`;
}

/** Every console error and uncaught exception of the page, for hydration checks. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Chooses the option of a `<select>` whose text contains `text`. */
export async function choose(page: Page, select: string, text: string) {
  const value = await page.locator(`${select} option`, { hasText: text }).first().getAttribute('value');
  await page.selectOption(select, value ?? '');
}

/**
 * Chooses an area in the picker of field `name`. With JavaScript: types
 * `query` and takes the match containing `text`. Without: follows "Ganti
 * wilayah" to the picker page, searches there and chooses, which brings the
 * form back. Pick the area before typing other fields: without JavaScript
 * the picker is another page.
 */
export async function pickArea(page: Page, name: string, query: string, text: string) {
  if (await page.locator(`#f-${name}-q`).isVisible()) {
    await page.fill(`#f-${name}-q`, query);
    await page.locator(`#f-${name}-list button`, { hasText: text }).first().click();
  } else {
    await page.locator(`fieldset.picker:has(#f-${name}) .picker-links a`).first().click();
    await page.fill('#pick-q', query);
    await page.click('form.search button[type="submit"]');
    await page.locator('#results-h + ul li', { hasText: text }).first().locator('a.button').click();
    await page.waitForLoadState('networkidle');
  }
  await expect(page.locator(`#f-${name}`)).toContainText(text);
}

/** The newest email sent to `address` (waits up to 15 s for it). */
export async function mailTo(address: string, after = 0): Promise<string> {
  const fs = await import('node:fs');
  const file = process.env.REMBUK_E2E_MAIL!;
  for (let i = 0; i < 150; i++) {
    const found = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l)
      .map((l) => JSON.parse(l) as { to: string[]; text: string })
      .filter((m) => m.to.includes(address));
    if (found.length > after) return found[found.length - 1].text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${address}`);
}
