import 'reflect-metadata';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../http/create-http-app';
import { inject } from '../test-support/inject';
import { captureLogs } from '../test-support/log-capture';
import { runHealthChecks, type HealthCheck } from './health-check';
import { HealthModule } from './health.module';
import { ReadinessState } from './readiness-state';

describe('runHealthChecks', () => {
  it('reports each check, counting false, rejections and slowness as DOWN', async () => {
    const checks: HealthCheck[] = [
      { name: 'ok', check: async () => true },
      { name: 'false', check: async () => false },
      { name: 'throws', check: async () => Promise.reject(new Error('x')) },
      {
        name: 'sync-throw',
        check: () => {
          throw new Error('y');
        },
      },
      { name: 'slow', check: () => new Promise((resolve) => setTimeout(() => resolve(true), 200)) },
    ];
    expect(await runHealthChecks(checks, 50)).toEqual({
      ok: 'UP',
      false: 'DOWN',
      throws: 'DOWN',
      'sync-throw': 'DOWN',
      slow: 'DOWN',
    });
  });
});

describe('HealthModule', () => {
  let app: NestFastifyApplication;
  let databaseUp = true;
  const readiness = new ReadinessState();

  @Module({
    imports: [
      HealthModule.register({
        readiness,
        checks: [
          { name: 'database', check: async () => databaseUp },
          { name: 'registry', check: async () => true },
        ],
      }),
    ],
  })
  class AppModule {}

  beforeAll(async () => {
    app = await createHttpApp(AppModule, { logger: captureLogs('silent').logger });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers /health with UP', async () => {
    const res = await inject(app, { method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'UP' });
  });

  it('answers /ready with UP and each check while everything answers', async () => {
    const res = await inject(app, { method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ status: 'UP', checks: { database: 'UP', registry: 'UP' } });
  });

  it('answers /ready with 503 when a check fails', async () => {
    databaseUp = false;
    try {
      const res = await inject(app, { method: 'GET', url: '/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'DOWN', checks: { database: 'DOWN', registry: 'UP' } });
    } finally {
      databaseUp = true;
    }
  });

  it('exports the ReadinessState it was given', () => {
    expect(app.get(ReadinessState, { strict: false })).toBe(readiness);
  });

  it('answers /ready with 503 once shutting down, while /health stays UP', async () => {
    readiness.markShuttingDown();
    const ready = await inject(app, { method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'DOWN', shuttingDown: true });
    expect((await inject(app, { method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('HealthModule without options', () => {
  it('is ready with no checks and provides its own ReadinessState', async () => {
    @Module({ imports: [HealthModule.register()] })
    class BareModule {}
    const app = await createHttpApp(BareModule, { logger: captureLogs('silent').logger });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const res = await inject(app, { method: 'GET', url: '/ready' });
      expect(res.json()).toEqual({ status: 'UP', checks: {} });
      app.get(ReadinessState, { strict: false }).markShuttingDown();
      expect((await inject(app, { method: 'GET', url: '/ready' })).statusCode).toBe(503);
    } finally {
      await app.close();
    }
  });
});
