import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import { DEFAULT_PROCESSING_TIME } from './simulator/processing-time.ts';
import { makeHarness } from './test-support/simulator-fixture.ts';

const company = () =>
  generateCompanyFile({ seed: 5, vendors: 12, customers: 2, jobsPerCustomer: 1, items: 4, bills: 0, purchaseOrders: 0, otherItemTypes: false });

describe("QuickBooks' processing time (per request, per returned record)", () => {
  it('is off by default: nothing waits, but requests and records are still counted', async () => {
    const waits: number[] = [];
    const h = makeHarness({ company: company(), sleep: async (ms) => void waits.push(ms) });
    await h.send('<VendorQueryRq requestID="1"/><ClassQueryRq requestID="2"/>');
    expect(waits).toEqual([]);
    expect(h.sim.processingTotals).toMatchObject({ messages: 1, requests: 2, modelledMs: 0 });
    expect(h.sim.processingTotals.records).toBeGreaterThanOrEqual(12);
  });

  it('when on, each message costs perRequestMs per request plus perRecordMs per returned Ret, spent through the injected sleep', async () => {
    const waits: number[] = [];
    const h = makeHarness({ company: company(), processingTime: { perRequestMs: 100, perRecordMs: 2 }, sleep: async (ms) => void waits.push(ms) });
    await h.send(
      '<VendorQueryRq requestID="1"><MaxReturned>5</MaxReturned></VendorQueryRq><VendorQueryRq requestID="2"><MaxReturned>3</MaxReturned></VendorQueryRq>',
    );
    await h.send('<VendorAddRq><VendorAdd><Name>Birch &amp; Sons</Name></VendorAdd></VendorAddRq>');
    // 2 requests + 8 vendors; then 1 request + the added vendor.
    expect(waits).toEqual([2 * 100 + 8 * 2, 100 + 2]);
    expect(h.sim.processingTotals).toEqual({ messages: 2, requests: 3, records: 9, modelledMs: 318 });
  });

  it('can be switched on and off on a running simulator; the default model is the documented one', async () => {
    const waits: number[] = [];
    const h = makeHarness({ company: company(), sleep: async (ms) => void waits.push(ms) });
    h.sim.setOptions({ processingTime: DEFAULT_PROCESSING_TIME });
    await h.send('<ClassQueryRq/>');
    h.sim.setOptions({ processingTime: undefined });
    await h.send('<ClassQueryRq/>');
    expect(DEFAULT_PROCESSING_TIME).toEqual({ perRequestMs: 250, perRecordMs: 6 });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBe(250 + 6 * h.sim.company.classes.length);
  });
});
