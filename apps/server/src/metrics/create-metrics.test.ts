import perfHooks, { PerformanceObserver } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetrics } from './create-metrics.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createMetrics', () => {
  it('starts the process figures at most once, however many apps the process builds (issue 19)', () => {
    // prom-client's process figures start an event-loop delay monitor and a 'gc' observer that nothing stops: one per
    // app kept every closed app's running for the life of the process (the soak's server restarts).
    const monitors = vi.spyOn(perfHooks, 'monitorEventLoopDelay');
    const observers = vi.spyOn(PerformanceObserver.prototype, 'observe');
    for (let app = 0; app < 5; app++) createMetrics();
    expect(monitors.mock.calls.length).toBeLessThanOrEqual(1);
    expect(observers.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('gives every app the process figures and counters of its own', async () => {
    const [a, b] = [createMetrics(), createMetrics()];
    a.qbwcCalls.inc({ method: 'authenticate', outcome: 'ok' });
    for (const metrics of [a, b]) {
      const text = await metrics.registry.metrics();
      for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_gc_duration_seconds']) {
        expect(text).toContain(`# TYPE ${name} `);
      }
    }
    expect((await a.qbwcCalls.get()).values.map((v) => v.value)).toEqual([1]);
    expect((await b.qbwcCalls.get()).values).toEqual([]);
  });
});
