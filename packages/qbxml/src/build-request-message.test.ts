import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertValidRequest } from './assert-valid-request.ts';
import { buildClearRecoveryMessage, buildRecoveryStatusMessage, buildRequestMessage } from './build-request-message.ts';
import { FULL_REQUESTS, MINIMAL_REQUESTS } from './fixtures/sample-requests.ts';
import { isWriteRequest } from './is-write-request.ts';
import { parseXml, type XmlElement } from './parse-xml.ts';
import { QbxmlBuildError } from './qbxml-build-error.ts';
import { ITERABLE_REQUEST_TYPES, isIterableRequestType, type QbxmlRequest } from './qbxml-request.ts';
import { referenceDir } from './testing/reference-dir.ts';

const hostQuery: QbxmlRequest = { type: 'HostQuery' };

function invalid(request: unknown): QbxmlBuildError {
  try {
    assertValidRequest(request as QbxmlRequest);
  } catch (error) {
    if (error instanceof QbxmlBuildError) return error;
    throw error;
  }
  throw new Error('expected a QbxmlBuildError');
}

function leafText(root: XmlElement, ...pathNames: string[]): string | undefined {
  let node: XmlElement | undefined = root;
  for (const name of pathNames) node = node?.children.find((c) => c.name === name);
  return node?.text;
}

describe('buildRequestMessage', () => {
  it('writes the qbXML envelope with the version PI and continueOnError by default', () => {
    const xml = buildRequestMessage({ requests: [{ requestId: 'h1', request: hostQuery }] });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError"><HostQueryRq requestID="h1"></HostQueryRq></QBXMLMsgsRq></QBXML>',
    );
  });

  it('carries onError, message set ids and another qbXML version', () => {
    const xml = buildRequestMessage({
      requests: [{ requestId: '1', request: MINIMAL_REQUESTS.VendorAdd }],
      onError: 'stopOnError',
      newMessageSetId: 'MS-1',
      oldMessageSetId: 'MS-0',
      qbxmlVersion: '12.0',
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><?qbxml version="12.0"?><QBXML>')).toBe(true);
    const set = parseXml(xml).children[0]!;
    expect(set.attributes).toEqual({ newMessageSetID: 'MS-1', oldMessageSetID: 'MS-0', onError: 'stopOnError' });
  });

  it('keeps requests in order, each with its requestID', () => {
    const xml = buildRequestMessage({
      requests: [
        { requestId: 'v-1', request: MINIMAL_REQUESTS.VendorAdd },
        { requestId: 'c-1', request: MINIMAL_REQUESTS.CustomerQuery },
        { requestId: 'b-1', request: MINIMAL_REQUESTS.BillAdd },
      ],
    });
    const children = parseXml(xml).children[0]!.children;
    expect(children.map((c) => [c.name, c.attributes.requestID])).toEqual([
      ['VendorAddRq', 'v-1'],
      ['CustomerQueryRq', 'c-1'],
      ['BillAddRq', 'b-1'],
    ]);
  });

  it('escapes request IDs in attributes', () => {
    const xml = buildRequestMessage({ requests: [{ requestId: 'a"<&>\'\t', request: hostQuery }] });
    expect(parseXml(xml).children[0]!.children[0]!.attributes.requestID).toBe('a"<&>\'\t');
  });

  it.each([
    ['no requests', { requests: [] }, 'QBXMLMsgsRq'],
    [
      'a duplicate requestID',
      {
        requests: [
          { requestId: '1', request: hostQuery },
          { requestId: '1', request: hostQuery },
        ],
      },
      'QBXMLMsgsRq[1]@requestID',
    ],
    ['a blank requestID', { requests: [{ requestId: ' ', request: hostQuery }] }, 'QBXMLMsgsRq[0]@requestID'],
    ['an unknown onError', { requests: [{ requestId: '1', request: hostQuery }], onError: 'rollbackOnError' }, 'QBXMLMsgsRq@onError'],
    ['a malformed version', { requests: [{ requestId: '1', request: hostQuery }], qbxmlVersion: '13' }, 'qbxml@version'],
    ['an unknown request type', { requests: [{ requestId: '1', request: { type: 'SalesReceiptAdd' } }] }, 'type'],
  ])('rejects %s', (_name, input, field) => {
    try {
      buildRequestMessage(input as Parameters<typeof buildRequestMessage>[0]);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(QbxmlBuildError);
      expect((error as QbxmlBuildError).field).toBe(field);
    }
  });

  it('builds nothing when one request of many is invalid', () => {
    expect(() =>
      buildRequestMessage({
        requests: [
          { requestId: '1', request: MINIMAL_REQUESTS.VendorAdd },
          { requestId: '2', request: { type: 'VendorAdd', name: 'x'.repeat(42) } },
        ],
      }),
    ).toThrow(QbxmlBuildError);
  });
});

describe('error recovery messages', () => {
  it("match the structure of Intuit's legacy_ErrRecovery2.xml (status check)", () => {
    const sample = parseXml(readFileSync(path.join(referenceDir(), 'intuit-qbxml-samples/legacy_ErrRecovery2.xml'), 'utf8'));
    const ours = parseXml(buildRecoveryStatusMessage('AB1F2395'));
    expect(ours.children[0]!.attributes).toEqual(sample.children[0]!.attributes);
    expect(ours.children[0]!.children).toEqual([]);
  });

  it('match legacy_ErrRecovery3.xml (clear the saved status)', () => {
    const sample = parseXml(readFileSync(path.join(referenceDir(), 'intuit-qbxml-samples/legacy_ErrRecovery3.xml'), 'utf8'));
    const ours = parseXml(buildClearRecoveryMessage('AB1F2395'));
    expect(ours.children[0]!.attributes).toEqual(sample.children[0]!.attributes);
  });

  it('needs a message set id', () => {
    expect(() => buildRecoveryStatusMessage('')).toThrow(/oldMessageSetID is required/);
  });
});

describe('isWriteRequest', () => {
  it('is true for Add and Mod requests only', () => {
    const writes = Object.values(FULL_REQUESTS)
      .filter(isWriteRequest)
      .map((r) => r.type)
      .sort();
    expect(writes).toEqual([
      'BillAdd',
      'CustomerAdd',
      'CustomerMod',
      'EstimateAdd',
      'EstimateMod',
      'InvoiceAdd',
      'InvoiceMod',
      'ItemOtherChargeAdd',
      'ItemOtherChargeMod',
      'ItemServiceAdd',
      'ItemServiceMod',
      'PurchaseOrderAdd',
      'PurchaseOrderMod',
      'VendorAdd',
      'VendorMod',
    ]);
    expect(isWriteRequest({ type: 'VendorQuery' })).toBe(false);
  });
});

describe('iterators', () => {
  it('lists the queries whose Rq types carry iterator attributes in qbxmlops130.xsd', () => {
    const ops = readFileSync(path.join(referenceDir(), 'qbxml-13.0/qbxmlops130.xsd'), 'utf8');
    for (const type of Object.keys(FULL_REQUESTS)) {
      const start = ops.indexOf(`<xsd:complexType name="${type}RqType">`);
      expect(start, type).toBeGreaterThan(-1);
      const definition = ops.slice(start, ops.indexOf('</xsd:complexType>', start));
      expect(isIterableRequestType(type), type).toBe(definition.includes('name="iterator"'));
    }
    expect(ITERABLE_REQUEST_TYPES).toHaveLength(12);
  });

  it('rejects Continue without an iteratorID, Start with one, and an ID alone', () => {
    expect(invalid({ type: 'VendorQuery', iterator: 'Continue' }).code).toBe('REQUIRED_FIELD_MISSING');
    expect(invalid({ type: 'VendorQuery', iterator: 'Start', iteratorId: '{x}' }).field).toBe('VendorQueryRq@iteratorID');
    expect(invalid({ type: 'VendorQuery', iteratorId: '{x}' }).code).toBe('INVALID_VALUE');
    expect(invalid({ type: 'VendorQuery', iterator: 'Stop' }).field).toBe('VendorQueryRq@iterator');
  });

  it('rejects an iterator on a query that cannot iterate', () => {
    expect(invalid({ type: 'ClassQuery', iterator: 'Start' }).message).toMatch(/ClassQuery cannot use an iterator/);
    expect(invalid({ type: 'TxnDeletedQuery', txnDelTypes: ['Bill'], iterator: 'Start' }).field).toBe('TxnDeletedQueryRq@iterator');
  });
});

describe('request checks', () => {
  it.each([
    ['ListID and filter together', { type: 'VendorQuery', listIds: ['1'], maxReturned: 5 }, 'VendorQuery.ListID'],
    ['ListID and FullName together', { type: 'VendorQuery', listIds: ['1'], fullNames: ['a'] }, 'VendorQuery.ListID'],
    ['an empty ListID list', { type: 'CustomerQuery', listIds: [] }, 'CustomerQuery.ListID'],
    [
      'NameFilter with NameRangeFilter',
      { type: 'ItemQuery', nameFilter: { matchCriterion: 'Contains', name: 'a' }, nameRangeFilter: {} },
      'ItemQuery.NameFilter',
    ],
    ['a bad MatchCriterion', { type: 'ItemQuery', nameFilter: { matchCriterion: 'Like', name: 'a' } }, 'ItemQuery.NameFilter.MatchCriterion'],
    ['MaxReturned 0', { type: 'VendorQuery', maxReturned: 0 }, 'VendorQuery.MaxReturned'],
    ['MaxReturned 1.5', { type: 'BillQuery', maxReturned: 1.5 }, 'BillQuery.MaxReturned'],
    ['a naive FromModifiedDate', { type: 'VendorQuery', fromModifiedDate: '2026-11-20T08:00:00' }, 'VendorQuery.FromModifiedDate'],
    ['a UTC "Z" FromModifiedDate', { type: 'VendorQuery', fromModifiedDate: '2026-11-20T13:00:00Z' }, 'VendorQuery.FromModifiedDate'],
    ['both date filters', { type: 'BillQuery', modifiedDateRangeFilter: {}, txnDateRangeFilter: {} }, 'BillQuery.ModifiedDateRangeFilter'],
    [
      'both RefNumber filters',
      { type: 'CheckQuery', refNumberFilter: { matchCriterion: 'Contains', refNumber: '1' }, refNumberRangeFilter: {} },
      'CheckQuery.RefNumberFilter',
    ],
    ['TxnID with a filter', { type: 'BillQuery', txnIds: ['1'], paidStatus: 'All' }, 'BillQuery.TxnID'],
    ['an EntityFilter with two branches', { type: 'BillQuery', entityFilter: { listIds: ['1'], fullNames: ['a'] } }, 'BillQuery.EntityFilter'],
    ['an empty EntityFilter', { type: 'BillQuery', entityFilter: {} }, 'BillQuery.EntityFilter'],
    ['a bad DateMacro', { type: 'CheckQuery', txnDateRangeFilter: { dateMacro: 'Tomorrow' } }, 'CheckQuery.TxnDateRangeFilter.DateMacro'],
    ['an invalid TxnDate', { type: 'CheckQuery', txnDateRangeFilter: { fromTxnDate: '2026-02-30' } }, 'CheckQuery.TxnDateRangeFilter.FromTxnDate'],
    ['IncludeLinkedTxns on credit card charges', { type: 'CreditCardChargeQuery', includeLinkedTxns: true }, 'CreditCardChargeQuery.IncludeLinkedTxns'],
    ['a bad OwnerID', { type: 'CompanyQuery', ownerIds: ['6B2C7B2E-0C3A-4E5F-9A1B-2C3D4E5F6A7B'] }, 'CompanyQuery.OwnerID'],
    ['no TxnDelType', { type: 'TxnDeletedQuery', txnDelTypes: [] }, 'TxnDeletedQuery.TxnDelType'],
    ['a bad ListDelType', { type: 'ListDeletedQuery', listDelTypes: ['Job'] }, 'ListDeletedQuery.ListDelType'],
    ['a bad AccountType', { type: 'AccountQuery', accountTypes: ['Expenses'] }, 'AccountQuery.AccountType'],
    ['a ref with ListID and FullName', { type: 'VendorAdd', name: 'a', classRef: { listId: '1', fullName: 'b' } }, 'VendorAdd.ClassRef'],
    ['a ref with neither', { type: 'VendorAdd', name: 'a', classRef: {} }, 'VendorAdd.ClassRef'],
    ['a non-boolean flag', { type: 'VendorAdd', name: 'a', isActive: 'yes' }, 'VendorAdd.IsActive'],
    ['a bad JobStatus', { type: 'CustomerAdd', name: 'a', jobStatus: 'Open' }, 'CustomerAdd.JobStatus'],
    ['a bad JobStartDate', { type: 'CustomerAdd', name: 'a', jobStartDate: '03/02/2026' }, 'CustomerAdd.JobStartDate'],
    ['a bad ExternalGUID', { type: 'VendorAdd', name: 'a', externalGuid: 'not-a-guid' }, 'VendorAdd.ExternalGUID'],
    ['both item sides', { type: 'ItemServiceAdd', name: 'a', salesOrPurchase: {}, salesAndPurchase: {} }, 'ItemServiceAdd.SalesOrPurchase'],
    [
      'both item Mod sides',
      { type: 'ItemServiceMod', listId: '1', editSequence: '1', salesOrPurchaseMod: {}, salesAndPurchaseMod: {} },
      'ItemServiceMod.SalesOrPurchaseMod',
    ],
    ['price and price percent', { type: 'ItemServiceAdd', name: 'a', salesOrPurchase: { price: 1, pricePercent: 1 } }, 'ItemServiceAdd.SalesOrPurchase.Price'],
    ['an amount with sub-cents', { type: 'BillAdd', vendorRef: { fullName: 'a' }, expenseLines: [{ amount: 10.005 }] }, 'BillAdd.ExpenseLineAdd[0].Amount'],
    [
      'a quantity with 6 decimals',
      { type: 'PurchaseOrderAdd', vendorRef: { fullName: 'a' }, lines: [{ quantity: '1.123456' }] },
      'PurchaseOrderAdd.PurchaseOrderLineAdd[0].Quantity',
    ],
    [
      'a bad BillableStatus',
      { type: 'BillAdd', vendorRef: { fullName: 'a' }, itemLines: [{ billableStatus: 'Yes' }] },
      'BillAdd.ItemLineAdd[0].BillableStatus',
    ],
    ['a blank LinkToTxnID', { type: 'BillAdd', vendorRef: { fullName: 'a' }, linkToTxnIds: [''] }, 'BillAdd.LinkToTxnID'],
    [
      'rate and rate percent',
      { type: 'EstimateAdd', customerRef: { fullName: 'a' }, lines: [{ rate: 1, ratePercent: 1 }] },
      'EstimateAdd.EstimateLineAdd[0].Rate',
    ],
    [
      'markup rate and percent',
      { type: 'EstimateAdd', customerRef: { fullName: 'a' }, lines: [{ markupRate: 1, markupRatePercent: 1 }] },
      'EstimateAdd.EstimateLineAdd[0].MarkupRate',
    ],
  ])('rejects %s', (_name, request, field) => {
    const error = invalid(request);
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('formats amounts with two decimals and keeps quantities as given', () => {
    const xml = buildRequestMessage({
      requests: [
        {
          requestId: '1',
          request: {
            type: 'PurchaseOrderAdd',
            vendorRef: { fullName: 'Smith' },
            lines: [{ amount: 1250, quantity: '2.50', rate: 500 }, { amount: '-300.5', quantity: 0.333, rate: '0.00001' }, { amount: 0.1 + 0.2 }],
          },
        },
      ],
    });
    const lines = parseXml(xml).children[0]!.children[0]!.children[0]!.children.filter((c) => c.name === 'PurchaseOrderLineAdd');
    expect(lines.map((l) => [leafText(l, 'Quantity'), leafText(l, 'Rate'), leafText(l, 'Amount')])).toEqual([
      ['2.50', '500', '1250.00'],
      ['0.333', '0.00001', '-300.50'],
      [undefined, undefined, '0.30'],
    ]);
  });
});
