import { defineConfig } from '@playwright/test';

// The real server on a fresh SQLite database with demo data. Set
// REMBUK_E2E_URL to test a server you started yourself instead.
const port = 3100;
const external = process.env.REMBUK_E2E_URL;
const db = `/tmp/rembuk-e2e-${process.pid}.db`;
// A second server with no demo data: a new region set up from scratch
// (areas imported for one kota, a first admin from the command line).
const regionPort = 3101;
const regionDb = `/tmp/rembuk-e2e-region-${process.pid}.db`;
const bin = process.env.REMBUK_E2E_BIN || './target/debug/server';
// The demo server's email goes to an SMTP sink that writes each message as
// a JSON line here (the tests read it; see tests/helpers.ts `mailTo`).
const smtpPort = 3125;
process.env.REMBUK_E2E_MAIL = process.env.REMBUK_E2E_MAIL || `/tmp/rembuk-e2e-mail-${process.pid}.jsonl`;

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  // No retries: a test that passes only on a second try hides a race.
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: 'list',
  use: {
    baseURL: external || `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'nojs', use: { javaScriptEnabled: false } },
  ],
  webServer: external
    ? undefined
    : [{
        command: `node smtp-sink.mjs ${smtpPort} ${process.env.REMBUK_E2E_MAIL}`,
        port: smtpPort,
        reuseExistingServer: false,
        timeout: 10_000,
      },
      {
        command: `${bin} serve --demo`,
        cwd: '..',
        url: `http://127.0.0.1:${port}/healthz`,
        reuseExistingServer: false,
        timeout: 60_000,
        env: {
          DATABASE_URL: `sqlite://${db}`,
          LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
          LEPTOS_SITE_ROOT: 'target/site',
          REMBUK_SIGNIN_MAX_FAILURES: '50',
          // The suite writes far faster than a person from one address.
          REMBUK_LIMIT_POSTS: '1000',
          REMBUK_LIMIT_POSTS_NEW: '1000',
          REMBUK_LIMIT_FLAGS: '1000',
          REMBUK_LIMIT_FLAGS_NEW: '1000',
          REMBUK_LIMIT_OTHER: '1000',
          REMBUK_LIMIT_OTHER_NEW: '1000',
          REMBUK_LIMIT_SUPPORTS: '1000',
          REMBUK_LIMIT_SUPPORTS_NEW: '1000',
          REMBUK_LIMIT_REGISTRATIONS_PER_HOUR: '1000',
          REMBUK_LIMIT_DUPLICATE_SECS: '0',
          REMBUK_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          REMBUK_PUBLIC_URL: `http://127.0.0.1:${port}`,
          RUST_LOG: 'warn',
        },
      },
      {
        command: `${bin} import-areas --only 35.73 && printf 'Admin Malang\\n35.73.03.1001\\n' | ${bin} create-admin admin.malang && ${bin} serve`,
        cwd: '..',
        url: `http://127.0.0.1:${regionPort}/healthz`,
        reuseExistingServer: false,
        timeout: 60_000,
        env: {
          DATABASE_URL: `sqlite://${regionDb}`,
          LEPTOS_SITE_ADDR: `127.0.0.1:${regionPort}`,
          LEPTOS_SITE_ROOT: 'target/site',
          REMBUK_ADMIN_PASSWORD: 'admin-malang-123',
          REMBUK_LIMIT_OTHER: '1000',
          REMBUK_LIMIT_OTHER_NEW: '1000',
          REMBUK_LIMIT_REGISTRATIONS_PER_HOUR: '1000',
          REMBUK_LIMIT_DUPLICATE_SECS: '0',
          RUST_LOG: 'warn',
        },
      }],
});