import type { Database, Prisma } from '@connector/db';
import {
  attributeCostTransaction,
  parseChangeOrderLineKey,
  type AttributedTransaction,
  type AttributionContext,
  type QbCostTransaction,
  type QbCostTxnType,
} from '@connector/mapping';
import { ProcoreApiError, type CommitmentChangeOrder, type ProcoreClient } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import type { AppError } from '../errors/app-error.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { isStoredValueInvalid, readProcoreChangeOrder, readProcoreListRecord } from '../stored/read-stored.ts';
import { applyPushPlan, type PushRun } from './apply-job-cost-push.ts';
import { ImportLinks } from './load-import-context.ts';
import { loadPendingTransactions, type PendingTxn } from './load-pending-transactions.ts';
import { planPushes, txnKey, type PushRow } from './plan-job-cost-push.ts';
import { resolveOpenIntents, type LeaseGuard } from './procore-create-intents.ts';
import { failTxn, IMPORT_ACTOR, newOutcomes, recordPageOutcomes, recordPush, type PushSummary } from './record-job-cost-push.ts';

export { IMPORT_ACTOR, type PushSummary } from './record-job-cost-push.ts';
const PAGE = 2000;

/**
 * "Update Job Costs", the Procore half: every QuickBooks cost transaction that changed since the last
 * push is attributed to a project and cost code and Procore is brought in step:
 * - direct costs (read-only mode): created or updated by origin_id, removed when the transaction or its
 *   lines for a project are gone; not populated at all in editable mode;
 * - bills from our own invoice exports: nothing (already committed cost in Procore — never counted twice);
 * - bills entered against a PO from a commitment: a subcontractor invoice on that commitment;
 * - bill payments applied to those bills: contract payments, partial ones as applied; a void removes them;
 * - deleted transactions: what we created from them is deleted, with an audit entry.
 * A transaction is marked pushed only when all of its Procore writes succeeded; a failure stays in the
 * exception list (push_error_*) and is tried again by the next push.
 * Invoices and payments are POSTs (not idempotent): each is announced in procore_create_intents before it is
 * sent, and intents a crashed run left open are settled first by looking the record up by origin_id (data safety).
 * A lost job lease or a rate limit that leaves no request for a while stops the whole push (the job retries at
 * Procore's reset) instead of failing every transaction.
 * Each page of transactions goes plan (attribute, then planPushes: what Procore should get) → apply
 * (apply-job-cost-push.ts: the Procore writes) → record (record-job-cost-push.ts: pushed or failed, per transaction).
 */
export async function pushJobCosts(db: Database, input: { companyId: string; client: ProcoreClient; now?: Date; lease?: LeaseGuard }): Promise<PushSummary> {
  const { companyId, client, lease } = input;
  const settings = await getCompanySettings(db, companyId);
  const links = await ImportLinks.load(db.prisma, companyId);
  const summary: PushSummary = { transactions: 0, directCostsWritten: 0, invoicesCreated: 0, paymentsCreated: 0, removed: 0, failed: 0, procoreCalls: 0 };
  const run: PushRun = { db, companyId, client, lease, links, summary };
  const classToCostCode = new Map(Object.entries(settings.classByCostCode).map(([costCodeId, ref]) => [ref.listId, Number(costCodeId)]));
  const projectCodes = new ProjectCostCodes(client, summary);
  const changeOrders = new ChangeOrders(client, summary);
  // Bill lines on the Invoice Retainage Item are retainage withheld on the invoice, not work (import rules).
  const invoiceContext = { retainageItemListId: settings.invoiceRetainageItem?.listId ?? null, changeOrder: (id: number) => changeOrders.peek(id) };

  const ctx: AttributionContext = {
    ownBillTxnIds: links.ownBillTxnIds,
    commitmentForPurchaseOrder: (po) => links.commitmentByPo.get(po) ?? null,
    projectForJob: (job) => links.projectByJob.get(job) ?? null,
    standardCostCodeForItem: (item) => links.costCodeByItem.get(item) ?? null,
    // No account → cost code setting exists yet; accounts never attribute on their own.
    standardCostCodeForAccount: () => null,
    standardCostCodeForClass: (cls) => classToCostCode.get(cls) ?? null,
    projectCostCodeFor: (project, standard) => projectCodes.peek(project, standard),
  };

  // A run that stopped between a Procore create and recording it left its intent open: find those records first.
  summary.procoreCalls += (
    await resolveOpenIntents(db, companyId, client, (tx, intent, procoreId) =>
      recordPush(tx, companyId, {
        originId: intent.originId,
        sourceType: intent.sourceType,
        sourceId: intent.sourceId,
        procoreType: intent.procoreType,
        procoreProjectId: intent.procoreProjectId,
        procoreId: String(procoreId),
        contentHash: intent.push.contentHash,
        amountCents: intent.push.amountCents,
        detail: intent.push.detail,
      }),
    )
  ).calls;

  let after: { order: number; txnType: string; txnId: string } | null = null;
  for (;;) {
    const page = await loadPendingTransactions(db.prisma, companyId, after, PAGE);
    if (page.length === 0) break;
    const last = page[page.length - 1]!;
    after = { order: last.order, txnType: last.txnType, txnId: last.txnId };

    const outcomes = newOutcomes(page);
    // A transaction whose stored data is damaged fails alone, naming its row (read-stored.ts); a deleted one still has
    // what we made from it removed, which reads nothing of that data.
    for (const p of page) if (p.unreadable && !p.deleted) failTxn(outcomes, p, p.unreadable.code, p.unreadable.message);
    const readable = page.filter((p) => p.unreadable === null || p.deleted);
    // Plan: where each cost line goes, and what Procore should get.
    const attributed = await attributePage(db, companyId, readable, { ctx, links, projectCodes, changeOrders });
    // A line that needs a cost code our copy of which is damaged cannot be attributed: its transaction fails, naming the row.
    const planned = readable.filter((p) => {
      const damaged = p.cost ? projectCodes.damagedFor(attributed.get(txnKey(p))!) : null;
      if (damaged) failTxn(outcomes, p, damaged.code, damaged.message);
      return damaged === null;
    });
    const pushesBySource = await loadActivePushes(db, companyId, planned);
    const plan = planPushes(planned, attributed, pushesBySource, { settings, links, invoiceContext });
    // Apply: the Procore writes (intent and lease check before each create, in createOnce).
    await applyPushPlan(run, plan, outcomes);
    // Record: each transaction pushed, or failed with the reason.
    await recordPageOutcomes(db, companyId, page, outcomes, summary);
    if (page.length < PAGE) break;
  }
  return summary;
}

/**
 * Attributes the page's cost transactions to projects and cost codes. Pass 1 tells which (project, cost code)
 * pairs the project lacks; they are added to the project in Procore, then the lines are attributed for real and
 * where each went is stored. The change orders the bills bill are read for the invoices.
 */
async function attributePage(
  db: Database,
  companyId: string,
  page: readonly PendingTxn[],
  lookups: { ctx: AttributionContext; links: ImportLinks; projectCodes: ProjectCostCodes; changeOrders: ChangeOrders },
): Promise<Map<string, AttributedTransaction>> {
  const { ctx, links, projectCodes, changeOrders } = lookups;
  const costTxns = page.filter((p): p is PendingTxn & { cost: QbCostTransaction } => p.cost !== null);
  await projectCodes.load(
    costTxns.flatMap((p) =>
      p.cost.lines.map((l) => (l.jobListId ? links.projectByJob.get(l.jobListId) : undefined)).filter((x): x is number => x !== undefined),
    ),
  );
  const missing = new Map<number, Set<number>>();
  const attributed = new Map<string, AttributedTransaction>();
  for (const p of costTxns) {
    const first = attributeCostTransaction(p.cost, ctx);
    for (const line of first.lines) {
      if (line.unattributed?.code === 'COST_CODE_NOT_ON_PROJECT' && line.procoreProjectId !== null && line.standardCostCodeId !== null) {
        (missing.get(line.procoreProjectId) ?? missing.set(line.procoreProjectId, new Set()).get(line.procoreProjectId)!).add(line.standardCostCodeId);
      }
    }
    attributed.set(txnKey(p), first);
  }
  if (missing.size > 0) {
    await projectCodes.add(db, companyId, missing);
    // Adding codes changes only projectCostCodeFor of those (project, code) pairs: a transaction with a line on one of
    // them is attributed again; the rest keep the first attribution, which the same lookups would repeat.
    for (const p of costTxns) {
      const a = attributed.get(txnKey(p))!;
      const touched = a.lines.some(
        (l) =>
          l.projectCostCodeId === null &&
          l.procoreProjectId !== null &&
          l.standardCostCodeId !== null &&
          missing.get(l.procoreProjectId)?.has(l.standardCostCodeId),
      );
      if (touched) attributed.set(txnKey(p), attributeCostTransaction(p.cost, ctx));
    }
  }
  await storeAttribution(db.prisma, companyId, [...attributed.values()]);
  // Bills received against change-order PO lines bill that change order's line items: read those change orders.
  await changeOrders.load(db, companyId, [...attributed.values()]);
  return attributed;
}

/** What we pushed to Procore before from the page's transactions (active procore_pushes), by transaction. */
async function loadActivePushes(db: Database, companyId: string, page: readonly PendingTxn[]): Promise<Map<string, PushRow[]>> {
  const pushes = await db.prisma.procorePush.findMany({
    where: { companyId, status: 'active', sourceId: { in: page.map((p) => p.txnId) } },
    select: { id: true, originId: true, sourceType: true, sourceId: true, procoreType: true, procoreProjectId: true, procoreId: true, contentHash: true },
  });
  return groupBy(pushes, (p) => `${p.sourceType}:${p.sourceId}`);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) (map.get(keyOf(item)) ?? map.set(keyOf(item), []).get(keyOf(item))!).push(item);
  return map;
}

/**
 * Where each cost line went, for the job-cost report (set on every push, so link changes show). A line whose
 * attribution is what it was is not written again: an UPDATE writes a new row version (and write-ahead log) even for
 * equal values, and a push after an edit or a retry re-attributes mostly unchanged lines.
 */
async function storeAttribution(tx: Database['prisma'], companyId: string, attributed: readonly AttributedTransaction[]) {
  const rows = attributed.flatMap((a) =>
    a.lines.map((l) => ({
      txn_type: a.txn.txnType,
      txn_id: a.txn.txnId,
      txn_line_id: l.line.txnLineId,
      destination: a.destination,
      procore_project_id: l.procoreProjectId === null ? null : String(l.procoreProjectId),
      standard_cost_code_id: l.standardCostCodeId === null ? null : String(l.standardCostCodeId),
      unattributed_code: l.unattributed?.code ?? null,
    })),
  );
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE qb_cost_lines l SET destination = x.destination, procore_project_id = x.procore_project_id, standard_cost_code_id = x.standard_cost_code_id, unattributed_code = x.unattributed_code
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(txn_type text, txn_id text, txn_line_id text, destination text, procore_project_id text, standard_cost_code_id text, unattributed_code text)
    WHERE l.company_id = ${companyId}::uuid AND l.txn_type = x.txn_type AND l.txn_id = x.txn_id AND l.txn_line_id = x.txn_line_id
      AND (l.destination IS DISTINCT FROM x.destination OR l.procore_project_id IS DISTINCT FROM x.procore_project_id
        OR l.standard_cost_code_id IS DISTINCT FROM x.standard_cost_code_id OR l.unattributed_code IS DISTINCT FROM x.unattributed_code)`;
}

/** Each project's cost codes by standard cost code, read once per push; missing ones are added to the project. */
class ProjectCostCodes {
  private readonly byProject = new Map<number, Map<number, number>>();
  /** Standard cost codes whose procore_records.data is damaged (STORED_VALUE_INVALID), so they could not be added. */
  private readonly damaged = new Map<number, AppError>();
  private readonly client: ProcoreClient;
  private readonly summary: PushSummary;
  constructor(client: ProcoreClient, summary: PushSummary) {
    this.client = client;
    this.summary = summary;
  }

  peek(projectId: number, standardId: number): number | null {
    return this.byProject.get(projectId)?.get(standardId) ?? null;
  }

  /** The refusal of a damaged standard cost code a line of this transaction needs and its project lacks, or null. */
  damagedFor(a: AttributedTransaction): AppError | null {
    for (const l of a.lines) {
      if (l.unattributed?.code !== 'COST_CODE_NOT_ON_PROJECT' || l.standardCostCodeId === null) continue;
      const error = this.damaged.get(l.standardCostCodeId);
      if (error) return error;
    }
    return null;
  }

  async load(projectIds: Iterable<number>) {
    for (const projectId of new Set(projectIds)) {
      if (this.byProject.has(projectId)) continue;
      const codes = await this.client.costCodes.list(projectId);
      this.summary.procoreCalls += 1;
      this.byProject.set(projectId, new Map(codes.filter((c) => c.standard_cost_code_id != null).map((c) => [c.standard_cost_code_id!, c.id])));
    }
  }

  /** Adds standard cost codes to projects that have cost from QuickBooks on them (a direct cost needs the project's code). */
  async add(db: Database, companyId: string, missing: Map<number, Set<number>>) {
    for (const [projectId, standardIds] of missing) {
      const standards = await db.prisma.procoreRecord.findMany({
        where: { companyId, resourceType: 'standard_cost_code', procoreId: { in: [...standardIds].map(String) } },
        select: { id: true, procoreId: true, data: true },
      });
      const updates = standards.flatMap((s) => {
        try {
          const data = readProcoreListRecord('cost_code', s);
          return [{ standard_cost_code_id: Number(s.procoreId), code: data.code, name: data.name }];
        } catch (error) {
          if (!isStoredValueInvalid(error)) throw error;
          this.damaged.set(Number(s.procoreId), error); // the transactions that need it fail (damagedFor)
          return [];
        }
      });
      if (updates.length === 0) continue;
      const result = await this.client.costCodes.sync(projectId, updates);
      this.summary.procoreCalls += result.calls;
      const codes = this.byProject.get(projectId) ?? new Map<number, number>();
      for (const s of result.succeeded) if (s.entity.standard_cost_code_id != null) codes.set(s.entity.standard_cost_code_id, s.entity.id);
      this.byProject.set(projectId, codes);
    }
  }
}

/**
 * The commitment change orders that bills' change-order PO lines name (`change-order:<id>:…`), with their line
 * items: our copy from the reconcile/webhook pipeline (procore_records), else read from Procore once per push.
 */
class ChangeOrders {
  private readonly byId = new Map<number, CommitmentChangeOrder | null>();
  private readonly client: ProcoreClient;
  private readonly summary: PushSummary;
  constructor(client: ProcoreClient, summary: PushSummary) {
    this.client = client;
    this.summary = summary;
  }

  peek(id: number): CommitmentChangeOrder | null {
    return this.byId.get(id) ?? null;
  }

  async load(db: Database, companyId: string, attributed: readonly AttributedTransaction[]) {
    const wanted = new Map<number, number>(); // change order → its commitment's project
    for (const a of attributed) {
      if (a.destination !== 'commitment_invoice' || a.commitment === null) continue;
      for (const line of a.lines) {
        const changeOrderId = parseChangeOrderLineKey(line.purchaseOrderLine?.procoreLineKey ?? null)?.changeOrderId;
        if (changeOrderId !== undefined && !this.byId.has(changeOrderId)) wanted.set(changeOrderId, a.commitment.procoreProjectId);
      }
    }
    if (wanted.size === 0) return;
    const stored = await db.prisma.procoreRecord.findMany({
      where: { companyId, resourceType: 'commitment_change_order', procoreId: { in: [...wanted.keys()].map(String) }, deletedAt: null },
      select: { id: true, procoreId: true, data: true },
    });
    for (const row of stored) {
      // A copy without line items (a list answer leaves them out) is not enough: read from Procore, as before.
      if (!hasLineItems(row.data)) continue;
      try {
        this.byId.set(Number(row.procoreId), readProcoreChangeOrder(row));
      } catch (error) {
        if (!isStoredValueInvalid(error)) throw error;
        // Our copy is Procore's record as last read: a damaged one is read from Procore again (below), and the damage
        // is put in the audit trail, naming the row, so it can be mended.
        await writeAudit(db.prisma, {
          companyId,
          actor: IMPORT_ACTOR,
          action: 'stored_value.invalid',
          outcome: 'error',
          detail: { errorCode: error.code, message: error.message, ...(error.details ?? {}) } as Prisma.InputJsonValue,
        });
      }
    }
    for (const [id, projectId] of wanted) {
      if (this.byId.has(id)) continue;
      try {
        this.byId.set(id, await this.client.commitmentChangeOrders.get(projectId, id));
      } catch (error) {
        if (!(error instanceof ProcoreApiError && error.status === 404)) throw procoreFailure(error, `read change order ${id} from Procore`);
        this.byId.set(id, null); // gone in Procore: the invoice says so (CHANGE_ORDER_NOT_BILLABLE)
      } finally {
        this.summary.procoreCalls += 1;
      }
    }
  }
}

function hasLineItems(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'line_items' in data && data.line_items != null;
}

export type { QbCostTxnType };
