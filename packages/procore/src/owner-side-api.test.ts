// The owner side (issue 21; API-CONTRACT.md "Prime contracts", "Payment applications (owner invoices)", "Prime
// contract payments"): paths, queries and bodies, pagination through Link, and the retry rules of the payment
// POST / DELETE (never resent after an ambiguous failure: the caller lists and looks for its origin_id).

import { afterEach, describe, expect, it } from 'vitest';
import { ProcoreApiError } from './procore-api-error.ts';
import { createProcoreClient } from './procore-client.ts';
import type { NewPrimeContractPayment } from './resources/prime-contract-payments.ts';
import { createFakeClock } from './test-support/fake-clock.ts';
import { startTestServer, type RecordedRequest, type TestReply, type TestServer } from './test-support/start-test-server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function clientAnswering(handler: (request: RecordedRequest, index: number) => TestReply, perPage?: number) {
  server = await startTestServer(handler);
  const clock = createFakeClock();
  const client = createProcoreClient({
    apiBaseUrl: server.url,
    companyId: 42,
    getAccessToken: async () => 'at-token-123456',
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    perPage,
  });
  return { client, requests: server.requests, url: server.url };
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

/** Answers a list of `total` records `per_page` at a time, with Procore's Link header. */
function pagedAnswer(total: number, record: (i: number) => Record<string, unknown>) {
  return (r: RecordedRequest): TestReply => {
    const page = Number(r.url.searchParams.get('page') ?? '1');
    const perPage = Number(r.url.searchParams.get('per_page') ?? '100');
    const last = Math.max(1, Math.ceil(total / perPage));
    const next = new URL(r.url.pathname + r.url.search, 'http://placeholder');
    next.searchParams.set('page', String(page + 1));
    next.searchParams.set('per_page', String(perPage));
    const links = page < last ? [`<${next.pathname}${next.search}>; rel="next"`] : [];
    const body = Array.from({ length: Math.max(0, Math.min(perPage, total - (page - 1) * perPage)) }, (_, k) => record((page - 1) * perPage + k));
    return { body, headers: { Total: String(total), 'Per-Page': String(perPage), ...(links.length ? { Link: links.join(', ') } : {}) } };
  };
}

describe('primeContracts', () => {
  it('list: GET /rest/v1.0/prime_contracts?project_id= through every page', async () => {
    const { client, requests } = await clientAnswering(
      pagedAnswer(5, (i) => ({ id: 900 + i, number: `PC-${i}` })),
      2,
    );
    const contracts = await client.primeContracts.list(7);
    expect(contracts.map((c) => c.id)).toEqual([900, 901, 902, 903, 904]);
    expect(requests.map((r) => [r.method, r.url.pathname, Object.fromEntries(r.url.searchParams)])).toEqual([
      ['GET', '/rest/v1.0/prime_contracts', { project_id: '7', per_page: '2' }],
      ['GET', '/rest/v1.0/prime_contracts', { project_id: '7', per_page: '2', page: '2' }],
      ['GET', '/rest/v1.0/prime_contracts', { project_id: '7', per_page: '2', page: '3' }],
    ]);
    expect(requests.every((r) => r.headers['procore-company-id'] === '42')).toBe(true);
  });

  it('get: GET /rest/v1.0/prime_contract/{id}?project_id= (singular, as Procore documents Show Prime Contract)', async () => {
    const answer = {
      id: 900,
      number: '1',
      status: 'Approved',
      grand_total: '100000.00',
      revised_contract_amount: '112000.00',
      vendor: { id: 31, name: 'Harbor City Schools' },
      line_items: [{ id: 1, amount: '100000.00', cost_code: { id: 5, full_code: '01-100' } }],
      payments_received: [{ id: 3, amount: '5000.00', draw_request_number: 1, origin_id: 'qb-rp-1' }],
    };
    const { client, requests } = await clientAnswering(() => ({ body: answer }));
    expect(await client.primeContracts.get(7, '900')).toEqual(answer);
    expect(requests.map((r) => [r.method, r.url.pathname, r.url.search])).toEqual([['GET', '/rest/v1.0/prime_contract/900', '?project_id=7']]);
    await expect(client.primeContracts.get(7, '9/../1')).rejects.toThrow(/not a Procore id/);
  });
});

describe('paymentApplications', () => {
  it('list: the project’s owner invoices, or one prime contract’s, through every page', async () => {
    const { client, requests } = await clientAnswering(
      pagedAnswer(3, (i) => ({ id: 700 + i, status: 'approved' })),
      2,
    );
    expect((await client.paymentApplications.list(7)).map((p) => p.id)).toEqual([700, 701, 702]);
    expect((await client.paymentApplications.list(7, { primeContractId: 900 })).map((p) => p.id)).toEqual([700, 701, 702]);
    expect(requests.map((r) => [r.url.pathname, r.url.searchParams.get('project_id'), r.url.searchParams.get('page')])).toEqual([
      ['/rest/v1.0/payment_applications', '7', null],
      ['/rest/v1.0/payment_applications', '7', '2'],
      ['/rest/v1.0/prime_contracts/900/payment_applications', '7', null],
      ['/rest/v1.0/prime_contracts/900/payment_applications', '7', '2'],
    ]);
  });

  it('get: GET /rest/v1.0/payment_applications/{id}?project_id= with its line items', async () => {
    const answer = { id: 700, contract_id: 900, number: 1, line_items: [{ id: 1, scheduled_value: '1000.00', work_completed_this_period: '250.00' }] };
    const { client, requests } = await clientAnswering(() => ({ body: answer }));
    expect(await client.paymentApplications.get(7, 700)).toEqual(answer);
    expect(requests.map((r) => [r.method, r.url.pathname, r.url.search])).toEqual([['GET', '/rest/v1.0/payment_applications/700', '?project_id=7']]);
  });
});

const PAYMENT: NewPrimeContractPayment = {
  contract_id: 900,
  amount: '5000.00',
  date: '2026-11-20',
  draw_request_number: 1,
  check_number: '10442',
  payment_method: 'check',
  origin_id: 'qb-rp-1',
};

describe('primeContractPayments', () => {
  it('create: POST /rest/v1.0/contract_payments { project_id, contract_id, contract_payment }', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 201, body: { id: 3, ...PAYMENT } }));
    expect((await client.primeContractPayments.create(7, PAYMENT)).id).toBe(3);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url.pathname).toBe('/rest/v1.0/contract_payments');
    expect(requests[0]?.url.search).toBe('');
    expect(requests[0]?.json).toEqual({ project_id: 7, contract_id: 900, contract_payment: PAYMENT });
  });

  it('create is not resent after a 502, a 504 or a dropped connection: the outcome is unknown', async () => {
    for (const reply of [{ status: 502, body: 'Bad Gateway' }, { status: 504, body: 'Gateway Timeout' }, { drop: true }] satisfies TestReply[]) {
      const { client, requests } = await clientAnswering(() => reply);
      const error = await rejection(client.primeContractPayments.create(7, PAYMENT));
      expect(error.outcome).toBe('unknown');
      expect(error.attempts).toBe(1);
      expect(requests).toHaveLength(1);
      await server?.close();
      server = null;
    }
  });

  it('a 429 is resent (Procore did not process it)', async () => {
    const { client, requests } = await clientAnswering((_r, i) =>
      i === 0 ? { status: 429, headers: { 'Retry-After': '1' }, body: { errors: 'Rate limit exceeded' } } : { status: 201, body: { id: 4 } },
    );
    expect((await client.primeContractPayments.create(7, PAYMENT)).id).toBe(4);
    expect(requests).toHaveLength(2);
  });

  it('list: GET /rest/v1.0/contract_payments?project_id=&contract_id= through every page; originId is compared here', async () => {
    const answer = pagedAnswer(5, (i) => ({ id: 10 + i, amount: '1.00', origin_id: i === 3 ? 'qb-rp-1' : `other-${i}` }));
    const { client, requests } = await clientAnswering(answer, 2);
    expect((await client.primeContractPayments.list(7, 900)).map((p) => p.id)).toEqual([10, 11, 12, 13, 14]);
    expect((await client.primeContractPayments.list(7, 900, { originId: 'qb-rp-1' })).map((p) => p.id)).toEqual([13]);
    expect(await client.primeContractPayments.list(7, 900, { originId: 'absent' })).toEqual([]);
    expect(requests.slice(0, 3).map((r) => [r.url.pathname, Object.fromEntries(r.url.searchParams)])).toEqual([
      ['/rest/v1.0/contract_payments', { project_id: '7', contract_id: '900', per_page: '2' }],
      ['/rest/v1.0/contract_payments', { project_id: '7', contract_id: '900', per_page: '2', page: '2' }],
      ['/rest/v1.0/contract_payments', { project_id: '7', contract_id: '900', per_page: '2', page: '3' }],
    ]);
    expect(requests.every((r) => !r.url.searchParams.has('filters[origin_id]'))).toBe(true);
  });

  it('delete: DELETE /rest/v1.0/contract_payments/{id}?project_id=&contract_id=; a 504 is not resent', async () => {
    const { client, requests } = await clientAnswering((_r, i) => (i === 0 ? { status: 200, body: '' } : { status: 504, body: 'Gateway Timeout' }));
    await client.primeContractPayments.delete(7, 900, 3);
    expect(requests.map((r) => [r.method, r.url.pathname, Object.fromEntries(r.url.searchParams)])).toEqual([
      ['DELETE', '/rest/v1.0/contract_payments/3', { project_id: '7', contract_id: '900' }],
    ]);
    expect((await rejection(client.primeContractPayments.delete(7, 900, 4))).outcome).toBe('unknown');
    expect(requests).toHaveLength(2);
  });
});
