import { Registry, collectDefaultMetrics } from 'prom-client';

let shared: Registry | undefined;

/**
 * prom-client's process figures (resident memory, CPU, event-loop delay, GC, heap), collected once per process and
 * shared by every app's registry (create-metrics.ts).
 *
 * Why once: collectDefaultMetrics starts work that nothing can stop — an event-loop delay monitor enabled at 10 ms
 * (prom-client lib/metrics/eventLoopLag.js: monitorEventLoopDelay().enable(), never disabled) and a 'gc'
 * PerformanceObserver (lib/metrics/gc.js: observe(), never disconnected) that runs a callback for every garbage
 * collection. Called per app, every app ever built in the process kept both alive after app.close(). In the soak, which
 * restarts its server about once per history, one worker's CPU per history grew from ~0.95 to ~1.3 s over 1,000
 * histories (1,123 monitors and observers left running, 414 MB of their native histograms; a fresh worker was fast
 * again; issue 19). The figures describe the process, not an app, so one set is
 * also what they mean.
 */
export function collectProcessMetrics(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
