import { afterEach, describe, expect, it } from 'vitest';
import { matchSyncResults, NO_RESULT_MESSAGE } from './match-sync-results.ts';
import { createProcoreClient } from './procore-client.ts';
import type { VendorSyncItem } from './resources/vendors.ts';
import { createFakeClock } from './test-support/fake-clock.ts';
import { startTestServer, type RecordedRequest, type TestReply, type TestServer } from './test-support/start-test-server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function clientWith(handler: (request: RecordedRequest, index: number) => TestReply) {
  server = await startTestServer(handler);
  const clock = createFakeClock();
  return createProcoreClient({ apiBaseUrl: server.url, companyId: 42, getAccessToken: async () => 'token-abcdef', sleep: clock.sleep, now: clock.now });
}

type Update = Record<string, unknown>;
const updatesOf = (r: RecordedRequest): Update[] => (r.json as { updates: Update[] }).updates;

describe('vendors.sync in chunks', () => {
  it('sends 2,500 items as 1000/1000/500 and maps per-item errors back to input indices', async () => {
    // Procore-like: items whose name is empty fail; items named "vanish" get no result at all; entities
    // come back in reverse order (Procore promises no order).
    const client = await clientWith((r) => {
      const entities: Update[] = [];
      const errors: Update[] = [];
      updatesOf(r).forEach((item, n) => {
        if (item['name'] === '') errors.push({ ...item, errors: { name: ["can't be blank"] } });
        else if (item['name'] !== 'vanish') entities.push({ id: item['id'] ?? 100_000 + n, name: item['name'], origin_id: item['origin_id'] ?? null });
      });
      return { body: { entities: entities.reverse(), errors } };
    });
    const updates: VendorSyncItem[] = Array.from({ length: 2500 }, (_, i) => {
      const name = i % 7 === 0 ? '' : i % 500 === 1 ? 'vanish' : `Vendor ${i}`;
      // Every 10th item updates by Procore id instead of origin_id.
      return i % 10 === 3 ? { id: 50_000 + i, name } : { origin_id: `qb-${i}`, name };
    });

    const result = await client.vendors.sync(updates);

    expect(server?.requests.map((r) => [r.method, r.url.pathname, updatesOf(r).length, (r.json as { company_id: unknown }).company_id])).toEqual([
      ['PATCH', '/rest/v1.0/vendors/sync', 1000, 42],
      ['PATCH', '/rest/v1.0/vendors/sync', 1000, 42],
      ['PATCH', '/rest/v1.0/vendors/sync', 500, 42],
    ]);
    expect(result.calls).toBe(3);
    expect(result.aborted).toBeNull();

    const blank = updates.flatMap((u, i) => (u.name === '' ? [i] : []));
    const vanished = updates.flatMap((u, i) => (u.name === 'vanish' ? [i] : []));
    expect(vanished).toEqual([1, 501, 1501, 2001]); // 1001 is a multiple of 7: a blank name
    expect(result.failures.filter((f) => f.reason === 'rejected').map((f) => f.index)).toEqual(blank);
    expect(result.failures.filter((f) => f.reason === 'missing').map((f) => f.index)).toEqual(vanished);
    expect(result.failures).toHaveLength(blank.length + vanished.length);

    const failure = result.failures.find((f) => f.index === 7);
    expect(failure).toMatchObject({ index: 7, item: { origin_id: 'qb-7', name: '' }, messages: ["name can't be blank"], fields: { name: ["can't be blank"] } });
    expect(result.failures.find((f) => f.index === 1501)).toMatchObject({ messages: [NO_RESULT_MESSAGE], fields: {}, reason: 'missing' });

    // Every other item succeeded, aligned with its own entity.
    expect(result.succeeded).toHaveLength(2500 - blank.length - vanished.length);
    expect(result.entities).toHaveLength(result.succeeded.length);
    for (const { index, item, entity } of result.succeeded) {
      expect((entity as { name: string }).name).toBe(updates[index]?.name);
      if (item.id !== undefined) expect(entity.id).toBe(item.id);
      else expect(entity.origin_id).toBe(item.origin_id);
    }
    // Every input index is accounted for exactly once.
    const seen = [...result.succeeded.map((s) => s.index), ...result.failures.map((f) => f.index)].sort((a, b) => a - b);
    expect(seen).toEqual(updates.map((_, i) => i));
  });

  it('syncChunkSize is configurable', async () => {
    const client = createProcoreClient({
      apiBaseUrl: (server = await startTestServer((r) => ({ body: { entities: updatesOf(r).map((u) => ({ id: 1, origin_id: u['origin_id'] })), errors: [] } })))
        .url,
      companyId: 42,
      getAccessToken: async () => 'token-abcdef',
      syncChunkSize: 2,
    });
    const result = await client.projects.sync([{ origin_id: 'a' }, { origin_id: 'b' }, { origin_id: 'c' }]);
    expect(server.requests.map((r) => updatesOf(r).length)).toEqual([2, 1]);
    expect(result.succeeded.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(() => createProcoreClient({ apiBaseUrl: 'http://x', companyId: 1, getAccessToken: async () => '', syncChunkSize: 1001 })).toThrow(RangeError);
  });

  it('a chunk that fails as a whole marks its items request_failed, stops, and reports the rest not_sent', async () => {
    const client = await clientWith((r, i) =>
      i === 1
        ? { status: 400, body: { errors: 'updates: too many items' } }
        : { body: { entities: updatesOf(r).map((u) => ({ id: 1, origin_id: u['origin_id'] })), errors: [] } },
    );
    const updates = Array.from({ length: 2500 }, (_, i) => ({ origin_id: `qb-${i}`, name: `V${i}` }));
    const result = await client.vendors.sync(updates);
    expect(result.calls).toBe(2);
    expect(result.aborted?.code).toBe('PROCORE_BAD_REQUEST');
    expect(result.succeeded).toHaveLength(1000);
    expect(result.failures.filter((f) => f.reason === 'request_failed').map((f) => f.index)).toEqual(Array.from({ length: 1000 }, (_, i) => 1000 + i));
    expect(result.failures.filter((f) => f.reason === 'not_sent')).toHaveLength(500);
    expect(result.failures[0]?.messages[0]).toMatch(/^the batch containing this record failed: Procore refused the request as malformed/);
    expect(result.failures.at(-1)?.messages).toEqual(['not sent: an earlier batch failed (PROCORE_BAD_REQUEST)']);
  });

  it('sends the documented base bodies', async () => {
    const client = await clientWith((r) => ({ body: { entities: updatesOf(r), errors: [] } }));
    await client.standardCostCodes.sync(12, [{ origin_id: 'i1', code: '01-100', name: 'Concrete' }]);
    await client.costCodes.sync(7, [{ origin_id: 'c1', code: '100', name: 'Concrete' }]);
    await client.directCosts.sync(7, [
      {
        origin_id: 'bill-1',
        direct_cost_type: 'invoice',
        status: 'approved',
        vendor_id: 3,
        invoice_number: 'INV-1',
        direct_cost_date: '2026-11-20',
        description: 'Bill',
        line_items: [{ cost_code_id: 5, amount: '10.00', description: 'x' }],
      },
    ]);
    expect(server?.requests.map((r) => [r.url.pathname + r.url.search, Object.keys(r.json as object)])).toEqual([
      ['/rest/v1.0/standard_cost_codes/sync', ['company_id', 'standard_cost_code_list_id', 'updates']],
      ['/rest/v1.0/cost_codes/sync', ['project_id', 'updates']],
      ['/rest/v1.0/projects/7/direct_costs/sync', ['updates']],
    ]);
    expect(server?.requests[0]?.json).toMatchObject({ company_id: 42, standard_cost_code_list_id: 12 });
    expect(server?.requests[1]?.json).toMatchObject({ project_id: 7 });
  });

  it('an empty list makes no call', async () => {
    const client = await clientWith(() => ({ body: { entities: [], errors: [] } }));
    expect(await client.vendors.sync([])).toEqual({ entities: [], succeeded: [], failures: [], calls: 0, aborted: null });
    expect(server?.requests).toHaveLength(0);
  });
});

describe('matchSyncResults', () => {
  it('items with neither id nor origin_id: echoed fields first, then position', () => {
    const items = [{ name: 'A' }, { name: '' }, { name: 'C' }, { name: 'D' }] as Array<{ name: string; id?: number; origin_id?: string }>;
    const body = {
      entities: [
        { id: 1, name: 'A' },
        { id: 3, name: 'C' },
      ],
      errors: [{ name: '', errors: { name: ["can't be blank"] } }, { errors: { base: ['Something else'] } }],
    };
    const result = matchSyncResults(items, 10, body);
    // B's error echoes its fields; A and C show up in their entities; the bare error can only be D's.
    expect(result.failures.map((f) => [f.index, f.messages])).toEqual([
      [11, ["name can't be blank"]],
      [13, ['Something else']],
    ]);
    expect(result.succeeded.map((s) => [s.index, s.entity])).toEqual([
      [10, { id: 1, name: 'A' }],
      [12, { id: 3, name: 'C' }],
    ]);
  });

  it('keyed items are matched by key, whatever the order; duplicates each take one answer', () => {
    const items = [{ origin_id: 'x' }, { id: 9 }, { origin_id: 'x' }, { origin_id: 'y', id: 4 }];
    const result = matchSyncResults(items, 0, {
      errors: [
        { origin_id: 'x', errors: { origin_id: ['has already been taken'] } },
        { id: 4, origin_id: 'y', errors: 'locked' },
      ],
      entities: [{ id: 9 }, { id: 2, origin_id: 'x' }],
    });
    expect(result.succeeded.map((s) => [s.index, s.entity])).toEqual([
      [0, { id: 2, origin_id: 'x' }],
      [1, { id: 9 }],
    ]);
    expect(result.failures.map((f) => [f.index, f.messages])).toEqual([
      [2, ['origin_id has already been taken']],
      [3, ['locked']],
    ]);
  });

  it('an unreadable answer loses nothing: every item is reported missing', () => {
    const result = matchSyncResults([{ origin_id: 'a' }, { origin_id: 'b' }], 0, '<html>oops</html>');
    expect(result.failures.map((f) => [f.index, f.reason, f.messages])).toEqual([
      [0, 'missing', [NO_RESULT_MESSAGE]],
      [1, 'missing', [NO_RESULT_MESSAGE]],
    ]);
  });
});
