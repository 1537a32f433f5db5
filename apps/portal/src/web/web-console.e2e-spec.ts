import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortalTestServer, type PortalTestServer } from '../test-support/portal-test-server';
import { findWebConsoleRoot, WEB_CONSOLE_BUILD_DIR } from './web-console';

describe('the portal serves the web console', () => {
  let portal: PortalTestServer;
  let root: string;
  const page =
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1234.js"></script>';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'houston-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), page);
    writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log("console")');
    portal = await startPortalTestServer({}, { webRoot: root });
  });
  afterAll(async () => {
    await portal?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (path: string) => fetch(`${portal.url}${path}`);

  it('answers / and every client route with the page, under a strict content policy', async () => {
    for (const path of ['/', '/login', '/apps/demo', '/apps/demo?env=DEV&cluster=default', '/admin/audit']) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(await response.text()).toBe(page);
    }
  });

  it('serves the hashed assets for a year, and a missing file is a 404, not the page', async () => {
    const asset = await get('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log("console")');
    const missing = await get('/assets/app-0000.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('never shadows the server: unknown /api paths are the API 404, and health and OpenAPI answer', async () => {
    for (const path of ['/api/nope', '/api', '/health/x', '/ready/x', '/metrics/x']) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('content-type')).toMatch(/json/);
    }
    // Apollo's Open API answers for itself (here: no token), never with the page.
    const openApi = await get('/openapi/v1/apps');
    expect(openApi.status).not.toBe(200);
    expect(openApi.headers.get('content-type')).toMatch(/json/);
    expect((await get('/health')).status).toBe(200);
    expect((await get('/openapi.json')).headers.get('content-type')).toMatch(/json/);
    expect((await get('/api/session')).status).toBe(401);
  });

  it('finds the built console upwards from the server module, and nothing where there is none', () => {
    const tree = mkdtempSync(join(tmpdir(), 'houston-tree-'));
    try {
      mkdirSync(join(tree, WEB_CONSOLE_BUILD_DIR), { recursive: true });
      writeFileSync(join(tree, WEB_CONSOLE_BUILD_DIR, 'index.html'), page);
      mkdirSync(join(tree, 'dist/apps/portal/src/web'), { recursive: true });
      expect(findWebConsoleRoot(join(tree, 'dist/apps/portal/src/web'))).toBe(
        join(tree, WEB_CONSOLE_BUILD_DIR),
      );
      rmSync(join(tree, WEB_CONSOLE_BUILD_DIR, 'index.html'));
      expect(findWebConsoleRoot(join(tree, 'dist/apps/portal/src/web'))).toBeUndefined();
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
