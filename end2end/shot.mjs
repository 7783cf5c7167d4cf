import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const lang of ['id', 'en']) {
  const ctx = await b.newContext({ viewport: { width: 360, height: 740 } });
  await ctx.addCookies([{ name: 'rembuk_lang', value: lang, url: 'http://127.0.0.1:3300' }]);
  const p = await ctx.newPage();
  for (const [name, path] of [['home', '/'], ['area', '/area/' + process.argv[2]]]) {
    await p.goto('http://127.0.0.1:3300' + path);
    await p.screenshot({ path: `/tmp/${name}-${lang}.png`, fullPage: false });
  }
  await ctx.close();
}
await b.close();
