import type { Prisma } from '@connector/db';
import type { ExportRecord } from '@connector/mapping';
import type { Commitment, ProcoreClient } from '@connector/procore';
import { displayFields, displayText, readProcoreListRecord, readProcoreRecordData } from '../stored/read-stored.ts';
import { SOURCE_RESOURCES } from './export-record-types.ts';
import type { ExportRecordType } from './export-workflow.ts';

/**
 * What an export sends, read from Procore when it is queued and stored on the export row, so the request
 * QuickBooks gets is the record the accountant approved (a later edit in Procore does not slip in).
 * Records on project cost codes carry `costCodeMap` (project cost code id → standard cost code id): the
 * QuickBooks item of a line is the one made from the company's standard cost code.
 */
export interface ExportSource {
  record: ExportRecord;
  costCodeMap?: Record<string, number | null>;
}

type Reader = Pick<Prisma.TransactionClient, 'procoreRecord'>;

/** Our copy of the Procore record (webhooks and reconciliation keep it), or null when we have none. */
export async function findSourceRecord(db: Reader, companyId: string, recordType: ExportRecordType, procoreId: string) {
  return db.procoreRecord.findFirst({
    where: { companyId, resourceType: { in: [...SOURCE_RESOURCES[recordType]] }, procoreId, deletedAt: null },
  });
}

export type SourceRecord = NonNullable<Awaited<ReturnType<typeof findSourceRecord>>>;

/** Our copies of several exports' records in one query (export.prepare's batch), by `recordType:procoreId`. */
export async function findSourceRecords(
  db: Reader,
  companyId: string,
  wanted: ReadonlyArray<{ recordType: ExportRecordType; procoreId: string }>,
): Promise<Map<string, SourceRecord>> {
  const found = new Map<string, SourceRecord>();
  if (wanted.length === 0) return found;
  const types = [...new Set(wanted.map((w) => w.recordType))];
  const rows = await db.procoreRecord.findMany({
    where: {
      companyId,
      resourceType: { in: [...new Set(types.flatMap((t) => SOURCE_RESOURCES[t]))] },
      procoreId: { in: [...new Set(wanted.map((w) => w.procoreId))] },
      deletedAt: null,
    },
  });
  for (const type of types) {
    for (const row of rows) {
      if (SOURCE_RESOURCES[type].includes(row.resourceType as never) && !found.has(`${type}:${row.procoreId}`)) found.set(`${type}:${row.procoreId}`, row);
    }
  }
  return found;
}

/** Vendors, projects and cost codes: exported as our copy holds them (no Procore call), checked (STORED_VALUE_INVALID). */
export function listSource(recordType: 'vendor' | 'project' | 'cost_code', row: { id: string; data: unknown }): ExportSource {
  switch (recordType) {
    case 'vendor':
      return { record: { type: 'vendor', vendor: readProcoreListRecord('vendor', row) } };
    case 'project':
      return { record: { type: 'project', project: readProcoreListRecord('project', row) } };
    case 'cost_code':
      return { record: { type: 'cost_code', costCode: readProcoreListRecord('cost_code', row) } };
  }
}

export function isListType(recordType: ExportRecordType): recordType is 'vendor' | 'project' | 'cost_code' {
  return recordType === 'vendor' || recordType === 'project' || recordType === 'cost_code';
}

/** Caches a project's cost code map for a few minutes: 1,000 commitments of one project read it once. */
export class CostCodeMapCache {
  private readonly entries = new Map<string, { at: number; map: Promise<Record<string, number | null>> }>();
  private readonly ttlMs: number;

  constructor(ttlMs = 5 * 60_000) {
    this.ttlMs = ttlMs;
  }

  get(companyId: string, projectId: string, client: ProcoreClient): Promise<Record<string, number | null>> {
    const key = `${companyId}:${projectId}`;
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.map;
    const map = client.costCodes.list(projectId).then((codes) => Object.fromEntries(codes.map((c) => [String(c.id), c.standard_cost_code_id ?? null])));
    map.catch(() => this.entries.delete(key));
    this.entries.set(key, { at: Date.now(), map });
    return map;
  }
}

/**
 * Reads everything an export of a transaction-type record needs from Procore: commitment lines, the
 * change order with its lines, the invoice with its items, the owner invoice with its lines, budget rows, and the
 * project's cost code map.
 * Vendors, projects and cost codes come from our copy.
 */
export async function readExportSource(
  db: Reader,
  input: {
    companyId: string;
    recordType: ExportRecordType;
    procoreId: string;
    client: () => Promise<ProcoreClient>;
    costCodes: CostCodeMapCache;
    /** Our copy of the record when the caller read it already (findSourceRecords; null: we have none). */
    sourceRecord?: SourceRecord | null;
  },
): Promise<ExportSource | null> {
  const row = input.sourceRecord !== undefined ? input.sourceRecord : await findSourceRecord(db, input.companyId, input.recordType, input.procoreId);
  if (!row) return null;
  if (isListType(input.recordType)) return listSource(input.recordType, row);
  const client = await input.client();
  // Checked: an object with its numeric id (a damaged copy fails this export naming the row); its project id is read
  // only as a number or digits, so a damaged one is no project (below) rather than a Procore URL built from it.
  const data = readProcoreRecordData(row);
  const projectId = row.procoreProjectId ?? idText(displayFields(data['project'])['id']) ?? idText(data['project_id']) ?? '';
  if (input.recordType === 'budget') {
    // The budget of a project is exported per project: the row is the project itself.
    const views = await client.budget.listViews(input.procoreId);
    const rows = views[0] ? await client.budget.listDetailRows(input.procoreId, views[0].id) : await client.budget.listLineItems(input.procoreId);
    const costCodeMap = await input.costCodes.get(input.companyId, input.procoreId, client);
    return { record: { type: 'budget', projectId: Number(input.procoreId), projectName: displayText(data, 'name'), rows }, costCodeMap };
  }
  if (!projectId) return null;
  const costCodeMap = await input.costCodes.get(input.companyId, projectId, client);
  switch (input.recordType) {
    case 'commitment': {
      const api = row.resourceType === 'purchase_order_contract' ? client.purchaseOrderContracts : client.workOrderContracts;
      // One call: Procore's "Show" answers the contract with its schedule of values (`line_items`, OpenAPI
      // RestV10WorkOrderContractsIdGet / RestV10PurchaseOrderContractsIdGet; docs/procore-api.md#commitments). Only an
      // answer without that list falls back to the line items endpoint.
      const { line_items: embedded, ...commitment } = await api.get(projectId, input.procoreId);
      const lines = Array.isArray(embedded) ? embedded : await api.listLineItems(projectId, input.procoreId);
      return { record: { type: 'commitment', projectId: Number(projectId), commitment: commitment as Commitment, lines }, costCodeMap };
    }
    case 'change_order': {
      const changeOrder = await client.commitmentChangeOrders.get(projectId, input.procoreId);
      return { record: { type: 'change_order', projectId: Number(projectId), changeOrder }, costCodeMap };
    }
    case 'invoice': {
      const requisition = await client.requisitions.get(projectId, input.procoreId);
      return { record: { type: 'invoice', requisition }, costCodeMap };
    }
    case 'owner_invoice': {
      // Show Payment Application answers the owner invoice with its schedule-of-values lines (`line_items`; the list
      // answer may carry none): packages/procore resources/payment-applications.ts. One read, as for a commitment.
      const paymentApplication = await client.paymentApplications.get(projectId, input.procoreId);
      return { record: { type: 'owner_invoice', projectId: Number(projectId), paymentApplication }, costCodeMap };
    }
    case 'prime_contract': {
      // Show Prime Contract answers with its schedule-of-values lines (the list answer has none): prime-contracts.ts.
      const primeContract = await client.primeContracts.get(projectId, input.procoreId);
      return { record: { type: 'prime_contract', projectId: Number(projectId), primeContract }, costCodeMap };
    }
    case 'prime_change_order': {
      const changeOrder = await client.primeContractChangeOrders.get(projectId, input.procoreId);
      return { record: { type: 'prime_change_order', projectId: Number(projectId), changeOrder }, costCodeMap };
    }
  }
  return null;
}

/** A Procore id as our copy may hold it (a number, or digits), else null. */
function idText(value: unknown): string | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' && /^\d+$/.test(value) ? value : null;
}
