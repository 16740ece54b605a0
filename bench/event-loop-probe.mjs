// Preloaded into the server process by bench-read-sync.ts (node --import): the event-loop delay histogram
// (perf_hooks.monitorEventLoopDelay, issue 19 "no QBWC call blocks the event loop for more than 50 ms").
// SIGUSR2 resets it (the bench sends it just before the measured session, so start-up is not counted);
// at exit it is written to BENCH_EVENT_LOOP_FILE. Bench-only: nothing in apps/ loads this.
//
// On a shared machine a late timer is often the scheduler's doing (the thread was runnable, not running), not a
// synchronous stretch of ours. So a 10 ms timer also reads the main thread's own CPU time (process.threadCpuUsage)
// at each tick: a stall whose CPU time is small was spent waiting for a core; the largest CPU time between two ticks
// bounds the longest stretch the server itself kept the event loop (code and its garbage collection together).
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_EVENT_LOOP_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const tickMs = 10;
  const stalls = { longestMs: 0, longestCpuMs: 0, maxCpuMs: 0, maxCpuStallMs: 0, over50: 0, cpuOver50: 0 };
  const reset = () => Object.assign(stalls, { longestMs: 0, longestCpuMs: 0, maxCpuMs: 0, maxCpuStallMs: 0, over50: 0, cpuOver50: 0 });
  let last = process.hrtime.bigint();
  let lastCpu = process.threadCpuUsage();
  setInterval(() => {
    const now = process.hrtime.bigint();
    const cpu = process.threadCpuUsage();
    const lateMs = Number(now - last) / 1e6 - tickMs;
    const cpuMs = (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000;
    last = now;
    lastCpu = cpu;
    if (lateMs > stalls.longestMs) Object.assign(stalls, { longestMs: lateMs, longestCpuMs: cpuMs });
    if (cpuMs > stalls.maxCpuMs) Object.assign(stalls, { maxCpuMs: cpuMs, maxCpuStallMs: lateMs });
    if (lateMs > 50) stalls.over50 += 1;
    if (cpuMs > 50) stalls.cpuOver50 += 1;
  }, tickMs).unref();
  process.on('SIGUSR2', () => {
    histogram.reset();
    reset();
    last = process.hrtime.bigint();
    lastCpu = process.threadCpuUsage();
  });
  process.on('exit', () => {
    const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
    const round = (x) => Math.round(x * 10) / 10;
    writeFileSync(
      file,
      JSON.stringify({
        p50Ms: ms(histogram.percentile(50)),
        p99Ms: ms(histogram.percentile(99)),
        maxMs: ms(histogram.max),
        meanMs: ms(histogram.mean),
        samples: histogram.count,
        resolutionMs: 10,
        // The longest stall of the 10 ms timer and the main thread's CPU time in it (the rest: waiting for a core).
        longestStallMs: round(stalls.longestMs),
        longestStallCpuMs: round(stalls.longestCpuMs),
        // The most CPU time the main thread spent between two ticks (how late that tick was beside it).
        maxStallCpuMs: round(stalls.maxCpuMs),
        maxStallCpuLateMs: round(stalls.maxCpuStallMs),
        stallsOver50Ms: stalls.over50,
        stallsOver50MsOnCpu: stalls.cpuOver50,
      }),
    );
  });
}
