import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';

/** Record types and statuses of the export workflow (packages/sync exports/export-workflow.ts). */
export const EXPORT_RECORD_TYPES = [
  { type: 'cost_code', label: 'Cost codes' },
  { type: 'project', label: 'Projects' },
  { type: 'vendor', label: 'Vendors' },
  { type: 'budget', label: 'Budgets' },
  { type: 'commitment', label: 'Commitments' },
  { type: 'change_order', label: 'Change orders' },
  { type: 'invoice', label: 'Invoices' },
] as const;
export type ExportRecordType = (typeof EXPORT_RECORD_TYPES)[number]['type'];

export type ExportStatus = 'not_synced' | 'sent_to_accounting' | 'approved' | 'rejected' | 'queued' | 'in_flight' | 'synced' | 'failed' | 'dismissed';

export interface ExportItem {
  procoreId: string;
  procoreProjectId: string | null;
  recordType: ExportRecordType;
  title: string;
  status: ExportStatus;
  sentBy: string | null;
  /** The person's name, when the server knows it (show it rather than the id). */
  sentByName?: string | null;
  decidedByName?: string | null;
  sentAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  qbStatusCode: number | null;
  qbStatusMessage: string | null;
  qbId: string | null;
  waitingOn: string[];
  /** The records it waits for by name, in the same order (show these, not the keys). */
  waitingOnTitles?: string[];
  fieldDifferences: Array<{ field: string; ours: string | null; theirs: string | null }> | null;
  updatedAt: string | null;
  /** A vendor, project or cost code linked to an entry already in QuickBooks: listed as synced, "Linked to …" (data safety). */
  linkedTo?: { listId: string; fullName: string } | null;
  /** Not approved in Procore: it cannot be sent or approved; `message` says why (NOT_APPROVED_IN_PROCORE). */
  notReady?: { code: string; procoreStatus: string | null; message: string } | null;
  /** What tells records apart (four commitments can all be "SC-001"): project, amount, commitment, status in Procore. */
  projectName?: string | null;
  amount?: string | null;
  commitment?: { procoreId: string; title: string } | null;
  procoreStatus?: string | null;
}

export interface ExportList {
  total: number;
  notice: string | null;
  items: ExportItem[];
  /** The projects with records of this type, by name, for the project filter. */
  projects?: Array<{ procoreId: string; name: string }>;
}

/** Columns the server sorts by; a leading "-" sorts descending (packages/sync list-export-records.ts EXPORT_SORTS). */
export type ExportSortColumn = 'record' | 'project' | 'amount' | 'procore_status' | 'status' | 'updated';
export type ExportSort = ExportSortColumn | `-${ExportSortColumn}` | '';

export interface ExportFilters {
  status: ExportStatus | '';
  project: string;
  sort: ExportSort;
  limit: number;
  offset: number;
}

export type ExportAction = 'send' | 'approve' | 'reject' | 'retry' | 'dismiss';

export interface ExportActionResult {
  results: Array<{ procoreId: string; outcome: 'applied' | 'already' | 'refused'; status: ExportStatus; code?: string | null; message: string | null }>;
}

export interface ExportPreview {
  recordType: string;
  procoreId: string;
  action: string | null;
  fields: Array<{ field: string; value: string; source: string }>;
  dependencies: Array<{ kind: string; procoreId: number; label: string }>;
  problem: { code: string; message: string; field: string | null } | null;
  notice: string | null;
  /** Linked records (data safety): the QuickBooks entry, and each field QuickBooks has beside Procore's (before → after). */
  linked?: { listId: string; fullName: string; readAt: string | null } | null;
  changes?: LinkedFieldChange[];
}

export interface LinkedFieldChange {
  field: string;
  before: string | null;
  beforeKnown: boolean;
  after: string | null;
  differs: boolean;
  /** Chosen, or proposed by the company's vendor update policy: a starting point, nothing is sent until the person sends it. */
  selected: boolean;
  source?: string;
  problem?: string;
}

export const exportKeys = {
  all: (companyId: string) => ['exports', companyId] as const,
  lists: (companyId: string, recordType: ExportRecordType) => [...exportKeys.all(companyId), 'list', recordType] as const,
  list: (companyId: string, recordType: ExportRecordType, filters: ExportFilters) => [...exportKeys.lists(companyId, recordType), filters] as const,
  preview: (companyId: string, recordType: ExportRecordType, procoreId: string) => [...exportKeys.all(companyId), 'preview', recordType, procoreId] as const,
};

const MOVING: ReadonlySet<ExportStatus> = new Set(['approved', 'queued', 'in_flight']);

/** One page of exportable records; refreshed every 5 s while any of them is on its way to QuickBooks. */
export const exportListQuery = (companyId: string, recordType: ExportRecordType, filters: ExportFilters) =>
  queryOptions({
    queryKey: exportKeys.list(companyId, recordType, filters),
    queryFn: ({ signal }) =>
      api.get<ExportList>(companyPath(companyId, `/exports/${recordType}`), { status: filters.status, project: filters.project, sort: filters.sort, limit: filters.limit, offset: filters.offset }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((item) => MOVING.has(item.status)) ? 5_000 : false),
  });

export const exportPreviewQuery = (companyId: string, recordType: ExportRecordType, procoreId: string) =>
  queryOptions({
    queryKey: exportKeys.preview(companyId, recordType, procoreId),
    queryFn: ({ signal }) => api.get<ExportPreview>(companyPath(companyId, `/exports/${recordType}/${procoreId}/preview`), undefined, signal),
  });

export function applyExportAction(
  companyId: string,
  recordType: ExportRecordType,
  action: ExportAction,
  body: { procoreIds: string[]; comment?: string; options?: { fields?: string[] } },
  idempotencyKey: string,
): Promise<ExportActionResult> {
  return api.post<ExportActionResult>(companyPath(companyId, `/exports/${recordType}/${action}`), body, { idempotencyKey });
}
