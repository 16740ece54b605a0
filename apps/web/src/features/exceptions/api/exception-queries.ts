import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ExceptionAction, ExceptionDirection, ExceptionItemBody, ExceptionListBody, FailedJobActionBody } from '@connector/contract';
import { api, companyPath } from '../../../lib/api.ts';

/**
 * The Exceptions screen for both directions (GET /exceptions): failed exports to QuickBooks, and QuickBooks
 * transactions Update Job Costs could not bring into Procore, with our code, the reason, what to do and the actions;
 * and background jobs that failed for good (direction `background`: a webhook applied, a reconciliation…).
 */
export type UnifiedException = ExceptionItemBody;
export type { ExceptionAction, ExceptionDirection };

export const exceptionKeys = {
  all: (companyId: string) => ['exceptions', companyId] as const,
  page: (companyId: string, offset: number, limit: number, direction: ExceptionDirection | null) =>
    [...exceptionKeys.all(companyId), { offset, limit, direction }] as const,
  // An exception resolved changes the export lists too, and a retried push the job costs (their own features' keys).
  exports: (companyId: string) => ['exports', companyId] as const,
  jobCosts: (companyId: string) => ['job-costs', companyId] as const,
  importFailures: (companyId: string) => ['imports', companyId, 'failures'] as const,
};

export const exceptionsQuery = (companyId: string, offset: number, limit: number, direction: ExceptionDirection | null) =>
  queryOptions({
    queryKey: exceptionKeys.page(companyId, offset, limit, direction),
    queryFn: ({ signal }) => api.get<ExceptionListBody>(companyPath(companyId, '/exceptions'), { offset, limit, ...(direction ? { direction } : {}) }, signal),
    placeholderData: keepPreviousData,
  });

/**
 * Who may retry a row: the export routes' retryOrDismiss (a failed job's too: POST …/exceptions/jobs/:id/retry), or
 * the job-cost push's retryJobCostPush (the one role table).
 */
export function retryActionFor(exception: Pick<UnifiedException, 'direction'>): 'retryOrDismiss' | 'retryJobCostPush' {
  return exception.direction === 'to_procore' ? 'retryJobCostPush' : 'retryOrDismiss';
}

/** POST …/exceptions/jobs/:jobId/retry | dismiss: a failed background job queued again (fresh attempts) or left undone. */
function resolveFailedJob(companyId: string, jobId: string, action: 'retry' | 'dismiss', idempotencyKey: string): Promise<FailedJobActionBody> {
  return api.post<FailedJobActionBody>(companyPath(companyId, `/exceptions/jobs/${jobId}/${action}`), {}, { idempotencyKey });
}

/**
 * Bulk retry: one POST per export record type (its retry route takes many ids), one push retry for every QuickBooks
 * transaction (the push retries all the failed ones), and one per failed background job. Each call carries its own
 * Idempotency-Key derived from the click's.
 */
export async function retryExceptions(
  companyId: string,
  exceptions: UnifiedException[],
  idempotencyKey: string,
): Promise<{ exports: number; imports: number; jobs: number }> {
  const byType = new Map<string, string[]>();
  for (const e of exceptions.filter((x) => x.direction === 'to_quickbooks'))
    (byType.get(e.recordType) ?? byType.set(e.recordType, []).get(e.recordType)!).push(e.recordId);
  const imports = exceptions.filter((x) => x.direction === 'to_procore').length;
  const jobs = exceptions.filter((x) => x.direction === 'background');
  const calls: Array<Promise<unknown>> = [...byType].map(([type, ids]) =>
    api.post(companyPath(companyId, `/exports/${type}/retry`), { procoreIds: ids }, { idempotencyKey: `${idempotencyKey}:${type}` }),
  );
  if (imports > 0) calls.push(api.post(companyPath(companyId, '/imports/failures/retry'), {}, { idempotencyKey: `${idempotencyKey}:imports` }));
  for (const job of jobs) calls.push(resolveFailedJob(companyId, job.recordId, 'retry', `${idempotencyKey}:job:${job.recordId}`));
  await Promise.all(calls);
  return { exports: exceptions.length - imports - jobs.length, imports, jobs: jobs.length };
}

/** `confirm`: the person said yes to leaving approved work out of QuickBooks (else the server answers 409 CONFIRMATION_REQUIRED). */
export function resolveException(
  companyId: string,
  exception: UnifiedException,
  action: ExceptionAction,
  idempotencyKey: string,
  confirm = false,
): Promise<unknown> {
  if (exception.direction === 'to_procore') return api.post(companyPath(companyId, '/imports/failures/retry'), {}, { idempotencyKey });
  if (exception.direction === 'background') {
    if (action !== 'retry' && action !== 'dismiss') throw new Error(`a failed background job is retried or dismissed, not ${action}`);
    return resolveFailedJob(companyId, exception.recordId, action, idempotencyKey);
  }
  const base = companyPath(companyId, `/exports/${exception.recordType}`);
  if (action === 'keep_quickbooks' || action === 'resend_ours') {
    return api.post(`${base}/${exception.recordId}/resolve`, { resolution: action, ...(confirm ? { confirm: true } : {}) }, { idempotencyKey });
  }
  return api.post(`${base}/${action}`, { procoreIds: [exception.recordId] }, { idempotencyKey });
}
