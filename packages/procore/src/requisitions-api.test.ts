// Subcontractor invoices created from QuickBooks bills (API-CONTRACT.md "requisitions"): the create / delete /
// list-by-origin calls, their retry rules (a POST or DELETE is never resent after an ambiguous failure) and how a
// taken origin_id is recognised.

import { afterEach, describe, expect, it } from 'vitest';
import { ProcoreApiError, isOriginIdTaken } from './procore-api-error.ts';
import { createProcoreClient } from './procore-client.ts';
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

async function rejection(promise: Promise<unknown>): Promise<ProcoreApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProcoreApiError) return error;
    throw error;
  }
  throw new Error('expected a ProcoreApiError');
}

const INVOICE = {
  origin_id: '1A2B-1700000000',
  origin_data: '1700000123',
  invoice_number: 'INV-100231',
  billing_date: '2026-11-20',
  status: 'approved' as const,
  items: [
    { line_item_id: 501, work_completed_this_period: '1250.00' },
    { line_item_id: 502, work_completed_this_period: 80.5, work_completed_retainage_retained_this_period: '8.05' },
  ],
};

describe('requisitions.create', () => {
  it('POSTs /rest/v1.1/requisitions with project_id and commitment_id in the body and the invoice under `requisition`', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 201, body: { id: 77, origin_id: INVOICE.origin_id } }));
    const created = await client.requisitions.create(7, '55', INVOICE);
    expect(created).toEqual({ id: 77, origin_id: INVOICE.origin_id });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/rest/v1.1/requisitions');
    expect(request?.url.search).toBe('');
    expect(request?.headers['procore-company-id']).toBe('42');
    expect(request?.json).toEqual({ project_id: 7, commitment_id: 55, requisition: INVOICE });
  });

  it('is not resent after a 502 or a dropped connection: the outcome is unknown and the caller looks it up by origin_id', async () => {
    for (const reply of [{ status: 502, body: 'Bad Gateway' }, { drop: true }] satisfies TestReply[]) {
      const { client, requests } = await clientAnswering(() => reply);
      const error = await rejection(client.requisitions.create(7, 55, INVOICE));
      expect(error.outcome).toBe('unknown');
      expect(error.attempts).toBe(1);
      expect(requests).toHaveLength(1);
      await server?.close();
      server = null;
    }
  });

  it('a 429 is resent (Procore did not process it)', async () => {
    const { client, requests } = await clientAnswering((_r, i) =>
      i === 0 ? { status: 429, headers: { 'Retry-After': '1' }, body: { errors: 'Rate limit exceeded' } } : { status: 201, body: { id: 78 } },
    );
    expect((await client.requisitions.create(7, 55, INVOICE)).id).toBe(78);
    expect(requests).toHaveLength(2);
  });

  it('a 422 for a taken origin_id is recognised by isOriginIdTaken; other 422s are not', async () => {
    const { client } = await clientAnswering((r) =>
      (r.json as { requisition: { origin_id: string } }).requisition.origin_id === 'dup'
        ? { status: 422, body: { errors: { origin_id: ['has already been taken'] } } }
        : { status: 422, body: { errors: { base: ['Requisition is locked by the ERP integration'] } } },
    );
    const taken = await rejection(client.requisitions.create(7, 55, { ...INVOICE, origin_id: 'dup' }));
    expect(taken.code).toBe('PROCORE_UNPROCESSABLE');
    expect(taken.outcome).toBe('rejected');
    expect(isOriginIdTaken(taken)).toBe(true);
    const locked = await rejection(client.requisitions.create(7, 55, INVOICE));
    expect(isOriginIdTaken(locked)).toBe(false);
  });
});

describe('requisitions.delete and list by origin_id', () => {
  it('DELETEs /rest/v1.1/requisitions/{id}?project_id= ; a 404 (already gone) is PROCORE_NOT_FOUND and not resent', async () => {
    const { client, requests } = await clientAnswering((_r, i) => (i === 0 ? { status: 204 } : { status: 404, body: { errors: 'Not Found' } }));
    await client.requisitions.delete(7, 77);
    const gone = await rejection(client.requisitions.delete(7, 77));
    expect(gone.code).toBe('PROCORE_NOT_FOUND');
    expect(requests.map((r) => [r.method, r.url.pathname, Object.fromEntries(r.url.searchParams)])).toEqual([
      ['DELETE', '/rest/v1.1/requisitions/77', { project_id: '7' }],
      ['DELETE', '/rest/v1.1/requisitions/77', { project_id: '7' }],
    ]);
  });

  it('a DELETE that times out at the gateway (504) is not resent', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 504 }));
    expect((await rejection(client.requisitions.delete(7, 77))).outcome).toBe('unknown');
    expect(requests).toHaveLength(1);
  });

  it('list({ originId }) sends filters[origin_id] next to the other filters', async () => {
    const { client, requests } = await clientAnswering(() => ({ body: [{ id: 77, origin_id: 'X-1' }] }));
    expect(await client.requisitions.list(7, { originId: 'X-1', commitmentId: 55 })).toEqual([{ id: 77, origin_id: 'X-1' }]);
    expect(Object.fromEntries(requests[0]?.url.searchParams ?? [])).toEqual({ project_id: '7', 'filters[commitment_id]': '55', 'filters[origin_id]': 'X-1' });
  });
});

describe('isOriginIdTaken', () => {
  const error = (status: number, fieldErrors: Record<string, string[]>) =>
    new ProcoreApiError({
      status,
      code: status === 422 ? 'PROCORE_UNPROCESSABLE' : 'PROCORE_BAD_REQUEST',
      procoreMessage: null,
      method: 'POST',
      path: '/x',
      outcome: 'rejected',
      fieldErrors,
    });

  it('reads thrown errors and sync failures alike', () => {
    expect(isOriginIdTaken(error(422, { origin_id: ['has already been taken'] }))).toBe(true);
    expect(isOriginIdTaken(error(422, { origin_id: ["can't be blank"] }))).toBe(false);
    expect(isOriginIdTaken(error(422, { name: ['has already been taken'] }))).toBe(false);
    expect(isOriginIdTaken(error(400, { origin_id: ['has already been taken'] }))).toBe(false);
    expect(isOriginIdTaken({ fields: { origin_id: ['has already been taken'] }, messages: [] })).toBe(true);
    expect(isOriginIdTaken({ fields: { origin_id: 'has already been taken' } })).toBe(false);
    expect(isOriginIdTaken(new Error('origin_id has already been taken'))).toBe(false);
    expect(isOriginIdTaken(null)).toBe(false);
  });
});
