import { QbxmlParseError } from '@connector/qbxml';
import { validateQbxml } from '@connector/qbxml/testing';
import { describe, expect, it } from 'vitest';
import { readCostTransaction, type QbCostLine } from './read-cost-transaction.ts';
import {
  ACCOUNT_FUEL,
  ACCOUNT_PERMITS,
  CLASS_SITE,
  GROUPED_CHARGE_XML,
  ITEM_CONCRETE,
  ITEM_REBAR,
  JOB_CLINIC,
  JOB_MOB,
  SIMULATOR_BILL_XML,
  SIMULATOR_CHECK_XML,
  VENDOR_SMITH,
} from './testing/cost-fixtures.ts';
import { parseRet, refXml, responseXml } from './testing/parse-rets.ts';

const NO_LINE: Omit<QbCostLine, 'txnLineId' | 'lineKind' | 'amountCents'> = {
  jobListId: null,
  jobFullName: null,
  itemListId: null,
  itemFullName: null,
  accountListId: null,
  accountFullName: null,
  classListId: null,
  classFullName: null,
  memo: null,
  linkedTxnId: null,
  linkedTxnLineId: null,
  groupTxnLineId: null,
};

/** A minimal BillRet with the given lines XML (header fields overridable by replacing text). */
function billXml(lines: string, header = ''): string {
  return `<BillRet><TxnID>9-1</TxnID><TimeCreated>2026-01-02T08:00:00-05:00</TimeCreated><TimeModified>2026-01-02T08:00:00-05:00</TimeModified><EditSequence>5</EditSequence>${header}<TxnDate>2026-01-02</TxnDate>${lines}</BillRet>`;
}

describe('readCostTransaction', () => {
  it('fixtures are valid qbXML 13.0 responses', async () => {
    const results = await Promise.all([
      validateQbxml(responseXml('BillQueryRs', SIMULATOR_BILL_XML)),
      validateQbxml(responseXml('CheckQueryRs', SIMULATOR_CHECK_XML)),
      validateQbxml(responseXml('CreditCardChargeQueryRs', GROUPED_CHARGE_XML)),
    ]);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });

  it('reads a Bill as the simulator renders it: header, expense line then item lines, negative line kept', () => {
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', SIMULATOR_BILL_XML));
    expect({ ...bill, lines: undefined }).toEqual({
      txnType: 'Bill',
      txnId: '1C0-1700000000',
      editSequence: '1717347667',
      txnDate: '2026-05-31',
      timeModified: '2026-06-02T10:01:07-07:00',
      refNumber: 'PAYAPP-0003',
      payeeListId: VENDOR_SMITH.listId,
      payeeName: 'Smith Concrete & Forms',
      memo: 'Pay app 3',
      amountCents: 12487550,
      headerAmountCents: 12487550,
      linkedPurchaseOrderTxnIds: ['1A2-1700000000'],
      lines: undefined,
      // A single-currency file: no CurrencyRef, no ExchangeRate, nothing converted.
      currency: null,
    });
    expect(bill.lines).toEqual<QbCostLine[]>([
      {
        ...NO_LINE,
        txnLineId: '1C2-1700000000',
        lineKind: 'expense',
        amountCents: 125050,
        jobListId: JOB_MOB.listId,
        jobFullName: JOB_MOB.fullName,
        accountListId: ACCOUNT_PERMITS.listId,
        accountFullName: ACCOUNT_PERMITS.fullName,
        memo: 'Pour permit',
      },
      {
        ...NO_LINE,
        txnLineId: '1C3-1700000000',
        lineKind: 'item',
        amountCents: 12375000,
        jobListId: JOB_MOB.listId,
        jobFullName: JOB_MOB.fullName,
        itemListId: ITEM_CONCRETE.listId,
        itemFullName: ITEM_CONCRETE.fullName,
        classListId: CLASS_SITE.listId,
        classFullName: CLASS_SITE.fullName,
        memo: 'Work completed this period',
      },
      {
        ...NO_LINE,
        txnLineId: '1C4-1700000000',
        lineKind: 'item',
        amountCents: -12500,
        jobListId: JOB_MOB.listId,
        jobFullName: JOB_MOB.fullName,
        itemListId: ITEM_REBAR.listId,
        itemFullName: ITEM_REBAR.fullName,
      },
    ]);
  });

  it('reads a Check: PayeeEntityRef is the payee, Amount the header amount', () => {
    const check = readCostTransaction('Check', parseRet('CheckQueryRs', SIMULATOR_CHECK_XML));
    expect(check).toMatchObject({
      txnType: 'Check',
      txnId: '2B0-1700000000',
      refNumber: '1042',
      payeeName: 'Home Depot',
      payeeListId: '80000005-1700000000',
      amountCents: 8420,
      headerAmountCents: 8420,
    });
    expect(check.lines).toEqual([
      {
        ...NO_LINE,
        txnLineId: '2B1-1700000000',
        lineKind: 'expense',
        amountCents: 8420,
        jobListId: JOB_CLINIC.listId,
        jobFullName: JOB_CLINIC.fullName,
        accountListId: ACCOUNT_FUEL.listId,
        accountFullName: ACCOUNT_FUEL.fullName,
      },
    ]);
  });

  it('flattens an ItemGroupLineRet into its item lines, after the plain item lines, each with its own job', () => {
    const charge = readCostTransaction('CreditCardCharge', parseRet('CreditCardChargeQueryRs', GROUPED_CHARGE_XML));
    expect(charge.refNumber).toBeNull();
    expect(charge.lines.map((l) => [l.txnLineId, l.amountCents, l.jobListId, l.itemListId, l.memo, l.groupTxnLineId])).toEqual([
      ['3C1-1700000000', 10000, JOB_MOB.listId, ITEM_REBAR.listId, 'Tie wire', null],
      ['3C3-1700000000', 35000, JOB_CLINIC.listId, ITEM_CONCRETE.listId, 'Forms', '3C2-1700000000'],
      ['3C4-1700000000', 15000, JOB_CLINIC.listId, ITEM_REBAR.listId, 'Rebar chairs', '3C2-1700000000'],
    ]);
    expect(charge.amountCents).toBe(60000);
    expect(charge.headerAmountCents).toBe(60000);
  });

  it('keeps a group that lists no item lines as one line of its TotalAmount on the group item, without a job', () => {
    const xml = billXml(
      `<ItemGroupLineRet><TxnLineID>G1</TxnLineID>${refXml('ItemGroupRef', 'grp-1', 'Formwork kit')}<Desc>Kit</Desc><TotalAmount>75.25</TotalAmount></ItemGroupLineRet>`,
    );
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', xml));
    expect(bill.lines).toEqual([
      {
        ...NO_LINE,
        txnLineId: 'G1',
        lineKind: 'item',
        amountCents: 7525,
        itemListId: 'grp-1',
        itemFullName: 'Formwork kit',
        memo: 'Kit',
        groupTxnLineId: 'G1',
      },
    ]);
    expect(bill.amountCents).toBe(7525);
  });

  it('lists every header LinkedTxn of type PurchaseOrder once, in order, and ignores payments', () => {
    const link = (id: string, type: string) =>
      `<LinkedTxn><TxnID>${id}</TxnID><TxnType>${type}</TxnType><TxnDate>2026-01-01</TxnDate><Amount>0.00</Amount></LinkedTxn>`;
    const xml = billXml(
      '',
      `<AmountDue>0.00</AmountDue>${link('PO-2', 'PurchaseOrder')}${link('BP-1', 'BillPaymentCheck')}${link('PO-1', 'PurchaseOrder')}${link('PO-2', 'PurchaseOrder')}`,
    );
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', xml));
    expect(bill.linkedPurchaseOrderTxnIds).toEqual(['PO-2', 'PO-1']);
    expect(bill.lines).toEqual([]);
    expect(bill.amountCents).toBe(0);
    expect(bill.headerAmountCents).toBe(0);
  });

  it('reads a LinkedTxn inside an item line (TxnLineID directly or in TxnLineDetail) as the PO line it was received against', () => {
    const xml = billXml(
      `<ItemLineRet><TxnLineID>L1</TxnLineID>${refXml('ItemRef', ITEM_CONCRETE.listId, ITEM_CONCRETE.fullName)}<Amount>10.00</Amount><LinkedTxn><TxnID>PO-1</TxnID><TxnType>PurchaseOrder</TxnType><TxnDate>2026-01-01</TxnDate><Amount>10.00</Amount><TxnLineDetail><TxnLineID>POL-7</TxnLineID><Amount>10.00</Amount></TxnLineDetail></LinkedTxn></ItemLineRet>` +
        `<ItemLineRet><TxnLineID>L2</TxnLineID><Amount>5.00</Amount><LinkedTxn><TxnID>PO-1</TxnID><TxnLineID>POL-8</TxnLineID></LinkedTxn></ItemLineRet>` +
        `<ItemLineRet><TxnLineID>L3</TxnLineID><Amount>1.00</Amount><LinkedTxn><TxnID>PO-1</TxnID></LinkedTxn></ItemLineRet>`,
    );
    const lines = readCostTransaction('Bill', parseRet('BillQueryRs', xml)).lines;
    expect(lines.map((l) => [l.linkedTxnId, l.linkedTxnLineId])).toEqual([
      ['PO-1', 'POL-7'],
      ['PO-1', 'POL-8'],
      ['PO-1', null],
    ]);
  });

  it('counts a line without Amount as 0 and reads missing refs as null', () => {
    const xml = billXml('<ExpenseLineRet><TxnLineID>E1</TxnLineID></ExpenseLineRet><ItemLineRet><TxnLineID>I1</TxnLineID><Amount>0.00</Amount></ItemLineRet>');
    const bill = readCostTransaction('Bill', parseRet('BillQueryRs', xml));
    expect(bill.lines).toEqual([
      { ...NO_LINE, txnLineId: 'E1', lineKind: 'expense', amountCents: 0 },
      { ...NO_LINE, txnLineId: 'I1', lineKind: 'item', amountCents: 0 },
    ]);
    expect(bill).toMatchObject({ payeeListId: null, payeeName: null, refNumber: null, memo: null, headerAmountCents: null, amountCents: 0 });
  });

  it('reads a Bill with VendorRef, not PayeeEntityRef, and a Check with PayeeEntityRef, not VendorRef', () => {
    const both = `${refXml('VendorRef', 'V1', 'Vendor One')}${refXml('PayeeEntityRef', 'P1', 'Payee One')}`;
    expect(readCostTransaction('Bill', parseRet('BillQueryRs', billXml('', both))).payeeName).toBe('Vendor One');
    expect(readCostTransaction('Check', parseRet('BillQueryRs', billXml('', both).replace(/BillRet/g, 'CheckRet'))).payeeName).toBe('Payee One');
  });

  it.each([
    ['TxnID', (x: string) => x.replace('<TxnID>9-1</TxnID>', ''), /BillRet has no TxnID/],
    ['EditSequence', (x: string) => x.replace('<EditSequence>5</EditSequence>', ''), /BillRet 9-1 has no EditSequence/],
    ['TxnDate', (x: string) => x.replace('<TxnDate>2026-01-02</TxnDate>', ''), /BillRet 9-1 has no TxnDate/],
    ['TimeModified', (x: string) => x.replace(/<TimeModified>[^<]*<\/TimeModified>/, ''), /BillRet 9-1 has no TimeModified/],
    ['a real TxnDate', (x: string) => x.replace('2026-01-02</TxnDate>', '2026-02-30</TxnDate>'), /TxnDate "2026-02-30", which is not a date/],
  ])('throws a QbxmlParseError naming the element when %s is missing or wrong', (_name, edit, message) => {
    const record = parseRet('BillQueryRs', edit(billXml('')));
    expect(() => readCostTransaction('Bill', record)).toThrow(QbxmlParseError);
    expect(() => readCostTransaction('Bill', record)).toThrow(message);
  });

  it('throws when a line has no TxnLineID', () => {
    expect(() => readCostTransaction('Bill', parseRet('BillQueryRs', billXml('<ExpenseLineRet><Amount>1.00</Amount></ExpenseLineRet>')))).toThrow(
      'An ExpenseLineRet of BillRet 9-1 has no TxnLineID',
    );
    expect(() => readCostTransaction('Bill', parseRet('BillQueryRs', billXml('<ItemGroupLineRet><TotalAmount>1.00</TotalAmount></ItemGroupLineRet>')))).toThrow(
      'An ItemGroupLineRet of BillRet 9-1 has no TxnLineID',
    );
  });

  it.each(['abc', '1,250.00', '1e3', '12.34.5', '10000000000000.00'])('throws on the garbage amount "%s", naming the line', (amount) => {
    const record = parseRet('BillQueryRs', billXml(`<ExpenseLineRet><TxnLineID>E9</TxnLineID><Amount>${amount}</Amount></ExpenseLineRet>`));
    expect(() => readCostTransaction('Bill', record)).toThrow(`ExpenseLineRet E9 of BillRet 9-1 has Amount "${amount}"`);
  });

  it('throws on a garbage header amount', () => {
    expect(() => readCostTransaction('Bill', parseRet('BillQueryRs', billXml('', '<AmountDue>lots</AmountDue>')))).toThrow('BillRet 9-1 has AmountDue "lots"');
  });

  it('sums lines without floating point error', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `<ExpenseLineRet><TxnLineID>E${i}</TxnLineID><Amount>0.10</Amount></ExpenseLineRet>`).join('');
    expect(readCostTransaction('Bill', parseRet('BillQueryRs', billXml(lines))).amountCents).toBe(100);
  });
});
