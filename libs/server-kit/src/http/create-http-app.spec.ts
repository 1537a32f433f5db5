import 'reflect-metadata';
import { Controller, Get, Module, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiOperation } from '@nestjs/swagger';
import { DomainError } from '@houston/domain';
import { HealthModule } from '../health/health.module';
import { inject } from '../test-support/inject';
import { captureLogs } from '../test-support/log-capture';
import { createHttpApp, OPENAPI_PATH } from './create-http-app';

@Controller('things')
class ThingsController {
  @Get()
  @ApiOperation({ operationId: 'listThings' })
  list(@Query('fail') fail?: string): string[] {
    if (fail === 'client') throw new DomainError('FORBIDDEN', 'no');
    if (fail === 'server') throw new Error('bug');
    return ['a'];
  }
}

@Module({ imports: [HealthModule.register()], controllers: [ThingsController] })
class ThingsModule {}

describe('createHttpApp', () => {
  let app: NestFastifyApplication;
  const logs = captureLogs('debug');

  beforeAll(async () => {
    app = await createHttpApp(ThingsModule, {
      logger: logs.logger,
      openApi: { title: 'Things', version: '1.2.3', description: 'Test API' },
      requestLogging: { ignorePaths: ['/health'] },
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('routes the framework logs through pino (read before other tests clear the capture)', () => {
    expect(logs.lines.some((l) => l['context'] === 'RouterExplorer' && l['level'] === 'debug')).toBe(true);
  });

  it('echoes a valid incoming request id and makes one otherwise', async () => {
    const kept = await inject(app, {
      method: 'GET',
      url: '/things',
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(kept.headers['x-request-id']).toBe('trace-42');
    const made = await inject(app, { method: 'GET', url: '/things', headers: { 'x-request-id': 'bad id!' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id on error responses too', async () => {
    const res = await inject(app, { method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'r-404' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe('r-404');
    expect(res.json().requestId).toBe('r-404');
  });

  it('logs each response at a level by status, skipping ignored paths', async () => {
    logs.lines.length = 0;
    await inject(app, { method: 'GET', url: '/things', headers: { 'x-request-id': 'ok-1' } });
    await inject(app, { method: 'GET', url: '/things?fail=client', headers: { 'x-request-id': 'client-1' } });
    await inject(app, { method: 'GET', url: '/things?fail=server', headers: { 'x-request-id': 'server-1' } });
    await inject(app, { method: 'GET', url: '/health', headers: { 'x-request-id': 'probe-1' } });
    const requests = logs.lines.filter((l) => 'status' in l && 'ms' in l);
    expect(requests.map((l) => [l['level'], l['status'], l['requestId'], l['method']])).toEqual([
      ['debug', 200, 'ok-1', 'GET'],
      ['info', 403, 'client-1', 'GET'],
      ['error', 500, 'server-1', 'GET'],
    ]);
    expect(requests[1]!['url']).toBe('/things?fail=client');
    expect(typeof requests[0]!['ms']).toBe('number');
  });

  it('serves the OpenAPI document', async () => {
    const res = await inject(app, { method: 'GET', url: OPENAPI_PATH });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'Things', version: '1.2.3', description: 'Test API' });
    expect(doc.paths['/things'].get.operationId).toBe('listThings');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
  });
});

describe('createHttpApp without OpenAPI', () => {
  it('does not serve /openapi.json', async () => {
    const app = await createHttpApp(ThingsModule, { logger: captureLogs('silent').logger });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      expect((await inject(app, { method: 'GET', url: OPENAPI_PATH })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
