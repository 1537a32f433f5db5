// Loaded into a Houston server with `node --import` by the hostile-input benchmark: measures how
// late the server's event loop runs (perf_hooks.monitorEventLoopDelay). On SIGUSR2 it writes the
// delays seen since the previous signal to the file named by HOUSTON_BENCH_LOOP_DELAY and starts
// a new window. The server code is untouched.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const target = process.env.HOUSTON_BENCH_LOOP_DELAY;
if (target) {
  // 5 ms sampling: fine enough for a 50 ms bound, cheap enough not to disturb what it measures.
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let window = 0;
  process.on('SIGUSR2', () => {
    window++;
    const ms = (ns: number) => ns / 1e6;
    writeFileSync(
      target,
      JSON.stringify({
        window,
        count: histogram.count,
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
      }),
    );
    histogram.reset();
  });
}
