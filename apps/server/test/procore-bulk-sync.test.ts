import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs } from './support/sign-in.ts';

// Procore connection, "done when": 10,000 vendor upserts against the simulator with tight limits complete with zero
// lost records and no 429 retry storm. The limits are tight enough (5 calls per 10 s) that the run must
// wait for the window twice; the client-side limiter does that waiting, so Procore never says 429.
// The database is not the subject here, so this runs on the embedded default only.
describe('10,000 vendor upserts under tight Procore rate limits', () => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  beforeAll(async () => {
    setup = await startProcoreTestSetup('pglite', {
      simulator: { rateLimits: { hourly: 60, tenSecond: 5 } },
      env: { PROCORE_RATE_LIMIT_HOURLY: '60', PROCORE_RATE_LIMIT_10S: '5' },
    });
    companyId = (await createCompany(setup.testDb.database, { procoreCompanyId: String(setup.simulator.companyId), name: 'Bulk GC', actor: 't' })).id;
    const connected = await setup.app.inject({
      method: 'POST',
      url: `/api/companies/${companyId}/procore/service-account`,
      headers: await signInAs(setup, { companyId, roles: ['admin'] }),
    });
    expect(connected.statusCode).toBe(200);
  });
  afterAll(async () => setup?.close());

  it('loses no record and draws no 429', { timeout: 120_000 }, async () => {
    const procoreCompanyId = setup.simulator.companyId;
    const before = setup.simulator.store.vendors.list(procoreCompanyId).length;
    setup.simulator.resetStats();
    const updates = Array.from({ length: 10_000 }, (_, i) => ({
      origin_id: `qb-vendor-${i}`,
      origin_data: `edit-seq-${i}`,
      name: `Bulk Subcontractor ${String(i).padStart(5, '0')} LLC`,
    }));
    const client = await setup.app.procore.clientFor(companyId);
    const result = await client.vendors.sync(updates);

    expect(result.failures).toEqual([]);
    expect(result.succeeded).toHaveLength(10_000);
    expect(result.calls).toBe(10);
    const stats = setup.simulator.stats();
    expect(stats.rateLimited).toBe(0);
    expect(stats.byRoute['PATCH /rest/v1.0/vendors/sync']).toBe(10);
    expect(client.rateLimiter!.stats().waits).toBeGreaterThan(0);

    const vendors = setup.simulator.store.vendors.list(procoreCompanyId);
    expect(vendors.length - before).toBe(10_000);
    const origins = new Set(vendors.map((v) => v.origin_id).filter((o): o is string => typeof o === 'string' && o.startsWith('qb-vendor-')));
    expect(origins.size).toBe(10_000);
  });
});
