import type { INestApplication } from '@nestjs/common';
import { ReadinessState } from '../health/readiness-state';
import { captureLogs } from '../test-support/log-capture';
import { installGracefulShutdown } from './install-graceful-shutdown';

function fakeApp(close: () => Promise<void>): INestApplication {
  return { close } as unknown as INestApplication;
}

describe('installGracefulShutdown', () => {
  it('marks not ready, runs beforeClose, closes the app, then exits 0', async () => {
    const steps: string[] = [];
    const readiness = new ReadinessState();
    const exit = jest.fn((code: number) => void steps.push(`exit ${code}`));
    const shutdown = installGracefulShutdown(
      fakeApp(async () => void steps.push(`close (shutting down: ${readiness.isShuttingDown})`)),
      {
        timeoutMs: 1000,
        logger: captureLogs('silent').logger,
        readiness,
        beforeClose: async () => void steps.push(`beforeClose (shutting down: ${readiness.isShuttingDown})`),
        signals: [],
        exit,
      },
    );
    await shutdown('test');
    expect(steps).toEqual(['beforeClose (shutting down: true)', 'close (shutting down: true)', 'exit 0']);
  });

  it('marks every readiness down at once and closes only after the drain period', async () => {
    jest.useFakeTimers();
    try {
      const steps: string[] = [];
      const config = new ReadinessState();
      const admin = new ReadinessState();
      const shutdown = installGracefulShutdown(
        fakeApp(async () => void steps.push('close')),
        {
          timeoutMs: 1000,
          drainMs: 5000,
          logger: captureLogs('silent').logger,
          readiness: [config, admin],
          beforeClose: () => void steps.push('beforeClose'),
          signals: [],
          exit: (code) => void steps.push(`exit ${code}`),
        },
      );
      const done = shutdown('test');
      await jest.advanceTimersByTimeAsync(4999);
      expect([config.isShuttingDown, admin.isShuttingDown]).toEqual([true, true]);
      expect(steps).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      await done;
      expect(steps).toEqual(['beforeClose', 'close', 'exit 0']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('exits 1 when the app does not close in time', async () => {
    const logs = captureLogs('info');
    const exit = jest.fn();
    const shutdown = installGracefulShutdown(
      fakeApp(() => new Promise<void>(() => undefined)),
      {
        timeoutMs: 30,
        logger: logs.logger,
        signals: [],
        exit,
      },
    );
    await shutdown('test');
    expect(exit).toHaveBeenCalledWith(1);
    expect(logs.lines.some((l) => String(l['msg']).includes('did not close in time'))).toBe(true);
  });

  it('still closes, and exits 1, when beforeClose fails', async () => {
    const close = jest.fn(async () => undefined);
    const exit = jest.fn();
    const shutdown = installGracefulShutdown(fakeApp(close), {
      timeoutMs: 1000,
      logger: captureLogs('silent').logger,
      beforeClose: () => {
        throw new Error('nope');
      },
      signals: [],
      exit,
    });
    await shutdown('test');
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('shuts down once however often it is asked', async () => {
    const close = jest.fn(async () => undefined);
    const exit = jest.fn();
    const shutdown = installGracefulShutdown(fakeApp(close), {
      timeoutMs: 1000,
      logger: captureLogs('silent').logger,
      signals: [],
      exit,
    });
    await Promise.all([shutdown('a'), shutdown('b')]);
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('on a signal starts the shutdown, and a second signal exits at once', async () => {
    let finishClose: () => void = () => undefined;
    const closing = new Promise<void>((resolve) => (finishClose = resolve));
    const exit = jest.fn();
    const before = process.listenerCount('SIGUSR2');
    const shutdown = installGracefulShutdown(
      fakeApp(() => closing),
      {
        timeoutMs: 5000,
        logger: captureLogs('silent').logger,
        signals: ['SIGUSR2'],
        exit,
      },
    );
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(exit).toHaveBeenCalledWith(1);
    finishClose();
    await shutdown('ignored: already running');
    expect(exit).toHaveBeenLastCalledWith(0);
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });

  it('can be uninstalled without shutting down', () => {
    const before = process.listenerCount('SIGUSR2');
    const shutdown = installGracefulShutdown(
      fakeApp(async () => undefined),
      {
        timeoutMs: 10,
        logger: captureLogs('silent').logger,
        signals: ['SIGUSR2'],
        exit: jest.fn(),
      },
    );
    shutdown.uninstall();
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });
});
