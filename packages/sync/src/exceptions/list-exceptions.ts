import type { Database } from '@connector/db';
import { EXCEPTION_CODES, isExceptionCode, type ExceptionAction, type FieldDifference } from '@connector/contract';
import { listExportExceptions } from '../exports/list-export-exceptions.ts';
import { listImportFailures } from '../imports/list-import-failures.ts';
import { listFailedJobs } from './list-failed-jobs.ts';

// Which way a record was going: the API's list (@connector/contract exception-api.ts).
export type { ExceptionDirection } from '@connector/contract';
import type { ExceptionDirection, FailedJobBody } from '@connector/contract';

/** One row of the Exceptions screen, whichever way the record was going. */
export interface UnifiedException {
  direction: ExceptionDirection;
  /** Unique in the list: `export:<recordType>:<procoreId>`, `import:<txnType>:<txnId>` or `job:<jobId>`. */
  key: string;
  /** Procore's kind (commitment, invoice…) for exports; QuickBooks' (Bill, BillPaymentCheck…) for imports; the job kind for a failed job. */
  recordType: string;
  /** The Procore id of an export; the QuickBooks TxnID of an import; the job's id. */
  recordId: string;
  title: string;
  procoreProjectId: string | null;
  amountCents: number | null;
  /** Our code (packages/contract exception-codes) and the sentence about this record. */
  code: string | null;
  reason: string | null;
  /** What to do about a record with this code (the exception-code table), null for a code not in it. */
  todo: string | null;
  qbStatusCode: number | null;
  qbStatusMessage: string | null;
  fieldDifferences: FieldDifference[] | null;
  keepQuickbooksWarning: string | null;
  /**
   * retry / dismiss / keep_quickbooks / resend_ours for an export (the export routes); retry for an import, which
   * pushes every failed QuickBooks transaction into Procore again (POST /imports/failures/retry).
   */
  actions: ExceptionAction[];
  /** It waits for another record (DEPENDENCY_FAILED, COMMITMENT_NOT_APPROVED, PRIME_CONTRACT_NOT_APPROVED) and leaves this list by itself once that syncs. */
  waitsForAnother: boolean;
  updatedAt: string;
  /** A failed background job (direction `background`): its id, kind, attempts and Procore's raw answer. */
  job?: FailedJobBody;
}

const WAITING_CODES = new Set(['DEPENDENCY_FAILED', 'COMMITMENT_NOT_APPROVED', 'PRIME_CONTRACT_NOT_APPROVED']);
const TXN_WORDS: Record<string, string> = { Bill: 'Bill', Check: 'Check', CreditCardCharge: 'Credit card charge', BillPaymentCheck: 'Bill payment' };

/**
 * The Exceptions screen for both directions (issue 18 item 9): failed exports to QuickBooks (export_records) and
 * QuickBooks transactions Update Job Costs could not bring into Procore (qb_transactions push_error_*), and background
 * jobs that failed for good (list-failed-jobs.ts, issue 20: the queue's dead letters), newest first, one list, paged over all. Each source is read up to offset + limit rows (newest first) and merged, so a page is
 * exact; `direction` narrows it to one.
 */
export async function listExceptions(
  db: Database,
  input: { companyId: string; limit: number; offset: number; direction?: ExceptionDirection },
): Promise<{ total: number; counts: Record<ExceptionDirection, number>; items: UnifiedException[] }> {
  const upTo = { limit: input.offset + input.limit, offset: 0 };
  const [exports, imports, jobs] = await Promise.all([
    listExportExceptions(db, { companyId: input.companyId, ...upTo }),
    listImportFailures(db, input.companyId, upTo),
    listFailedJobs(db, input.companyId, upTo),
  ]);
  const todo = (code: string | null) => (code !== null && isExceptionCode(code) ? EXCEPTION_CODES[code].action : null);
  const rows: UnifiedException[] = [];
  if (input.direction === undefined || input.direction === 'to_quickbooks') {
    for (const e of exports.items) {
      rows.push({
        direction: 'to_quickbooks',
        key: `export:${e.recordType}:${e.procoreId}`,
        recordType: e.recordType,
        recordId: e.procoreId,
        title: e.title,
        procoreProjectId: e.procoreProjectId,
        amountCents: null,
        code: e.errorCode,
        reason: e.errorMessage,
        todo: todo(e.errorCode),
        qbStatusCode: e.qbStatusCode,
        qbStatusMessage: e.qbStatusMessage,
        fieldDifferences: e.fieldDifferences,
        keepQuickbooksWarning: e.keepQuickbooksWarning,
        actions: e.actions,
        waitsForAnother: e.errorCode !== null && WAITING_CODES.has(e.errorCode),
        updatedAt: e.updatedAt,
      });
    }
  }
  if (input.direction === undefined || input.direction === 'to_procore') {
    for (const f of imports.items) {
      // The record type already says "QuickBooks bill": the title is the number and who it is from or to.
      const what = f.refNumber ?? `(no number, ${TXN_WORDS[f.txnType] ?? f.txnType} ${f.txnId})`;
      rows.push({
        direction: 'to_procore',
        key: `import:${f.txnType}:${f.txnId}`,
        recordType: f.txnType,
        recordId: f.txnId,
        title: f.payeeName ? `${what} · ${f.payeeName}` : what,
        procoreProjectId: null,
        amountCents: f.amountCents,
        code: f.errorCode || null,
        reason: f.message || null,
        todo: todo(f.errorCode || null),
        qbStatusCode: null,
        qbStatusMessage: null,
        fieldDifferences: null,
        keepQuickbooksWarning: null,
        actions: ['retry'],
        waitsForAnother: WAITING_CODES.has(f.errorCode),
        updatedAt: f.fetchedAt,
      });
    }
  }
  if (input.direction === undefined || input.direction === 'background') {
    for (const j of jobs.items) {
      rows.push({
        direction: 'background',
        key: `job:${j.id}`,
        recordType: j.kind,
        recordId: j.id,
        title: j.doing,
        procoreProjectId: null,
        amountCents: null,
        code: j.errorCode,
        reason: j.message,
        todo: j.todo,
        qbStatusCode: null,
        qbStatusMessage: null,
        fieldDifferences: null,
        keepQuickbooksWarning: null,
        actions: ['retry', 'dismiss'],
        waitsForAnother: false,
        updatedAt: j.failedAt,
        job: {
          id: j.id,
          kind: j.kind,
          attempts: j.attempts,
          maxAttempts: j.maxAttempts,
          procoreStatus: j.procoreStatus,
          procoreCode: j.procoreCode,
          procoreMessage: j.procoreMessage,
        },
      });
    }
  }
  rows.sort((a, b) => (a.updatedAt === b.updatedAt ? a.key.localeCompare(b.key) : a.updatedAt < b.updatedAt ? 1 : -1));
  const counts = { to_quickbooks: exports.total, to_procore: imports.total, background: jobs.total };
  const total = input.direction === undefined ? counts.to_quickbooks + counts.to_procore + counts.background : counts[input.direction];
  return { total, counts, items: rows.slice(input.offset, input.offset + input.limit) };
}
