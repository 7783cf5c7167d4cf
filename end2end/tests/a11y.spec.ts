import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { HtmlValidate } from 'html-validate';
import { open, signIn } from './helpers';
import { adminPages, memberPages, publicPages } from './pages';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });


async function check(page: Page, name: string, path: string, status: number, project: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  const response = await open(page, path);
  expect(response?.status(), path).toBe(status);
  // Valid HTML as served (the Nu checker reads them too: valid-html.spec.ts).
  const html = await response!.text();
  const report = await validator.validateString(html);
  const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));
  expect(problems, `HTML of ${path}`).toEqual([]);
  await page.screenshot({ path: `screenshots/${project}-${name}.png`, fullPage: true });
  // axe runs inside the page, so it needs JavaScript; the HTML it checks is
  // the server's, hydrated.
  if (project === 'nojs') return;
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(bad, `axe on ${path}`).toEqual([]);
}

for (const [name, path, status] of publicPages) {
  test(`accessible: ${name}`, async ({ page }, info) => {
    await check(page, name, path, status, info.project.name);
  });
}


for (const [name, user, path, status] of memberPages) {
  test(`accessible when signed in: ${name}`, async ({ page }, info) => {
    await signIn(page, user);
    await check(page, name, path, status, info.project.name);
  });
}

for (const [name, path, status] of adminPages) {
  test(`accessible when signed in: ${name}`, async ({ page }, info) => {
    await signIn(page, 'admin');
    await check(page, name, path, status, info.project.name);
  });
}
