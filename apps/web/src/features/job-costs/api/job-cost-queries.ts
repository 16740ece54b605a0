import type { ImportFailureBody, ImportFailureListBody, RefreshStatusBody } from '@connector/contract';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';

/** Job costs from QuickBooks against Procore (QuickBooks to Procore contract); money in integer cents. */
/** Figures the server did not send are null (shown as "—"), never a made-up zero. */
export interface JobCostProject {
  procoreProjectId: string | number;
  name: string;
  committedCents: number | null;
  invoicedCents: number | null;
  jobToDateCents: number | null;
  paidCents: number | null;
  differenceCount: number | null;
  /** QuickBooks' side (from our copy of the company file): known even when Procore could not be read. */
  billedCents: number | null;
  billedFromCommitmentsCents: number | null;
  retainageCents: number | null;
  unattributedCents: number | null;
  unattributedLines: number | null;
  /** Why Procore's figures are missing ("—"), or null. */
  procoreError: string | null;
}

export type DifferenceKind = 'missing_export' | 'changed_in_quickbooks' | 'deleted_in_quickbooks' | 'not_yet_synced' | 'amount_mismatch' | 'unattributed';

export interface JobCostRow {
  costCode: { id: number | string; code: string; name: string } | null;
  committedCents: number;
  invoicedCents: number;
  billedCents: number;
  /** The part of billedCents on commitments (compared with Procore's invoiced); absent from older servers. */
  billedFromCommitmentsCents?: number;
  /** Retainage withheld on bills against commitments (a positive amount). */
  retainageCents?: number;
  unattributedCents?: number;
  jobToDateCents: number;
  paidCents: number;
  differences: Array<{ kind: DifferenceKind; message: string }>;
}

export interface JobCostTotals {
  committedCents: number;
  invoicedCents: number;
  billedCents: number;
  jobToDateCents: number;
  paidCents: number;
  retainageCents: number;
}

export interface JobCostDetail {
  asOf: string | null;
  project: { id: number | string; name: string };
  rows: JobCostRow[];
  totals: JobCostTotals;
}

/** One scheduled refresh as GET /imports/status answers it (@connector/contract). */
export type RefreshStatus = RefreshStatusBody['refreshes'][number];

export const jobCostKeys = {
  all: (companyId: string) => ['job-costs', companyId] as const,
  projects: (companyId: string) => [...jobCostKeys.all(companyId), 'projects'] as const,
  project: (companyId: string, projectId: string) => [...jobCostKeys.all(companyId), 'project', projectId] as const,
  status: (companyId: string) => ['imports', companyId, 'status'] as const,
  failures: (companyId: string) => ['imports', companyId, 'failures'] as const,
  failuresPage: (companyId: string, offset: number, limit: number) => [...jobCostKeys.failures(companyId), { offset, limit }] as const,
  unattributed: (companyId: string, projectId: string, offset: number, limit: number) => [...jobCostKeys.all(companyId), 'unattributed', projectId, { offset, limit }] as const,
};

export const jobCostProjectsQuery = (companyId: string) =>
  queryOptions({
    queryKey: jobCostKeys.projects(companyId),
    queryFn: async ({ signal }) => normaliseProjects(await api.get<RawProjects>(companyPath(companyId, '/job-costs'), undefined, signal)),
  });

export const jobCostProjectQuery = (companyId: string, projectId: string) =>
  queryOptions({
    queryKey: jobCostKeys.project(companyId, projectId),
    queryFn: async ({ signal }) => normaliseDetail(await api.get<RawDetail>(companyPath(companyId, `/job-costs/${encodeURIComponent(projectId)}`), undefined, signal)),
  });

// The issue-6 API as built differs from its written contract in places (project name and id at the top of
// the report, `standardCostCodeId` in the cost code, fewer figures per project): both shapes are read.
type Num = number | null | undefined;
interface RawProjects {
  asOf?: string | null;
  projects: Array<{
    procoreProjectId: string | number; name?: string | null; committedCents?: Num; invoicedCents?: Num; jobToDateCents?: Num; paidCents?: Num; differenceCount?: Num;
    billedCents?: Num; billedFromCommitmentsCents?: Num; retainageCents?: Num; unattributedCents?: Num; unattributedLines?: Num; procoreError?: string | null;
  }>;
  withoutProject?: { unattributedCents: number; unattributedLines: number };
}
interface RawDetail {
  asOf?: string | null;
  project?: { id: number | string; name: string };
  procoreProjectId?: number | string;
  projectName?: string | null;
  rows: Array<Omit<JobCostRow, 'costCode' | 'differences'> & { costCode: { id?: number | string; standardCostCodeId?: number | null; code?: string | null; name?: string | null } | null; differences?: JobCostRow['differences'] }>;
  totals: Partial<JobCostTotals>;
}

const orNull = (value: Num): number | null => (typeof value === 'number' ? value : null);

export function normaliseProjects(raw: RawProjects): { asOf: string | null; projects: JobCostProject[]; withoutProject: { unattributedCents: number; unattributedLines: number } } {
  return {
    asOf: raw.asOf ?? null,
    withoutProject: raw.withoutProject ?? { unattributedCents: 0, unattributedLines: 0 },
    projects: raw.projects.map((p) => ({
      procoreProjectId: p.procoreProjectId,
      name: p.name ?? `Project ${p.procoreProjectId}`,
      committedCents: orNull(p.committedCents),
      invoicedCents: orNull(p.invoicedCents),
      jobToDateCents: orNull(p.jobToDateCents),
      paidCents: orNull(p.paidCents),
      differenceCount: orNull(p.differenceCount),
      billedCents: orNull(p.billedCents),
      billedFromCommitmentsCents: orNull(p.billedFromCommitmentsCents),
      retainageCents: orNull(p.retainageCents),
      unattributedCents: orNull(p.unattributedCents),
      unattributedLines: orNull(p.unattributedLines),
      procoreError: p.procoreError ?? null,
    })),
  };
}

export function normaliseDetail(raw: RawDetail): JobCostDetail {
  const id = raw.project?.id ?? raw.procoreProjectId ?? '';
  const total = (key: keyof JobCostTotals) => raw.totals[key] ?? raw.rows.reduce((sum, r) => sum + ((r as Partial<Record<keyof JobCostTotals, number>>)[key] ?? 0), 0);
  return {
    asOf: raw.asOf ?? null,
    project: raw.project ?? { id, name: raw.projectName ?? `Project ${id}` },
    rows: raw.rows.map((r) => {
      const code = r.costCode;
      const codeId = code?.id ?? code?.standardCostCodeId ?? null;
      return {
        ...r,
        costCode: code && (codeId !== null || code.code) ? { id: codeId ?? code.code ?? '', code: code.code ?? '', name: code.name ?? '' } : null,
        differences: r.differences ?? [],
      };
    }),
    totals: { committedCents: total('committedCents'), invoicedCents: total('invoicedCents'), billedCents: total('billedCents'), jobToDateCents: total('jobToDateCents'), paidCents: total('paidCents'), retainageCents: total('retainageCents') },
  };
}

export const refreshStatusQuery = (companyId: string) =>
  queryOptions({
    queryKey: jobCostKeys.status(companyId),
    queryFn: ({ signal }) => api.get<RefreshStatusBody>(companyPath(companyId, '/imports/status'), undefined, signal),
  });

/** "Update Job Costs": read bills, checks and charges from QuickBooks at the next Web Connector session. */
export function updateJobCosts(companyId: string, idempotencyKey: string) {
  return api.post<{ outcome: 'queued' | 'already_queued'; queuedAt: string }>(companyPath(companyId, '/imports/refresh'), { kind: 'job_costs' }, { idempotencyKey });
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
    queryFn: ({ signal }) => api.get<{ total: number; totalCents: number; items: UnattributedLine[] }>(companyPath(companyId, '/job-costs/unattributed-lines'), { projectId, limit, offset }, signal),
    placeholderData: keepPreviousData,
  });
