import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseWebhookPayload, WebhookPayloadError } from './parse-webhook-payload.ts';
import { computeWebhookSignature, verifyWebhookSignature } from './verify-webhook-signature.ts';

// Intuit's classic sample payload ("Managing webhooks notifications"), compact, as the raw body.
const CLASSIC_BODY =
  '{"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":[{"name":"Customer","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"},{"name":"Vendor","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"}]}}]}';
// Intuit's CloudEvents sample ("Upcoming change to webhooks payload structure", blogs.intuit.com 2025-11-12).
const CLOUDEVENTS_BODY = JSON.stringify([
  {
    specversion: '1.0',
    id: '88cd52aa-33b6-4351-9aa4-47572edbd068',
    source: 'intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=',
    type: 'qbo.account.created.v1',
    datacontenttype: 'application/json',
    time: '2025-09-10T21:31:25.179851517Z',
    intuitentityid: '1234',
    intuitaccountid: '310687',
    data: {},
  },
]);
const VERIFIER = 'f2b6c7d8-1e3a-4b5c-9d0e-verifier';
// Computed outside this code: printf '%s' "$CLASSIC_BODY" | openssl dgst -sha256 -hmac "$VERIFIER" -binary | base64
const CLASSIC_SIGNATURE = 'l4xoL9L132B7hjH0yamaOysXzWoQ9cvs94uTCSeA0p0=';

describe('intuit-signature', () => {
  it('accepts the known vector (computed with openssl) and agrees with node:crypto', () => {
    expect(verifyWebhookSignature(CLASSIC_BODY, CLASSIC_SIGNATURE, VERIFIER)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(CLASSIC_BODY, 'utf8'), CLASSIC_SIGNATURE, VERIFIER)).toBe(true);
    expect(createHmac('sha256', VERIFIER).update(CLASSIC_BODY).digest('base64')).toBe(CLASSIC_SIGNATURE);
    expect(computeWebhookSignature(CLASSIC_BODY, VERIFIER)).toBe(CLASSIC_SIGNATURE);
  });

  it('refuses a tampered body, another key, a re-serialised body, a missing or malformed header', () => {
    expect(verifyWebhookSignature(CLASSIC_BODY.replace('"id":"1"', '"id":"2"'), CLASSIC_SIGNATURE, VERIFIER)).toBe(false);
    expect(verifyWebhookSignature(CLASSIC_BODY, CLASSIC_SIGNATURE, `${VERIFIER}x`)).toBe(false);
    expect(verifyWebhookSignature(JSON.stringify(JSON.parse(CLASSIC_BODY), null, 2), CLASSIC_SIGNATURE, VERIFIER)).toBe(false);
    expect(verifyWebhookSignature(CLASSIC_BODY, undefined, VERIFIER)).toBe(false);
    expect(verifyWebhookSignature(CLASSIC_BODY, '', VERIFIER)).toBe(false);
    expect(verifyWebhookSignature(CLASSIC_BODY, CLASSIC_SIGNATURE.slice(0, -2), VERIFIER)).toBe(false);
    // Same bytes in hex: not Intuit's encoding.
    expect(verifyWebhookSignature(CLASSIC_BODY, Buffer.from(CLASSIC_SIGNATURE, 'base64').toString('hex'), VERIFIER)).toBe(false);
    expect(() => verifyWebhookSignature(CLASSIC_BODY, CLASSIC_SIGNATURE, '')).toThrow(/verifierToken/);
  });

  it('any single flipped bit of the signature is refused', () => {
    const bytes = Buffer.from(CLASSIC_SIGNATURE, 'base64');
    for (let bit = 0; bit < bytes.length * 8; bit += 13) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      expect(verifyWebhookSignature(CLASSIC_BODY, flipped.toString('base64'), VERIFIER)).toBe(false);
    }
  });
});

describe('webhook payloads', () => {
  it("reads Intuit's classic sample: one event per entity, realm, operation, lastUpdated", () => {
    const events = parseWebhookPayload(CLASSIC_BODY);
    expect(events).toEqual([
      {
        format: 'classic',
        realmId: '1185883450',
        entity: 'Customer',
        entityId: '1',
        operation: 'Create',
        rawOperation: 'Create',
        occurredAt: '2015-10-05T14:42:19-0700',
        mergedFromId: null,
        dedupeKey: 'classic:1185883450:Customer:1:Create:2015-10-05T14:42:19-0700',
      },
      expect.objectContaining({ entity: 'Vendor', entityId: '1', operation: 'Create' }),
    ]);
  });

  it("reads Intuit's CloudEvents sample: intuitaccountid is the realm, type gives entity and operation", () => {
    const [event, ...rest] = parseWebhookPayload(CLOUDEVENTS_BODY);
    expect(rest).toEqual([]);
    expect(event).toEqual({
      format: 'cloudevents',
      realmId: '310687',
      entity: 'Account',
      entityId: '1234',
      operation: 'Create',
      rawOperation: 'created',
      occurredAt: '2025-09-10T21:31:25.179851517Z',
      mergedFromId: null,
      dedupeKey: 'ce:intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=:88cd52aa-33b6-4351-9aa4-47572edbd068',
    });
  });

  it('maps lower-case CloudEvents entity names to ours and keeps unknown ones as given', () => {
    const event = (type: string, id: string) => ({ specversion: '1.0', id, source: 's', type, intuitentityid: '5', intuitaccountid: '1' });
    const events = parseWebhookPayload([
      event('qbo.purchaseorder.updated.v1', 'a'),
      event('qbo.billpayment.deleted.v1', 'b'),
      event('qbo.estimate.voided.v1', 'c'),
      event('qbo.timeactivity.voided.v1', 'e'),
      event('qbo.bill.merged.v1', 'd'),
    ]);
    expect(events.map((e) => [e.entity, e.operation])).toEqual([
      ['PurchaseOrder', 'Update'],
      ['BillPayment', 'Delete'],
      ['Estimate', 'Void'],
      ['timeactivity', 'Void'],
      ['Bill', 'Merge'],
    ]);
  });

  it('a redelivery has the same dedupe keys; a later change to the same record has a new one', () => {
    const first = parseWebhookPayload(CLASSIC_BODY).map((e) => e.dedupeKey);
    expect(parseWebhookPayload(CLASSIC_BODY).map((e) => e.dedupeKey)).toEqual(first);
    const later = parseWebhookPayload(CLASSIC_BODY.replaceAll('14:42:19', '15:00:00')).map((e) => e.dedupeKey);
    expect(later.some((k) => first.includes(k))).toBe(false);
    expect(new Set(first).size).toBe(first.length);
  });

  it("a CloudEvents merge keeps data.deletedid (Intuit's data-objects example); an event without data is read", () => {
    const events = parseWebhookPayload([
      {
        specversion: '1.0',
        id: 'a1b2c3d4-0000-0000-0000-000000000000-Customer-123',
        source: 'intuit.abc',
        type: 'qbo.customer.merged.v1',
        datacontenttype: 'application/json',
        time: '2025-12-04T15:25:05Z',
        intuitentityid: '123',
        intuitaccountid: '9341455600000',
        data: { deletedid: '27' },
      },
      {
        specversion: '1.0',
        id: 'e-SalesReceipt-150',
        source: 'intuit.abc',
        type: 'qbo.salesreceipt.updated.v1',
        time: '2026-03-17T16:19:17Z',
        intuitentityid: '150',
        intuitaccountid: '9341455600000',
      },
    ]);
    expect(events[0]).toMatchObject({ entity: 'Customer', entityId: '123', operation: 'Merge', mergedFromId: '27' });
    expect(events[1]).toMatchObject({ entity: 'salesreceipt', entityId: '150', operation: 'Update', mergedFromId: null });
  });

  it('a classic Merge keeps deletedId', () => {
    const [event] = parseWebhookPayload({
      eventNotifications: [
        { realmId: '7', dataChangeEvent: { entities: [{ name: 'Vendor', id: '10', operation: 'Merge', deletedId: '11', lastUpdated: 'x' }] } },
      ],
    });
    expect(event).toMatchObject({ operation: 'Merge', mergedFromId: '11' });
  });

  it('refuses what is neither format', () => {
    expect(() => parseWebhookPayload('not json')).toThrow(WebhookPayloadError);
    expect(() => parseWebhookPayload('{"hello":1}')).toThrow(WebhookPayloadError);
    expect(() => parseWebhookPayload([{ id: 'x', type: 'qbo.vendor.created.v1' }])).toThrow(/intuitaccountid/);
    expect(() => parseWebhookPayload([{ id: 'x', type: 'com.example.thing', intuitaccountid: '1', intuitentityid: '2' }])).toThrow(/unknown type/);
    expect(() => parseWebhookPayload({ eventNotifications: [{ realmId: '1' }] })).toThrow(/dataChangeEvent/);
  });
});
