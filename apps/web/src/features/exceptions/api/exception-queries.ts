import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';

/** The exception queue (GET /exports/exceptions): failed exports with our code and QuickBooks' raw code. */
export interface ExportException {
  recordType: string;
  procoreId: string;
  procoreProjectId: string | null;
  title: string;
  errorCode: string | null;
  errorMessage: string | null;
  qbStatusCode: number | null;
  qbStatusMessage: string | null;
  fieldDifferences: Array<{ field: string; ours: string | null; theirs: string | null; source?: string }> | null;
  actions: string[];
  /** "Take QuickBooks' value" would leave approved Procore work out of QuickBooks: the sentence to confirm (data safety). */
  keepQuickbooksWarning?: string | null;
  updatedAt: string;
}

export type ExceptionAction = 'retry' | 'dismiss' | 'keep_quickbooks' | 'resend_ours';

export const exceptionKeys = {
  all: (companyId: string) => ['exceptions', companyId] as const,
  page: (companyId: string, offset: number, limit: number) => [...exceptionKeys.all(companyId), { offset, limit }] as const,
  // An exception resolved changes the export lists too.
  exports: (companyId: string) => ['exports', companyId] as const,
};

export const exceptionsQuery = (companyId: string, offset: number, limit: number) =>
  queryOptions({
    queryKey: exceptionKeys.page(companyId, offset, limit),
    queryFn: ({ signal }) => api.get<{ total: number; items: ExportException[] }>(companyPath(companyId, '/exports/exceptions'), { offset, limit }, signal),
    placeholderData: keepPreviousData,
  });

/** `confirm`: the person said yes to leaving approved work out of QuickBooks (else the server answers 409 CONFIRMATION_REQUIRED). */
export function resolveException(companyId: string, exception: ExportException, action: ExceptionAction, idempotencyKey: string, confirm = false): Promise<unknown> {
  const base = companyPath(companyId, `/exports/${exception.recordType}`);
  if (action === 'keep_quickbooks' || action === 'resend_ours') {
    return api.post(`${base}/${exception.procoreId}/resolve`, { resolution: action, ...(confirm ? { confirm: true } : {}) }, { idempotencyKey });
  }
  return api.post(`${base}/${action}`, { procoreIds: [exception.procoreId] }, { idempotencyKey });
}
