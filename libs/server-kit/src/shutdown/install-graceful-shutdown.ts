import type { ReadinessState } from '../health/readiness-state';
import { pinoOf, type AnyHoustonLogger } from '../logging/pino-of';

/** A Nest application, or anything that stops a set of servers in order. */
export interface Closable {
  close(): Promise<unknown>;
}

export interface GracefulShutdownOptions {
  /** Longest wait for `app.close()`; past it the process exits with 1. */
  timeoutMs: number;
  logger: AnyHoustonLogger;
  /** Turned DOWN (503 on /ready) as soon as the shutdown starts. */
  readiness?: ReadinessState | readonly ReadinessState[];
  /**
   * How long to keep serving after readiness is down and before `beforeClose` and the close:
   * load balancers and Kubernetes stop sending new requests only after they see /ready fail.
   */
  drainMs?: number;
  /** Runs after readiness is down and before the server closes: release held long polls here. */
  beforeClose?: () => Promise<void> | void;
  signals?: readonly NodeJS.Signals[];
  /** `process.exit` unless given (tests pass a stub). */
  exit?: (code: number) => void;
}

export interface ShutdownHandle {
  /** Starts the shutdown (once; later calls share the first). */
  (reason: string): Promise<void>;
  /** Removes the signal listeners without shutting down. */
  uninstall(): void;
}

/**
 * First signal: readiness goes DOWN, `beforeClose` runs, then `app.close()` within `timeoutMs`,
 * then exit 0 (1 when anything failed or timed out). A second signal exits at once with 1, for an
 * operator who does not want to wait.
 */
export function installGracefulShutdown(app: Closable, options: GracefulShutdownOptions): ShutdownHandle {
  const logger = pinoOf(options.logger);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let running: Promise<void> | undefined;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (running) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      exit(1);
      return;
    }
    void shutdown(signal);
  };

  const uninstall = (): void => {
    for (const signal of signals) process.removeListener(signal, onSignal);
  };

  const run = async (reason: string): Promise<void> => {
    logger.info({ reason, timeoutMs: options.timeoutMs, drainMs: options.drainMs ?? 0 }, 'shutting down');
    const readiness = options.readiness;
    for (const state of readiness === undefined ? [] : Array.isArray(readiness) ? readiness : [readiness]) {
      (state as ReadinessState).markShuttingDown();
    }
    if ((options.drainMs ?? 0) > 0) {
      // Everything is still served meanwhile: held long polls, reads, writes.
      await new Promise((resolve) => setTimeout(resolve, options.drainMs));
      logger.info({ drainMs: options.drainMs }, 'drain period over: closing');
    }
    let code = 0;
    try {
      await options.beforeClose?.();
    } catch (error) {
      logger.error({ err: error }, 'shutdown step before close failed; closing anyway');
      code = 1;
    }
    const outcome = await closeWithin(app, options.timeoutMs);
    if (outcome === 'timeout') {
      logger.error({ timeoutMs: options.timeoutMs }, 'server did not close in time: exiting');
      code = 1;
    } else if (outcome !== 'closed') {
      logger.error({ err: outcome.error }, 'closing the server failed');
      code = 1;
    } else {
      logger.info({ reason }, 'stopped');
    }
    uninstall();
    exit(code);
  };

  const shutdown = ((reason: string): Promise<void> => {
    running ??= run(reason);
    return running;
  }) as ShutdownHandle;
  shutdown.uninstall = uninstall;

  for (const signal of signals) process.on(signal, onSignal);
  return shutdown;
}

async function closeWithin(
  app: Closable,
  timeoutMs: number,
): Promise<'closed' | 'timeout' | { error: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([
      app.close().then(
        () => 'closed' as const,
        (error: unknown) => ({ error }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
