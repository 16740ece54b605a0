// Preloaded into the server process by bench-read-sync.ts (node --import): the event-loop delay histogram
// (perf_hooks.monitorEventLoopDelay, issue 19 "no QBWC call blocks the event loop for more than 50 ms").
// SIGUSR2 resets it (the bench sends it just before the measured session, so start-up is not counted);
// at exit it is written to BENCH_EVENT_LOOP_FILE. Bench-only: nothing in apps/ loads this.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_EVENT_LOOP_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  process.on('SIGUSR2', () => histogram.reset());
  process.on('exit', () => {
    const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
    writeFileSync(
      file,
      JSON.stringify({
        p50Ms: ms(histogram.percentile(50)),
        p99Ms: ms(histogram.percentile(99)),
        maxMs: ms(histogram.max),
        meanMs: ms(histogram.mean),
        samples: histogram.count,
        resolutionMs: 10,
      }),
    );
  });
}
