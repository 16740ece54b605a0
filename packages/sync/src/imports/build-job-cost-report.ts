import { Prisma, type Database } from '@connector/db';
import { reconcileJobCosts, reconciliationCsv, type CostCodeFigures, type ReconciliationReport } from '@connector/mapping';
import { parseMoney, type ProcoreClient } from '@connector/procore';
import { AppError } from '../errors/app-error.ts';
import { LINK_TYPES } from '../links/link-types.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { displayText, readOrNull, readQbBillPaymentData } from '../stored/read-stored.ts';

type Figures = Required<Omit<CostCodeFigures, 'costCode'>>;
const empty = (): Figures => ({
  committedCents: 0,
  invoicedCents: 0,
  billedCents: 0,
  billedFromCommitmentsCents: 0,
  jobToDateCents: 0,
  paidCents: 0,
  pendingExports: 0,
  notExported: 0,
  changedInQuickBooks: 0,
  deletedInQuickBooks: 0,
  unattributedCents: 0,
  retainageCents: 0,
});
const cents = (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? 0 : parseMoney(String(value)));

/** The figures of each standard cost code ('none': no cost code), created on first use (the report lists them in that order). */
type FiguresByCode = Map<string, Figures>;
const figuresAt =
  (byCode: FiguresByCode) =>
  (standardId: number | string | null): Figures => {
    const key = standardId === null ? 'none' : String(standardId);
    return byCode.get(key) ?? byCode.set(key, empty()).get(key)!;
  };

/**
 * "Do committed and paid match?" for one project: Procore's committed (commitments + approved change
 * orders) and invoiced figures, read live from Procore, beside QuickBooks' billed, job-to-date and paid
 * figures from our copy of the company file, per standard cost code, with each difference explained.
 */
export async function buildJobCostReport(
  db: Database,
  input: { companyId: string; procoreProjectId: string; client: ProcoreClient },
): Promise<ReconciliationReport & { asOf: string }> {
  const { companyId, procoreProjectId } = input;
  const project = await db.prisma.procoreRecord.findFirst({ where: { companyId, resourceType: 'project', procoreId: procoreProjectId } });
  if (!project) throw new AppError('NOT_FOUND', `Procore project ${procoreProjectId} is not in this company (or not read from Procore yet).`);
  const byCode: FiguresByCode = new Map();
  await addProcoreFigures(db, input, byCode);
  await addQuickBooksFigures(db, input, byCode);
  const report = reconcileJobCosts({
    procoreProjectId: Number(procoreProjectId),
    // Display only (stored/read-stored.ts displayText): a damaged copy gives no name, not a failed report.
    projectName: displayText(project.data, 'name'),
    costCodes: await describeCostCodes(db, companyId, byCode),
  });
  return { ...report, asOf: new Date().toISOString() };
}

/**
 * Procore: committed and invoiced (project cost codes → standard cost codes), and per cost code the records whose
 * export is pending, changed in QuickBooks, or not exported.
 */
async function addProcoreFigures(db: Database, input: { companyId: string; procoreProjectId: string; client: ProcoreClient }, byCode: FiguresByCode) {
  const { companyId, procoreProjectId, client } = input;
  const at = figuresAt(byCode);
  const exportRows = await db.prisma.exportRecord.findMany({
    where: { companyId, procoreProjectId, recordType: { in: ['commitment', 'change_order', 'invoice'] } },
    select: { recordType: true, procoreId: true, status: true, fieldDifferences: true },
  });
  const exportOf = new Map(exportRows.map((e) => [`${e.recordType}:${e.procoreId}`, e]));
  const linked = new Set(
    (
      await db.prisma.recordLink.findMany({
        where: { companyId, procoreType: { in: [LINK_TYPES.commitment, LINK_TYPES.invoice] } },
        select: { procoreType: true, procoreId: true },
      })
    ).map((l) => `${l.procoreType}:${l.procoreId}`),
  );
  const flag = (recordType: string, procoreId: number, codes: Iterable<number | null>) => {
    const e = exportOf.get(`${recordType}:${procoreId}`);
    const key = recordType === 'change_order' ? null : `${recordType}:${procoreId}`;
    for (const code of new Set(codes)) {
      const f = at(code);
      if (e && ['sent_to_accounting', 'approved', 'queued', 'in_flight'].includes(e.status)) f.pendingExports += 1;
      else if (e && e.fieldDifferences) f.changedInQuickBooks += 1;
      else if (!e || e.status === 'not_synced' || e.status === 'rejected' || (key && !linked.has(key) && e.status !== 'synced')) f.notExported += 1;
    }
  };
  try {
    const codes = await client.costCodes.list(procoreProjectId);
    const standardOf = new Map(codes.map((c) => [c.id, c.standard_cost_code_id ?? null]));
    const std = (projectCostCodeId: number | null | undefined) => (projectCostCodeId == null ? null : (standardOf.get(projectCostCodeId) ?? null));
    for (const api of [client.workOrderContracts, client.purchaseOrderContracts]) {
      for (const commitment of await api.list(procoreProjectId)) {
        const lines = await api.listLineItems(procoreProjectId, commitment.id);
        for (const line of lines) at(std(line.cost_code_id)).committedCents += cents(line.amount);
        flag(
          'commitment',
          commitment.id,
          lines.map((l) => std(l.cost_code_id)),
        );
      }
    }
    for (const co of await client.commitmentChangeOrders.list(procoreProjectId)) {
      if (co.status !== 'approved') continue;
      const lines = co.line_items ?? [];
      for (const line of lines) at(std(line.cost_code_id)).committedCents += cents(line.amount);
      flag(
        'change_order',
        co.id,
        lines.map((l) => std(l.cost_code_id)),
      );
    }
    for (const summary of await client.requisitions.list(procoreProjectId)) {
      const requisition = summary.items ? summary : await client.requisitions.get(procoreProjectId, summary.id);
      const items = requisition.items ?? [];
      for (const item of items) at(std(item.cost_code_id)).invoicedCents += cents(item.work_completed_this_period) + cents(item.materials_presently_stored);
      flag(
        'invoice',
        requisition.id,
        items.map((i) => std(i.cost_code_id)),
      );
    }
  } catch (error) {
    throw procoreFailure(error, `read project ${procoreProjectId}'s commitments and invoices from Procore`);
  }
}

/** QuickBooks: every cost line attributed to this project (billed, job to date, retainage, unattributed, deleted), and what was paid. */
async function addQuickBooksFigures(db: Database, input: { companyId: string; procoreProjectId: string }, byCode: FiguresByCode) {
  const { companyId, procoreProjectId } = input;
  const at = figuresAt(byCode);
  const retainageItemListId = (await getCompanySettings(db, companyId)).invoiceRetainageItem?.listId ?? null;
  const lines = await db.prisma.$queryRaw<
    Array<{
      txn_type: string;
      txn_id: string;
      amount_cents: bigint;
      destination: string | null;
      standard_cost_code_id: string | null;
      unattributed_code: string | null;
      item_list_id: string | null;
      deleted: boolean;
    }>
  >`
    SELECT l.txn_type, l.txn_id, l.amount_cents, l.destination, l.standard_cost_code_id, l.unattributed_code, l.item_list_id, t.deleted_at IS NOT NULL AS deleted
    FROM qb_cost_lines l JOIN qb_transactions t ON t.company_id = l.company_id AND t.txn_type = l.txn_type AND t.txn_id = l.txn_id
    WHERE l.company_id = ${companyId}::uuid AND l.procore_project_id = ${procoreProjectId}`;
  const billLines = new Map<string, Array<{ code: string | null; amount: number }>>();
  for (const line of lines) {
    const amount = Number(line.amount_cents);
    const f = at(line.standard_cost_code_id);
    if (line.deleted) {
      if (line.destination === 'own_export') f.deletedInQuickBooks += 1;
      continue;
    }
    const onCommitment = line.txn_type === 'Bill' && (line.destination === 'own_export' || line.destination === 'commitment_invoice');
    // The Invoice Retainage Item line of a bill on a commitment is retainage withheld (map-requisition.ts books it as
    // one negative line), not cost without a cost code and not billing to compare with Procore's invoiced figure,
    // which is before retainage (issue 18: our own exported retainage line was flagged as a difference).
    const retainage = onCommitment && retainageItemListId !== null && line.item_list_id === retainageItemListId;
    if (line.unattributed_code && !retainage) f.unattributedCents += amount;
    f.jobToDateCents += amount;
    if (line.txn_type === 'Bill') {
      f.billedCents += amount;
      if (retainage) {
        // Payments are spread over the work lines only: what is withheld is not paid.
        f.retainageCents -= amount;
        continue;
      }
      if (onCommitment) f.billedFromCommitmentsCents += amount;
      (billLines.get(line.txn_id) ?? billLines.set(line.txn_id, []).get(line.txn_id)!).push({ code: line.standard_cost_code_id, amount });
    }
  }
  // Paid: each payment's amount on a bill, spread over the bill's lines of this project by amount.
  if (billLines.size > 0) {
    const payments = await db.prisma.qbTransaction.findMany({
      where: { companyId, txnType: 'BillPaymentCheck', deletedAt: null },
      select: { txnType: true, txnId: true, data: true },
    });
    for (const payment of payments) {
      // A damaged payment (qb_transactions.data) is left out of Paid; the push fails it on the import failures list, naming the row.
      for (const applied of readOrNull(() => readQbBillPaymentData(payment))?.applied ?? []) {
        const bill = billLines.get(applied.billTxnId);
        if (!bill) continue;
        const total = bill.reduce((s, l) => s + l.amount, 0);
        let left = applied.amountCents;
        bill.forEach((l, i) => {
          const share = i === bill.length - 1 ? left : total === 0 ? 0 : Math.round((applied.amountCents * l.amount) / total);
          at(l.code).paidCents += share;
          left -= share;
        });
      }
    }
  }
}

/** Each cost code's figures with its code and name (our copy of Procore's standard cost codes). */
async function describeCostCodes(db: Database, companyId: string, byCode: FiguresByCode): Promise<CostCodeFigures[]> {
  const standards = await db.prisma.procoreRecord.findMany({
    where: { companyId, resourceType: 'standard_cost_code', procoreId: { in: [...byCode.keys()].filter((k) => k !== 'none') } },
    select: { procoreId: true, data: true },
  });
  // Display only: a damaged copy shows the cost code without code or name (displayText), not a failed report.
  const described = new Map(
    standards.map((s) => [s.procoreId, { full_code: displayText(s.data, 'full_code'), code: displayText(s.data, 'code'), name: displayText(s.data, 'name') }]),
  );
  return [...byCode].map(([key, figures]) => ({
    costCode:
      key === 'none'
        ? { standardCostCodeId: null, code: null, name: null }
        : {
            standardCostCodeId: Number(key),
            code: described.get(key)?.full_code ?? described.get(key)?.code ?? null,
            name: described.get(key)?.name ?? null,
          },
    ...figures,
  }));
}

export function jobCostReportCsv(report: ReconciliationReport): string {
  return reconciliationCsv(report);
}

/**
 * Every linked project with the same figures as its report's totals: Procore's committed and invoiced (read live,
 * one project at a time, as the report does) beside QuickBooks' billed, job to date, paid and retainage, and the
 * number of cost codes with a difference. Committed used to be left out ("no Procore call"), so the overview
 * showed "—" for every project (issue 18 item 3). A project whose Procore read fails keeps its QuickBooks figures
 * and says why instead of a made-up zero. Also the cost QuickBooks has on no Procore project at all (no job, job
 * not linked), which no project's report can show.
 */
export async function listJobCostProjects(db: Database, companyId: string, clientFor: () => Promise<ProcoreClient>) {
  const retainageItemListId = (await getCompanySettings(db, companyId)).invoiceRetainageItem?.listId ?? null;
  const rows = await db.prisma.$queryRaw<
    Array<{ procore_project_id: string | null; job_to_date: bigint; billed: bigint; unattributed: bigint; unattributed_lines: bigint }>
  >`
    SELECT l.procore_project_id,
           COALESCE(SUM(l.amount_cents), 0) AS job_to_date,
           COALESCE(SUM(l.amount_cents) FILTER (WHERE l.txn_type = 'Bill'), 0) AS billed,
           COALESCE(SUM(l.amount_cents) FILTER (WHERE l.unattributed_code IS NOT NULL AND NOT ${retainageLine(retainageItemListId)}), 0) AS unattributed,
           COUNT(*) FILTER (WHERE l.unattributed_code IS NOT NULL AND NOT ${retainageLine(retainageItemListId)}) AS unattributed_lines
    FROM qb_cost_lines l JOIN qb_transactions t ON t.company_id = l.company_id AND t.txn_type = l.txn_type AND t.txn_id = l.txn_id AND t.deleted_at IS NULL
    WHERE l.company_id = ${companyId}::uuid
    GROUP BY l.procore_project_id`;
  const figures = new Map(rows.filter((r) => r.procore_project_id !== null).map((r) => [r.procore_project_id!, r]));
  const withoutProject = rows.find((r) => r.procore_project_id === null);
  const projects = await db.prisma.recordLink.findMany({
    where: { companyId, procoreType: LINK_TYPES.project },
    select: { procoreId: true, qbName: true },
    orderBy: { procoreId: 'asc' },
  });
  const names = new Map(
    (
      await db.prisma.procoreRecord.findMany({
        where: { companyId, resourceType: 'project', procoreId: { in: projects.map((p) => p.procoreId) } },
        select: { procoreId: true, data: true },
      })
    ).map((p) => [p.procoreId, displayText(p.data, 'name')]),
  );
  const failures = await db.prisma.qbTransaction.count({ where: { companyId, pushErrorCode: { not: null }, needsPush: true } });
  let client: ProcoreClient | null = null;
  let clientError: string | null = null;
  const items = [];
  for (const p of projects) {
    const f = figures.get(p.procoreId);
    let procoreSide: {
      committedCents: number | null;
      invoicedCents: number | null;
      paidCents: number | null;
      retainageCents: number | null;
      billedFromCommitmentsCents: number | null;
      differenceCount: number | null;
      procoreError: string | null;
    } = {
      committedCents: null,
      invoicedCents: null,
      paidCents: null,
      retainageCents: null,
      billedFromCommitmentsCents: null,
      differenceCount: null,
      procoreError: null,
    };
    try {
      if (client === null && clientError === null) client = await clientFor();
      if (client === null) throw new AppError('PROCORE_UNAVAILABLE', clientError ?? 'Procore is not connected.');
      const report = await buildJobCostReport(db, { companyId, procoreProjectId: p.procoreId, client });
      procoreSide = {
        committedCents: report.totals.committedCents,
        invoicedCents: report.totals.invoicedCents,
        paidCents: report.totals.paidCents,
        retainageCents: report.totals.retainageCents,
        billedFromCommitmentsCents: report.totals.billedFromCommitmentsCents,
        differenceCount: report.totals.rowsWithDifferences,
        procoreError: null,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (client === null) clientError = message;
      procoreSide.procoreError = message;
    }
    items.push({
      procoreProjectId: Number(p.procoreId),
      name: names.get(p.procoreId) ?? p.qbName ?? p.procoreId,
      qbJob: p.qbName,
      jobToDateCents: Number(f?.job_to_date ?? 0),
      billedCents: Number(f?.billed ?? 0),
      unattributedCents: Number(f?.unattributed ?? 0),
      unattributedLines: Number(f?.unattributed_lines ?? 0),
      ...procoreSide,
    });
  }
  return {
    asOf: new Date().toISOString(),
    failedTransactions: failures,
    projects: items,
    withoutProject: { unattributedCents: Number(withoutProject?.unattributed ?? 0), unattributedLines: Number(withoutProject?.unattributed_lines ?? 0) },
  };
}

/** SQL: the line is retainage withheld on a bill against a commitment (see buildJobCostReport), not unattributed cost. */
function retainageLine(retainageItemListId: string | null) {
  return retainageItemListId === null
    ? Prisma.sql`false`
    : Prisma.sql`(l.txn_type = 'Bill' AND l.destination IN ('own_export', 'commitment_invoice') AND l.item_list_id IS NOT DISTINCT FROM ${retainageItemListId})`;
}
