import { describe, expect, it } from 'vitest';
import { mapCommitment } from './map-commitment.ts';
import { mapRequisition } from './map-requisition.ts';
import { ALL_LINKED, COMMITMENT_ID, expectOk, expectRefusal, makeContext, PROJECT_ID } from './testing/fixtures.ts';
import { COMMITMENT, COMMITMENT_LINES, requisition } from './testing/procore-records.ts';

// COMMITMENT.contract_date is 2026-03-10.
const input = { projectId: PROJECT_ID, commitment: COMMITMENT, lines: COMMITMENT_LINES };

describe("closing date: a transaction in QuickBooks' closed period is refused before it is sent (3171)", () => {
  it('a purchase order dated on the closing date is refused with the date, the closing date and what to do', () => {
    const refusal = expectRefusal(mapCommitment(input, makeContext({ qbClosingDate: '2026-03-10' })), 'QB_CLOSED_PERIOD');
    expect(refusal.field).toBe('TxnDate');
    expect(refusal.message).toContain("is dated 2026-03-10, on or before QuickBooks' closing date (2026-03-10)");
    expect(refusal.message).toContain('status 3171');
  });

  it('a purchase order dated after the closing date, or with no closing date known, is sent', () => {
    expectOk(mapCommitment(input, makeContext({ qbClosingDate: '2026-03-09' })));
    expectOk(mapCommitment(input, makeContext()));
  });

  it('a subcontractor invoice (bill) dated inside the closed period is refused the same way', () => {
    const po = {
      txnId: '1A2-1700000000',
      editSequence: '1',
      refNumber: 'SC-001',
      lines: [
        { txnLineId: 'L1', procoreLineKey: 'commitment-line:501' },
        { txnLineId: 'L2', procoreLineKey: 'commitment-line:502' },
      ],
    };
    const links = { ...ALL_LINKED, purchaseOrders: { [COMMITMENT_ID]: po } };
    // requisition().billing_date is 2026-06-30.
    const refusal = expectRefusal(mapRequisition({ requisition: requisition() }, makeContext({ links, qbClosingDate: '2026-06-30' })), 'QB_CLOSED_PERIOD');
    expect(refusal.message).toMatch(/^The bill for subcontractor invoice INV-0088 .* is dated 2026-06-30/);
    expectOk(mapRequisition({ requisition: requisition() }, makeContext({ links, qbClosingDate: '2026-06-29' })));
  });
});
