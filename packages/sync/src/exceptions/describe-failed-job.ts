import { EXCEPTION_CODES, isExceptionCode } from '@connector/contract';

/**
 * What a background job was doing, in words a person reads on the Exceptions screen, per job kind (the kinds and
 * their payloads: procore/receive-procore-webhook.ts, procore/queue-procore-reconciliation.ts, jobs/job-kinds.ts,
 * imports/import-jobs.ts, summary/queue-due-summaries.ts). Pure: the payload is read loosely (a field missing or
 * of another shape is left out of the sentence), so one damaged payload cannot hide the list.
 */
export function describeFailedJob(kind: string, payload: unknown, exportTitle: string | null): string {
  const p = (payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? payload : {}) as Record<string, unknown>;
  const word = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null);
  const spaced = (value: string) => value.replace(/[_-]+/g, ' ');
  switch (kind) {
    case 'procore.apply-change': {
      const what = [word(p.resourceType) && spaced(word(p.resourceType)!), word(p.resourceId)].filter(Boolean).join(' ');
      const event = word(p.eventType);
      return `Apply a change Procore reported (webhook)${what ? `: ${what}` : ''}${event ? `, ${event}` : ''}`;
    }
    case 'procore.reconcile':
      return p.full === true
        ? 'Reconcile with Procore: read every record again (full reconciliation)'
        : 'Reconcile with Procore: read what changed since the last reconciliation (changes a webhook may have missed)';
    case 'export.prepare':
      return `Read an approved export from Procore before it is queued for QuickBooks${exportTitle ? `: ${exportTitle}` : ''}`;
    case 'export.write-procore-origin': {
      const what = [word(p.recordType), word(p.procoreId)].filter(Boolean).join(' ');
      return `Write the QuickBooks id back to Procore (origin_id)${what ? `: ${what}` : ''}`;
    }
    case 'import.push-job-costs':
      return 'Update Job Costs: push the QuickBooks bills, checks and payments read into Procore';
    case 'import.push-owner-payments':
      return 'Payments received: push the QuickBooks payments on exported owner invoices into Procore (prime contract payments)';
    case 'import.apply-list-refresh': {
      const list = word(p.kind);
      return `Apply a refresh from QuickBooks${list ? ` (${spaced(list)})` : ''}: update our copy and the linked Procore records`;
    }
    case 'summary.send-daily': {
      const day = word(p.day);
      return `Send the daily summary e-mail${day ? ` of ${day}` : ''}`;
    }
    default:
      return `Background job ${kind}`;
  }
}

/**
 * Codes whose table action says "retried" (they are, while attempts remain): a dead letter is not tried again by
 * itself, so it says so instead.
 */
const TRIED_AGAIN_BY_ITSELF = new Set([
  'PROCORE_UNAVAILABLE',
  'PROCORE_RATE_LIMITED',
  'PROCORE_NETWORK_ERROR',
  'PROCORE_TIMEOUT',
  'PROCORE_BAD_RESPONSE',
  'PROCORE_CONFLICT',
  'PROCORE_READ_FAILED',
  'SUMMARY_NOT_SENT',
  'INTERNAL',
]);

/** What to do about a failed job: the exception-code table's action, unless that promises a retry that no longer comes. */
export function failedJobTodo(code: string | null, attempts: number): string {
  const tries = attempts === 1 ? 'once' : `${attempts} times`;
  if (code === null || TRIED_AGAIN_BY_ITSELF.has(code) || !isExceptionCode(code))
    return `It was tried ${tries} and is not tried again by itself: retry it once the cause is fixed (or Procore answers again), or dismiss it if the work is no longer needed.`;
  return `${EXCEPTION_CODES[code].action} Then retry it (it was tried ${tries} and is not tried again by itself), or dismiss it.`;
}

/** Procore's raw answer a failed job kept beside our code (procoreFailure's details: procoreStatus, procoreCode, procoreMessage). */
export function procoreAnswerOf(result: unknown): { procoreStatus: number | null; procoreCode: string | null; procoreMessage: string | null } {
  const r = (result !== null && typeof result === 'object' && !Array.isArray(result) ? result : {}) as Record<string, unknown>;
  const status = typeof r.procoreStatus === 'number' && Number.isInteger(r.procoreStatus) ? r.procoreStatus : null;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);
  return { procoreStatus: status, procoreCode: text(r.procoreCode), procoreMessage: text(r.procoreMessage) };
}
