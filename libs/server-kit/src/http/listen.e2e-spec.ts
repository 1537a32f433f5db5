import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { captureLogs } from '../test-support/log-capture';
import { createHttpApp } from './create-http-app';
import { listen } from './listen';

@Module({ imports: [HealthModule.register()] })
class ProbeModule {}

describe('listen', () => {
  it('binds an ephemeral port on loopback and tells it', async () => {
    const app = await createHttpApp(ProbeModule, { logger: captureLogs('silent').logger });
    try {
      const { port, url } = await listen(app, 0, '127.0.0.1');
      expect(port).toBeGreaterThan(0);
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const res = await fetch(`${url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'UP' });
    } finally {
      await app.close();
    }
  });
});
