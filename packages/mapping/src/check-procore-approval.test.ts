import { describe, expect, it } from 'vitest';
import { checkProcoreApproval, hasProcoreApproval, normalizeProcoreStatus, procoreStatusLabel } from './check-procore-approval.ts';

describe('checkProcoreApproval', () => {
  it('lets approved change orders through, and refuses every other Procore status with the status in words', () => {
    expect(checkProcoreApproval('change_order', 'approved')).toBeNull();
    expect(checkProcoreApproval('change_order', 'Approved')).toBeNull();
    expect(checkProcoreApproval('change_order', 'pending')).toEqual({
      code: 'NOT_APPROVED_IN_PROCORE',
      procoreStatus: 'pending',
      message: 'Not approved in Procore: status Pending — approve it in Procore first (only approved change orders go to QuickBooks).',
    });
    for (const status of ['draft', 'pending_in_review', 'pending_revised', 'pending_pricing', 'pending_not_proceeding', 'rejected', 'no_charge', 'void']) {
      expect(checkProcoreApproval('change_order', status)?.code, status).toBe('NOT_APPROVED_IN_PROCORE');
    }
    expect(checkProcoreApproval('change_order', 'pending_in_review')?.message).toContain('status Pending In Review');
  });

  it('takes Approved and Approved as Noted invoices only', () => {
    expect(checkProcoreApproval('invoice', 'approved')).toBeNull();
    expect(checkProcoreApproval('invoice', 'approved_as_noted')).toBeNull();
    for (const status of ['draft', 'under_review', 'revise_and_resubmit', 'pending_owner_approval']) {
      expect(checkProcoreApproval('invoice', status)?.procoreStatus, status).toBe(status);
    }
    expect(checkProcoreApproval('invoice', 'under_review')?.message).toBe(
      'Not approved in Procore: status Under Review — approve it in Procore first (only Approved or Approved as Noted invoices go to QuickBooks).',
    );
  });

  it('bills the owner only for Approved owner invoices (no "approved as noted" on the owner side)', () => {
    expect(checkProcoreApproval('owner_invoice', 'approved')).toBeNull();
    expect(checkProcoreApproval('owner_invoice', 'Approved')).toBeNull();
    for (const status of ['draft', 'under_review', 'revise_and_resubmit', 'approved_as_noted']) {
      expect(checkProcoreApproval('owner_invoice', status)?.procoreStatus, status).toBe(status);
    }
    expect(checkProcoreApproval('owner_invoice', 'revise_and_resubmit')?.message).toBe(
      'Not approved in Procore: status Revise And Resubmit — approve it in Procore first (only Approved owner invoices go to QuickBooks).',
    );
  });

  it('takes commitments whose amount Procore counts as committed (subcontracts and purchase orders)', () => {
    for (const status of ['Approved', 'Complete', 'Partially Received', 'Received']) expect(checkProcoreApproval('commitment', status), status).toBeNull();
    for (const status of ['Draft', 'Out For Bid', 'Out For Signature', 'Processing', 'Submitted', 'Terminated', 'Void', 'Closed']) {
      expect(checkProcoreApproval('commitment', status)?.message, status).toContain(`status ${status} — approve it in Procore first`);
    }
  });

  it('refuses a record without a status (nothing says Procore approved it)', () => {
    expect(checkProcoreApproval('commitment', undefined)).toMatchObject({
      procoreStatus: null,
      message: expect.stringContaining('Not approved in Procore: it has no status'),
    });
    expect(checkProcoreApproval('invoice', '  ')?.procoreStatus).toBeNull();
    expect(checkProcoreApproval('change_order', 42)?.code).toBe('NOT_APPROVED_IN_PROCORE');
  });

  it('has no say over records Procore does not approve (lists, budgets)', () => {
    for (const type of ['vendor', 'project', 'cost_code', 'budget']) {
      expect(hasProcoreApproval(type)).toBe(false);
      expect(checkProcoreApproval(type, undefined)).toBeNull();
    }
  });

  it('compares statuses in one spelling and shows them as Procore does', () => {
    expect(normalizeProcoreStatus(' Out For Signature ')).toBe('out_for_signature');
    expect(normalizeProcoreStatus('approved-as-noted')).toBe('approved_as_noted');
    expect(normalizeProcoreStatus(null)).toBe('');
    expect(procoreStatusLabel('revise_and_resubmit')).toBe('Revise And Resubmit');
    expect(procoreStatusLabel('Out For Bid')).toBe('Out For Bid');
  });
});
