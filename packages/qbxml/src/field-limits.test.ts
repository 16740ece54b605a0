import { describe, expect, it } from 'vitest';
import { assertValidRequest } from './assert-valid-request.ts';
import { buildRecoveryStatusMessage, buildRequestMessage } from './build-request-message.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import { MINIMAL_REQUESTS } from './fixtures/sample-requests.ts';
import { QbxmlBuildError } from './qbxml-build-error.ts';
import type { QbxmlRequest } from './qbxml-request.ts';

const text = (length: number): string => 'x'.repeat(length);

function buildError(run: () => unknown): QbxmlBuildError {
  try {
    run();
  } catch (error) {
    if (error instanceof QbxmlBuildError) return error;
    throw error;
  }
  throw new Error('expected a QbxmlBuildError');
}

interface LimitCase {
  field: string;
  limit: number;
  make: (value: string) => QbxmlRequest;
}

const vendor = (fields: Record<string, unknown>): QbxmlRequest => ({ type: 'VendorAdd', name: 'Smith Concrete', ...fields }) as QbxmlRequest;
const customer = (fields: Record<string, unknown>): QbxmlRequest => ({ type: 'CustomerAdd', name: 'MOB Expansion', ...fields }) as QbxmlRequest;
const po = (fields: Record<string, unknown>, line: Record<string, unknown> = {}): QbxmlRequest =>
  ({ type: 'PurchaseOrderAdd', vendorRef: { fullName: 'Smith' }, lines: [line], ...fields }) as QbxmlRequest;
const bill = (fields: Record<string, unknown>, line: Record<string, unknown> = {}): QbxmlRequest =>
  ({ type: 'BillAdd', vendorRef: { fullName: 'Smith' }, expenseLines: [{ amount: 1, ...line }], ...fields }) as QbxmlRequest;
const estimate = (fields: Record<string, unknown>, line: Record<string, unknown> = {}): QbxmlRequest =>
  ({ type: 'EstimateAdd', customerRef: { fullName: 'RMC:MOB' }, lines: [line], ...fields }) as QbxmlRequest;

const CASES: LimitCase[] = [
  { field: 'VendorAdd.Name', limit: 41, make: (v) => vendor({ name: v }) },
  { field: 'VendorMod.Name', limit: 41, make: (v) => ({ ...MINIMAL_REQUESTS.VendorMod, name: v }) },
  { field: 'VendorAdd.CompanyName', limit: 41, make: (v) => vendor({ companyName: v }) },
  { field: 'VendorAdd.Salutation', limit: 15, make: (v) => vendor({ salutation: v }) },
  { field: 'VendorAdd.FirstName', limit: 25, make: (v) => vendor({ firstName: v }) },
  { field: 'VendorAdd.MiddleName', limit: 5, make: (v) => vendor({ middleName: v }) },
  { field: 'VendorAdd.LastName', limit: 25, make: (v) => vendor({ lastName: v }) },
  { field: 'VendorAdd.JobTitle', limit: 41, make: (v) => vendor({ jobTitle: v }) },
  { field: 'VendorAdd.VendorAddress.Addr1', limit: 41, make: (v) => vendor({ vendorAddress: { addr1: v } }) },
  { field: 'VendorAdd.VendorAddress.Addr5', limit: 41, make: (v) => vendor({ vendorAddress: { addr5: v } }) },
  { field: 'VendorAdd.VendorAddress.City', limit: 31, make: (v) => vendor({ vendorAddress: { city: v } }) },
  { field: 'VendorAdd.VendorAddress.State', limit: 21, make: (v) => vendor({ vendorAddress: { state: v } }) },
  { field: 'VendorAdd.VendorAddress.PostalCode', limit: 13, make: (v) => vendor({ vendorAddress: { postalCode: v } }) },
  { field: 'VendorAdd.VendorAddress.Country', limit: 31, make: (v) => vendor({ vendorAddress: { country: v } }) },
  { field: 'VendorAdd.VendorAddress.Note', limit: 41, make: (v) => vendor({ vendorAddress: { note: v } }) },
  { field: 'VendorAdd.Phone', limit: 21, make: (v) => vendor({ phone: v }) },
  { field: 'VendorAdd.Fax', limit: 21, make: (v) => vendor({ fax: v }) },
  { field: 'VendorAdd.Email', limit: 1023, make: (v) => vendor({ email: v }) },
  { field: 'VendorAdd.Contact', limit: 41, make: (v) => vendor({ contact: v }) },
  { field: 'VendorAdd.NameOnCheck', limit: 41, make: (v) => vendor({ nameOnCheck: v }) },
  { field: 'VendorAdd.AccountNumber', limit: 99, make: (v) => vendor({ accountNumber: v }) },
  { field: 'VendorAdd.Notes', limit: 4095, make: (v) => vendor({ notes: v }) },
  { field: 'VendorAdd.VendorTaxIdent', limit: 15, make: (v) => vendor({ vendorTaxIdent: v }) },
  { field: 'VendorAdd.ClassRef.FullName', limit: 159, make: (v) => vendor({ classRef: { fullName: v } }) },
  { field: 'VendorAdd.TermsRef.FullName', limit: 31, make: (v) => vendor({ termsRef: { fullName: v } }) },
  { field: 'CustomerAdd.Name', limit: 41, make: (v) => customer({ name: v }) },
  { field: 'CustomerMod.Name', limit: 41, make: (v) => ({ ...MINIMAL_REQUESTS.CustomerMod, name: v }) },
  { field: 'CustomerAdd.ParentRef.FullName', limit: 209, make: (v) => customer({ parentRef: { fullName: v } }) },
  { field: 'CustomerAdd.BillAddress.Addr2', limit: 41, make: (v) => customer({ billAddress: { addr2: v } }) },
  { field: 'CustomerAdd.JobDesc', limit: 99, make: (v) => customer({ jobDesc: v }) },
  { field: 'CustomerAdd.PrintAs', limit: 41, make: (v) => customer({ printAs: v }) },
  { field: 'CustomerAdd.AccountNumber', limit: 99, make: (v) => customer({ accountNumber: v }) },
  { field: 'ItemServiceAdd.Name', limit: 31, make: (v) => ({ ...MINIMAL_REQUESTS.ItemServiceAdd, name: v }) },
  { field: 'ItemOtherChargeAdd.Name', limit: 31, make: (v) => ({ ...MINIMAL_REQUESTS.ItemOtherChargeAdd, name: v }) },
  { field: 'ItemServiceMod.Name', limit: 31, make: (v) => ({ ...MINIMAL_REQUESTS.ItemServiceMod, name: v }) },
  {
    field: 'ItemServiceAdd.SalesOrPurchase.Desc',
    limit: 4095,
    make: (v) => ({ type: 'ItemServiceAdd', name: '03-300', salesOrPurchase: { desc: v } }),
  },
  { field: 'ItemServiceAdd.ParentRef.FullName', limit: 159, make: (v) => ({ ...MINIMAL_REQUESTS.ItemServiceAdd, parentRef: { fullName: v } }) },
  { field: 'PurchaseOrderAdd.VendorRef.FullName', limit: 41, make: (v) => po({ vendorRef: { fullName: v } }) },
  { field: 'PurchaseOrderAdd.RefNumber', limit: 11, make: (v) => po({ refNumber: v }) },
  { field: 'PurchaseOrderAdd.Memo', limit: 4095, make: (v) => po({ memo: v }) },
  { field: 'PurchaseOrderAdd.VendorMsg', limit: 99, make: (v) => po({ vendorMsg: v }) },
  { field: 'PurchaseOrderAdd.Other1', limit: 25, make: (v) => po({ other1: v }) },
  { field: 'PurchaseOrderAdd.Other2', limit: 29, make: (v) => po({ other2: v }) },
  { field: 'PurchaseOrderAdd.FOB', limit: 13, make: (v) => po({ fob: v }) },
  { field: 'PurchaseOrderAdd.PurchaseOrderLineAdd[0].Desc', limit: 4095, make: (v) => po({}, { desc: v }) },
  { field: 'PurchaseOrderAdd.PurchaseOrderLineAdd[0].ItemRef.FullName', limit: 159, make: (v) => po({}, { itemRef: { fullName: v } }) },
  { field: 'PurchaseOrderAdd.PurchaseOrderLineAdd[0].CustomerRef.FullName', limit: 209, make: (v) => po({}, { customerRef: { fullName: v } }) },
  { field: 'PurchaseOrderAdd.PurchaseOrderLineAdd[0].Other1', limit: 29, make: (v) => po({}, { other1: v }) },
  {
    field: 'PurchaseOrderMod.RefNumber',
    limit: 11,
    make: (v) => ({ ...MINIMAL_REQUESTS.PurchaseOrderMod, refNumber: v }),
  },
  {
    field: 'PurchaseOrderMod.PurchaseOrderLineMod[0].Desc',
    limit: 4095,
    make: (v) => ({ ...MINIMAL_REQUESTS.PurchaseOrderMod, lines: [{ txnLineId: '-1', desc: v }] }),
  },
  { field: 'BillAdd.RefNumber', limit: 20, make: (v) => bill({ refNumber: v }) },
  { field: 'BillAdd.Memo', limit: 4095, make: (v) => bill({ memo: v }) },
  { field: 'BillAdd.VendorRef.FullName', limit: 41, make: (v) => bill({ vendorRef: { fullName: v } }) },
  { field: 'BillAdd.ExpenseLineAdd[0].Memo', limit: 4095, make: (v) => bill({}, { memo: v }) },
  { field: 'BillAdd.ExpenseLineAdd[0].AccountRef.FullName', limit: 159, make: (v) => bill({}, { accountRef: { fullName: v } }) },
  {
    field: 'BillAdd.ItemLineAdd[0].Desc',
    limit: 4095,
    make: (v) => ({ type: 'BillAdd', vendorRef: { fullName: 'Smith' }, itemLines: [{ desc: v }] }),
  },
  { field: 'EstimateAdd.RefNumber', limit: 11, make: (v) => estimate({ refNumber: v }) },
  { field: 'EstimateAdd.CustomerRef.FullName', limit: 209, make: (v) => estimate({ customerRef: { fullName: v } }) },
  { field: 'EstimateAdd.Memo', limit: 4095, make: (v) => estimate({ memo: v }) },
  { field: 'EstimateAdd.PONumber', limit: 25, make: (v) => estimate({ poNumber: v }) },
  { field: 'EstimateAdd.EstimateLineAdd[0].Desc', limit: 4095, make: (v) => estimate({}, { desc: v }) },
  {
    field: 'EstimateMod.EstimateLineMod[0].Desc',
    limit: 4095,
    make: (v) => ({ ...MINIMAL_REQUESTS.EstimateMod, lines: [{ txnLineId: '1B5-1', desc: v }] }),
  },
  { field: 'VendorMod.EditSequence', limit: 16, make: (v) => ({ ...MINIMAL_REQUESTS.VendorMod, editSequence: v }) },
  { field: 'VendorMod.ListID', limit: 36, make: (v) => ({ ...MINIMAL_REQUESTS.VendorMod, listId: v }) },
  { field: 'BillQuery.IncludeRetElement[0]', limit: 50, make: (v) => ({ type: 'BillQuery', includeRetElements: [v] }) },
];

describe('field limits are enforced before any XML is built', () => {
  it.each(CASES.map((c) => [c.field, c.limit, c] as const))('%s allows %i characters and rejects one more', (field, limit, c) => {
    expect(() => assertValidRequest(c.make(text(limit)))).not.toThrow();
    const error = buildError(() => buildRequestMessage({ requests: [{ requestId: '1', request: c.make(text(limit + 1)) }] }));
    expect(error.code).toBe('FIELD_TOO_LONG');
    expect(error.field).toBe(field);
    expect(error.limit).toBe(limit);
    expect(error.value).toBe(text(limit + 1));
    expect(error.message).toContain(`is ${limit + 1} characters; QuickBooks allows at most ${limit}.`);
  });

  it('words the message for a person', () => {
    const name = 'Smith Concrete Forming and Finishing Co. LLC';
    const error = buildError(() => assertValidRequest({ type: 'VendorAdd', name }));
    expect(name).toHaveLength(44);
    expect(error.message).toBe(`Vendor name "${name}" is 44 characters; QuickBooks allows at most 41.`);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('QbxmlBuildError');
  });

  it('calls a customer with a parent a job', () => {
    const error = buildError(() => assertValidRequest({ type: 'CustomerAdd', name: text(42), parentRef: { fullName: 'RMC' } }));
    expect(error.message).toMatch(/^Job name "x+" is 42 characters/);
  });

  it('quotes only the start of a very long value', () => {
    const error = buildError(() => assertValidRequest(po({ memo: text(5000) })));
    expect(error.message).toBe(`Purchase order memo "${text(60)}…" is 5000 characters; QuickBooks allows at most 4095.`);
  });

  it('counts characters, not UTF-16 units, and ignores characters that are stripped', () => {
    expect(() => assertValidRequest({ type: 'VendorAdd', name: '🏗'.repeat(41) })).not.toThrow();
    expect(() => assertValidRequest({ type: 'VendorAdd', name: `${text(41)}\u0000\u0007` })).not.toThrow();
  });

  it('checks requestID (50) and message set IDs (23)', () => {
    const request = MINIMAL_REQUESTS.HostQuery;
    expect(() => buildRequestMessage({ requests: [{ requestId: text(50), request }] })).not.toThrow();
    expect(buildError(() => buildRequestMessage({ requests: [{ requestId: text(51), request }] }))).toMatchObject({
      code: 'FIELD_TOO_LONG',
      field: 'QBXMLMsgsRq[0]@requestID',
      limit: 50,
    });
    expect(() => buildRequestMessage({ requests: [{ requestId: '1', request }], newMessageSetId: text(23) })).not.toThrow();
    expect(buildError(() => buildRequestMessage({ requests: [{ requestId: '1', request }], newMessageSetId: text(24) }))).toMatchObject({
      code: 'FIELD_TOO_LONG',
      field: 'QBXMLMsgsRq@newMessageSetID',
      limit: 23,
    });
    expect(buildError(() => buildRequestMessage({ requests: [{ requestId: '1', request }], oldMessageSetId: text(24) }))).toMatchObject({
      field: 'QBXMLMsgsRq@oldMessageSetID',
      limit: 23,
    });
    expect(buildError(() => buildRecoveryStatusMessage(text(24)))).toMatchObject({ code: 'FIELD_TOO_LONG', limit: 23 });
  });

  it.each([
    ['VendorAdd.Name', { type: 'VendorAdd', name: 'Smith:Concrete' }],
    ['VendorMod.Name', { ...MINIMAL_REQUESTS.VendorMod, name: 'a:b' }],
    ['CustomerAdd.Name', { type: 'CustomerAdd', name: 'Riverside:MOB' }],
    ['ItemServiceAdd.Name', { type: 'ItemServiceAdd', name: '03:300', salesOrPurchase: {} }],
    ['ItemOtherChargeMod.Name', { ...MINIMAL_REQUESTS.ItemOtherChargeMod, name: 'Ret:10' }],
  ] as const)('rejects ":" in %s', (field, request) => {
    const error = buildError(() => assertValidRequest(request as QbxmlRequest));
    expect(error).toMatchObject({ code: 'INVALID_VALUE', field });
    expect(error.message).toContain('contains ":"');
  });

  it('allows ":" in full-name references (it separates Customer:Job)', () => {
    expect(() => assertValidRequest(estimate({ customerRef: { fullName: 'Riverside Medical Center:MOB Expansion' } }))).not.toThrow();
  });

  it.each([
    ['VendorAdd.Name', { type: 'VendorAdd', name: '' }],
    ['VendorAdd.Name', { type: 'VendorAdd', name: '   ' }],
    ['VendorAdd.Name', { type: 'VendorAdd' }],
    ['CustomerAdd.Name', { type: 'CustomerAdd', name: '\u0001' }],
    ['VendorMod.ListID', { type: 'VendorMod', editSequence: '1' }],
    ['VendorMod.EditSequence', { type: 'VendorMod', listId: '80000002-1' }],
    ['PurchaseOrderAdd.VendorRef', { type: 'PurchaseOrderAdd', lines: [{}] }],
    ['PurchaseOrderAdd.PurchaseOrderLineAdd', { type: 'PurchaseOrderAdd', vendorRef: { fullName: 'Smith' }, lines: [] }],
    ['PurchaseOrderAdd.PurchaseOrderLineAdd', { type: 'PurchaseOrderAdd', vendorRef: { fullName: 'Smith' } }],
    ['PurchaseOrderMod.PurchaseOrderLineMod[0].TxnLineID', { ...MINIMAL_REQUESTS.PurchaseOrderMod, lines: [{ desc: 'no id' }] }],
    ['BillAdd.VendorRef', { type: 'BillAdd', expenseLines: [{ amount: 1 }] }],
    ['BillAdd.ItemLineAdd', { type: 'BillAdd', vendorRef: { fullName: 'Smith' } }],
    ['EstimateAdd.CustomerRef', { type: 'EstimateAdd', lines: [{}] }],
    ['EstimateAdd.EstimateLineAdd', { type: 'EstimateAdd', customerRef: { fullName: 'RMC:MOB' }, lines: [] }],
    ['ItemServiceAdd.SalesOrPurchase', { type: 'ItemServiceAdd', name: '03-300' }],
    ['CustomerQueryRq@iteratorID', { type: 'CustomerQuery', iterator: 'Continue' }],
  ] as const)('reports a missing %s as REQUIRED_FIELD_MISSING', (field, request) => {
    expect(buildError(() => assertValidRequest(request as unknown as QbxmlRequest))).toMatchObject({ code: 'REQUIRED_FIELD_MISSING', field });
  });

  it('exports the limits from docs/qbxml.md#field-limits and the XSD', () => {
    expect(FIELD_LIMITS).toMatchObject({
      vendorName: 41,
      customerName: 41,
      itemName: 31,
      listRefFullName: 159,
      customerRefFullName: 209,
      purchaseOrderRefNumber: 11,
      estimateRefNumber: 11,
      billPaymentCheckRefNumber: 11,
      billRefNumber: 20,
      memo: 4095,
      companyName: 41,
      addressLine: 41,
      city: 31,
      state: 21,
      postalCode: 13,
      phone: 21,
      email: 1023,
      lineDesc: 4095,
      jobDesc: 99,
      accountNumber: 99,
      requestId: 50,
      messageSetId: 23,
    });
  });
});
