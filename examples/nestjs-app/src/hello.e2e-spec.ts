import { ConsoleLogger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { adminAuth, startHoustonProcess, type HoustonProcess } from '@houston/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './create-app';

/**
 * The example against a real Houston process: a release made through the admin API changes what
 * GET /hello answers and the app's log level, with no restart.
 */
const APP = 'nestjs-example';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;

describe('the NestJS example app on a real Houston', () => {
  let houston: HoustonProcess;
  let app: NestFastifyApplication;
  let logger: ConsoleLogger;
  let dir: string;

  const admin = async (method: string, path: string, body: unknown) => {
    const response = await fetch(houston.adminUrl + path, {
      method,
      headers: { 'content-type': 'application/json', 'x-operator': 'example-e2e', ...adminAuth() },
      body: JSON.stringify(body),
    });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  };
  const get = async (path: string) => (await app.inject({ method: 'GET', url: path })).json();
  const until = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-example-'));
    // Short hold and shutdown limits: the server waits for a held poll whose client went away.
    houston = await startHoustonProcess({
      HOUSTON_LONG_POLL_TIMEOUT: '3s',
      HOUSTON_SCAN_INTERVAL: '200ms',
      HOUSTON_SHUTDOWN_TIMEOUT: '3s',
    });
    await admin('POST', '/apps', { appId: APP, name: 'NestJS example' });
    await admin('POST', `${NS}/items`, { key: 'log.level', value: 'log' });
    await admin('POST', `${NS}/items`, { key: 'feature.greeting', value: 'off' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'first' });

    logger = new ConsoleLogger();
    logger.setLogLevels(['error']); // quiet until the app applies log.level
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    app = await createApp({ appId: APP, metaServerUrl: houston.configUrl, cacheDir: dir }, logger);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await houston?.stop();
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  }, 20_000);

  it('answers with the released configuration', async () => {
    expect(await get('/hello')).toEqual({ message: 'hello' });
    expect(await get('/log-level')).toEqual({ level: 'log' });
    expect(logger.isLevelEnabled('log')).toBe(true);
    expect(logger.isLevelEnabled('debug')).toBe(false);
  });

  it('switches the greeting and the log level when a release is published', async () => {
    await admin('PUT', `${NS}/items/feature.greeting`, { value: 'on' });
    await admin('PUT', `${NS}/items/log.level`, { value: 'debug' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'greet and debug' });
    await until(async () => (await get('/hello')).message === 'Hello from Houston!');
    await until(async () => (await get('/log-level')).level === 'debug');
    expect(logger.isLevelEnabled('debug')).toBe(true);

    await admin('PUT', `${NS}/items/log.level`, { value: 'warn' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'quiet' });
    await until(async () => (await get('/log-level')).level === 'warn');
    expect(logger.isLevelEnabled('log')).toBe(false);
    expect(logger.isLevelEnabled('warn')).toBe(true);
    expect(await get('/hello')).toEqual({ message: 'Hello from Houston!' });
  }, 30_000);
});
