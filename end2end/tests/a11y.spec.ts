import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { HtmlValidate } from 'html-validate';
import { open, signIn } from './helpers';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

const publicPages: [string, string, number][] = [
  ['home', '/', 200],
  ['area', '/area/2', 200],
  ['area-404', '/area/999999', 404],
  ['signin', '/signin', 200],
  ['register', '/register', 200],
  ['area-pick-search', '/areas/pick?to=/register&field=home_area_id&q=dauh', 200],
  ['area-pick-step', '/areas/pick?to=/proposals&field=area&at=2', 200],
  ['profile', '/u/warga.denpasar', 200],
  ['thread', '/t/1', 200],
  ['thread-404', '/t/999999', 404],
  ['search', '/search?q=puskesmas+jadwal', 200],
  ['proposals', '/proposals', 200],
  ['record', '/record', 200],
  ['proposal', '/proposals/1', 200],
  ['proposal-discussion', '/t/4', 200],
  ['proposal-404', '/proposals/999999', 404],
  ['complaints', '/complaints', 200],
  ['complaint', '/complaints/1', 200],
  ['complaint-404', '/complaints/999999', 404],
  ['dashboard', '/dashboard', 200],
  ['dashboard-area', '/dashboard?kind=year&area=1', 200],
  ['moderation-log', '/moderation/log', 200],
  ['moderation-entry-404', '/moderation/log/999999', 404],
  ['no-such-page', '/no-such-page', 404],
];
const adminPages: [string, string, number][] = [
  ['settings', '/settings', 200],
  ['admin', '/admin?q=warga', 200],
  ['admin-areas', '/admin/areas?area_id=2', 200],
  ['moderation-queue-admin', '/moderation', 200],
];

async function check(page: Page, name: string, path: string, status: number, project: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  const response = await open(page, path);
  expect(response?.status(), path).toBe(status);
  // Valid HTML as served. Leptos marks hydration points with `<!>`, which
  // browsers read as an empty comment; the validator wants it spelled out.
  const html = (await response!.text()).replaceAll('<!>', '<!---->');
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

const memberPages: [string, string, string, number][] = [
  ['new-thread', 'warga.walesi', '/new', 200],
  ['thread-signed-in', 'warga.walesi', '/t/1?reply_to=2', 200],
  ['edit-post', 'warga.walesi', '/p/1/edit', 200],
  ['new-complaint', 'warga.walesi', '/complaints/new', 200],
  ['my-complaints', 'warga.walesi', '/complaints?scope=mine', 200],
  ['complaint-officer', 'petugas.dinkes.jayawijaya', '/complaints/1', 200],
  ['dashboard-officer', 'petugas.dinkes.jayawijaya', '/dashboard', 200],
  ['notifications', 'warga.walesi', '/notifications', 200],
  ['new-proposal', 'warga.walesi', '/proposals/new', 200],
  ['desk', 'petugas.pupr.denpasar', '/desk', 200],
  ['proposal-officer', 'petugas.pupr.denpasar', '/proposals/1?template=1', 200],
  ['proposal-resident', 'moderator.walesi', '/proposals/2', 200],
  ['revisions', 'moderator.walesi', '/p/1/revisions', 200],
  ['moderation-queue', 'moderator.walesi', '/moderation', 200],
  ['thread-moderator', 'moderator.walesi', '/t/1', 200],
  ['profile-moderator', 'moderator.walesi', '/u/warga.walesi', 200],
];

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
