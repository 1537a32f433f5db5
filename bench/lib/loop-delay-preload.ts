// Loaded into a Houston server with `node --import` by the hostile-input benchmark and by the
// hostile-input suites (apps/all-in-one/src/test-support/hostile-input-suite.ts): measures how
// late the server's event loop runs (perf_hooks.monitorEventLoopDelay), and the longest stretch
// of CPU its main thread spent between two turns of a 5 ms timer (the thread's own CPU time, from
// /proc/self/task/<pid>/schedstat: time spent waiting for a core under other processes' load is
// not in it). On SIGUSR2 it writes what it saw since the previous signal to the file named by
// HOUSTON_BENCH_LOOP_DELAY and starts a new window. The server code is untouched.
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const target = process.env.HOUSTON_BENCH_LOOP_DELAY;
if (target) {
  // 5 ms sampling: fine enough for a 50 ms bound, cheap enough not to disturb what it measures.
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();

  // The main thread's id is the process id; the first field of schedstat is its time on a CPU, ns.
  const schedstat = `/proc/self/task/${process.pid}/schedstat`;
  const cpuNs = () => Number(readFileSync(schedstat, 'utf8').split(' ')[0]);
  let lastCpu = cpuNs();
  let longestCpu = 0;
  // Everything the thread ran between two calls: the iterations of the loop in between (a single
  // one when it ran past 5 ms: the timer is due at its end) and this call's own read (~20 µs).
  setInterval(() => {
    const now = cpuNs();
    longestCpu = Math.max(longestCpu, now - lastCpu);
    lastCpu = now;
  }, 5).unref();

  let window = 0;
  process.on('SIGUSR2', () => {
    window++;
    const ms = (ns: number) => ns / 1e6;
    const now = cpuNs();
    writeFileSync(
      target,
      JSON.stringify({
        window,
        count: histogram.count,
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
        cpuStretchMax: ms(Math.max(longestCpu, now - lastCpu)),
      }),
    );
    histogram.reset();
    longestCpu = 0;
    lastCpu = now;
  });
}
