// Prime contract change orders (issue 21; API-CONTRACT.md "Prime contract change orders"): paths and filters, Link
// pagination without a per_page of ours (none is documented), the contract filter checked on our side too, and
// the line value read from amount / total_amount / extended_amount.

import { afterEach, describe, expect, it } from 'vitest';
import { createProcoreClient } from './procore-client.ts';
import { primeChangeOrderLineAmount } from './resources/prime-contract-change-orders.ts';
import { createFakeClock } from './test-support/fake-clock.ts';
import { startTestServer, type RecordedRequest, type TestReply, type TestServer } from './test-support/start-test-server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function clientAnswering(handler: (request: RecordedRequest, index: number) => TestReply) {
  server = await startTestServer(handler);
  const clock = createFakeClock();
  const client = createProcoreClient({
    apiBaseUrl: server.url,
    companyId: 42,
    getAccessToken: async () => 'at-token-123456',
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
  });
  return { client, requests: server.requests };
}

/** `records` two per page, the page size chosen by the server (the client sends no per_page), with a Link header. */
function serverPaged(records: Record<string, unknown>[]) {
  return (r: RecordedRequest): TestReply => {
    const page = Number(r.url.searchParams.get('page') ?? '1');
    const last = Math.max(1, Math.ceil(records.length / 2));
    const next = new URLSearchParams(r.url.searchParams);
    next.set('page', String(page + 1));
    return {
      body: records.slice((page - 1) * 2, page * 2),
      headers: { Total: String(records.length), ...(page < last ? { Link: `<${r.url.pathname}?${next.toString()}>; rel="next"` } : {}) },
    };
  };
}

describe('primeContractChangeOrders', () => {
  it('list: GET /rest/v1.0/projects/{project_id}/prime_change_orders through every Link page, no per_page sent', async () => {
    const records = [1, 2, 3, 4, 5].map((i) => ({ id: 600 + i, contract_id: 900, status: 'approved' }));
    const { client, requests } = await clientAnswering(serverPaged(records));
    expect((await client.primeContractChangeOrders.list(7)).map((c) => c.id)).toEqual([601, 602, 603, 604, 605]);
    expect(requests.map((r) => [r.method, r.url.pathname, Object.fromEntries(r.url.searchParams)])).toEqual([
      ['GET', '/rest/v1.0/projects/7/prime_change_orders', {}],
      ['GET', '/rest/v1.0/projects/7/prime_change_orders', { page: '2' }],
      ['GET', '/rest/v1.0/projects/7/prime_change_orders', { page: '3' }],
    ]);
    expect(requests.every((r) => r.headers['procore-company-id'] === '42')).toBe(true);
  });

  it('list({ primeContractId, status }) sends filters[contract_id] / filters[status] and keeps only matching records if the filter is ignored', async () => {
    const records = [
      { id: 1, contract_id: 900, status: 'approved' },
      { id: 2, contract_id: 901, status: 'approved' },
      { id: 3, contract_id: 900, status: 'pending' },
      { id: 4, status: 'approved' },
    ];
    const { client, requests } = await clientAnswering(() => ({ body: records }));
    expect((await client.primeContractChangeOrders.list(7, { primeContractId: '900' })).map((c) => c.id)).toEqual([1, 3, 4]);
    expect((await client.primeContractChangeOrders.list(7, { primeContractId: 900, status: 'approved' })).map((c) => c.id)).toEqual([1, 4]);
    expect(requests.map((r) => Object.fromEntries(r.url.searchParams))).toEqual([
      { 'filters[contract_id]': '900' },
      { 'filters[contract_id]': '900', 'filters[status]': 'approved' },
    ]);
    await expect(client.primeContractChangeOrders.list(7, { primeContractId: '9/../1' })).rejects.toThrow(/not a Procore id/);
  });

  it('get: GET /rest/v1.0/projects/{project_id}/prime_change_orders/{id} with its line items', async () => {
    const answer = {
      id: 601,
      contract_id: 900,
      number: '001',
      status: 'approved',
      executed: true,
      grand_total: '12500.00',
      reviewed_at: '2026-11-02T15:00:00Z',
      line_items: [{ id: 1, total_amount: '12500.00', cost_code: { id: 5, full_code: '01-100' }, prime_line_item_id: 77 }],
    };
    const { client, requests } = await clientAnswering(() => ({ body: answer }));
    expect(await client.primeContractChangeOrders.get('7', 601)).toEqual(answer);
    expect(requests.map((r) => [r.method, r.url.pathname, r.url.search])).toEqual([['GET', '/rest/v1.0/projects/7/prime_change_orders/601', '']]);
    await expect(client.primeContractChangeOrders.get(7, '1?x=1')).rejects.toThrow(/not a Procore id/);
  });
});

describe('primeChangeOrderLineAmount', () => {
  it('reads amount (v2.0), else total_amount, else extended_amount (v1.0 change order schema)', () => {
    expect(primeChangeOrderLineAmount({ id: 1, amount: '1.00', total_amount: '2.00', extended_amount: '3.00' })).toBe('1.00');
    expect(primeChangeOrderLineAmount({ id: 1, amount: null, total_amount: '2.00', extended_amount: '3.00' })).toBe('2.00');
    expect(primeChangeOrderLineAmount({ id: 1, extended_amount: '-3.00' })).toBe('-3.00');
    expect(primeChangeOrderLineAmount({ id: 1 })).toBeNull();
  });
});
