import { afterEach, describe, expect, it } from 'vitest';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

describe('fault injection', () => {
  it('failNext answers 503 with Retry-After for matching paths only, then recovers', async () => {
    t = await startTestSimulator();
    t.sim.faults.failNext(2, { retryAfterSeconds: 7, path: /\/vendors/ });
    const vendors = `/rest/v1.0/companies/${t.companyId}/vendors`;
    expect((await t.api('/rest/v1.0/me', { companyId: null })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await t.api(vendors);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
    }
    expect((await t.api(vendors)).status).toBe(200);
    t.sim.faults.failNext(1, { status: 500 });
    expect((await t.api('/rest/v1.0/me', { companyId: null })).status).toBe(500);
    expect(t.sim.stats().byStatus).toMatchObject({ '503': 2, '500': 1 });
  });

  it('dropConnectionNext destroys the socket without an answer', async () => {
    t = await startTestSimulator();
    t.sim.faults.dropConnectionNext(1, { path: /vendors\/sync/ });
    await expect(t.api('/rest/v1.0/vendors/sync', { method: 'PATCH', json: { company_id: t.companyId, updates: [] } })).rejects.toThrow();
    const after = await t.api('/rest/v1.0/vendors/sync', { method: 'PATCH', json: { company_id: t.companyId, updates: [] } });
    expect(after.status).toBe(200);
  });

  it('delayNext holds the answer back', async () => {
    t = await startTestSimulator();
    t.sim.faults.delayNext(1, 250);
    // A lower bound only: a timer never fires early, however busy the machine (an upper bound would).
    const started = performance.now();
    expect((await t.api('/rest/v1.0/me', { companyId: null })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    // The one delay was used up: nothing is left to hold the next answer back.
    expect(t.sim.faults.takeDelay('/rest/v1.0/me')).toBe(0);
  });

  it('stats count requests by route template', async () => {
    t = await startTestSimulator();
    const project = t.sim.store.projects.list(t.companyId)[0];
    await t.api(`/rest/v1.0/projects/${project?.id}?company_id=${t.companyId}`);
    await t.api(`/rest/v1.0/projects/${project?.id}?company_id=${t.companyId}`);
    await t.api('/rest/v1.0/me', { token: 'bad' });
    const stats = t.sim.stats();
    expect(stats.totalRequests).toBe(3);
    expect(stats.byRoute).toEqual({ 'GET /rest/v1.0/projects/{id}': 2, 'GET /rest/v1.0/me': 1 });
    expect(stats.unauthorized).toBe(1);
    t.sim.resetStats();
    expect(t.sim.stats().totalRequests).toBe(0);
  });
});
