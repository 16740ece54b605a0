import { Prisma, type Database } from '@connector/db';
import { describeTxnCurrency, type QbTxnCurrency } from '@connector/mapping';
import { getCompanySettings } from '../settings/company-settings.ts';

/** Why a QuickBooks cost line is not in Procore (attribute-cost-transaction.ts `UnattributedCode`). */
export type UnattributedLineCode = 'NO_JOB' | 'JOB_NOT_LINKED' | 'NO_COST_CODE' | 'COST_CODE_NOT_ON_PROJECT';

/** Where a person fixes it: a screen of the app, QuickBooks itself, or Procore. */
export type UnattributedFix = 'jobs' | 'items' | 'settings' | 'quickbooks' | 'procore';

export interface UnattributedCostLine {
  txnType: string;
  txnId: string;
  txnLineId: string;
  refNumber: string | null;
  /** The QuickBooks transaction date, "2026-11-21". */
  txnDate: string;
  payeeName: string | null;
  /** In home currency: a line of a transaction in another currency is converted at QuickBooks' rate (see `currency`). */
  amountCents: number;
  /**
   * Multi-currency: the transaction is in another currency and the amount above was converted — its currency, foreign
   * total and QuickBooks' exchange rate, as the Procore direct cost says it (read-txn-currency.ts); null in home currency.
   */
  currency: string | null;
  memo: string | null;
  /** What the line carries in QuickBooks, by name where our copy of the lists has it. */
  jobName: string | null;
  itemName: string | null;
  procoreProjectId: number | null;
  standardCostCodeId: number | null;
  code: UnattributedLineCode;
  /** Why, and what to do about it, in words; `fix` says where. */
  reason: string;
  action: string;
  fix: UnattributedFix;
}

/**
 * The lines behind "Cost not in Procore": every QuickBooks bill, check and card-charge line that Update Job Costs
 * could not put on a Procore project and cost code, for one project (`projectId`), for the lines on no project at
 * all (`'none'`), or for the whole company; biggest first, paged. The report promised this list and no screen
 * showed it ($773,588 hidden on one demo project, issue 18 item 3). The retainage line of a bill on a commitment is
 * not one of them (build-job-cost-report.ts).
 */
export async function listUnattributedCostLines(
  db: Database,
  input: { companyId: string; projectId?: string | 'none'; limit: number; offset: number },
): Promise<{ total: number; totalCents: number; items: UnattributedCostLine[] }> {
  const { companyId } = input;
  const retainageItemListId = (await getCompanySettings(db, companyId)).invoiceRetainageItem?.listId ?? null;
  const project =
    input.projectId === undefined
      ? Prisma.sql`true`
      : input.projectId === 'none'
        ? Prisma.sql`l.procore_project_id IS NULL`
        : Prisma.sql`l.procore_project_id = ${input.projectId}`;
  const notRetainage =
    retainageItemListId === null
      ? Prisma.sql`true`
      : Prisma.sql`NOT (l.txn_type = 'Bill' AND l.destination IN ('own_export', 'commitment_invoice') AND l.item_list_id IS NOT DISTINCT FROM ${retainageItemListId})`;
  const where = Prisma.sql`l.company_id = ${companyId}::uuid AND l.unattributed_code IS NOT NULL AND t.deleted_at IS NULL AND ${project} AND ${notRetainage}`;
  const from = Prisma.sql`qb_cost_lines l JOIN qb_transactions t ON t.company_id = l.company_id AND t.txn_type = l.txn_type AND t.txn_id = l.txn_id`;
  const [count] = await db.prisma.$queryRaw<
    Array<{ total: bigint; cents: bigint | null }>
  >`SELECT COUNT(*) AS total, SUM(l.amount_cents) AS cents FROM ${from} WHERE ${where}`;
  const rows = await db.prisma.$queryRaw<
    Array<{
      txn_type: string;
      txn_id: string;
      txn_line_id: string;
      ref_number: string | null;
      txn_date: string;
      payee_name: string | null;
      amount_cents: bigint;
      memo: string | null;
      currency: QbTxnCurrency | null;
      job_list_id: string | null;
      job_name: string | null;
      item_name: string | null;
      class_list_id: string | null;
      procore_project_id: string | null;
      standard_cost_code_id: string | null;
      unattributed_code: string;
    }>
  >`
    SELECT l.txn_type, l.txn_id, l.txn_line_id, t.ref_number, t.txn_date, t.data->>'payeeName' AS payee_name, l.amount_cents, l.memo, t.data->'currency' AS currency,
           l.job_list_id, j.full_name AS job_name, i.full_name AS item_name, l.class_list_id, l.procore_project_id, l.standard_cost_code_id, l.unattributed_code
    FROM ${from}
    LEFT JOIN qb_list_entries j ON j.company_id = l.company_id AND j.list_type = 'Customer' AND j.list_id = l.job_list_id
    LEFT JOIN qb_list_entries i ON i.company_id = l.company_id AND i.list_type = 'Item' AND i.list_id = l.item_list_id
    WHERE ${where}
    ORDER BY abs(l.amount_cents) DESC, t.txn_date DESC, l.txn_type, l.txn_id, l.txn_line_id
    LIMIT ${input.limit} OFFSET ${input.offset}`;
  return {
    total: Number(count?.total ?? 0),
    totalCents: Number(count?.cents ?? 0),
    items: rows.map((r) => ({
      txnType: r.txn_type,
      txnId: r.txn_id,
      txnLineId: r.txn_line_id,
      refNumber: r.ref_number,
      txnDate: r.txn_date,
      payeeName: r.payee_name,
      amountCents: Number(r.amount_cents),
      currency: r.currency ? `converted from ${describeTxnCurrency(r.currency)}` : null,
      memo: r.memo,
      jobName: r.job_name,
      itemName: r.item_name,
      procoreProjectId: r.procore_project_id === null ? null : Number(r.procore_project_id),
      standardCostCodeId: r.standard_cost_code_id === null ? null : Number(r.standard_cost_code_id),
      code: r.unattributed_code as UnattributedLineCode,
      ...explain(r),
    })),
  };
}

/** The reasons attribute-cost-transaction.ts gives, with the step that clears each (README "Import rules"). */
function explain(r: {
  unattributed_code: string;
  job_name: string | null;
  job_list_id: string | null;
  item_name: string | null;
  class_list_id: string | null;
  standard_cost_code_id: string | null;
  procore_project_id: string | null;
}): { reason: string; action: string; fix: UnattributedFix } {
  const job = r.job_name ?? r.job_list_id;
  switch (r.unattributed_code) {
    case 'NO_JOB':
      return {
        reason: 'The line has no customer:job in QuickBooks, so it belongs to no Procore project.',
        action: 'Choose the job on the line in QuickBooks, then Update Job Costs.',
        fix: 'quickbooks',
      };
    case 'JOB_NOT_LINKED': {
      // Customer:Job:Phase — a sub-job, which no Procore project stands for (docs/integration-map.md#known-limits).
      const levels = r.job_name?.split(':') ?? [];
      if (levels.length > 2) {
        return {
          reason: `The QuickBooks sub-job "${r.job_name}" cannot be linked to a Procore project (no sub-jobs).`,
          action: `Put the cost on the job "${levels.slice(0, 2).join(':')}" in QuickBooks, then Update Job Costs.`,
          fix: 'quickbooks',
        };
      }
      return {
        reason: `The QuickBooks job "${job ?? 'unknown'}" is not linked to a Procore project.`,
        action: 'Link the job to its Procore project on the Jobs screen, then Update Job Costs.',
        fix: 'jobs',
      };
    }
    case 'NO_COST_CODE':
      return r.item_name !== null
        ? {
            reason: `Its item "${r.item_name}" is not linked to a Procore cost code.`,
            action: 'Link the item to a cost code (Refresh Items), or map its class to a cost code in Settings, then Update Job Costs.',
            fix: 'items',
          }
        : {
            reason:
              r.class_list_id !== null
                ? 'Its class is not mapped to a Procore cost code, and it has no item.'
                : 'It has no item or class, so it has no Procore cost code.',
            action: 'Choose an item on the line in QuickBooks, or map its class to a cost code in Settings, then Update Job Costs.',
            fix: 'settings',
          };
    case 'COST_CODE_NOT_ON_PROJECT':
      return {
        reason: `Its Procore cost code (standard cost code ${r.standard_cost_code_id ?? '?'}) is not on Procore project ${r.procore_project_id ?? '?'}.`,
        action: 'Add the cost code to the project in Procore (or turn on adding new cost codes to budgets in Settings), then Update Job Costs.',
        fix: 'procore',
      };
    default:
      return { reason: `Not in Procore (${r.unattributed_code}).`, action: 'Update Job Costs again; if it stays, see the Activity log.', fix: 'quickbooks' };
  }
}
