import { Prisma, type Database } from '@connector/db';
import { procoreOwnerInvoiceNumber, sumOwnerInvoiceLines, type FieldDifference } from '@connector/mapping';
import type { PaymentApplicationLineItem } from '@connector/procore';
import { displayFields, displayText, readFieldDifferences } from '../stored/read-stored.ts';
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
  /** The same records as people know them ("ABC Concrete", "03-300 Concrete"), in the same order; a key whose record is unknown stays a key. */
  waitingOnTitles: string[];
  /** 3200 exceptions: what changed in QuickBooks, field by field. */
  fieldDifferences: FieldDifference[] | null;
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
  /**
   * What tells records apart in a list (four commitments can all be "SC-001", one per project): the project's
   * number and name, the amount (a commitment's or change order's grand total, an invoice's amount due this
   * period, an owner invoice's QuickBooks invoice total: billed less retainage withheld), the commitment a change
   * order or invoice belongs to, and the record's status in Procore.
   */
  projectName: string | null;
  amount: string | null;
  commitment: { procoreId: string; title: string } | null;
  procoreStatus: string | null;
  /**
   * Owner invoices (issue 21): Procore's invoice number as QuickBooks gets it unless one is typed (mapping
   * procoreOwnerInvoiceNumber), the retainage withheld this period (already taken off `amount`) and released this period
   * (billed on an invoice of its own), each null when there is none. Null for every other record type.
   */
  number: string | null;
  retainageWithheld: string | null;
  retainageReleased: string | null;
}

// How an export list can be ordered (a column, descending with a leading "-"): the API's list (@connector/contract export-api.ts).
export { EXPORT_SORTS, type ExportSort } from '@connector/contract';
import type { ExportSort } from '@connector/contract';

/** The column behind each sort; whitelisted names only (they go into the SQL as identifiers). */
const SORT_COLUMNS: Record<string, string> = {
  project: 'sort_project',
  record: 'sort_record',
  amount: 'amount_value',
  status: 'status',
  procore_status: 'sort_procore_status',
  updated: 'updated_at',
};

/** The states in which a person sends or approves a record: where "not approved in Procore" matters. */
const BEFORE_APPROVAL: readonly ExportStatus[] = ['not_synced', 'rejected', 'sent_to_accounting'];

interface Row {
  procore_id: string;
  procore_project_id: string | null;
  /** procore_records.data (jsonb): read for display only, through displayFields/displayText/titleFor (a damaged copy shows its id). */
  data: unknown;
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
  project_data: unknown;
  amount_value: unknown;
  commitment_id: string | null;
  commitment_data: unknown;
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
  input: {
    companyId: string;
    recordType: ExportRecordType;
    status?: ExportStatus | undefined;
    procoreProjectId?: string | undefined;
    sort?: ExportSort | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: ExportListItem[]; notice: string | null; projects: Array<{ procoreId: string; name: string }> }> {
  const types = [...SOURCE_RESOURCES[input.recordType]];
  const linkType = LIST_LINK_TYPE[input.recordType] ?? null;
  const sort = input.sort ?? null;
  // An owner invoice's amount is summed from its lines in code (ownerInvoiceFigures), not in SQL: sorted by it, the
  // company's owner invoices are read whole, sorted here and paged here (a company has tens to hundreds of them).
  const amountInCode = input.recordType === 'owner_invoice' && sort?.replace(/^-/, '') === 'amount';
  const sortColumn = sort && !amountInCode ? SORT_COLUMNS[sort.replace(/^-/, '')] : undefined;
  // Stable paging: the chosen column first, then the order the list always had.
  const orderBy = sortColumn
    ? Prisma.sql`${Prisma.raw(`x.${sortColumn}`)} ${Prisma.raw(sort!.startsWith('-') ? 'DESC NULLS LAST' : 'ASC NULLS LAST')}, x.procore_project_id NULLS FIRST, x.procore_id`
    : Prisma.sql`x.procore_project_id NULLS FIRST, x.procore_id`;
  const fetched = await db.prisma.$queryRaw<Row[]>`
    SELECT x.* FROM (
    SELECT pr.procore_id, pr.procore_project_id, pr.data, er.waiting_on, er.field_differences,
           ${SHOWN_STATUS} AS status, rl.qb_id AS link_qb_id, rl.qb_name AS link_qb_name, er.sent_by, er.sent_at, er.decided_by, er.decided_at,
           er.decision_comment, er.error_code, er.error_message, er.qb_status_code, er.qb_status_message, er.qb_id, er.updated_at,
           pj.data AS project_data, ${AMOUNT} AS amount_value, cm.procore_id AS commitment_id, cm.data AS commitment_data,
           lower(concat_ws(' ', pj.data->>'project_number', pj.data->>'name')) AS sort_project,
           lower(COALESCE(pr.data->>'number', pr.data->>'invoice_number', pr.data->>'full_code', pr.data->>'code', pr.data->>'project_number', pr.data->>'name', '')) AS sort_record,
           lower(pr.data->>'status') AS sort_procore_status,
           count(*) OVER () AS total
    FROM procore_records pr
    LEFT JOIN export_records er
      ON er.company_id = pr.company_id AND er.record_type = ${input.recordType} AND er.procore_id = pr.procore_id
    LEFT JOIN queued_requests qr ON qr.id = er.request_id AND qr.company_id = er.company_id
    CROSS JOIN (SELECT ${linkType}::text AS link_type) ll
    LEFT JOIN record_links rl ON rl.company_id = pr.company_id AND rl.procore_type = ll.link_type AND rl.procore_id = pr.procore_id
    LEFT JOIN procore_records pj ON pj.company_id = pr.company_id AND pj.resource_type = 'project' AND pj.procore_id = ${PROJECT_OF}
    LEFT JOIN LATERAL (
      SELECT c.procore_id, c.data FROM procore_records c
      WHERE c.company_id = pr.company_id
        AND ((c.resource_type IN ('work_order_contract', 'purchase_order_contract') AND pr.resource_type IN ('commitment_change_order', 'requisition'))
          -- A prime contract change order's contract is the prime contract (issue 21).
          OR (c.resource_type = 'prime_contract' AND pr.resource_type = 'prime_change_order'))
        AND c.procore_id = COALESCE(pr.data->>'contract_id', pr.data->>'commitment_id')
      LIMIT 1
    ) cm ON true
    WHERE pr.company_id = ${input.companyId}::uuid
      AND pr.resource_type = ANY(${types}::text[])
      AND pr.deleted_at IS NULL
      AND (${input.status ?? null}::text IS NULL OR COALESCE(${SHOWN_STATUS}, 'not_synced') = ${input.status ?? null}::text)
      AND (${input.procoreProjectId ?? null}::text IS NULL OR pr.procore_project_id = ${input.procoreProjectId ?? null}::text OR pr.procore_id = ${input.procoreProjectId ?? null}::text)
    ) x
    ORDER BY ${orderBy}
    LIMIT ${amountInCode ? null : input.limit} OFFSET ${amountInCode ? 0 : input.offset}`;
  const owner = new Map(input.recordType === 'owner_invoice' ? fetched.map((r) => [r.procore_id, ownerInvoiceFigures(r.procore_id, r.data)] as const) : []);
  const rows = amountInCode ? pageByAmount(fetched, owner, sort!.startsWith('-'), input.offset, input.limit) : fetched;
  const names = await memberNames(
    db,
    input.companyId,
    rows.flatMap((r) => [r.sent_by, r.decided_by]),
  );
  const waitingTitles = await exportTitles(
    db,
    input.companyId,
    rows.flatMap((r) => r.waiting_on ?? []),
  );
  return {
    notice: input.recordType === 'invoice' ? await countryNotice(db, input.companyId) : null,
    projects: await projectsOf(db, input.companyId, types),
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => {
      const figures = owner.get(r.procore_id) ?? null;
      return {
        procoreId: r.procore_id,
        procoreProjectId: r.procore_project_id,
        recordType: input.recordType,
        // The project has its own column here: the title is what identifies the record within it.
        title: titleFor(input.recordType, r.data, null, { withProject: false }),
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
        waitingOnTitles: (r.waiting_on ?? []).map((key) => waitingTitles.get(key) ?? key),
        // JSON column written only by store-field-differences.ts (diffQbRecord / diffQbTransaction), checked as read.
        fieldDifferences: readFieldDifferences(r.field_differences, `${input.recordType} ${r.procore_id}`),
        updatedAt: r.updated_at?.toISOString() ?? null,
        notReady: BEFORE_APPROVAL.includes((r.status ?? 'not_synced') as ExportStatus) ? notReadyFromCopy(input.recordType, r.data) : null,
        projectName: r.project_data ? projectLabel(r.project_data) : null,
        amount: figures ? figures.amount : r.amount_value === null || r.amount_value === undefined ? null : Number(r.amount_value).toFixed(2),
        commitment: commitmentOf(r),
        procoreStatus: TRANSACTIONS.has(input.recordType) ? displayText(r.data, 'status') : null,
        number: figures?.number ?? null,
        retainageWithheld: figures?.retainageWithheld ?? null,
        retainageReleased: figures?.retainageReleased ?? null,
      };
    }),
  };
}

/** The project a record belongs to; a project (and its budget) is its own. */
const PROJECT_OF = Prisma.sql`COALESCE(pr.procore_project_id, CASE WHEN pr.resource_type = 'project' THEN pr.procore_id END)`;

/**
 * The amount people compare: a commitment's or change order's grand total; an invoice's amount due this period
 * (Procore's requisition summary), else what it claims. Procore sends money as decimal strings; anything else is
 * left out rather than failing the list.
 */
const AMOUNT = Prisma.sql`(SELECT CASE WHEN a ~ '^-?[0-9]+(\.[0-9]+)?$' THEN a::numeric END FROM (SELECT CASE
  WHEN pr.resource_type IN ('work_order_contract', 'purchase_order_contract', 'commitment_change_order', 'prime_contract', 'prime_change_order') THEN pr.data->>'grand_total'
  WHEN pr.resource_type = 'requisition' THEN COALESCE(pr.data->'summary'->>'current_payment_due', pr.data->>'total_claimed_amount')
  END AS a) amount_text)`;

const TRANSACTIONS: ReadonlySet<ExportRecordType> = new Set(['commitment', 'change_order', 'invoice', 'owner_invoice', 'prime_contract', 'prime_change_order']);

/**
 * What an owner invoice bills, from our copy of Procore's payment application, summed as the export sums it
 * (@connector/mapping sumOwnerInvoiceLines, used by mapOwnerInvoice): `amount` is the QuickBooks invoice's total (billed
 * this period less retainage withheld); released retainage is its own invoice. A copy whose lines cannot be summed (a
 * damaged copy, an amount that is not a number) shows no amount rather than failing the list: its preview says why.
 */
function ownerInvoiceFigures(
  procoreId: string,
  stored: unknown,
): { number: string | null; amount: string | null; retainageWithheld: string | null; retainageReleased: string | null } {
  const data = displayFields(stored);
  const numberField = data['number'];
  const number = procoreOwnerInvoiceNumber({
    invoice_number: displayText(data, 'invoice_number'),
    number: typeof numberField === 'number' && Number.isInteger(numberField) ? numberField : null,
  });
  const items = data['line_items'];
  // Display only: a line that is not an object, or whose description is not text, makes the copy unreadable here.
  const readable =
    Array.isArray(items) &&
    items.every((item: unknown) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
      const description = (item as Record<string, unknown>)['description_of_work'];
      return description === undefined || description === null || typeof description === 'string';
    });
  const sums = readable ? sumOwnerInvoiceLines(items as PaymentApplicationLineItem[], `owner invoice ${procoreId}`) : null;
  const money = (cents: number) => (cents / 100).toFixed(2);
  return {
    number: number === null || number.trim() === '' ? null : number.trim(),
    amount: sums?.ok ? money(sums.netCents) : null,
    retainageWithheld: sums?.ok && sums.retainedCents > 0 ? money(sums.retainedCents) : null,
    retainageReleased: sums?.ok && sums.releasedCents > 0 ? money(sums.releasedCents) : null,
  };
}

type OwnerInvoiceFigures = ReturnType<typeof ownerInvoiceFigures>;

/**
 * One page of owner invoices sorted by amount as SQL sorts the other columns: no amount last either way, ties in the
 * list's usual order (the rows come in it, and Array.prototype.sort is stable).
 */
function pageByAmount(rows: Row[], figures: ReadonlyMap<string, OwnerInvoiceFigures>, descending: boolean, offset: number, limit: number): Row[] {
  const amount = (r: Row) => {
    const value = figures.get(r.procore_id)?.amount;
    return value === null || value === undefined ? null : Number(value);
  };
  return [...rows]
    .sort((a, b) => {
      const [x, y] = [amount(a), amount(b)];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return descending ? y - x : x - y;
    })
    .slice(offset, offset + limit);
}

function projectLabel(data: unknown): string | null {
  return titleFor('project', data);
}

/** A change order's or invoice's commitment: from our copy, else what the record itself says of it. */
function commitmentOf(r: Row): { procoreId: string; title: string } | null {
  if (r.commitment_id && r.commitment_data) return { procoreId: r.commitment_id, title: titleFor('commitment', r.commitment_data) };
  const data = displayFields(r.data);
  const id = data['contract_id'] ?? data['commitment_id'];
  if (id === undefined || id === null) return null;
  const contract = data['contract'];
  const title =
    contract !== null && contract !== undefined
      ? [displayText(contract, 'number'), displayText(contract, 'title')].filter((v) => v !== null && v !== '').join(' ')
      : (displayText(data, 'contract_name') ?? '');
  return { procoreId: String(id), title: title || `Commitment ${String(id)}` };
}

/** The projects that have records of these types, for the list's project filter (by name, not id). */
async function projectsOf(db: Database, companyId: string, types: string[]): Promise<Array<{ procoreId: string; name: string }>> {
  const rows = await db.prisma.$queryRaw<Array<{ project_id: string; data: unknown }>>`
    SELECT p.project_id, pj.data FROM (
      SELECT DISTINCT ${PROJECT_OF} AS project_id FROM procore_records pr
      WHERE pr.company_id = ${companyId}::uuid AND pr.resource_type = ANY(${types}::text[]) AND pr.deleted_at IS NULL
    ) p
    LEFT JOIN procore_records pj ON pj.company_id = ${companyId}::uuid AND pj.resource_type = 'project' AND pj.procore_id = p.project_id
    WHERE p.project_id IS NOT NULL`;
  return rows
    .map((r) => ({ procoreId: r.project_id, name: (r.data ? projectLabel(r.data) : null) || `Project ${r.project_id}` }))
    .sort((a, b) => a.name.localeCompare(b.name));
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

/** Titles of export records by key (`vendor:12`), this company's only: "Waits for ABC Concrete", not "vendor:12". */
async function exportTitles(db: Database, companyId: string, keys: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const rows = await db.prisma.$queryRaw<Array<{ key: string; title: string }>>`
    SELECT record_type || ':' || procore_id AS key, title FROM export_records
    WHERE company_id = ${companyId}::uuid AND (record_type || ':' || procore_id) = ANY(${unique}::text[])`;
  return new Map(rows.map((r) => [r.key, r.title]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names of the people behind user ids, among this company's members only (people are shown by name, not id). */
async function memberNames(db: Database, companyId: string, ids: Array<string | null>): Promise<Map<string, string>> {
  const userIds = [...new Set(ids.filter((id): id is string => id !== null && UUID.test(id)))];
  if (userIds.length === 0) return new Map();
  const members = await db.prisma.companyMember.findMany({
    where: { companyId, userId: { in: userIds } },
    select: { userId: true, user: { select: { name: true, login: true } } },
  });
  return new Map(members.map((m) => [m.userId, m.user.name ?? m.user.login ?? 'A user']));
}
