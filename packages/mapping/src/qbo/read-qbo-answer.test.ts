import { readRecords, readText, readRecord } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { QboAnswerError, readQboAnswer } from './read-qbo-answer.ts';

// Answers shaped as Intuit's Accounting API reference shows them (Vendor, Customer, Item, PurchaseOrder, Bill samples),
// trimmed to the fields the link and the exception queue read.
const META = { CreateTime: '2026-12-07T09:00:00-08:00', LastUpdatedTime: '2026-12-07T09:30:00-08:00' };

describe('readQboAnswer: a QuickBooks Online answer in the Desktop answer shape', () => {
  it('a vendor: Id → ListID, SyncToken → EditSequence, DisplayName → Name and FullName', () => {
    const { retElement, record } = readQboAnswer('VendorAdd', {
      Id: '56',
      SyncToken: '0',
      DisplayName: 'Acme Concrete & Rebar',
      CompanyName: 'Acme Concrete & Rebar LLC',
      Active: true,
      MetaData: META,
    });
    expect(retElement).toBe('VendorRet');
    expect(record).toEqual({
      ListID: '56',
      EditSequence: '0',
      Name: 'Acme Concrete & Rebar',
      FullName: 'Acme Concrete & Rebar',
      CompanyName: 'Acme Concrete & Rebar LLC',
      IsActive: 'true',
      TimeCreated: META.CreateTime,
      TimeModified: META.LastUpdatedTime,
    });
  });

  it('a sub-customer (job): FullyQualifiedName is the full name with its parent, Level the sublevel', () => {
    const { record } = readQboAnswer('CustomerAdd', {
      Id: '81',
      SyncToken: '3',
      DisplayName: '2026-014 Riverside Clinic',
      FullyQualifiedName: 'Riverside Medical:2026-014 Riverside Clinic',
      Job: true,
      Level: 1,
      ParentRef: { value: '80', name: 'Riverside Medical' },
      Active: true,
    });
    expect(readText(record, 'FullName')).toBe('Riverside Medical:2026-014 Riverside Clinic');
    expect(readText(record, 'Name')).toBe('2026-014 Riverside Clinic');
    expect(readRecord(record, 'ParentRef')).toEqual({ ListID: '80', FullName: 'Riverside Medical' });
    expect(readText(record, 'Sublevel')).toBe('1');
  });

  it('an item answers as the Desktop item kind the request named', () => {
    expect(readQboAnswer('ItemOtherChargeAdd', { Id: '9', SyncToken: '0', Name: 'Retainage', Type: 'Service' }).retElement).toBe('ItemOtherChargeRet');
    const sub = readQboAnswer('ItemServiceMod', { Id: '31', SyncToken: '2', Name: 'Rebar', FullyQualifiedName: '03 Concrete:Rebar', SubItem: true, Level: 1 });
    expect(sub.retElement).toBe('ItemServiceRet');
    expect(readText(sub.record, 'FullName')).toBe('03 Concrete:Rebar');
  });

  it('a purchase order: DocNumber → RefNumber, every line in LineNum order with its Id, amount to the cent and refs', () => {
    const { record } = readQboAnswer('PurchaseOrderAdd', {
      Id: '1201',
      SyncToken: '0',
      DocNumber: 'SC-0042',
      TxnDate: '2026-12-07',
      TotalAmt: 10000.1,
      VendorRef: { value: '56', name: 'Acme Concrete & Rebar' },
      Line: [
        {
          Id: '2',
          LineNum: 2,
          Amount: 0.1,
          DetailType: 'ItemBasedExpenseLineDetail',
          ItemBasedExpenseLineDetail: {
            ItemRef: { value: '32', name: '03 Concrete:Rebar' },
            CustomerRef: { value: '81' },
            ClassRef: { value: '5', name: 'Field' },
          },
        },
        {
          Id: '1',
          LineNum: 1,
          Description: 'Slab on grade',
          Amount: 10000,
          DetailType: 'ItemBasedExpenseLineDetail',
          ItemBasedExpenseLineDetail: { ItemRef: { value: '31', name: '03 Concrete' }, Qty: 2, UnitPrice: 5000 },
        },
        // Added by someone in QuickBooks Online: the link must still list it (a 3200 comparison reads every line).
        {
          Id: '3',
          LineNum: 3,
          Amount: -25.5,
          DetailType: 'AccountBasedExpenseLineDetail',
          AccountBasedExpenseLineDetail: { AccountRef: { value: '7', name: 'Job Materials' } },
        },
      ],
    });
    expect(readText(record, 'TxnID')).toBe('1201');
    expect(readText(record, 'RefNumber')).toBe('SC-0042');
    expect(readText(record, 'TotalAmount')).toBe('10000.10');
    expect(readRecord(record, 'VendorRef')).toEqual({ ListID: '56', FullName: 'Acme Concrete & Rebar' });
    const lines = readRecords(record, 'PurchaseOrderLineRet');
    expect(lines.map((l) => [readText(l, 'TxnLineID'), readText(l, 'Amount')])).toEqual([
      ['1', '10000.00'],
      ['2', '0.10'],
      ['3', '-25.50'],
    ]);
    expect(lines[0]).toMatchObject({ Desc: 'Slab on grade', Quantity: '2', Rate: '5000', ItemRef: { ListID: '31', FullName: '03 Concrete' } });
    expect(lines[1]).toMatchObject({ CustomerRef: { ListID: '81' }, ClassRef: { ListID: '5', FullName: 'Field' } });
    expect(lines[2]).toMatchObject({ AccountRef: { ListID: '7', FullName: 'Job Materials' } });
  });

  it('a bill: item lines as ItemLineRet, account lines as ExpenseLineRet', () => {
    const { record } = readQboAnswer('BillAdd', {
      Id: '300',
      SyncToken: '0',
      Line: [
        { Id: '1', Amount: 100, DetailType: 'ItemBasedExpenseLineDetail', ItemBasedExpenseLineDetail: { ItemRef: { value: '31' } } },
        { Id: '2', Amount: 5, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '7' } } },
      ],
    });
    expect(readRecords(record, 'ItemLineRet').map((l) => readText(l, 'TxnLineID'))).toEqual(['1']);
    expect(readRecords(record, 'ExpenseLineRet').map((l) => readText(l, 'TxnLineID'))).toEqual(['2']);
  });

  it("an estimate or invoice leaves out QuickBooks Online's own subtotal and discount lines", () => {
    const { record } = readQboAnswer('EstimateAdd', {
      Id: '77',
      SyncToken: '0',
      CustomerRef: { value: '81', name: 'Riverside Medical:2026-014 Riverside Clinic' },
      Line: [
        { Id: '1', LineNum: 1, Amount: 250000, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '31' } } },
        { Amount: 250000, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
        { Amount: 10, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: false } },
      ],
    });
    expect(readRecords(record, 'EstimateLineRet').map((l) => [readText(l, 'TxnLineID'), readText(l, 'Amount')])).toEqual([['1', '250000.00']]);
    expect(readRecord(record, 'CustomerRef')).toEqual({ ListID: '81', FullName: 'Riverside Medical:2026-014 Riverside Clinic' });
  });

  it('an answer a link cannot be made from is refused, not half-read', () => {
    expect(() => readQboAnswer('VendorAdd', { DisplayName: 'No Id', SyncToken: '0' })).toThrow(QboAnswerError);
    expect(() => readQboAnswer('VendorAdd', { Id: '1' })).toThrow(/no SyncToken/);
    expect(() => readQboAnswer('PurchaseOrderMod', 'not an object')).toThrow(QboAnswerError);
    expect(() =>
      readQboAnswer('PurchaseOrderAdd', {
        Id: '1',
        SyncToken: '0',
        Line: [{ Amount: 1, DetailType: 'ItemBasedExpenseLineDetail', ItemBasedExpenseLineDetail: { ItemRef: { value: '31' } } }],
      }),
    ).toThrow(/without its Id/);
  });
});
