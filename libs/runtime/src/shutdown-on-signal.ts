import type { LoggerService } from '@nestjs/common';

export interface SignalOptions {
  timeoutMs: number;
  logger: LoggerService;
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
}

/**
 * SIGTERM/SIGINT run `stop` once (which answers long polls and closes servers), bounded by the
 * timeout; a second signal exits at once. Returns the same trigger for programmatic use.
 */
export function stopOnSignal(stop: () => Promise<void>, options: SignalOptions): (reason: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const trigger = async (reason: string) => {
    if (stopping) {
      options.logger.warn?.({ msg: 'second signal: exiting now', reason }, 'Shutdown');
      exit(1);
      return;
    }
    stopping = true;
    options.logger.log({ msg: 'shutting down', reason, timeoutMs: options.timeoutMs }, 'Shutdown');
    const timer = setTimeout(() => {
      options.logger.error({ msg: 'shutdown timed out; exiting', timeoutMs: options.timeoutMs }, undefined, 'Shutdown');
      exit(1);
    }, options.timeoutMs);
    timer.unref();
    try {
      await stop();
      clearTimeout(timer);
      exit(0);
    } catch (error) {
      clearTimeout(timer);
      options.logger.error({ msg: 'shutdown failed', error: String(error) }, undefined, 'Shutdown');
      exit(1);
    }
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => void trigger(signal));
  }
  return trigger;
}
