import { test, expect, request as playwrightRequest, APIRequestContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vnu from 'vnu-jar';
import { DEMO_PASSWORD } from './helpers';
import { adminPages, memberPages, publicPages } from './pages';

// The Nu HTML checker (the W3C's) over every main page as served: no error.
// Pages are the same with JavaScript on and off, so one project reads them.
test('the Nu HTML checker finds no error on the main pages', async ({ baseURL }, info) => {
  test.skip(info.project.name === 'nojs', 'the same pages as with JavaScript');
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'rembuk-vnu-'));
  const contexts = new Map<string, APIRequestContext>();
  async function as(user: string | null) {
    const key = user ?? '';
    if (!contexts.has(key)) {
      const context = await playwrightRequest.newContext({ baseURL });
      if (user) {
        const r = await context.post('/api/sign_in', {
          form: { username: user, password: DEMO_PASSWORD },
          headers: { origin: baseURL!, referer: `${baseURL}/signin`, accept: 'text/html' },
          maxRedirects: 0,
        });
        expect(r.status(), `sign in as ${user}`).toBeLessThan(400);
        expect(r.headers()['set-cookie'] ?? '', `sign in as ${user}`).toContain('rembuk_session=');
      }
      contexts.set(key, context);
    }
    return contexts.get(key)!;
  }
  const all: [string, string | null, string, number][] = [
    ...publicPages.map(([name, path, status]) => [name, null, path, status] as [string, null, string, number]),
    ...memberPages,
    ...adminPages.map(([name, path, status]) => [name, 'admin', path, status] as [string, string, string, number]),
  ];
  try {
    for (const [name, user, path, status] of all) {
      const r = await (await as(user)).get(path);
      expect(r.status(), path).toBe(status);
      writeFileSync(join(dir, `${name}.html`), await r.text());
    }
    const files = all.map(([name]) => join(dir, `${name}.html`));
    let report = '';
    try {
      execFileSync('java', ['-jar', vnu, '--errors-only', '--format', 'text', ...files], { stdio: 'pipe' });
    } catch (e: any) {
      report = `${e.stderr ?? ''}${e.stdout ?? ''}` || String(e);
    }
    expect(report.split('\n').filter((l) => l.trim() !== ''), 'Nu HTML checker errors').toEqual([]);
  } finally {
    for (const c of contexts.values()) await c.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
