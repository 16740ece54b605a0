import { Prisma, type Database } from '@connector/db';
import { SOURCE_RESOURCES, titleFor } from './export-record-types.ts';
import type { ExportRecordType, ExportStatus } from './export-workflow.ts';
import { notReadyFromCopy } from './export-readiness.ts';
import { LINK_TYPES } from './load-export-links.ts';

export interface ExportListItem {
  procoreId: string;
  procoreProjectId: string | null;
  recordType: ExportRecordType;
  title: string;
  status: ExportStatus;
  sentBy: string | null;
  /** The person's name (a member of the company), for "Sent by …"; null when not a known person. */
  sentByName: string | null;
  sentAt: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
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
   * Vendors, projects, cost codes: the QuickBooks entry the record is linked to (Jobs / Vendors / Items
   * screens, or an earlier export). A linked record is in QuickBooks: it lists as synced, not "Ready to export".
   */
  linkedTo: { listId: string; fullName: string } | null;
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
  link_qb_id: string | null;
  link_qb_name: string | null;
  total: bigint | number;
}

/** The record link type of each list record type; transactions are not linked by a person (null). */
const LIST_LINK_TYPE: Partial<Record<ExportRecordType, string>> = { vendor: LINK_TYPES.vendor, project: LINK_TYPES.project, cost_code: LINK_TYPES.cost_code };

/**
 * The status a person sees. "in flight": its request is with the Web Connector and QuickBooks has not
 * answered yet. A list record linked to a QuickBooks entry and not on its way anywhere is synced (data safety:
 * it is already in QuickBooks); one whose link was removed (unlinked) is not, even if an export once synced it.
 */
const SHOWN_STATUS = Prisma.sql`CASE
  WHEN er.status = 'queued' AND qr.status = 'sent' THEN 'in_flight'
  WHEN rl.qb_id IS NOT NULL AND (er.status IS NULL OR er.status IN ('not_synced', 'synced', 'dismissed')) THEN 'synced'
  WHEN rl.qb_id IS NULL AND ll.link_type IS NOT NULL AND er.status = 'synced' THEN 'not_synced'
  ELSE er.status END`;

/**
 * Exportable records of one type (our copy of Procore, not deleted) with their export status;
 * records never sent are `not_synced`. Paged, filterable by status and project, scoped by company.
 */
export async function listExportRecords(
  db: Database,
  input: { companyId: string; recordType: ExportRecordType; status?: ExportStatus | undefined; procoreProjectId?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; items: ExportListItem[]; notice: string | null }> {
  const types = [...SOURCE_RESOURCES[input.recordType]];
  const linkType = LIST_LINK_TYPE[input.recordType] ?? null;
  const rows = await db.prisma.$queryRaw<Row[]>`
    SELECT pr.procore_id, pr.procore_project_id, pr.data, er.waiting_on, er.field_differences,
           ${SHOWN_STATUS} AS status, rl.qb_id AS link_qb_id, rl.qb_name AS link_qb_name, er.sent_by, er.sent_at, er.decided_by, er.decided_at,
           er.decision_comment, er.error_code, er.error_message, er.qb_status_code, er.qb_status_message, er.qb_id, er.updated_at,
           count(*) OVER () AS total
    FROM procore_records pr
    LEFT JOIN export_records er
      ON er.company_id = pr.company_id AND er.record_type = ${input.recordType} AND er.procore_id = pr.procore_id
    LEFT JOIN queued_requests qr ON qr.id = er.request_id AND qr.company_id = er.company_id
    CROSS JOIN (SELECT ${linkType}::text AS link_type) ll
    LEFT JOIN record_links rl ON rl.company_id = pr.company_id AND rl.procore_type = ll.link_type AND rl.procore_id = pr.procore_id
    WHERE pr.company_id = ${input.companyId}::uuid
      AND pr.resource_type = ANY(${types}::text[])
      AND pr.deleted_at IS NULL
      AND (${input.status ?? null}::text IS NULL OR COALESCE(${SHOWN_STATUS}, 'not_synced') = ${input.status ?? null}::text)
      AND (${input.procoreProjectId ?? null}::text IS NULL OR pr.procore_project_id = ${input.procoreProjectId ?? null}::text OR pr.procore_id = ${input.procoreProjectId ?? null}::text)
    ORDER BY pr.procore_project_id NULLS FIRST, pr.procore_id
    LIMIT ${input.limit} OFFSET ${input.offset}`;
  const names = await memberNames(db, input.companyId, rows.flatMap((r) => [r.sent_by, r.decided_by]));
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
      sentByName: (r.sent_by && names.get(r.sent_by)) ?? null,
      sentAt: r.sent_at?.toISOString() ?? null,
      decidedBy: r.decided_by,
      decidedByName: (r.decided_by && names.get(r.decided_by)) ?? null,
      decidedAt: r.decided_at?.toISOString() ?? null,
      decisionComment: r.decision_comment,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      qbStatusCode: r.qb_status_code,
      qbStatusMessage: r.qb_status_message,
      qbId: r.qb_id ?? r.link_qb_id,
      linkedTo: r.link_qb_id ? { listId: r.link_qb_id, fullName: r.link_qb_name ?? r.link_qb_id } : null,
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names of the people behind user ids, among this company's members only (people are shown by name, not id). */
async function memberNames(db: Database, companyId: string, ids: Array<string | null>): Promise<Map<string, string>> {
  const userIds = [...new Set(ids.filter((id): id is string => id !== null && UUID.test(id)))];
  if (userIds.length === 0) return new Map();
  const members = await db.prisma.companyMember.findMany({ where: { companyId, userId: { in: userIds } }, select: { userId: true, user: { select: { name: true, login: true } } } });
  return new Map(members.map((m) => [m.userId, m.user.name ?? m.user.login ?? 'A user']));
}
