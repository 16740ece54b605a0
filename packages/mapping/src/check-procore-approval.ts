// Only what Procore considers approved goes to QuickBooks (data safety, defect 6). One rule, used by the
// export list (the reason shown), the send and approve actions (refused per record) and export.prepare
// (which reads Procore again before a request is queued). Pure: a record type and Procore's status in,
// null or the refusal out.
//
// The statuses, from Procore's own documentation:
// - Commitment change orders: draft, the "Pending - …" variants (in review, revised, pricing, not pricing,
//   proceeding, not proceeding), approved, rejected, no charge, void
//   (support.procore.com/faq/what-are-the-default-cor-statuses-in-procore; the API writes them in snake
//   case: `pending`, `pending_in_review`, …). Only `approved` is in the budget's Approved Changes: only it
//   changes what is committed.
// - Subcontractor invoices (requisitions): draft, under_review, revise_and_resubmit, pending_owner_approval,
//   approved, approved_as_noted (support.procore.com/faq/what-are-the-default-statuses-for-procore-invoices,
//   …/bulk-edit-subcontractor-invoice-statuses). Approved as Noted is an approval with remarks.
// - Commitments: subcontracts Draft, Out For Bid, Out For Signature, Approved, Complete, Terminated, Void;
//   purchase orders Draft, Processing, Submitted, Partially Received, Received, Approved, Closed
//   (support.procore.com/faq/what-are-the-default-commitment-statuses-in-procore). Exportable are the
//   statuses whose amount Procore's Standard Budget View counts as Committed Costs — Approved, Complete
//   (work done on an approved subcontract) and Partially Received (goods arriving on an approved PO) — plus
//   Received (a PO fully delivered is past approval; the page lists it under Pending Cost Changes, which
//   reads as an error there). Draft, Out For Bid/Signature, Processing and Submitted are not agreed yet;
//   Terminated and Void are not owed; Closed means "completed and invoiced OR null and void" at the
//   project team's choice, so it is not taken as approved.
// - Owner invoices (payment applications on a prime contract): draft, under_review, revise_and_resubmit, approved
//   (support.procore.com/faq/what-are-the-default-statuses-for-procore-invoices, Owner Invoices). Only approved is
//   billed to the owner.
// - Prime contracts (issue 21): Draft, Out For Bid, Out For Signature, Approved, Complete, Terminated (Procore's enum,
//   packages/procore resources/prime-contracts.ts). As for commitments, Approved and Complete are the contract agreed
//   with the owner; Draft and Out For … are not agreed yet, Terminated is not the job's contract value.
// - Prime contract change orders: only `approved` is in Procore's revised contract value ("Grand total, plus approved
//   change orders"; support.procore.com FAQ "default statuses for a Prime Contract Change Order"); the Pending - …
//   statuses, draft, no charge, rejected and void are not.
// Statuses compare case-, space- and underscore-insensitively ("Out For Signature" = "out_for_signature").

export type ApprovalRecordType = 'commitment' | 'change_order' | 'invoice' | 'owner_invoice' | 'prime_contract' | 'prime_change_order';

export const NOT_APPROVED_IN_PROCORE = 'NOT_APPROVED_IN_PROCORE';

export interface NotApprovedInProcore {
  code: typeof NOT_APPROVED_IN_PROCORE;
  /** Procore's status as read (null when the record has none). */
  procoreStatus: string | null;
  /** "Not approved in Procore: status Pending — approve it in Procore first (…)." */
  message: string;
}

const APPROVED: Record<ApprovalRecordType, ReadonlySet<string>> = {
  change_order: new Set(['approved']),
  invoice: new Set(['approved', 'approved_as_noted']),
  commitment: new Set(['approved', 'complete', 'partially_received', 'received']),
  owner_invoice: new Set(['approved']),
  prime_contract: new Set(['approved', 'complete']),
  prime_change_order: new Set(['approved']),
};

const WHAT_GOES: Record<ApprovalRecordType, string> = {
  change_order: 'only approved change orders go to QuickBooks',
  invoice: 'only Approved or Approved as Noted invoices go to QuickBooks',
  commitment: 'only Approved, Complete or received commitments go to QuickBooks',
  owner_invoice: 'only Approved owner invoices go to QuickBooks',
  prime_contract: "only Approved or Complete prime contracts go to QuickBooks as the job's contract value",
  prime_change_order: 'only Approved prime contract change orders are added to the contract value in QuickBooks',
};

/** Whether the approval rule applies: lists, budgets and projects have no approval in Procore. */
export function hasProcoreApproval(recordType: string): recordType is ApprovalRecordType {
  return recordType in APPROVED;
}

/** Procore's status in one spelling: "Out For Signature", "out_for_signature" → "out_for_signature". */
export function normalizeProcoreStatus(status: unknown): string {
  return typeof status === 'string'
    ? status
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, '_')
    : '';
}

/** Procore's status as people read it in Procore: "under_review" → "Under Review". */
export function procoreStatusLabel(status: unknown): string {
  const words = normalizeProcoreStatus(status).split('_').filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/**
 * Null when Procore has approved the record (or the type has no approval), else the refusal: our code and a
 * sentence naming Procore's status and what to do.
 */
export function checkProcoreApproval(recordType: string, status: unknown): NotApprovedInProcore | null {
  if (!hasProcoreApproval(recordType)) return null;
  const normalized = normalizeProcoreStatus(status);
  if (APPROVED[recordType].has(normalized)) return null;
  const what = normalized === '' ? 'it has no status' : `status ${procoreStatusLabel(status)}`;
  return {
    code: NOT_APPROVED_IN_PROCORE,
    procoreStatus: typeof status === 'string' && status.trim() !== '' ? status.trim() : null,
    message: `Not approved in Procore: ${what} — approve it in Procore first (${WHAT_GOES[recordType]}).`,
  };
}
