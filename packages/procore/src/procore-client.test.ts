import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcoreApiError } from './procore-api-error.ts';
import { createProcoreClient, type ProcoreClientOptions } from './procore-client.ts';
import { createFakeClock } from './test-support/fake-clock.ts';
import { startTestServer, type RecordedRequest, type TestReply, type TestServer } from './test-support/start-test-server.ts';

const TOKEN = 'at-5f1e9d2c7b3a4e6f8091';
const NEW_TOKEN = 'at-new-0a1b2c3d4e5f6789';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(handler: (request: RecordedRequest, index: number) => TestReply | Promise<TestReply>): Promise<TestServer> {
  server = await startTestServer(handler);
  return server;
}

function clientFor(s: TestServer, overrides: Partial<ProcoreClientOptions> = {}) {
  const clock = createFakeClock();
  const logs: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
  const client = createProcoreClient({
    apiBaseUrl: s.url,
    companyId: 42,
    getAccessToken: async () => TOKEN,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    logger: {
      debug: (obj, msg) => logs.push({ level: 'debug', obj, msg }),
      warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
    },
    ...overrides,
  });
  return { client, clock, logs };
}

async function apiError(promise: Promise<unknown>): Promise<ProcoreApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProcoreApiError);
    return error as ProcoreApiError;
  }
  throw new Error('expected a ProcoreApiError');
}

describe('headers', () => {
  it('sends Bearer, Accept and Procore-Company-Id — except on /me and /companies', async () => {
    const s = await serve((r) => ({ body: r.url.pathname === '/rest/v1.0/me' ? { id: 5, login: 'pm@example.com', name: 'P M' } : [] }));
    const { client } = clientFor(s);
    expect(await client.me()).toEqual({ id: 5, login: 'pm@example.com', name: 'P M' });
    await client.companies.list();
    await client.vendors.list();
    const [me, companies, vendors] = s.requests;
    for (const r of [me, companies, vendors]) {
      expect(r?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r?.headers.accept).toBe('application/json');
    }
    expect(me?.headers['procore-company-id']).toBeUndefined();
    expect(companies?.headers['procore-company-id']).toBeUndefined();
    expect(vendors?.headers['procore-company-id']).toBe('42');
    expect(vendors?.url.pathname).toBe('/rest/v1.0/companies/42/vendors');
  });

  it('sends JSON bodies with Content-Type application/json', async () => {
    const s = await serve(() => ({ status: 201, body: { id: 9, amount: '10.00' } }));
    const { client } = clientFor(s);
    await client.contractPayments.create(7, { contract_id: 3, amount: '10.00', date: '2026-11-20', origin_id: 'qb-1' });
    expect(s.requests[0]?.headers['content-type']).toBe('application/json');
    expect(s.requests[0]?.headers['procore-company-id']).toBe('42');
    expect(s.requests[0]?.json).toEqual({ contract_payment: { contract_id: 3, amount: '10.00', date: '2026-11-20', origin_id: 'qb-1' } });
  });
});

describe('pagination', () => {
  it('follows Link rel="next" through 3 pages until it is absent', async () => {
    const s = await serve((r) => {
      const page = Number(r.url.searchParams.get('page') ?? '1');
      const perPage = Number(r.url.searchParams.get('per_page'));
      const base = `${server?.url}/rest/v1.0/companies/42/projects`;
      const links = [`<${base}?page=3&per_page=${perPage}>; rel="last"`];
      if (page < 3) links.unshift(`<${base}?page=${page + 1}&per_page=${perPage}>; rel="next"`);
      return {
        body: [
          { id: page * 10 + 1, name: `p${page}a` },
          { id: page * 10 + 2, name: `p${page}b` },
        ],
        headers: { Link: links.join(', '), Total: '6', 'Per-Page': String(perPage) },
      };
    });
    const { client } = clientFor(s, { perPage: 2 });
    const projects = await client.projects.list();
    expect(projects.map((p) => p.id)).toEqual([11, 12, 21, 22, 31, 32]);
    expect(s.requests.map((r) => r.url.search)).toEqual(['?per_page=2', '?page=2&per_page=2', '?page=3&per_page=2']);
    expect(s.requests.every((r) => r.headers['procore-company-id'] === '42')).toBe(true);
  });

  it('per_page defaults to 100; the iterator yields as pages arrive', async () => {
    const s = await serve(() => ({ body: [{ id: 1, name: 'V' }] }));
    const { client } = clientFor(s);
    const seen: number[] = [];
    for await (const vendor of client.vendors.iterate({ originId: 'qb-7' })) seen.push(vendor.id);
    expect(seen).toEqual([1]);
    expect(s.requests[0]?.url.searchParams.get('per_page')).toBe('100');
    expect(s.requests[0]?.url.searchParams.get('filters[origin_id]')).toBe('qb-7');
  });

  it('never follows a Link to another origin (the bearer token would go with it)', async () => {
    const s = await serve(() => ({ body: [{ id: 1 }], headers: { Link: '<https://evil.example/rest/v1.0/x?page=2>; rel="next"' } }));
    const { client } = clientFor(s);
    await expect(client.listAll('/rest/v1.0/x')).rejects.toThrow(/refusing to send Procore credentials/);
    expect(s.requests).toHaveLength(1);
  });
});

describe('429 handling', () => {
  const limited = (headers: Record<string, string>) => {
    let calls = 0;
    return () => (++calls === 1 ? { status: 429, body: { errors: 'Rate limit exceeded' }, headers } : { body: { id: 5, login: 'l', name: 'n' } });
  };

  it('waits until X-Rate-Limit-Reset plus jitter', async () => {
    const clock = createFakeClock();
    const s = await serve(limited({ 'X-Rate-Limit-Limit': '100', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(clock.now() / 1000 + 7) }));
    const { client } = clientFor(s, { now: clock.now, sleep: clock.sleep });
    await client.me();
    expect(s.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([7000 + 0.5 * 500]);
  });

  it('waits for Retry-After in seconds, and as an HTTP date', async () => {
    const clock = createFakeClock();
    const s1 = await serve(limited({ 'Retry-After': '3' }));
    await clientFor(s1, { now: clock.now, sleep: clock.sleep }).client.me();
    await s1.close();
    const clock2 = createFakeClock(); // whole seconds: an HTTP date has no milliseconds
    const s2 = await serve(limited({ 'Retry-After': new Date(clock2.now() + 4000).toUTCString() }));
    await clientFor(s2, { now: clock2.now, sleep: clock2.sleep }).client.me();
    expect(clock.sleeps).toEqual([3250]);
    expect(clock2.sleeps).toEqual([4250]);
  });

  it('gives up when Procore asks for longer than maxRetryWaitMs, with retryAfterMs', async () => {
    const clock = createFakeClock();
    const s = await serve(() => ({
      status: 429,
      body: { errors: 'Rate limit exceeded' },
      headers: { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(clock.now() / 1000 + 3000) },
    }));
    const error = await apiError(clientFor(s, { now: clock.now, sleep: clock.sleep }).client.vendors.get(1));
    expect([error.code, error.status, error.outcome, error.retryAfterMs, error.procoreMessage]).toEqual([
      'PROCORE_RATE_LIMITED',
      429,
      'rejected',
      3_000_000,
      'Rate limit exceeded',
    ]);
    expect(s.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('transient failures', () => {
  it.each([502, 503, 504])('%i is retried with full-jitter backoff, capped by maxRetries', async (status) => {
    const s = await serve(() => ({ status, body: '<html>bad gateway</html>', headers: { 'Content-Type': 'text/html' } }));
    const randoms = [0.1, 0.9, 0.5];
    const { client, clock } = clientFor(s, { maxRetries: 3, random: () => randoms.shift() ?? 0 });
    const error = await apiError(client.vendors.get(1));
    expect(s.requests).toHaveLength(4);
    // random × min(cap, 500·2^(attempt-1))
    expect(clock.sleeps).toEqual([50, 900, 1000]);
    expect([error.code, error.status, error.attempts, error.outcome, error.procoreMessage]).toEqual(['PROCORE_UNAVAILABLE', status, 4, 'unknown', null]);
  });

  it('a network error is retried, then succeeds', async () => {
    const s = await serve((_, i) => (i < 2 ? { drop: true } : { body: { id: 3, name: 'Acme' } }));
    const { client, clock } = clientFor(s);
    expect(await client.vendors.get(3)).toEqual({ id: 3, name: 'Acme' });
    expect(s.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it('network errors exhausting maxRetries → PROCORE_NETWORK_ERROR', async () => {
    const s = await serve(() => ({ drop: true }));
    const error = await apiError(clientFor(s, { maxRetries: 2 }).client.projects.get(1));
    expect([error.code, error.status, error.attempts]).toEqual(['PROCORE_NETWORK_ERROR', null, 3]);
  });

  it('a GET timeout is retried', async () => {
    const s = await serve((_, i) => (i === 0 ? { hang: true } : { body: [] }));
    // The timeout also bounds the retry: generous enough that a loaded machine answers the second call in time.
    await clientFor(s, { timeoutMs: 2_000 }).client.budget.listViews(7);
    expect(s.requests).toHaveLength(2);
  });
});

describe('client errors are never retried', () => {
  it.each([
    [400, { errors: 'Procore-Company-Id header is required' }, 'PROCORE_BAD_REQUEST', 'Procore-Company-Id header is required'],
    [403, { errors: 'Forbidden' }, 'PROCORE_FORBIDDEN', 'Forbidden'],
    [404, { errors: 'Not Found' }, 'PROCORE_NOT_FOUND', 'Not Found'],
    [409, { error: { code: 'conflict', message: 'Sync already in progress' } }, 'PROCORE_CONFLICT', 'Sync already in progress'],
  ])('%i → %s', async (status, body, code, message) => {
    const s = await serve(() => ({ status, body }));
    const { client, clock } = clientFor(s);
    const error = await apiError(client.vendors.get(1));
    expect(s.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect([error.status, error.code, error.procoreMessage, error.outcome, error.method, error.path]).toEqual([
      status,
      code,
      message,
      'rejected',
      'GET',
      '/rest/v1.0/companies/42/vendors/1',
    ]);
  });

  it('403 and 404 explain themselves', async () => {
    const s = await serve((_, i) => ({ status: i === 0 ? 403 : 404, body: { errors: 'x' } }));
    const { client } = clientFor(s);
    expect((await apiError(client.vendors.get(1))).explanation).toBe('the app is not connected to this Procore company or the tool is disabled for it');
    expect((await apiError(client.vendors.get(1))).explanation).toBe('the record does not exist or is not visible to this account');
  });

  it('422 carries the field errors in the explanation', async () => {
    const s = await serve(() => ({ status: 422, body: { errors: { origin_id: ['has already been taken'], base: ['Requisition is locked by ERP'] } } }));
    const { client } = clientFor(s);
    const error = await apiError(client.requisitions.updateOrigin(7, 99, { origin_id: 'qb-bill-1' }));
    expect(s.requests).toHaveLength(1);
    expect(error.code).toBe('PROCORE_UNPROCESSABLE');
    expect(error.fieldErrors).toEqual({ origin_id: ['has already been taken'], base: ['Requisition is locked by ERP'] });
    expect(error.explanation).toBe(
      'Procore refused the change: the record may be locked by an ERP sync, or the origin_id is already used (origin_id has already been taken; Requisition is locked by ERP)',
    );
    expect(error.message).toContain('PROCORE_UNPROCESSABLE: PATCH /rest/v1.1/requisitions/99?project_id=7 → HTTP 422');
  });
});

describe('non-idempotent requests', () => {
  it('a POST that times out is not resent: outcome unknown', async () => {
    const s = await serve(() => ({ hang: true }));
    const { client } = clientFor(s, { timeoutMs: 100 });
    const error = await apiError(client.contractPayments.create(7, { contract_id: 3, amount: 10, date: '2026-11-20', origin_id: 'qb-1' }));
    expect(s.requests).toHaveLength(1);
    expect([error.code, error.outcome, error.status, error.attempts]).toEqual(['PROCORE_TIMEOUT', 'unknown', null, 1]);
    expect(error.explanation).toMatch(/may or may not have been applied/);
  });

  it.each([502, 504])('a POST answered %i is not resent', async (status) => {
    const s = await serve(() => ({ status, body: '' }));
    const error = await apiError(clientFor(s).client.webhooks.createHook({ namespace: 'qb-connector', destinationUrl: 'https://a.example/hook' }));
    expect(s.requests).toHaveLength(1);
    expect(error.outcome).toBe('unknown');
  });

  it('a POST answered 503 without Retry-After is not resent; with Retry-After it is', async () => {
    const bare = await serve(() => ({ status: 503, body: '' }));
    await apiError(clientFor(bare).client.budget.createLineItem(7, { cost_code_id: 1, original_budget_amount: '5.00' }));
    expect(bare.requests).toHaveLength(1);
    await bare.close();
    const told = await serve((_, i) => (i === 0 ? { status: 503, headers: { 'Retry-After': '2' }, body: '' } : { status: 201, body: { id: 1 } }));
    const { client, clock } = clientFor(told);
    expect(await client.budget.createLineItem(7, { cost_code_id: 1, original_budget_amount: '5.00' })).toEqual({ id: 1 });
    expect(told.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([2250]);
  });

  it('a POST answered 429 is resent (Procore did not process it)', async () => {
    const s = await serve((_, i) =>
      i === 0 ? { status: 429, headers: { 'Retry-After': '1' }, body: { errors: 'Rate limit exceeded' } } : { status: 201, body: { id: 4, amount: '1.00' } },
    );
    await clientFor(s).client.contractPayments.create(7, { contract_id: 3, amount: 1, date: '2026-11-20', origin_id: 'qb-2' });
    expect(s.requests).toHaveLength(2);
  });

  it('a DELETE that loses its connection is not resent', async () => {
    const s = await serve(() => ({ drop: true }));
    const error = await apiError(clientFor(s).client.directCosts.delete(7, 55));
    expect(s.requests).toHaveLength(1);
    expect([error.code, error.outcome]).toEqual(['PROCORE_NETWORK_ERROR', 'unknown']);
  });

  it('a PATCH (idempotent) that times out is resent', async () => {
    const s = await serve((_, i) => (i === 0 ? { hang: true } : { body: { id: 99, origin_id: 'qb-bill-1' } }));
    const result = await clientFor(s, { timeoutMs: 100 }).client.requisitions.updateOrigin(7, 99, { origin_id: 'qb-bill-1' });
    expect(result.origin_id).toBe('qb-bill-1');
    expect(s.requests).toHaveLength(2);
  });
});

describe('401 and token refresh', () => {
  const authServer = () =>
    serve((r) =>
      r.headers.authorization === `Bearer ${NEW_TOKEN}` ? { body: { id: 5, login: 'l', name: 'n' } } : { status: 401, body: { errors: 'Unauthorized' } },
    );

  it('calls refreshAccessToken once, with the refused token, then resends once with the new token', async () => {
    const s = await authServer();
    const refreshed: string[] = [];
    const { client } = clientFor(s, { refreshAccessToken: async (stale) => (refreshed.push(stale), NEW_TOKEN) });
    expect(await client.me()).toEqual({ id: 5, login: 'l', name: 'n' });
    expect(refreshed).toEqual([TOKEN]);
    expect(s.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${NEW_TOKEN}`]);
  });

  it('a second 401 is PROCORE_UNAUTHORIZED (no refresh loop)', async () => {
    const s = await serve(() => ({ status: 401, body: { errors: 'Unauthorized' } }));
    let refreshes = 0;
    const { client } = clientFor(s, { refreshAccessToken: async () => (refreshes++, NEW_TOKEN) });
    const error = await apiError(client.vendors.list());
    expect(refreshes).toBe(1);
    expect(s.requests).toHaveLength(2);
    expect([error.code, error.explanation]).toEqual(['PROCORE_UNAUTHORIZED', 'the Procore sign-in expired or was revoked: sign in again']);
  });

  it('without refreshAccessToken a 401 is an error at once', async () => {
    const s = await authServer();
    expect((await apiError(clientFor(s).client.me())).code).toBe('PROCORE_UNAUTHORIZED');
    expect(s.requests).toHaveLength(1);
  });

  it('concurrent 401s share one refresh', async () => {
    const s = await authServer();
    let current = TOKEN;
    let refreshes = 0;
    const { client } = clientFor(s, {
      getAccessToken: async () => current,
      refreshAccessToken: async () => {
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        current = NEW_TOKEN;
        return current;
      },
    });
    await Promise.all(Array.from({ length: 8 }, () => client.me()));
    expect(refreshes).toBe(1);
  });
});

describe('secrets stay out of logs and errors', () => {
  it('never logs or throws the access token, the Authorization header or query values', async () => {
    const clock = createFakeClock();
    const s = await serve((r, i) => {
      if (r.headers.authorization !== `Bearer ${NEW_TOKEN}`) return { status: 401, body: { errors: `token ${TOKEN} is expired` } };
      if (i === 1) return { status: 429, headers: { 'Retry-After': '1' }, body: { errors: 'Rate limit exceeded' } };
      if (i === 2) return { drop: true };
      return { status: 404, body: { errors: `Bearer ${NEW_TOKEN} cannot see this record` } };
    });
    const { client, logs } = clientFor(s, { now: clock.now, sleep: clock.sleep, refreshAccessToken: async () => NEW_TOKEN });
    const error = await apiError(client.listAll('/rest/v1.0/vendors', { 'filters[search]': 'secret search text', company_id: 42 }));
    expect(error.code).toBe('PROCORE_NOT_FOUND');
    expect(error.procoreMessage).toBe('Bearer [REDACTED] cannot see this record');

    const logText = JSON.stringify(logs);
    const errorText = [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 })].join('\n');
    for (const text of [logText, errorText]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(NEW_TOKEN);
      expect(text).not.toContain('secret search text');
      expect(text.toLowerCase()).not.toContain('authorization');
    }
    // The log says what happened: method, path, status, attempt, wait.
    expect(logs.filter((l) => l.level === 'warn').map((l) => [l.obj['status'], l.obj['attempt'], l.obj['waitMs']])).toEqual([
      [401, 1, undefined],
      [429, 2, 1250],
      [null, 3, 500],
      [404, 4, undefined],
    ]);
    expect(logs[0]?.obj['path']).toBe('/rest/v1.0/vendors?filters[search]&company_id=42&per_page=100');
  });
});
