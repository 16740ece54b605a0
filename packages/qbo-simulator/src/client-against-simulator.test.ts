// packages/qbo's client against the simulator over real HTTP (loopback), on a fake clock: the behaviours
// issue 22 asks the client to get right, each provoked the way QuickBooks Online provokes it.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  QboApiError,
  QboReconnectRequiredError,
  StaleObjectError,
  buildAuthorizationUrl,
  createRealmThrottle,
  exchangeAuthorizationCode,
  parseWebhookPayload,
  readAuthorizationCallback,
  refreshTokens,
  revokeToken,
  verifyWebhookSignature,
  type Vendor,
} from '../../qbo/src/index.ts';
import { START_MS, startTestSimulator, type TestSimulator } from './test-support/start-test-simulator.ts';

let t: TestSimulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function expectRejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('OAuth', () => {
  it('authorize → code → tokens; refresh rotates and only the latest refresh token works; revoke ends the connection', async () => {
    t = await startTestSimulator();
    const { sim } = t;
    const { clientId, clientSecret } = sim.oauth.defaultClient;
    const redirectUri = 'https://app.example.com/qbo/callback';
    const state = 'state-0123456789abcdef';
    const authorize = await fetch(buildAuthorizationUrl({ clientId, redirectUri, state, authorizationUrl: sim.endpoints.authorizationUrl }), {
      redirect: 'manual',
    });
    expect(authorize.status).toBe(302);
    const { code, realmId } = readAuthorizationCallback(authorize.headers.get('location') as string, state);
    expect(realmId).toBe(sim.realmId);
    const creds = { clientId, clientSecret, tokenUrl: sim.endpoints.tokenUrl, revokeUrl: sim.endpoints.revokeUrl, now: () => t!.clock.now };
    const first = await exchangeAuthorizationCode({ ...creds, code, redirectUri });
    expect(first.accessTokenExpiresAt.getTime()).toBe(START_MS + 3600_000);
    // A code is single use.
    expect(await expectRejection(exchangeAuthorizationCode({ ...creds, code, redirectUri }))).toBeInstanceOf(QboReconnectRequiredError);

    const second = await refreshTokens({ ...creds, refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    // The superseded refresh token is dead: invalid_grant → reconnect required.
    expect(await expectRejection(refreshTokens({ ...creds, refreshToken: first.refreshToken }))).toBeInstanceOf(QboReconnectRequiredError);
    // The latest one still works, and the connection goes on.
    const third = await refreshTokens({ ...creds, refreshToken: second.refreshToken });
    const client = t.client({ getAccessToken: () => Promise.resolve(third.accessToken), refreshAccessToken: undefined });
    expect((await client.read('Vendor', '1')).Id).toBe('1');

    await revokeToken({ ...creds, token: third.refreshToken });
    const afterRevoke = await expectRejection(client.read('Vendor', '1'));
    expect(afterRevoke).toBeInstanceOf(QboApiError);
    expect((afterRevoke as QboApiError).status).toBe(401);
    expect((afterRevoke as QboApiError).faults[0]?.code).toBe('3200');
    expect(await expectRejection(refreshTokens({ ...creds, refreshToken: third.refreshToken }))).toBeInstanceOf(QboReconnectRequiredError);
    expect(sim.oauth.stats()).toMatchObject({ refreshes: 2, invalidGrants: 3, revocations: 1 });
  });

  it('an access token expires after 3600 s on the simulator clock: the client refreshes once and resends', async () => {
    t = await startTestSimulator();
    const client = t.client();
    const before = t.tokens.refreshToken;
    await client.read('Vendor', '1');
    t.clock.now += 3599_000;
    await client.read('Vendor', '1');
    expect(t.sim.oauth.stats().refreshes).toBe(0);
    t.clock.now += 1000;
    await client.read('Vendor', '1');
    expect(t.sim.oauth.stats().refreshes).toBe(1);
    expect(t.tokens.refreshToken).not.toBe(before);
  });

  it('a connection revoked on the QuickBooks side: 401, then the refresh is invalid_grant → reconnect required', async () => {
    t = await startTestSimulator();
    const client = t.client();
    await client.read('Vendor', '1');
    expect(t.sim.oauth.revokeRealm(t.sim.realmId)).toBe(1);
    expect(await expectRejection(client.read('Vendor', '1'))).toBeInstanceOf(QboReconnectRequiredError);
  });

  it('an injected gateway 401 (lower-case fault, 3200) is answered by one refresh', async () => {
    t = await startTestSimulator();
    t.sim.faults.inject({ kind: 'auth-3200' }, { method: 'GET' });
    const vendor = await t.client().read('Vendor', '2');
    expect(vendor.Id).toBe('2');
    expect(t.sim.oauth.stats().refreshes).toBe(1);
  });
});

describe('entities', () => {
  it('create answers Id, SyncToken 0 and MetaData; sparse update bumps the SyncToken; a stale SyncToken is 5010', async () => {
    t = await startTestSimulator();
    const client = t.client();
    const created = await client.create('Vendor', { DisplayName: 'Northwind Drywall LLC' }, { requestId: 'v-northwind-1' });
    expect(created).toMatchObject({ SyncToken: '0', Active: true, MetaData: { CreateTime: '2026-12-07T12:00:00+00:00' } });
    t.clock.now += 5000;
    const updated = await client.update('Vendor', { Id: created.Id!, SyncToken: created.SyncToken!, CompanyName: 'Northwind' }, { requestId: 'v-northwind-2' });
    expect(updated).toMatchObject({
      SyncToken: '1',
      DisplayName: 'Northwind Drywall LLC',
      CompanyName: 'Northwind',
      MetaData: { LastUpdatedTime: '2026-12-07T12:00:05+00:00' },
    });
    // Someone edits it in QuickBooks; our next update still carries SyncToken 1.
    t.sim.store().editAsUser('Vendor', created.Id!, { PrintOnCheckName: 'NW Drywall' });
    const stale = await expectRejection(client.update('Vendor', { Id: created.Id!, SyncToken: '1', CompanyName: 'Clobber' }, { requestId: 'v-northwind-3' }));
    expect(stale).toBeInstanceOf(StaleObjectError);
    expect((await client.read('Vendor', created.Id!)).CompanyName).toBe('Northwind');
  });

  it('6240 for a display name already used by a vendor or a customer, 610 for a missing record, 2500 for a bad ref', async () => {
    t = await startTestSimulator();
    const client = t.client();
    const customer = (await client.read('Customer', '1')) as { DisplayName: string };
    const duplicate = (await expectRejection(
      client.create('Vendor', { DisplayName: customer.DisplayName.toUpperCase() }, { requestId: 'dup-1' }),
    )) as QboApiError;
    expect(duplicate.faults[0]?.code).toBe('6240');
    const missing = (await expectRejection(client.read('Vendor', '9999'))) as QboApiError;
    expect(missing.faults[0]?.code).toBe('610');
    const badRef = (await expectRejection(client.create('PurchaseOrder', { VendorRef: { value: '9999' }, Line: [] }, { requestId: 'po-bad' }))) as QboApiError;
    expect(badRef.faults[0]?.code).toBe('2500');
  });

  it('sub-customers: Job=true under ParentRef, FullyQualifiedName "Parent:Child", Level 1', async () => {
    t = await startTestSimulator();
    const client = t.client();
    const parent = await client.create('Customer', { DisplayName: 'Delta Owners' }, { requestId: 'c-delta' });
    const job = await client.create('Customer', { DisplayName: 'Delta Lab Fitout', Job: true, ParentRef: { value: parent.Id! } }, { requestId: 'c-delta-lab' });
    expect(job).toMatchObject({
      Job: true,
      Level: 1,
      FullyQualifiedName: 'Delta Owners:Delta Lab Fitout',
      ParentRef: { value: parent.Id, name: 'Delta Owners' },
    });
  });

  it('a bill made from a PO links to the PO line and changes the PO (new SyncToken); bill payments lower the bill balance', async () => {
    t = await startTestSimulator();
    const client = t.client();
    const line = (amount: number) => ({
      Amount: amount,
      DetailType: 'ItemBasedExpenseLineDetail' as const,
      ItemBasedExpenseLineDetail: { ItemRef: { value: '2' }, CustomerRef: { value: '2' }, ClassRef: { value: '1' } },
    });
    const po = await client.create('PurchaseOrder', { VendorRef: { value: '1' }, Line: [line(1000), line(250.5)] }, { requestId: 'po-1' });
    expect(po).toMatchObject({ TotalAmt: 1250.5, POStatus: 'Open' });
    expect(po.Line?.map((l) => l.Id)).toEqual(['1', '2']);
    const bill = await client.create(
      'Bill',
      { VendorRef: { value: '1' }, Line: [{ ...line(400), LinkedTxn: [{ TxnId: po.Id!, TxnType: 'PurchaseOrder', TxnLineId: '1' }] }] },
      { requestId: 'bill-1' },
    );
    expect(bill).toMatchObject({ TotalAmt: 400, Balance: 400 });
    const poAfter = await client.read('PurchaseOrder', po.Id!);
    expect(poAfter.SyncToken).toBe('1');
    expect(poAfter.LinkedTxn).toEqual([{ TxnId: bill.Id, TxnType: 'Bill' }]);
    await client.create(
      'BillPayment',
      {
        VendorRef: { value: '1' },
        PayType: 'Check',
        CheckPayment: { BankAccountRef: { value: '3' } },
        TotalAmt: 150,
        Line: [{ Amount: 150, LinkedTxn: [{ TxnId: bill.Id!, TxnType: 'Bill' }] }],
      },
      { requestId: 'bp-1' },
    );
    expect((await client.read('Bill', bill.Id!)).Balance).toBe(250);
  });
});

describe('owner side and job costs', () => {
  it('an invoice to a job, a payment applied to it through Line.LinkedTxn (Balance, UnappliedAmt); Purchase and VendorCredit lines carry CustomerRef and ClassRef', async () => {
    t = await startTestSimulator();
    const client = t.client();
    const invoice = await client.create(
      'Invoice',
      {
        CustomerRef: { value: '2' },
        Line: [{ Amount: 5000, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' }, ClassRef: { value: '1' } } }],
      },
      { requestId: 'inv-1' },
    );
    expect(invoice).toMatchObject({ TotalAmt: 5000, Balance: 5000, CustomerRef: { value: '2', name: expect.stringContaining(':') } });
    const payment = await client.create(
      'Payment',
      { CustomerRef: { value: '2' }, TotalAmt: 3500, Line: [{ Amount: 3000, LinkedTxn: [{ TxnId: invoice.Id!, TxnType: 'Invoice' }] }] },
      { requestId: 'pay-1' },
    );
    expect(payment.UnappliedAmt).toBe(500);
    const invoiceAfter = await client.read('Invoice', invoice.Id!);
    expect(invoiceAfter).toMatchObject({ Balance: 2000, SyncToken: '1' });
    const jobCostLine = {
      Amount: 75,
      DetailType: 'AccountBasedExpenseLineDetail' as const,
      AccountBasedExpenseLineDetail: { AccountRef: { value: '6' }, CustomerRef: { value: '2' }, ClassRef: { value: '2' } },
    };
    const purchase = await client.create(
      'Purchase',
      { PaymentType: 'Check', AccountRef: { value: '3' }, EntityRef: { value: '1', type: 'Vendor' }, Line: [jobCostLine] },
      { requestId: 'pur-1' },
    );
    expect(purchase).toMatchObject({ TotalAmt: 75, EntityRef: { value: '1', name: expect.any(String) } });
    const credit = await client.create('VendorCredit', { VendorRef: { value: '1' }, Line: [jobCostLine] }, { requestId: 'vc-1' });
    expect(credit.Line?.[0]?.AccountBasedExpenseLineDetail?.ClassRef).toEqual({ value: '2', name: 'Public Works' });
  });
});

describe('requestid idempotency', () => {
  it('the same requestid replays the first answer, even after the record changed and after it was deleted', async () => {
    t = await startTestSimulator();
    const client = t.client();
    const payload = {
      VendorRef: { value: '1' },
      Line: [{ Amount: 10, DetailType: 'AccountBasedExpenseLineDetail' as const, AccountBasedExpenseLineDetail: { AccountRef: { value: '5' } } }],
    };
    const first = await client.create('Bill', payload, { requestId: 'bill-replay' });
    await client.update('Bill', { Id: first.Id!, SyncToken: first.SyncToken!, PrivateNote: 'changed' }, { requestId: 'bill-replay-u1' });
    const replay = await client.create('Bill', payload, { requestId: 'bill-replay' });
    expect(replay).toEqual(first);
    const current = await client.read('Bill', first.Id!);
    await client.request({
      method: 'POST',
      path: 'bill',
      query: { operation: 'delete' },
      body: { Id: current.Id, SyncToken: current.SyncToken },
      requestId: 'bill-replay-d',
    });
    expect(await client.create('Bill', payload, { requestId: 'bill-replay' })).toEqual(first);
    const bills = await client.queryAll('Bill', 'select * from Bill');
    expect(bills.filter((b) => b.Id === first.Id)).toEqual([]);
    expect(t.sim.stats().replayed).toBe(2);
  });

  it('a write whose answer is lost (connection dropped after the write) is resent and applied once', async () => {
    t = await startTestSimulator();
    const client = t.client();
    t.sim.faults.inject({ kind: 'drop-after-write' }, { method: 'POST', resource: 'vendor' });
    const vendor = await client.create('Vendor', { DisplayName: 'Lost Answer Steel' }, { requestId: 'v-lost-1' });
    const all = await client.queryAll('Vendor', "select * from Vendor where DisplayName = 'Lost Answer Steel'");
    expect(all.map((v) => v.Id)).toEqual([vendor.Id]);
    expect(t.sim.stats().replayed).toBe(1);
  });

  it('a 5xx after the write is applied is resent with the same requestid and applied once', async () => {
    t = await startTestSimulator();
    const client = t.client();
    t.sim.faults.inject({ kind: 'status-after-write', status: 502 }, { method: 'POST', resource: 'vendor' });
    t.sim.faults.inject({ kind: 'status', status: 503 }, { method: 'POST', resource: 'vendor' });
    await client.create('Vendor', { DisplayName: 'Flaky Glass Co.' }, { requestId: 'v-flaky-1' });
    const all = await client.queryAll('Vendor', "select * from Vendor where DisplayName like 'Flaky%'");
    expect(all).toHaveLength(1);
  });
});

describe('throttling', () => {
  it('429 with Retry-After: the client waits at least that long (not the 60 s default) and every read succeeds', async () => {
    t = await startTestSimulator({ rateLimits: { perSecond: 2 } });
    const client = t.client();
    const ids = ['1', '2', '3', '4', '5'];
    const read: string[] = [];
    for (const id of ids) read.push((await client.read('Vendor', id)).Id!);
    expect(read).toEqual(ids);
    const throttled = t.sim.stats().throttled;
    expect(throttled).toBeGreaterThan(0);
    expect(t.clock.sleeps).toHaveLength(throttled);
    // Retry-After: 1 (the second window frees a slot within 1 s); the client adds jitter on top.
    expect(t.clock.sleeps.every((ms) => ms >= 1000 && ms < 60_000)).toBe(true);
  });

  it("429 without Retry-After: the client waits Intuit's 60 s (plus its jitter)", async () => {
    t = await startTestSimulator({ rateLimits: { perSecond: 1, retryAfter: false } });
    const client = t.client();
    await client.read('Vendor', '1');
    await client.read('Vendor', '2');
    expect(t.sim.stats().throttled).toBe(1);
    expect(t.clock.sleeps).toHaveLength(1);
    expect(t.clock.sleeps[0]).toBeGreaterThanOrEqual(60_000);
  });

  it('40 batches a minute: a batch over the limit is 429, the client waits and resends it', async () => {
    t = await startTestSimulator({ rateLimits: { batchesPerMinute: 2 } });
    const client = t.client();
    const items = Array.from({ length: 3 }, (_, i) => ({
      bId: `c${i}`,
      operation: 'create' as const,
      entity: 'Class' as const,
      payload: { Name: `Batch Class ${i}` },
    }));
    const results = await client.batch(items, { requestIdPrefix: 'cb-1', batchSize: 1 });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(t.sim.stats().throttled).toBe(1);
    expect(t.sim.stats().byResource['batch']).toBe(4);
  });

  it('the client throttle keeps 25 reads within 10/s: no 429 at all', async () => {
    t = await startTestSimulator();
    const clock = t.clock;
    const throttle = createRealmThrottle({
      now: () => clock.now,
      sleep: (ms: number) => {
        clock.now += ms;
        return Promise.resolve();
      },
    });
    const client = t.client({ throttle });
    for (let i = 0; i < 25; i++) await client.read('Vendor', String((i % 12) + 1));
    expect(t.sim.stats().throttled).toBe(0);
  });
});

describe('batch', () => {
  it('per-item results and faults by bId, chunks of 10, replayed as a whole under the same requestid', async () => {
    t = await startTestSimulator();
    const client = t.client();
    const items = Array.from({ length: 12 }, (_, i) => ({
      bId: `b${i}`,
      operation: 'create' as const,
      entity: 'Vendor' as const,
      payload: { DisplayName: i === 7 ? 'Batch Vendor 3' : `Batch Vendor ${i}` } as Partial<Vendor>,
    }));
    const results = await client.batch(items, { requestIdPrefix: 'vb-1' });
    expect(results.map((r) => r.bId)).toEqual(items.map((i) => i.bId));
    expect(results.filter((r) => !r.ok).map((r) => [r.bId, r.ok ? null : r.fault?.errors[0]?.code])).toEqual([['b7', '6240']]);
    expect(t.sim.stats().byResource['batch']).toBe(2);
    const again = await client.batch(items, { requestIdPrefix: 'vb-1' });
    expect(again).toEqual(results);
    expect((await client.queryAll('Vendor', "select * from Vendor where DisplayName like 'Batch Vendor%'")).length).toBe(11);
  });

  it('more than 30 items is refused as a whole', async () => {
    t = await startTestSimulator();
    const client = t.client();
    const body = { BatchItemRequest: Array.from({ length: 31 }, (_, i) => ({ bId: `q${i}`, Query: 'select * from Class' })) };
    const error = (await expectRejection(client.request({ method: 'POST', path: 'batch', body, requestId: 'too-many', kind: 'batch' }))) as QboApiError;
    expect(error.status).toBe(400);
  });
});

describe('CDC', () => {
  it('answers changes since a time, deleted records with status Deleted; refuses more than 30 days back', async () => {
    t = await startTestSimulator();
    const client = t.client();
    t.clock.now += 60_000;
    const since = new Date(t.clock.now);
    const vendor = await client.create('Vendor', { DisplayName: 'CDC Vendor' }, { requestId: 'cdc-v' });
    const bill = await client.create(
      'Bill',
      {
        VendorRef: { value: vendor.Id! },
        Line: [{ Amount: 5, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '5' } } }],
      },
      { requestId: 'cdc-b' },
    );
    await client.request({
      method: 'POST',
      path: 'bill',
      query: { operation: 'delete' },
      body: { Id: bill.Id, SyncToken: bill.SyncToken },
      requestId: 'cdc-bd',
    });
    const changes = await client.changesSince(['Vendor', 'Bill', 'Customer'], since);
    expect(changes.changes.Vendor?.map((v) => v.Id)).toEqual([vendor.Id]);
    expect(changes.changes.Bill).toEqual([expect.objectContaining({ Id: bill.Id, status: 'Deleted' })]);
    expect(changes.changes.Customer).toBeUndefined();
    expect(changes.count).toBe(2);

    const old = new Date(t.clock.now - 31 * 24 * 3_600_000).toISOString();
    const error = (await expectRejection(client.request({ method: 'GET', path: 'cdc', query: { entities: 'Vendor', changedSince: old } }))) as QboApiError;
    expect(error.status).toBe(400);
  });
});

describe('query', () => {
  it('queryAll pages to the end (STARTPOSITION/MAXRESULTS) and leaves inactive vendors out', async () => {
    t = await startTestSimulator();
    t.sim.store().editAsUser('Vendor', '3', { Active: false });
    const vendors = await t.client({ queryPageSize: 5 }).queryAll('Vendor', 'select * from Vendor');
    expect(vendors.map((v) => v.Id)).toEqual(['1', '2', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(t.sim.stats().byResource['query']).toBe(3);
  });
});

describe('minorversion and intuit_tid', () => {
  it('refuses a request without minorversion ≥ 75 by default, and every answer has intuit_tid', async () => {
    t = await startTestSimulator();
    const url = `${t.sim.url}/v3/company/${t.sim.realmId}/vendor/1`;
    const headers = { Authorization: `Bearer ${t.tokens.accessToken}`, Accept: 'application/json' };
    const without = await fetch(url, { headers });
    expect(without.status).toBe(400);
    expect(without.headers.get('intuit_tid')).toMatch(/^1-/);
    const old = await fetch(`${url}?minorversion=65`, { headers });
    expect(old.status).toBe(400);
    const ok = await fetch(`${url}?minorversion=75`, { headers });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('intuit_tid')).toMatch(/^1-/);
  });

  it("policy 'intuit' serves a missing or lower minorversion as Intuit does (as 75)", async () => {
    t = await startTestSimulator({ minorVersionPolicy: 'intuit' });
    const headers = { Authorization: `Bearer ${t.tokens.accessToken}`, Accept: 'application/json' };
    const old = await fetch(`${t.sim.url}/v3/company/${t.sim.realmId}/vendor/1?minorversion=40`, { headers });
    expect(old.status).toBe(200);
    expect(((await old.json()) as { Vendor: { Id: string } }).Vendor.Id).toBe('1');
  });
});

describe('webhooks', () => {
  async function startReceiver(status = 200): Promise<{ url: string; received: Array<{ body: string; signature: string }>; close(): Promise<void> }> {
    const received: Array<{ body: string; signature: string }> = [];
    let calls = 0;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['intuit-signature'] ?? '') });
        calls++;
        res.writeHead(calls === 1 ? status : 200);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/qbo/webhooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  it('CloudEvents deliveries are signed with the verifier token, verified and parsed by the client; duplicates keep their dedupe key', async () => {
    const receiver = await startReceiver();
    try {
      t = await startTestSimulator({ webhook: { url: receiver.url, verifierToken: 'verifier-abc', duplicates: true } });
      const client = t.client();
      const vendor = await client.create('Vendor', { DisplayName: 'Hooked Electric' }, { requestId: 'wh-v' });
      await t.sim.webhooks.flush();
      expect(receiver.received).toHaveLength(2);
      const [a, b] = receiver.received;
      expect(verifyWebhookSignature(a!.body, a!.signature, 'verifier-abc')).toBe(true);
      expect(verifyWebhookSignature(a!.body, a!.signature, 'another-token')).toBe(false);
      const events = parseWebhookPayload(a!.body);
      expect(events).toEqual([
        expect.objectContaining({ format: 'cloudevents', realmId: t.sim.realmId, entity: 'Vendor', entityId: vendor.Id, operation: 'Create' }),
      ]);
      expect(parseWebhookPayload(b!.body).map((e) => e.dedupeKey)).toEqual(events.map((e) => e.dedupeKey));
      // A deleted transaction is announced as qbo.bill.deleted.v1.
      const bill = await client.create(
        'Bill',
        {
          VendorRef: { value: vendor.Id! },
          Line: [{ Amount: 1, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '5' } } }],
        },
        { requestId: 'wh-b' },
      );
      await client.request({
        method: 'POST',
        path: 'bill',
        query: { operation: 'delete' },
        body: { Id: bill.Id, SyncToken: bill.SyncToken },
        requestId: 'wh-bd',
      });
      await t.sim.webhooks.flush();
      expect(parseWebhookPayload(receiver.received[2]!.body).map((e) => [e.entity, e.entityId, e.operation])).toEqual([
        ['Bill', bill.Id, 'Create'],
        ['Bill', bill.Id, 'Delete'],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('classic format, and a delivery refused by the receiver is retried with the same signed body', async () => {
    const receiver = await startReceiver(500);
    try {
      t = await startTestSimulator({ webhook: { url: receiver.url, verifierToken: 'verifier-xyz', format: 'classic' } });
      const client = t.client();
      const created = await client.create('Class', { Name: 'Hooked Class' }, { requestId: 'wh-c' });
      await client.update('Class', { Id: created.Id!, SyncToken: created.SyncToken!, Name: 'Hooked Class 2' }, { requestId: 'wh-c2' });
      await t.sim.webhooks.flush();
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1]).toEqual(receiver.received[0]);
      expect(verifyWebhookSignature(receiver.received[1]!.body, receiver.received[1]!.signature, 'verifier-xyz')).toBe(true);
      expect(parseWebhookPayload(receiver.received[1]!.body).map((e) => [e.format, e.entity, e.operation])).toEqual([
        ['classic', 'Class', 'Create'],
        ['classic', 'Class', 'Update'],
      ]);
      expect(t.sim.webhooks.deliveries().map((d) => d.status)).toEqual([500, 200]);
    } finally {
      await receiver.close();
    }
  });
});
