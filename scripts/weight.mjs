// What each main page costs a phone: its HTML (gzip) and the script it
// loads (JavaScript and WebAssembly, brotli), read from a running server.
// Fails when a page is over budget, or loads WebAssembly without an island
// (a part of the page that runs in the browser). Usage: node weight.mjs URL SITE_DIR
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const [base, site] = process.argv.slice(2);
const HTML_BUDGET = 30 * 1024; // gzip, every page
const SCRIPT_BUDGET = 150 * 1024; // brotli, all script a page loads

const pages = [
  [null, '/'], [null, '/area/2'], [null, '/signin'], [null, '/register'],
  [null, '/areas/pick?to=/register&field=home_area_id&q=dauh'], [null, '/u/warga.denpasar'],
  [null, '/t/1'], [null, '/search?q=puskesmas+jadwal'], [null, '/proposals'], [null, '/proposals/1'],
  [null, '/record'], [null, '/complaints'], [null, '/complaints/1'], [null, '/dashboard'],
  [null, '/musrenbang/1'], [null, '/musrenbang/1/funnel'], [null, '/musrenbang/1/1/3'], [null, '/musrenbang/1/0/4'], [null, '/usulan/1'],
  [null, '/moderation/log'], [null, '/no-such-page'],
  ['warga.walesi', '/new'], ['warga.walesi', '/t/1?reply_to=2'], ['warga.walesi', '/complaints/new'],
  ['warga.walesi', '/proposals/new'], ['warga.walesi', '/settings'], ['warga.walesi', '/notifications'],
  ['petugas.pupr.denpasar', '/desk'], ['petugas.pupr.denpasar', '/proposals/1?template=1'],
  ['moderator.walesi', '/moderation'], ['admin', '/admin?q=warga'], ['admin', '/admin/areas?area_id=2'],
];

const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sizes = new Map();
function scriptBytes(path) {
  if (!sizes.has(path)) sizes.set(path, brotli(readFileSync(`${site}${path}`)));
  return sizes.get(path);
}

const cookies = new Map();
async function cookieFor(user) {
  if (!user) return '';
  if (!cookies.has(user)) {
    const r = await fetch(`${base}/api/sign_in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, referer: `${base}/signin` },
      body: new URLSearchParams({ username: user, password: 'rembuk-demo' }),
    });
    const set = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    if (!set) throw new Error(`could not sign in as ${user}: ${r.status}`);
    cookies.set(user, set);
  }
  return cookies.get(user);
}

let failed = 0;
const rows = [];
for (const [user, path] of pages) {
  const r = await fetch(`${base}${path}`, { headers: { cookie: await cookieFor(user) } });
  const html = await r.text();
  const htmlGz = gzipSync(html, { level: 6 }).length;
  const islands = (html.match(/<leptos-island /g) || []).length;
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  const loaded = [...scripts];
  // boot.js brings in the WebAssembly (and its glue) only for a page with an island.
  if (islands > 0) loaded.push('/pkg/rembuk.js', '/pkg/rembuk.wasm');
  // ...and photos.js only for a page with a photo field or a point.
  if (/data-shrink|data-locate/.test(html)) loaded.push('/photos.js');
  const script = loaded.reduce((sum, p) => sum + scriptBytes(p), 0);
  const problems = [];
  if (htmlGz > HTML_BUDGET) problems.push(`HTML over ${HTML_BUDGET} B gzip`);
  if (script > SCRIPT_BUDGET) problems.push(`script over ${SCRIPT_BUDGET} B brotli`);
  if (scripts.some((s) => s.endsWith('.wasm') || s.startsWith('/pkg/'))) problems.push('loads the bundle directly');
  if (problems.length) failed++;
  rows.push([`${user ?? '-'} ${path}`, r.status, htmlGz, islands, script, problems.join('; ') || 'ok']);
}

const pad = (v, n) => String(v).padStart(n);
console.log(`${'page'.padEnd(56)} ${pad('status', 6)} ${pad('HTML gz', 8)} ${pad('islands', 7)} ${pad('script br', 9)}  verdict`);
for (const [page, status, gz, islands, script, verdict] of rows) {
  console.log(`${page.slice(0, 56).padEnd(56)} ${pad(status, 6)} ${pad(gz, 8)} ${pad(islands, 7)} ${pad(script, 9)}  ${verdict}`);
}
console.log(`wasm ${scriptBytes('/pkg/rembuk.wasm')} B brotli, its JS ${scriptBytes('/pkg/rembuk.js')} B, boot.js ${scriptBytes('/boot.js')} B, photos.js ${scriptBytes('/photos.js')} B`);
if (failed) {
  console.log(`${failed} page(s) over budget`);
  process.exit(1);
}
