import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { DomainError } from '@houston/domain';
import { HealthModule } from '../health/health.module';
import { captureLogs } from '../test-support/log-capture';
import { createHttpApp } from './create-http-app';
import { createLeanRouter } from './lean-router';
import { listen } from './listen';

@Module({ imports: [HealthModule.register()] })
class ProbeModule {}

async function startSplitServer() {
  const { logger } = captureLogs('silent');
  const lean = createLeanRouter({ prefixes: ['/hot/'], logger, bodyLimitBytes: 1024 });
  const app = await createHttpApp(ProbeModule, { logger, serverFactory: lean.serverFactory });
  lean.fastify.get('/hot/:name', (request, reply) => {
    const { name } = request.params as { name: string };
    if (name === 'missing') throw new DomainError('NOT_FOUND', 'no such thing');
    if (name === 'broken') throw new Error('database exploded');
    void reply.header('content-type', 'text/plain').send(`hello ${name}`);
  });
  await lean.ready();
  const { url } = await listen(app, 0, '127.0.0.1');
  return {
    url,
    async close() {
      await app.close();
      await lean.close();
    },
  };
}

describe('createLeanRouter', () => {
  it('serves its prefixes without the app hooks, and everything else through Nest, on one port', async () => {
    const server = await startSplitServer();
    try {
      const hot = await fetch(`${server.url}/hot/world`);
      expect(hot.status).toBe(200);
      expect(await hot.text()).toBe('hello world');
      expect(hot.headers.get('x-request-id')).toBeNull();

      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(health.headers.get('x-request-id')).toMatch(/.+/);
    } finally {
      await server.close();
    }
  });

  it('answers errors and unknown paths under its prefixes with the usual problem body', async () => {
    const server = await startSplitServer();
    try {
      const missing = await fetch(`${server.url}/hot/missing`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
        message: 'no such thing',
      });

      const unknown = await fetch(`${server.url}/hot/a/b/c`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND', path: '/hot/a/b/c' });

      const broken = await fetch(`${server.url}/hot/broken`);
      expect(broken.status).toBe(500);
      const body = (await broken.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ code: 'INTERNAL', message: 'Internal server error' });
      expect(JSON.stringify(body)).not.toContain('exploded');
    } finally {
      await server.close();
    }
  });
});
