import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:3300';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const lang of ['id', 'en']) {
  for (const js of [true, false]) {
    const ctx = await b.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: js });
    await ctx.addCookies([{ name: 'rembuk_lang', value: lang, url: base }]);
    const p = await ctx.newPage();
    const tag = `${lang}-${js ? 'js' : 'nojs'}`;
    await p.goto(base + '/');
    await p.screenshot({ path: `/tmp/s-home-${tag}.png` });
    if (!js) { await ctx.close(); continue; }
    await p.goto(base + '/dashboard');
    await p.screenshot({ path: `/tmp/s-dash-${tag}.png`, fullPage: true });
    await p.goto(base + '/search?scope=complaints&q=lampu');
    await p.screenshot({ path: `/tmp/s-search-${tag}.png` });
    // sign in as resident
    await p.goto(base + '/signin');
    await p.fill('#f-username', 'warga.denpasar');
    await p.fill('#f-password', 'rembuk-demo');
    await p.click('form button.primary');
    await p.waitForLoadState('networkidle');
    await p.goto(base + '/proposals?scope=mine');
    await p.screenshot({ path: `/tmp/s-mine-${tag}.png` });
    await ctx.close();
  }
}
await b.close();
