import { describe, expect, it } from 'vitest';
import { assertValidRequest } from './assert-valid-request.ts';
import { buildRequestMessage } from './build-request-message.ts';
import type { InvoiceAddRequest } from './build-invoice.ts';
import { QbxmlBuildError } from './qbxml-build-error.ts';
import type { QbxmlRequest } from './qbxml-request.ts';

// The XSD order of InvoiceAdd / InvoiceMod / InvoiceQuery / ReceivePaymentQuery is proven in build-requests.test.ts
// (fixtures/sample-requests.ts, minimal and full). Here: the rules the builder keeps before any XML is produced.

function buildError(request: QbxmlRequest): QbxmlBuildError {
  try {
    assertValidRequest(request);
  } catch (error) {
    if (error instanceof QbxmlBuildError) return error;
    throw error;
  }
  throw new Error('expected a QbxmlBuildError');
}

const invoice = (fields: Partial<InvoiceAddRequest> = {}): InvoiceAddRequest => ({
  type: 'InvoiceAdd',
  customerRef: { listId: '80000010-1700000000' },
  lines: [{ itemRef: { listId: '80000020-1700000000' }, amount: 1200.5 }],
  ...fields,
});

describe('InvoiceAdd', () => {
  it('writes the job, the lines and a negative retainage line in schema order', () => {
    const xml = buildRequestMessage({
      requests: [
        {
          requestId: 'oi-1',
          request: invoice({
            refNumber: 'PA-003',
            txnDate: '2026-03-31',
            lines: [
              { itemRef: { listId: '80000020-1700000000' }, desc: 'Concrete & forms', amount: 1200 },
              { itemRef: { listId: '80000021-1700000000' }, desc: 'Retainage withheld', amount: -120 },
            ],
          }),
        },
      ],
    });
    expect(xml).toContain(
      '<InvoiceAddRq requestID="oi-1"><InvoiceAdd><CustomerRef><ListID>80000010-1700000000</ListID></CustomerRef><TxnDate>2026-03-31</TxnDate><RefNumber>PA-003</RefNumber>',
    );
    expect(xml).toContain('<Desc>Concrete &amp; forms</Desc><Amount>1200.00</Amount>');
    expect(xml).toContain('<Desc>Retainage withheld</Desc><Amount>-120.00</Amount>');
  });

  it('refuses an invoice with no line', () => {
    const error = buildError(invoice({ lines: [] }));
    expect(error.code).toBe('REQUIRED_FIELD_MISSING');
    expect(error.field).toBe('InvoiceAdd.InvoiceLineAdd');
  });

  it('refuses an invoice number longer than 11 characters (qbxml130.xsd InvoiceAdd RefNumber)', () => {
    expect(() => assertValidRequest(invoice({ refNumber: 'x'.repeat(11) }))).not.toThrow();
    const error = buildError(invoice({ refNumber: 'x'.repeat(12) }));
    expect(error.code).toBe('FIELD_TOO_LONG');
    expect(error.limit).toBe(11);
  });

  it('refuses a line with both a rate and a rate percent (an XSD choice)', () => {
    const error = buildError(invoice({ lines: [{ itemRef: { listId: '1' }, rate: 10, ratePercent: 5 }] }));
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.message).toMatch(/rate and a rate percent/);
  });

  it('requires the customer:job', () => {
    const error = buildError({ ...invoice(), customerRef: undefined } as unknown as QbxmlRequest);
    expect(error.code).toBe('REQUIRED_FIELD_MISSING');
  });
});

describe('InvoiceMod', () => {
  it('carries TxnID and EditSequence first, then each line by TxnLineID', () => {
    const xml = buildRequestMessage({
      requests: [
        {
          requestId: 'oi-2',
          request: { type: 'InvoiceMod', txnId: '1C7-1700000000', editSequence: '1700000009', lines: [{ txnLineId: '-1', amount: 5 }] },
        },
      ],
    });
    expect(xml).toContain(
      '<InvoiceMod><TxnID>1C7-1700000000</TxnID><EditSequence>1700000009</EditSequence><InvoiceLineMod><TxnLineID>-1</TxnLineID><Amount>5.00</Amount></InvoiceLineMod></InvoiceMod>',
    );
  });
});

describe('owner-side queries', () => {
  it('InvoiceQuery takes PaidStatus only with the filter branch and may include linked payments', () => {
    const xml = buildRequestMessage({
      requests: [{ requestId: 'q', request: { type: 'InvoiceQuery', paidStatus: 'NotPaidOnly', includeLinkedTxns: true } }],
    });
    expect(xml).toContain('<InvoiceQueryRq requestID="q"><PaidStatus>NotPaidOnly</PaidStatus><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>');
  });

  it('ReceivePaymentQuery has no IncludeLinkedTxns in qbXML 13.0 (plain TxnQuery group)', () => {
    const error = buildError({ type: 'ReceivePaymentQuery', includeLinkedTxns: true } as unknown as QbxmlRequest);
    expect(error.code).toBe('INVALID_VALUE');
  });

  it('both read in pages with an iterator (qbxmlops130.xsd InvoiceQueryRqType, ReceivePaymentQueryRqType)', () => {
    const xml = buildRequestMessage({ requests: [{ requestId: 'p', request: { type: 'ReceivePaymentQuery', iterator: 'Start', maxReturned: 100 } }] });
    expect(xml).toContain('<ReceivePaymentQueryRq requestID="p" iterator="Start"><MaxReturned>100</MaxReturned></ReceivePaymentQueryRq>');
  });
});
