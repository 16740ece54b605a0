import { describe, expect, it } from 'vitest';
import { assertValidRequest } from './assert-valid-request.ts';
import type { DepositQueryRequest } from './build-deposit-query.ts';
import { buildRequestMessage } from './build-request-message.ts';
import { parseResponseMessage } from './parse-response-message.ts';
import { QbxmlBuildError } from './qbxml-build-error.ts';
import { QbxmlParseError } from './qbxml-parse-error.ts';
import { depositedPaymentTxnIds, readDepositRet } from './read-deposit-ret.ts';
import { validateQbxmlBatch } from './testing/validate-against-xsd.ts';

// The full and minimal DepositQuery and three variants (TxnID, iterator Start with a date macro, Continue) are
// validated against qbxmlops130.xsd with every other request in build-requests.test.ts. Here: the exact element
// order the XSD's DepositQuery group gives, the choices the builder refuses, and the reading of DepositRet.

function xmlOf(request: DepositQueryRequest): string {
  return buildRequestMessage({ requests: [{ requestId: 'dq-1', request }] });
}

function buildError(request: DepositQueryRequest): QbxmlBuildError {
  try {
    assertValidRequest(request);
  } catch (error) {
    if (error instanceof QbxmlBuildError) return error;
    throw error;
  }
  throw new Error('expected a QbxmlBuildError');
}

describe('DepositQuery request', () => {
  it('writes DepositFilter in qbxml130.xsd order (MaxReturned, ModifiedDateRangeFilter, EntityFilter, AccountFilter), then IncludeLineItems, IncludeRetElement, OwnerID', async () => {
    const xml = xmlOf({
      type: 'DepositQuery',
      iterator: 'Start',
      ownerIds: ['0'],
      includeRetElements: ['TxnID', 'DepositLineRet'],
      includeLineItems: true,
      accountFilter: { fullNames: ['Checking'] },
      entityFilter: { listIds: ['80000010-1700000000'] },
      modifiedDateRangeFilter: { fromModifiedDate: '2026-12-01T09:00:00-05:00' },
      maxReturned: 500,
    });
    const body = /<DepositQueryRq[^>]*>(.*)<\/DepositQueryRq>/s.exec(xml)![1]!.replace(/\s+/g, '');
    expect(body).toBe(
      '<MaxReturned>500</MaxReturned>' +
        '<ModifiedDateRangeFilter><FromModifiedDate>2026-12-01T09:00:00-05:00</FromModifiedDate></ModifiedDateRangeFilter>' +
        '<EntityFilter><ListID>80000010-1700000000</ListID></EntityFilter>' +
        '<AccountFilter><FullName>Checking</FullName></AccountFilter>' +
        '<IncludeLineItems>true</IncludeLineItems>' +
        '<IncludeRetElement>TxnID</IncludeRetElement><IncludeRetElement>DepositLineRet</IncludeRetElement>' +
        '<OwnerID>0</OwnerID>',
    );
    expect(xml).toMatch(/<DepositQueryRq requestID="dq-1" iterator="Start">/);
    const [result] = await validateQbxmlBatch([xml]);
    expect(result!.errors).toEqual([]);
  });

  it('refuses TxnID together with a filter, and both date filters together (XSD choices)', () => {
    expect(buildError({ type: 'DepositQuery', txnIds: ['1-1'], maxReturned: 5 } as unknown as DepositQueryRequest).message).toMatch(
      /only one of txnIds \/ filters/,
    );
    expect(
      buildError({
        type: 'DepositQuery',
        modifiedDateRangeFilter: { fromModifiedDate: '2026-12-01T09:00:00' },
        txnDateRangeFilter: { fromTxnDate: '2026-12-01' },
      } as unknown as DepositQueryRequest).message,
    ).toMatch(/only one of modifiedDateRangeFilter \/ txnDateRangeFilter/);
    expect(buildError({ type: 'DepositQuery', txnIds: [] }).message).toMatch(/at least one/);
    expect(buildError({ type: 'DepositQuery', maxReturned: 0 }).message).toMatch(/MaxReturned/);
  });
});

// A DepositQueryRs as QuickBooks answers with IncludeLineItems: TxnCore, then the bank, total, memo and one
// DepositLineRet per payment taken out of Undeposited Funds (qbxml130.xsd DepositRet / DepositLineRet order).
const deposit = (id: string, memo: string, total: string, lines: string): string =>
  `<DepositRet><TxnID>${id}</TxnID><TimeCreated>2026-12-03T10:00:00-05:00</TimeCreated><TimeModified>2026-12-03T10:05:00-05:00</TimeModified>` +
  `<EditSequence>1764774300</EditSequence><TxnNumber>41</TxnNumber><TxnDate>2026-12-03</TxnDate>` +
  `<DepositToAccountRef><ListID>80000030-1700000000</ListID><FullName>Checking</FullName></DepositToAccountRef>` +
  `${memo}<DepositTotal>${total}</DepositTotal>${lines}</DepositRet>`;
const line = (lineId: string, type: string, txnId: string, amount: string): string =>
  `<DepositLineRet><TxnType>${type}</TxnType><TxnID>${txnId}</TxnID><TxnLineID>${lineId}</TxnLineID>` +
  `<EntityRef><ListID>80000010-1700000000</ListID><FullName>Riverside Medical Center:MOB Expansion</FullName></EntityRef>` +
  `<AccountRef><FullName>Undeposited Funds</FullName></AccountRef><CheckNumber>5012</CheckNumber><Amount>${amount}</Amount></DepositLineRet>`;
const RESPONSE =
  `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><DepositQueryRs requestID="dq-1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">` +
  deposit(
    '2A1-1764774000',
    '',
    '1500.00',
    line('2A2-1764774000', 'ReceivePayment', '1F1-1764700000', '1000.00') + line('2A3-1764774000', 'ReceivePayment', '1F5-1764700000', '500.00'),
  ) +
  deposit('2B1-1764774000', '<Memo>VOID: December deposit</Memo>', '0.00', line('2B2-1764774000', 'ReceivePayment', '1F9-1764700000', '0.00')) +
  `</DepositQueryRs></QBXMLMsgsRs></QBXML>`;

describe('DepositRet reading', () => {
  it('the fixture answer is valid qbXML 13.0', async () => {
    const [result] = await validateQbxmlBatch([RESPONSE]);
    expect(result!.errors).toEqual([]);
  });

  it('reads the deposit date and the payments received each line takes to the bank; a voided deposit deposits none', () => {
    const [rs] = parseResponseMessage(RESPONSE).responses;
    expect(rs!.requestType).toBe('DepositQuery');
    const [made, voided] = rs!.records.map(readDepositRet);
    expect(made).toMatchObject({
      txnId: '2A1-1764774000',
      txnDate: '2026-12-03',
      timeModified: '2026-12-03T10:05:00-05:00',
      voided: false,
      depositToAccountName: 'Checking',
    });
    expect(made!.lines.map((l) => [l.txnLineId, l.txnType, l.txnId, l.entityName, l.amount])).toEqual([
      ['2A2-1764774000', 'ReceivePayment', '1F1-1764700000', 'Riverside Medical Center:MOB Expansion', '1000.00'],
      ['2A3-1764774000', 'ReceivePayment', '1F5-1764700000', 'Riverside Medical Center:MOB Expansion', '500.00'],
    ]);
    expect(depositedPaymentTxnIds(made!)).toEqual(['1F1-1764700000', '1F5-1764700000']);
    expect(voided!.voided).toBe(true);
    expect(depositedPaymentTxnIds(voided!)).toEqual([]);
  });

  it('a line that is not a payment received (money typed on the deposit, a sales receipt) names no payment', () => {
    const [rs] = parseResponseMessage(
      RESPONSE.replace('<TxnType>ReceivePayment</TxnType><TxnID>1F5-1764700000', '<TxnType>SalesReceipt</TxnType><TxnID>1F5-1764700000'),
    ).responses;
    expect(depositedPaymentTxnIds(readDepositRet(rs!.records[0]!))).toEqual(['1F1-1764700000']);
    // A memo typed by hand that starts "VOID:" on a deposit that still has money is not a void.
    const typed = parseResponseMessage(RESPONSE.replace('<DepositTotal>1500.00', '<Memo>VOID: ignore</Memo><DepositTotal>1500.00')).responses[0]!;
    expect(readDepositRet(typed.records[0]!).voided).toBe(false);
  });

  it('refuses a DepositRet without TxnID, TimeModified or a YYYY-MM-DD TxnDate', () => {
    const record = parseResponseMessage(RESPONSE).responses[0]!.records[0]!;
    expect(() => readDepositRet({ ...record, TxnID: '' })).toThrow(QbxmlParseError);
    const { TimeModified: _dropped, ...noTime } = record;
    expect(() => readDepositRet(noTime)).toThrow(/TimeModified/);
    expect(() => readDepositRet({ ...record, TxnDate: '12/03/2026' })).toThrow(/YYYY-MM-DD/);
  });
});
