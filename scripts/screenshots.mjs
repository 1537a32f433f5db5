// `npm run docs:screenshots`: the console's main pages as PNGs under docs/screenshots, shown in
// the README. Runs the built `npm start` process on a scratch SQLite file and ephemeral ports,
// fills it with an example app through the portal's API, and photographs the pages in Debian's
// chromium (HOUSTON_CHROMIUM to use another binary). Chinese text needs a CJK font installed
// (e.g. Debian's fonts-wqy-microhei), else it shows as boxes.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
      // Webhook signing secrets are stored encrypted; a delivery that fails is failed at once.
      HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      HOUSTON_WEBHOOK_POLL_INTERVAL: '100ms',
      HOUSTON_WEBHOOK_MAX_ATTEMPTS: '1',
      HOUSTON_WEBHOOK_TIMEOUT: '2s',
      // Client reads show up on the Instances tab and in the gray rules' choices at once.
      HOUSTON_INSTANCE_FLUSH_INTERVAL: '100ms',
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
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
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
  // A notification webhook whose receiver is down: one failed delivery.
  await api('POST', '/api/envs/DEV/apps/payments/notification-webhooks', {
    url: 'http://127.0.0.1:9/houston-events',
    secret: randomBytes(24).toString('hex'),
    events: ['release', 'rollback', 'merge', 'rollout_abort'],
  });
  await api('PUT', `${NS}/application/items/http.timeout`, { value: '2500' });
  await api('POST', `${NS}/application/releases`, { releaseTitle: '20260106-faster' });
  await api('PUT', `${NS}/application/items/http.retries`, { value: '3', comment: 'flaky upstream' });
  await api('POST', `${NS}/application/items`, { key: 'fraud.threshold', value: '0.85' });
  await api('POST', '/api/apps/payments/roles', {
    username: 'lin',
    role: 'ReleaseNamespace',
    namespace: 'application',
  });

  // A second cluster that lacks the gateway namespace.
  await api('POST', '/api/envs/DEV/apps/payments/clusters', { name: 'blue' });
  await api('DELETE', '/api/envs/DEV/apps/payments/clusters/blue/namespaces/gateway.yaml');

  // Checkout: clients on two hosts, canary and stable processes on one of them, and a gray
  // branch whose rules can be chosen from them.
  const CHECKOUT = '/api/envs/DEV/apps/checkout/clusters/default/namespaces/application';
  await api('PUT', `${CHECKOUT}/items`, { configText: 'cart.ttl = 30m\npayment.provider = adyen\n' });
  await api('POST', `${CHECKOUT}/releases`, { releaseTitle: '20260105-checkout' });
  for (const [ip, label] of [
    ['10.4.0.11', 'canary'],
    ['10.4.0.11', 'stable'],
    ['10.4.0.12', 'stable'],
    ['10.4.0.13', ''],
  ]) {
    const read = await fetch(
      `${houston.configUrl}/configs/checkout/default/application?ip=${ip}${label ? `&label=${label}` : ''}`,
    );
    if (!read.ok) throw new Error(`client read: ${read.status}`);
  }
  const branch = await api('POST', `${CHECKOUT}/branches`, {});
  await api('PUT', `${CHECKOUT}/branches/${branch.branchName}/items/payment.provider`, { value: 'stripe' });
  await api('PUT', `${CHECKOUT}/items/cart.ttl`, { value: '45m' });
  await api('POST', `${CHECKOUT}/releases`, { releaseTitle: '20260106-longer-carts' });
  await fetch(`${houston.configUrl}/configs/checkout/default/application?ip=10.4.0.12&label=stable`);
  await new Promise((settled) => setTimeout(settled, 500));

  await api('PUT', '/api/me/favourites/payments', {});
  for (const appId of ['search', 'checkout', 'payments'])
    await api('PUT', `/api/me/recent-apps/${appId}`, {});
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

  await page.goto('/apps/payments/webhooks?env=DEV');
  await page.getByTestId('webhook-deliveries').getByRole('button', { name: 'Redeliver' }).waitFor();
  await shot('webhooks');

  await page.goto('/apps/checkout?env=DEV');
  await page.getByRole('tab', { name: 'Instances' }).click();
  await page.getByText('10.4.0.13').waitFor();
  await shot('instances');
  await page.getByRole('tab', { name: 'Gray release' }).click();
  await page.getByTestId('gray-branch').waitFor();
  await page.getByLabel('Client labels').click();
  await page.locator('.ant-select-item-option').filter({ hasText: 'canary' }).waitFor();
  await shot('gray-rules');
  await page.keyboard.press('Escape');

  await page.goto('/apps/payments?env=DEV&cluster=blue');
  await page.getByTestId('missing-namespaces').waitFor();
  await shot('cluster-namespaces');

  await page.goto('/apps/payments?env=DEV&ns=gateway.yaml');
  await page.getByRole('tab', { name: 'Text' }).waitFor();
  await shot('yaml-namespace');

  await page.getByTestId('language-switch').click();
  await page.goto('/apps/payments?env=DEV');
  await page.getByTestId('namespace-panel').waitFor();
  await shot('items-zh-CN');
  await page.getByTestId('language-switch').click();

  // A progressive rollout of the unreleased changes: its plan, then where it is.
  await page.goto('/apps/payments?env=DEV');
  await page.getByRole('tab', { name: 'Rollouts' }).click();
  await page.getByRole('button', { name: 'Start rollout' }).click();
  const start = page.getByRole('dialog');
  await start.getByLabel('Release title').fill('retries and fraud threshold');
  await start.getByLabel('Silent instances allowed').fill('2');
  await start.getByLabel('HTTP check').fill('http://prometheus:9090/api/v1/query?query=payment_errors_high');
  await shot('rollout-start');
  await start.getByRole('button', { name: 'Start', exact: true }).click();
  await start.waitFor({ state: 'detached' });
  const rollout = page.getByTestId('rollout-detail');
  await rollout.getByRole('button', { name: 'Advance', exact: true }).click();
  await page.getByRole('dialog').getByLabel('Reason (optional)').fill('dashboards are green');
  await page.getByRole('dialog').getByRole('button', { name: 'Advance', exact: true }).click();
  await rollout.getByText('10 % of instances, step 2 of 3').waitFor();
  await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
  await rollout.evaluate((element) => element.scrollIntoView());
  await shot('rollout');
} finally {
  await browser.close();
  await houston.stop();
}
