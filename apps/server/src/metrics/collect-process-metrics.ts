import { Registry, collectDefaultMetrics } from 'prom-client';

let shared: Registry | undefined;

/**
 * prom-client's process figures (resident memory, CPU, event-loop delay, GC, heap), collected once per process and
 * shared by every app's registry (create-metrics.ts).
 *
 * Why once: collectDefaultMetrics starts work that nothing can stop — an event-loop delay monitor enabled at 10 ms
 * (prom-client lib/metrics/eventLoopLag.js: monitorEventLoopDelay().enable(), never disabled) and a 'gc'
 * PerformanceObserver (lib/metrics/gc.js: observe(), never disconnected) that runs a callback for every garbage
 * collection. Called per app, every app ever built in the process kept both alive after app.close(): the soak, which
 * restarts its server about once per history, slowed from ~0.9 to ~2.5 CPU-s per history over ~1,000 histories on one
 * worker (issue 19), and a fresh worker was fast again. The figures describe the process, not an app, so one set is
 * also what they mean.
 */
export function collectProcessMetrics(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
