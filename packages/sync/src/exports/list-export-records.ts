import type { Database } from '@connector/db';
import { SOURCE_RESOURCES, titleFor } from './export-record-types.ts';
import type { ExportRecordType, ExportStatus } from './export-workflow.ts';
import { notReadyFromCopy } from './export-readiness.ts';

export interface ExportListItem {
  procoreId: string;
  procoreProjectId: string | null;
  recordType: ExportRecordType;
  title: string;
  status: ExportStatus;
  sentBy: string | null;
  sentAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  qbStatusCode: number | null;
  qbStatusMessage: string | null;
  qbId: string | null;
  /** Export keys of the records it waits for in QuickBooks first (vendor:12, project:5, cost_code:40). */
  waitingOn: string[];
  /** 3200 exceptions: what changed in QuickBooks, field by field. */
  fieldDifferences: unknown;
  updatedAt: string | null;
  /**
   * Not approved in Procore (commitments, change orders, invoices): it cannot be sent or approved, and this
   * says why. Only while a person still has to act on it (not synced, rejected, awaiting approval).
   */
  notReady: { code: string; procoreStatus: string | null; message: string } | null;
}

/** The states in which a person sends or approves a record: where "not approved in Procore" matters. */
const BEFORE_APPROVAL: readonly ExportStatus[] = ['not_synced', 'rejected', 'sent_to_accounting'];

interface Row {
  procore_id: string;
  procore_project_id: string | null;
  data: Record<string, unknown>;
  status: string | null;
  sent_by: string | null;
  sent_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  error_code: string | null;
  error_message: string | null;
  qb_status_code: number | null;
  qb_status_message: string | null;
  qb_id: string | null;
  waiting_on: string[] | null;
  field_differences: unknown;
  updated_at: Date | null;
  total: bigint | number;
}

/**
 * Exportable records of one type (our copy of Procore, not deleted) with their export status;
 * records never sent are `not_synced`. Paged, filterable by status and project, scoped by company.
 */
export async function listExportRecords(
  db: Database,
  input: { companyId: string; recordType: ExportRecordType; status?: ExportStatus | undefined; procoreProjectId?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; items: ExportListItem[]; notice: string | null }> {
  const types = [...SOURCE_RESOURCES[input.recordType]];
  const rows = await db.prisma.$queryRaw<Row[]>`
    SELECT pr.procore_id, pr.procore_project_id, pr.data, er.waiting_on, er.field_differences,
           -- "in flight": its request is with the Web Connector and QuickBooks has not answered yet
           CASE WHEN er.status = 'queued' AND qr.status = 'sent' THEN 'in_flight' ELSE er.status END AS status, er.sent_by, er.sent_at, er.decided_by, er.decided_at,
           er.decision_comment, er.error_code, er.error_message, er.qb_status_code, er.qb_status_message, er.qb_id, er.updated_at,
           count(*) OVER () AS total
    FROM procore_records pr
    LEFT JOIN export_records er
      ON er.company_id = pr.company_id AND er.record_type = ${input.recordType} AND er.procore_id = pr.procore_id
    LEFT JOIN queued_requests qr ON qr.id = er.request_id AND qr.company_id = er.company_id
    WHERE pr.company_id = ${input.companyId}::uuid
      AND pr.resource_type = ANY(${types}::text[])
      AND pr.deleted_at IS NULL
      AND (${input.status ?? null}::text IS NULL OR COALESCE(CASE WHEN er.status = 'queued' AND qr.status = 'sent' THEN 'in_flight' ELSE er.status END, 'not_synced') = ${input.status ?? null}::text)
      AND (${input.procoreProjectId ?? null}::text IS NULL OR pr.procore_project_id = ${input.procoreProjectId ?? null}::text OR pr.procore_id = ${input.procoreProjectId ?? null}::text)
    ORDER BY pr.procore_project_id NULLS FIRST, pr.procore_id
    LIMIT ${input.limit} OFFSET ${input.offset}`;
  return {
    notice: input.recordType === 'invoice' ? await countryNotice(db, input.companyId) : null,
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      procoreId: r.procore_id,
      procoreProjectId: r.procore_project_id,
      recordType: input.recordType,
      title: titleFor(input.recordType, r.data),
      status: (r.status ?? 'not_synced') as ExportStatus,
      sentBy: r.sent_by,
      sentAt: r.sent_at?.toISOString() ?? null,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at?.toISOString() ?? null,
      decisionComment: r.decision_comment,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      qbStatusCode: r.qb_status_code,
      qbStatusMessage: r.qb_status_message,
      qbId: r.qb_id,
      waitingOn: r.waiting_on ?? [],
      fieldDifferences: r.field_differences ?? null,
      updatedAt: r.updated_at?.toISOString() ?? null,
      notReady: BEFORE_APPROVAL.includes((r.status ?? 'not_synced') as ExportStatus) ? notReadyFromCopy(input.recordType, r.data) : null,
    })),
  };
}

/**
 * Canadian (and other non-US) company files: subcontractor invoices do not sync (a US-only feature of
 * QuickBooks Desktop). Said where people would otherwise wait for them: the invoices list.
 */
async function countryNotice(db: Database, companyId: string): Promise<string | null> {
  const connection = await db.prisma.qbwcConnection.findUnique({ where: { companyId }, select: { qbCountry: true } });
  const country = connection?.qbCountry ?? '';
  if (!country || country === 'US') return null;
  return `This QuickBooks company file is ${country === 'CA' ? 'Canadian' : `from ${country}`}: subcontractor invoices and bill payments do not sync between Procore and QuickBooks Desktop (a US-only feature). Enter these bills in QuickBooks directly.`;
}
