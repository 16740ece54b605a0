import { describe, expect, it } from 'vitest';
import { QboApiError, StaleObjectError, isDuplicateName, isObjectNotFound } from './qbo-api-error.ts';
import { createQboClient, errorCodeOfFault, type QboClientOptions } from './qbo-client.ts';
import { QboReconnectRequiredError } from './qbo-oauth-error.ts';
import { createRealmThrottle } from './realm-throttle.ts';
import type { BatchItem } from './send-batch.ts';
import { createFakeClock } from './test-support/fake-clock.ts';
import { createFakeFetch, fault, type FakeReply, type RecordedRequest } from './test-support/fake-fetch.ts';

const TOKEN = 'at-5f1e9d2c7b3a4e6f8091';
const NEW_TOKEN = 'at-new-0a1b2c3d4e5f6789';
const REALM = '9130357766900456';
const RID = 'req-0001';

function setup(handler: (request: RecordedRequest, index: number) => FakeReply, overrides: Partial<QboClientOptions> = {}) {
  const clock = createFakeClock();
  const fake = createFakeFetch(handler);
  const client = createQboClient({
    apiBaseUrl: 'http://qbo.test',
    realmId: REALM,
    getAccessToken: async () => TOKEN,
    fetch: fake.fetch,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    ...overrides,
  });
  return { client, clock, requests: fake.requests };
}

async function apiError(promise: Promise<unknown>): Promise<QboApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(QboApiError);
    return error as QboApiError;
  }
  throw new Error('expected a QboApiError');
}

describe('requests', () => {
  it('sends Bearer, Accept: application/json, the realm in the path and minorversion=75 on every request', async () => {
    const { client, requests } = setup((r) => ({
      body: r.method === 'GET' ? { Vendor: { Id: '7', SyncToken: '0' } } : { Vendor: { Id: '8', SyncToken: '0' } },
    }));
    await client.read('Vendor', '7');
    await client.create('Vendor', { DisplayName: 'Acme Concrete' }, { requestId: RID });
    for (const r of requests) {
      expect(r.headers['authorization']).toBe(`Bearer ${TOKEN}`);
      expect(r.headers['accept']).toBe('application/json');
      expect(r.url.searchParams.get('minorversion')).toBe('75');
    }
    expect(requests[0]?.url.pathname).toBe(`/v3/company/${REALM}/vendor/7`);
    expect(requests[0]?.url.searchParams.has('requestid')).toBe(false);
    expect(requests[1]?.method).toBe('POST');
    expect(requests[1]?.url.pathname).toBe(`/v3/company/${REALM}/vendor`);
    expect(requests[1]?.url.searchParams.get('requestid')).toBe(RID);
    expect(requests[1]?.headers['content-type']).toBe('application/json');
    expect(requests[1]?.json).toEqual({ DisplayName: 'Acme Concrete' });
  });

  it('refuses a write without a requestid, or with one too long, before sending anything', async () => {
    const { client, requests } = setup(() => ({ body: {} }));
    await expect(client.create('Vendor', { DisplayName: 'A' }, { requestId: '' })).rejects.toThrow(/requestid/);
    await expect(client.create('Vendor', { DisplayName: 'A' }, { requestId: 'x'.repeat(51) })).rejects.toThrow(/at most 50/);
    expect(requests).toHaveLength(0);
  });

  it('refuses a minor version below 75 and a realm id that is not digits', () => {
    const base = { apiBaseUrl: 'http://qbo.test', getAccessToken: async () => TOKEN };
    expect(() => createQboClient({ ...base, realmId: REALM, minorVersion: 65 })).toThrow(/≥ 75/);
    expect(() => createQboClient({ ...base, realmId: '12/../34' })).toThrow(/digits/);
    expect(createQboClient({ ...base, realmId: REALM, minorVersion: 76 }).minorVersion).toBe(76);
  });

  it('a sparse update sends sparse: true with Id and SyncToken, and the record comes back', async () => {
    const { client, requests } = setup(() => ({ body: { PurchaseOrder: { Id: '55', SyncToken: '3', VendorRef: { value: '7' } } } }));
    const po = await client.update('PurchaseOrder', { Id: '55', SyncToken: '2', Memo: 'CO #4' }, { requestId: RID });
    expect(po.SyncToken).toBe('3');
    expect(requests[0]?.json).toEqual({ Id: '55', SyncToken: '2', Memo: 'CO #4', sparse: true });
    await expect(client.update('PurchaseOrder', { Id: '55', SyncToken: '' }, { requestId: RID })).rejects.toThrow(/SyncToken/);
  });
});

describe('faults', () => {
  it('5010 is a StaleObjectError, never resent, with the raw code and message kept', async () => {
    const { client, requests } = setup(() => ({
      status: 400,
      headers: { intuit_tid: '1-6751a2b3-0c4d5e6f7a8b9c0d1e2f3a4b' },
      body: fault('5010', 'Stale Object Error', 'Stale Object Error : You and Joe were working on this at the same time.'),
    }));
    const error = await apiError(client.update('Bill', { Id: '9', SyncToken: '0', PrivateNote: 'x' }, { requestId: RID }));
    expect(error).toBeInstanceOf(StaleObjectError);
    expect(error.code).toBe('QBO_STALE_OBJECT');
    expect(error.faults[0]).toMatchObject({ code: '5010', message: 'Stale Object Error' });
    expect(error.outcome).toBe('rejected');
    expect(error.intuitTid).toBe('1-6751a2b3-0c4d5e6f7a8b9c0d1e2f3a4b');
    expect(requests).toHaveLength(1);
  });

  it('6240 duplicate name and 610 object not found get their codes; 6140 stays readable as a raw code', async () => {
    const replies = [
      fault('6240', 'Duplicate Name Exists Error', 'The name supplied already exists.'),
      fault('610', 'Object Not Found', 'Another user has deleted this transaction.'),
      fault('6140', 'Duplicate Document Number Error'),
    ];
    const { client } = setup((_r, i) => ({ status: 400, body: replies[i] }));
    const duplicate = await apiError(client.create('Vendor', { DisplayName: 'Acme' }, { requestId: 'a' }));
    expect(isDuplicateName(duplicate)).toBe(true);
    const missing = await apiError(client.read('Bill', '404'));
    expect(isObjectNotFound(missing)).toBe(true);
    const docNum = await apiError(client.create('Bill', { VendorRef: { value: '1' } }, { requestId: 'b' }));
    expect(docNum.code).toBe('QBO_VALIDATION');
    expect(docNum.hasFaultCode('6140')).toBe(true);
  });

  it("QBO's 3200 on a 401 (lower-case fault envelope) is an authentication failure, not a stale object", async () => {
    const body = {
      fault: {
        error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired', code: '3200' }],
        type: 'AUTHENTICATION',
      },
    };
    const { client } = setup(() => ({ status: 401, body }));
    const error = await apiError(client.read('Vendor', '1'));
    expect(error.code).toBe('QBO_UNAUTHORIZED');
    expect(error).not.toBeInstanceOf(StaleObjectError);
    expect(error.faults[0]?.code).toBe('3200');
    expect(error.faultType).toBe('AUTHENTICATION');
  });

  it('a 200 that is not JSON is QBO_BAD_RESPONSE; a 400 that is not JSON is a rejection without faults', async () => {
    const { client } = setup((_r, i) => (i === 0 ? { body: '<html>' } : { status: 400, body: '<html>bad</html>' }));
    const unreadable = await apiError(client.read('Vendor', '1'));
    expect([unreadable.code, unreadable.outcome]).toEqual(['QBO_BAD_RESPONSE', 'rejected']);
    const error = await apiError(client.read('Vendor', '1'));
    expect(error.code).toBe('QBO_REQUEST_REJECTED');
    expect(error.faults).toEqual([]);
  });

  it('a write answered 200 with a body that is not JSON was applied: outcome unknown', async () => {
    const { client } = setup(() => ({ body: 'not json' }));
    const error = await apiError(client.create('Vendor', { DisplayName: 'A' }, { requestId: RID }));
    expect([error.code, error.outcome]).toEqual(['QBO_BAD_RESPONSE', 'unknown']);
  });

  it('the error names the path with query parameter names only (a statement may carry a name)', async () => {
    const { client } = setup(() => ({ status: 400, body: fault('4000', 'Error parsing query') }));
    const error = await apiError(client.queryAll('Vendor', "select * from Vendor where DisplayName = 'Secret Co'"));
    expect(error.path).toBe(`/v3/company/${REALM}/query?query&minorversion`);
    expect(error.message).not.toContain('Secret');
  });
});

describe('401: refresh once', () => {
  it('refreshes once with the refused token and resends with the new one', async () => {
    const refreshed: string[] = [];
    const { client, requests } = setup(
      (r) => (r.headers['authorization'] === `Bearer ${TOKEN}` ? { status: 401, body: {} } : { body: { Vendor: { Id: '1' } } }),
      {
        refreshAccessToken: async (stale) => {
          refreshed.push(stale);
          return NEW_TOKEN;
        },
      },
    );
    expect((await client.read('Vendor', '1')).Id).toBe('1');
    expect(refreshed).toEqual([TOKEN]);
    expect(requests.map((r) => r.headers['authorization'])).toEqual([`Bearer ${TOKEN}`, `Bearer ${NEW_TOKEN}`]);
  });

  it('a second 401 after the refresh is QBO_UNAUTHORIZED, and the refresh ran once', async () => {
    let refreshes = 0;
    const { client, requests } = setup(() => ({ status: 401, body: {} }), {
      refreshAccessToken: async () => {
        refreshes++;
        return NEW_TOKEN;
      },
    });
    const error = await apiError(client.read('Vendor', '1'));
    expect(error.code).toBe('QBO_UNAUTHORIZED');
    expect(refreshes).toBe(1);
    expect(requests).toHaveLength(2);
  });

  it('concurrent 401s of one client share one refresh', async () => {
    let refreshes = 0;
    let current = TOKEN;
    const { client } = setup((r) => (r.headers['authorization'] === `Bearer ${TOKEN}` ? { status: 401, body: {} } : { body: { Vendor: { Id: '1' } } }), {
      getAccessToken: async () => current,
      refreshAccessToken: async () => {
        refreshes++;
        current = NEW_TOKEN;
        return NEW_TOKEN;
      },
    });
    await Promise.all([client.read('Vendor', '1'), client.read('Vendor', '2'), client.read('Vendor', '3')]);
    expect(refreshes).toBe(1);
  });

  it("an invalid_grant from the caller's refresh surfaces as QboReconnectRequiredError", async () => {
    const { client } = setup(() => ({ status: 401, body: {} }), {
      refreshAccessToken: async () => {
        throw new QboReconnectRequiredError({ status: 400, error: 'invalid_grant', description: 'Incorrect Token type or clientID', retryable: false });
      },
    });
    await expect(client.read('Vendor', '1')).rejects.toMatchObject({ name: 'QboReconnectRequiredError', needsReconnect: true });
  });

  it('without refreshAccessToken a 401 fails at once', async () => {
    const { client, requests } = setup(() => ({ status: 401, body: {} }));
    expect((await apiError(client.read('Vendor', '1'))).code).toBe('QBO_UNAUTHORIZED');
    expect(requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('429 with Retry-After waits that long plus jitter, then succeeds', async () => {
    const { client, clock, requests } = setup((_r, i) =>
      i === 0 ? { status: 429, headers: { 'Retry-After': '7' }, body: {} } : { body: { Vendor: { Id: '1' } } },
    );
    await client.read('Vendor', '1');
    expect(requests).toHaveLength(2);
    // 7 s + random(0.5) × min(30 s, 500 ms × 2^0)
    expect(clock.sleeps).toEqual([7000 + 250]);
  });

  it("429 without Retry-After waits Intuit's 60 s (plus jitter), and holds the realm throttle", async () => {
    const clock = createFakeClock();
    const throttle = createRealmThrottle({ now: clock.now, sleep: clock.sleep });
    const { client } = setup((_r, i) => (i === 0 ? { status: 429, body: fault('003001', 'ThrottleExceeded') } : { body: { Vendor: { Id: '1' } } }), {
      throttle,
      now: clock.now,
      sleep: clock.sleep,
    });
    await client.read('Vendor', '1');
    expect(clock.sleeps[0]).toBe(60_000 + 250);
    expect(throttle.stats().serverHolds).toBe(1);
  });

  it('a write with its requestid is resent after 503 and after a network error, with the same requestid', async () => {
    const replies: FakeReply[] = [{ status: 503, body: {} }, { networkError: true }, { body: { Bill: { Id: '3', SyncToken: '0' } } }];
    const { client, requests, clock } = setup((_r, i) => replies[i] as FakeReply);
    const bill = await client.create('Bill', { VendorRef: { value: '7' } }, { requestId: RID });
    expect(bill.Id).toBe('3');
    expect(requests.map((r) => r.url.searchParams.get('requestid'))).toEqual([RID, RID, RID]);
    expect(clock.sleeps).toEqual([250, 500]); // full jitter at random 0.5: 0.5 × 500, 0.5 × 1000
  });

  it('backoff grows and stops at maxRetries; the error says how many sends and that the outcome is unknown', async () => {
    const { client, clock, requests } = setup(() => ({ status: 502, body: {} }), { maxRetries: 3 });
    const error = await apiError(client.create('Bill', { VendorRef: { value: '7' } }, { requestId: RID }));
    expect(error.code).toBe('QBO_UNAVAILABLE');
    expect(error.outcome).toBe('unknown');
    expect(error.attempts).toBe(4);
    expect(requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([250, 500, 1000]);
  });

  it('a 400 is never resent', async () => {
    const { client, requests } = setup(() => ({ status: 400, body: fault('2020', 'Required param missing') }));
    expect((await apiError(client.read('Vendor', '1'))).outcome).toBe('rejected');
    expect(requests).toHaveLength(1);
  });

  it('a Retry-After longer than maxRetryWaitMs is not slept through: the error carries retryAfterMs', async () => {
    const { client, clock } = setup(() => ({ status: 429, headers: { 'Retry-After': '600' }, body: {} }));
    const error = await apiError(client.read('Vendor', '1'));
    expect(error.code).toBe('QBO_RATE_LIMITED');
    expect(error.retryAfterMs).toBe(600_000);
    expect(clock.sleeps).toEqual([]);
  });

  it('a request with no answer within timeoutMs is QBO_TIMEOUT', async () => {
    const { client } = setup(() => ({ hang: true }), { timeoutMs: 1, maxRetries: 0 });
    const error = await apiError(client.read('Vendor', '1'));
    expect(error.code).toBe('QBO_TIMEOUT');
    expect(error.status).toBeNull();
  });
});

describe('query', () => {
  const vendors = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ Id: String(from + i) }));

  function pagedServer(total: number) {
    return (r: RecordedRequest): FakeReply => {
      const statement = r.url.searchParams.get('query') ?? '';
      const [, start, max] = /STARTPOSITION (\d+) MAXRESULTS (\d+)$/.exec(statement) ?? [];
      const from = Number(start);
      const count = Math.max(0, Math.min(Number(max), total - from + 1));
      return { body: { QueryResponse: count === 0 ? {} : { Vendor: vendors(from, count), startPosition: from, maxResults: count } } };
    };
  }

  it('pages with STARTPOSITION/MAXRESULTS to the end (2 500 rows, pages of 1 000: 3 calls)', async () => {
    const { client, requests } = setup(pagedServer(2500));
    const all = await client.queryAll('Vendor', 'select * from Vendor where Active = true');
    expect(all).toHaveLength(2500);
    expect(new Set(all.map((v) => v.Id)).size).toBe(2500);
    expect(requests.map((r) => r.url.searchParams.get('query'))).toEqual([
      'select * from Vendor where Active = true STARTPOSITION 1 MAXRESULTS 1000',
      'select * from Vendor where Active = true STARTPOSITION 1001 MAXRESULTS 1000',
      'select * from Vendor where Active = true STARTPOSITION 2001 MAXRESULTS 1000',
    ]);
  });

  it('an exact multiple of the page size ends on the empty page; an empty result is one call', async () => {
    const exact = setup(pagedServer(20), { queryPageSize: 10 });
    expect(await exact.client.queryAll('Vendor', 'select * from Vendor')).toHaveLength(20);
    expect(exact.requests).toHaveLength(3);
    const empty = setup(pagedServer(0));
    expect(await empty.client.queryAll('Vendor', 'select * from Vendor')).toEqual([]);
    expect(empty.requests).toHaveLength(1);
  });

  it('refuses a statement that pages itself or is on another entity, and a page size over 1000', async () => {
    const { client, requests } = setup(pagedServer(1));
    await expect(client.queryAll('Vendor', 'select * from Vendor MAXRESULTS 5')).rejects.toThrow(/pages itself/);
    await expect(client.queryAll('Vendor', 'select * from Customer')).rejects.toThrow(/select \* from Vendor/);
    expect(requests).toHaveLength(0);
    expect(() => setup(pagedServer(1), { queryPageSize: 1001 })).toThrow(/1…1000/);
    expect(() => setup(pagedServer(1), { batchSize: 31 })).toThrow(/1…30/);
  });
});

describe('batch', () => {
  const items = (n: number): BatchItem[] =>
    Array.from({ length: n }, (_, i) => ({ bId: `v${i}`, operation: 'create' as const, entity: 'Vendor' as const, payload: { DisplayName: `Vendor ${i}` } }));

  function batchServer(r: RecordedRequest): FakeReply {
    const request = (r.json as { BatchItemRequest: Array<{ bId: string; Vendor: { DisplayName: string } }> }).BatchItemRequest;
    return {
      body: {
        BatchItemResponse: request
          .filter((item) => item.bId !== 'v7') // Intuit says nothing about v7
          .map((item) =>
            item.bId === 'v3'
              ? { bId: item.bId, Fault: { Error: [{ Message: 'Duplicate Name Exists Error', code: '6240' }], type: 'ValidationFault' } }
              : { bId: item.bId, Vendor: { Id: `1${item.bId.slice(1)}`, DisplayName: item.Vendor.DisplayName } },
          ),
      },
    };
  }

  it('splits 25 items into 10 + 10 + 5 with requestids <prefix>-1…3 and answers per item, in order', async () => {
    const { client, requests } = setup(batchServer);
    const results = await client.batch(items(25), { requestIdPrefix: 'b7f3c2-v1' });
    expect(requests.map((r) => (r.json as { BatchItemRequest: unknown[] }).BatchItemRequest.length)).toEqual([10, 10, 5]);
    expect(requests.map((r) => r.url.pathname)).toEqual(Array(3).fill(`/v3/company/${REALM}/batch`));
    expect(requests.map((r) => r.url.searchParams.get('requestid'))).toEqual(['b7f3c2-v1-1', 'b7f3c2-v1-2', 'b7f3c2-v1-3']);
    expect(results.map((r) => r.bId)).toEqual(items(25).map((i) => i.bId));
    expect(results[0]).toMatchObject({ ok: true, entity: 'Vendor', record: { Id: '10' } });
    const failed = results[3];
    expect(failed?.ok).toBe(false);
    if (failed && !failed.ok && failed.fault) expect(errorCodeOfFault(failed.fault)).toBe('QBO_DUPLICATE_NAME');
    expect(results[7]).toEqual({ bId: 'v7', ok: false, fault: null });
    expect(results.filter((r) => r.ok)).toHaveLength(23);
  });

  it('batch size is configurable up to 30 and refused above; bIds are ≤ 10 characters and unique', async () => {
    const { client, requests } = setup(batchServer, { batchSize: 30 });
    await client.batch(items(31), { requestIdPrefix: 'p' });
    expect(requests.map((r) => (r.json as { BatchItemRequest: unknown[] }).BatchItemRequest.length)).toEqual([30, 1]);
    await expect(client.batch(items(2), { requestIdPrefix: 'p', batchSize: 31 })).rejects.toThrow(/1…30/);
    await expect(client.batch([{ ...items(1)[0]!, bId: 'x'.repeat(11) }], { requestIdPrefix: 'p' })).rejects.toThrow(/bId/);
    await expect(client.batch([items(1)[0]!, items(1)[0]!], { requestIdPrefix: 'p' })).rejects.toThrow(/twice/);
    await expect(client.batch(items(1), { requestIdPrefix: 'x'.repeat(35) })).rejects.toThrow(/36/);
  });

  it('every send is reported for metering, retries included, with the operations a batch carries', async () => {
    const calls: unknown[] = [];
    const { client } = setup((r, i) => (i === 0 ? { status: 503, body: {} } : batchServer(r)), { onCall: (e) => calls.push(e) });
    await client.batch(items(3), { requestIdPrefix: 'm' });
    expect(calls).toEqual([
      { method: 'POST', resource: 'batch', status: 503, operations: 3 },
      { method: 'POST', resource: 'batch', status: 200, operations: 3 },
    ]);
  });

  it('a throttled batch chunk is resent with the same requestid', async () => {
    const { client, requests } = setup((r, i) => (i === 1 ? { status: 429, headers: { 'Retry-After': '1' }, body: {} } : batchServer(r)));
    await client.batch(items(15), { requestIdPrefix: 'q' });
    expect(requests.map((r) => r.url.searchParams.get('requestid'))).toEqual(['q-1', 'q-2', 'q-2']);
  });
});

describe('change data capture', () => {
  it('asks /cdc with entities and changedSince and gathers every entity type of the answer', async () => {
    const body = {
      CDCResponse: [
        {
          QueryResponse: [
            {
              Customer: [
                { Id: '1', Job: true, ParentRef: { value: '9' } },
                { Id: '2', status: 'Deleted' },
              ],
              startPosition: 1,
            },
            { Bill: [{ Id: '30' }] },
            {},
          ],
        },
      ],
      time: '2026-12-07T02:00:00.000-08:00',
    };
    const { client, requests, clock } = setup(() => ({ body }));
    const since = new Date(clock.now() - 3_600_000);
    const result = await client.changesSince(['Customer', 'Bill', 'Invoice'], since);
    expect(requests[0]?.url.pathname).toBe(`/v3/company/${REALM}/cdc`);
    expect(requests[0]?.url.searchParams.get('entities')).toBe('Customer,Bill,Invoice');
    expect(requests[0]?.url.searchParams.get('changedSince')).toBe(since.toISOString());
    expect(result.changes.Customer?.map((c) => c.Id)).toEqual(['1', '2']);
    expect(result.changes.Customer?.[1]?.status).toBe('Deleted');
    expect(result.changes.Bill).toHaveLength(1);
    expect(result.changes.Invoice).toBeUndefined();
    expect(result.count).toBe(3);
    expect(result.mayBeTruncated).toBe(false);
    expect(result.serverTime).toBe(body.time);
  });

  it('refuses a changedSince older than 30 days without calling, and flags a 1000-object answer', async () => {
    const { client, requests, clock } = setup(() => ({
      body: { CDCResponse: [{ QueryResponse: [{ Vendor: Array.from({ length: 1000 }, (_, i) => ({ Id: String(i) })) }] }] },
    }));
    await expect(client.changesSince(['Vendor'], new Date(clock.now() - 31 * 24 * 3_600_000))).rejects.toThrow(/30 days/);
    expect(requests).toHaveLength(0);
    expect((await client.changesSince(['Vendor'], new Date(clock.now() - 60_000))).mayBeTruncated).toBe(true);
  });
});

describe('realm throttle in the client', () => {
  it('never has more than 10 requests in flight for one realm', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const releases: Array<() => void> = [];
    const throttle = createRealmThrottle({ perSecond: 1000, perMinute: 1000 });
    const { client } = setup(
      () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        return new Promise((resolve) => {
          releases.push(() => {
            inFlight--;
            resolve({ body: { Vendor: { Id: '1' } } });
          });
        });
      },
      { throttle },
    );
    const all = Promise.all(Array.from({ length: 25 }, (_, i) => client.read('Vendor', String(i + 1))));
    // Answer requests one at a time as they arrive until all 25 are done.
    for (let answered = 0; answered < 25; answered++) {
      while (releases.length === 0) await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    await all;
    expect(maxInFlight).toBe(10);
  });
});
