import type {
  ImportFailureBody,
  ImportFailureListBody,
  JobCostDifferenceKind,
  JobCostProjectsBody,
  JobCostReportBody,
  JobCostRowBody,
  OwnerReconciliationBody,
  RefreshStatusBody,
} from '@connector/contract';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';

/**
 * Job costs from QuickBooks against Procore (QuickBooks to Procore contract), as the API sends them
 * (@connector/contract job-cost-api.ts); money in integer cents. Procore's figures it could not read are null
 * (shown as "—"), never a made-up zero.
 */
export type JobCostProjects = JobCostProjectsBody;
export type JobCostProject = JobCostProjectsBody['projects'][number];
export type DifferenceKind = JobCostDifferenceKind;
export type JobCostRow = JobCostRowBody;
export type JobCostTotals = JobCostReportBody['totals'];
export type JobCostDetail = JobCostReportBody;

/** One scheduled refresh as GET /imports/status answers it (@connector/contract). */
export type RefreshStatus = RefreshStatusBody['refreshes'][number];

export const jobCostKeys = {
  all: (companyId: string) => ['job-costs', companyId] as const,
  projects: (companyId: string) => [...jobCostKeys.all(companyId), 'projects'] as const,
  project: (companyId: string, projectId: string) => [...jobCostKeys.all(companyId), 'project', projectId] as const,
  owner: (companyId: string, projectId: string) => [...jobCostKeys.all(companyId), 'owner', projectId] as const,
  status: (companyId: string) => ['imports', companyId, 'status'] as const,
  failures: (companyId: string) => ['imports', companyId, 'failures'] as const,
  failuresPage: (companyId: string, offset: number, limit: number) => [...jobCostKeys.failures(companyId), { offset, limit }] as const,
  unattributed: (companyId: string, projectId: string, offset: number, limit: number) =>
    [...jobCostKeys.all(companyId), 'unattributed', projectId, { offset, limit }] as const,
};

export const jobCostProjectsQuery = (companyId: string) =>
  queryOptions({
    queryKey: jobCostKeys.projects(companyId),
    queryFn: ({ signal }) => api.get<JobCostProjects>(companyPath(companyId, '/job-costs'), undefined, signal),
  });

export const jobCostProjectQuery = (companyId: string, projectId: string) =>
  queryOptions({
    queryKey: jobCostKeys.project(companyId, projectId),
    queryFn: ({ signal }) => api.get<JobCostDetail>(companyPath(companyId, `/job-costs/${encodeURIComponent(projectId)}`), undefined, signal),
  });

/**
 * The owner side of one project (issue 21; GET /job-costs/owner/:projectId): contract value, billed to the owner,
 * invoiced in QuickBooks, received, retainage receivable and the margins (null with procoreError when Procore's cost
 * side could not be read).
 */
export type OwnerReconciliation = OwnerReconciliationBody;

export const ownerReconciliationQuery = (companyId: string, projectId: string) =>
  queryOptions({
    queryKey: jobCostKeys.owner(companyId, projectId),
    queryFn: ({ signal }) => api.get<OwnerReconciliation>(companyPath(companyId, `/job-costs/owner/${encodeURIComponent(projectId)}`), undefined, signal),
  });

export function ownerReconciliationCsvUrl(companyId: string, projectId: string): string {
  return companyPath(companyId, `/job-costs/owner/${encodeURIComponent(projectId)}.csv`);
}

/** A row's cost code in words; a row without one (QuickBooks cost on no cost code) says so. */
export function costCodeLabel(row: Pick<JobCostRow, 'costCode'>): string {
  const { standardCostCodeId, code, name } = row.costCode;
  if (standardCostCodeId === null && !code) return 'No cost code';
  return [code, name].filter(Boolean).join(' ') || `Cost code ${standardCostCodeId}`;
}

/** The report's project name; "Project <id>" when Procore's copy has none. */
export function reportProjectName(report: Pick<JobCostDetail, 'procoreProjectId' | 'projectName'>): string {
  return report.projectName ?? `Project ${report.procoreProjectId}`;
}

export const refreshStatusQuery = (companyId: string) =>
  queryOptions({
    queryKey: jobCostKeys.status(companyId),
    queryFn: ({ signal }) => api.get<RefreshStatusBody>(companyPath(companyId, '/imports/status'), undefined, signal),
  });

/** "Update Job Costs": read bills, checks and charges from QuickBooks at the next Web Connector session. */
export function updateJobCosts(companyId: string, idempotencyKey: string) {
  return api.post<{ outcome: 'queued' | 'already_queued'; queuedAt: string }>(
    companyPath(companyId, '/imports/refresh'),
    { kind: 'job_costs' },
    { idempotencyKey },
  );
}

export function jobCostCsvUrl(companyId: string, projectId: string): string {
  return companyPath(companyId, `/job-costs/${encodeURIComponent(projectId)}.csv`);
}

/**
 * Update Job Costs' exception list (GET /imports/failures): QuickBooks bills, checks, charges and bill payments
 * whose push into Procore failed, newest first. Each is retried by the next push on its own.
 */
export type ImportFailure = ImportFailureBody;
export type ImportFailureList = ImportFailureListBody;

export type RetryOutcome = 'queued' | 'already_queued' | 'nothing_to_retry';

/** One page of the failures; re-read every 30 s while there are any (a push may have brought them in). */
export const importFailuresQuery = (companyId: string, offset: number, limit: number) =>
  queryOptions({
    queryKey: jobCostKeys.failuresPage(companyId, offset, limit),
    queryFn: ({ signal }) => api.get<ImportFailureList>(companyPath(companyId, '/imports/failures'), { limit, offset }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => ((query.state.data?.total ?? 0) > 0 ? 30_000 : false),
  });

/** "Retry now": queue the push into Procore at once instead of waiting for the next QuickBooks read. */
export function retryImportFailures(companyId: string, idempotencyKey: string) {
  return api.post<{ outcome: RetryOutcome; failed: number }>(companyPath(companyId, '/imports/failures/retry'), {}, { idempotencyKey });
}

/** Why a QuickBooks cost line is not in Procore, what to do, and where (GET /job-costs/unattributed-lines). */
export type UnattributedFix = 'jobs' | 'items' | 'settings' | 'quickbooks' | 'procore';
export interface UnattributedLine {
  txnType: string;
  txnId: string;
  txnLineId: string;
  refNumber: string | null;
  txnDate: string;
  payeeName: string | null;
  amountCents: number;
  /** Multi-currency: converted from the transaction's currency at QuickBooks' rate, in words; null (or absent) in home currency. */
  currency?: string | null;
  memo: string | null;
  jobName: string | null;
  itemName: string | null;
  code: string;
  reason: string;
  action: string;
  fix: UnattributedFix;
}

/** The lines behind "Not in Procore": one project's (`projectId`), or those on no Procore project (`'none'`). */
export const unattributedLinesQuery = (companyId: string, projectId: string, offset: number, limit: number) =>
  queryOptions({
    queryKey: jobCostKeys.unattributed(companyId, projectId, offset, limit),
    queryFn: ({ signal }) =>
      api.get<{ total: number; totalCents: number; items: UnattributedLine[] }>(
        companyPath(companyId, '/job-costs/unattributed-lines'),
        { projectId, limit, offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
