#!/usr/bin/env node
import { main } from './cli';

// The entry point binds the command to this process: real streams, environment and signals.
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  onSignal(handler) {
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
    for (const signal of signals) process.on(signal, handler);
    return () => {
      for (const signal of signals) process.off(signal, handler);
    };
  },
});
// Exit at once: a library timer left behind must not keep a finished command alive.
process.exit(code);
