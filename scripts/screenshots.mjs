// `npm run docs:screenshots`: the console's main pages as PNGs under docs/screenshots, shown in
// the README. Runs the built `npm start` process on a scratch SQLite file and ephemeral ports,
// fills it with an example app through the portal's API, and photographs the pages in Debian's
// chromium (HOUSTON_CHROMIUM to use another binary). Chinese text needs a CJK font installed
// (e.g. Debian's fonts-wqy-microhei), else it shows as boxes.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'screenshots');
const ADMIN = { username: 'admin', password: 'screenshots-admin-password' };

await import(pathToFileURL(join(root, 'scripts/build.mjs')).href);

async function startHouston() {
  const dir = mkdtempSync(join(tmpdir(), 'houston-shots-'));
  const child = spawn(process.execPath, [join(root, 'dist/apps/all-in-one/src/main.js')], {
    cwd: dir,
    env: {
      ...process.env,
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      HOUSTON_PORTAL_PORT: '0',
      HOUSTON_LOG_LEVEL: 'warn',
      HOUSTON_PORTAL_ENABLED: 'true',
      HOUSTON_PORTAL_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const urls = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`houston did not start:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const portal = /portal\s+(http:\/\/\S+)/.exec(output);
      const config = /config-service \+ meta-server\s+(http:\/\/\S+)/.exec(output);
      if (portal && config && /Houston is running/.test(output)) {
        clearTimeout(timer);
        done({ portalUrl: portal[1], configUrl: config[1] });
      }
    });
    child.once('exit', (code) => fail(new Error(`houston exited with ${code}:\n${output}`)));
  });
  return {
    ...urls,
    async stop() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function portalApi(portalUrl, username, password) {
  const login = await fetch(`${portalUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = login.headers.get('set-cookie').split(';', 1)[0];
  const { csrfToken } = await login.json();
  return async (method, path, body) => {
    const response = await fetch(`${portalUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };
}

const houston = await startHouston();
const browser = await chromium.launch({
  executablePath: process.env.HOUSTON_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const api = await portalApi(houston.portalUrl, ADMIN.username, ADMIN.password);
  const NS = '/api/envs/DEV/apps/payments/clusters/default/namespaces';
  await api('POST', '/api/users', { username: 'lin', password: 'lin-long-password', displayName: 'Lin' });
  await api('POST', '/api/envs/DEV/apps', { appId: 'payments', name: 'Payments', orgId: 'finance' });
  await api('POST', '/api/envs/DEV/apps', { appId: 'checkout', name: 'Checkout', orgId: 'web' });
  await api('POST', '/api/envs/DEV/apps', { appId: 'search', name: 'Search', orgId: 'platform' });
  await api('POST', '/api/envs/DEV/apps/payments/appnamespaces', { name: 'gateway', format: 'yaml' });
  await api('PUT', `${NS}/application/items`, {
    configText:
      '# timeouts in milliseconds\nhttp.timeout = 3000\nhttp.retries = 2\ncurrency.default = EUR\nfeature.refunds = true\n',
  });
  await api('PUT', `${NS}/gateway.yaml/items`, {
    configText: 'gateway:\n  url: https://pay.example.com\n  timeout: 5s\n  regions: [eu, us]\n',
  });
  await api('POST', `${NS}/application/releases`, {
    releaseTitle: '20260105-first',
    releaseComment: 'first',
  });
  await api('POST', `${NS}/gateway.yaml/releases`, { releaseTitle: '20260105-gateway' });
  await api('PUT', `${NS}/application/items/http.timeout`, { value: '2500' });
  await api('POST', `${NS}/application/releases`, { releaseTitle: '20260106-faster' });
  await api('PUT', `${NS}/application/items/http.retries`, { value: '3', comment: 'flaky upstream' });
  await api('POST', `${NS}/application/items`, { key: 'fraud.threshold', value: '0.85' });
  await api('POST', '/api/apps/payments/roles', {
    username: 'lin',
    role: 'ReleaseNamespace',
    namespace: 'application',
  });

  await api('PUT', '/api/me/favourites/payments', {});
  await api('POST', '/api/consumers', {
    appId: 'deploy-bot',
    name: 'Deploy bot',
    ownerName: 'admin',
    rateLimit: 20,
  }).then((consumer) =>
    api('POST', `/api/consumers/${consumer.id}/grants`, { appId: 'payments', env: 'DEV' }),
  );

  mkdirSync(out, { recursive: true });
  const context = await browser.newContext({
    baseURL: houston.portalUrl,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const shot = async (name) => {
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
  };

  await page.goto('/login');
  await page.getByLabel('User name').fill(ADMIN.username);
  await shot('sign-in');
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Apps' }).waitFor();
  await page.getByRole('link', { name: 'Open payments' }).waitFor();
  await shot('apps');

  await page.goto('/search?key=http.');
  await page.getByTestId('search-results').locator('tr[data-key="http.timeout"]').waitFor();
  await shot('search');

  await page.goto('/admin/consumers');
  await page.locator('tr[data-consumer="deploy-bot"]').waitFor();
  await shot('consumers');

  await page.goto('/apps/payments?env=DEV');
  await page.getByTestId('unreleased-tag').waitFor();
  await shot('items');

  await page.getByRole('tab', { name: 'Text' }).click();
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\n= missing key');
  await page
    .getByTestId('syntax-status')
    .filter({ hasText: /^Line \d+:/ })
    .waitFor();
  await shot('text-editor');
  await page.getByRole('button', { name: 'Discard edits' }).click();

  await page.getByRole('button', { name: 'Release', exact: true }).click();
  await page.getByRole('dialog').getByTestId('diff-view').waitFor();
  await shot('release-diff');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'Release history' }).click();
  await page.getByRole('checkbox', { name: 'Compare 20260105-first' }).check();
  await page.getByRole('checkbox', { name: 'Compare 20260106-faster' }).check();
  await page.getByTestId('release-compare').waitFor();
  await shot('release-history');

  await page.goto('/apps/payments?env=DEV&ns=gateway.yaml');
  await page.getByRole('tab', { name: 'Text' }).waitFor();
  await shot('yaml-namespace');

  await page.getByTestId('language-switch').click();
  await page.goto('/apps/payments?env=DEV');
  await page.getByTestId('namespace-panel').waitFor();
  await shot('items-zh-CN');
  await page.getByTestId('language-switch').click();
} finally {
  await browser.close();
  await houston.stop();
}
