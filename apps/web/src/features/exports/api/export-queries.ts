import type {
  ExportAction,
  ExportActionAnswerBody,
  ExportItemBody,
  ExportListBody,
  ExportListQuery,
  ExportPreviewBody,
  ExportSort as ContractExportSort,
  ExportStatus,
} from '@connector/contract';
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
  { type: 'invoice', label: 'Subcontractor invoices' },
  // The owner side (issue 21): Procore owner invoices (payment applications) that become QuickBooks invoices.
  { type: 'owner_invoice', label: 'Owner invoices' },
  // The job's contract value (issue 21): the prime contract becomes an estimate, its approved change orders add lines to it.
  { type: 'prime_contract', label: 'Prime contracts' },
  { type: 'prime_change_order', label: 'Prime change orders' },
] as const;
export type ExportRecordType = (typeof EXPORT_RECORD_TYPES)[number]['type'];

/** The export list's shapes are the API's (@connector/contract export-api.ts). */
export type { ExportStatus };
export type ExportItem = ExportItemBody;
export type ExportList = ExportListBody;

/** Columns the server sorts by; a leading "-" sorts descending (@connector/contract EXPORT_SORTS); '' is the server's order. */
export type ExportSortColumn = Exclude<ContractExportSort, `-${string}`>;
export type ExportSort = ContractExportSort | '';

/** The list's query (@connector/contract ExportListQuery) as the screen holds it: '' for "any" (left out of the URL). */
export type ExportFilters = { [K in keyof ExportListQuery]-?: Exclude<ExportListQuery[K], undefined> | (K extends 'limit' | 'offset' ? never : '') };

export type { ExportAction };
export type ExportActionResult = ExportActionAnswerBody;

export type ExportPreview = ExportPreviewBody;
/** A linked record's field: QuickBooks' value beside Procore's; `selected` is a starting point, nothing is sent until the person sends it. */
export type LinkedFieldChange = NonNullable<ExportPreviewBody['changes']>[number];

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
      api.get<ExportList>(
        companyPath(companyId, `/exports/${recordType}`),
        { status: filters.status, project: filters.project, sort: filters.sort, limit: filters.limit, offset: filters.offset },
        signal,
      ),
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
  body: { procoreIds: string[]; comment?: string; options?: { fields?: string[]; refNumber?: string } },
  idempotencyKey: string,
): Promise<ExportActionResult> {
  return api.post<ExportActionResult>(companyPath(companyId, `/exports/${recordType}/${action}`), body, { idempotencyKey });
}
