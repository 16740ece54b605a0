// Procore budget → QuickBooks estimate for the job (docs/integration-map.md#budgets-and-estimates: Budget → Estimates, EstimateAdd/Mod):
// one line per cost code, its item from the cost code's link. Later budget changes become an EstimateMod:
// every existing line is sent back by TxnLineID (a Mod with lines deletes the lines it leaves out),
// changed amounts are set, new cost codes are appended with TxnLineID -1 (NEW_TXN_LINE_ID).
import type { EstimateAddRequest, EstimateLineAdd, EstimateLineMod, EstimateModRequest } from '@connector/qbxml';
import { FIELD_LIMITS, NEW_TXN_LINE_ID } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import { capitalize } from './capitalize.ts';
import { classForCostCode } from './class-for-cost-code.ts';
import { cleanText, truncateText } from './clean-text.ts';
import type { BudgetExport } from './export-records.ts';
import { describeCents, formatCents } from './format-cents.ts';
import { budgetLineKey, costCodeOfBudgetLineKey } from './line-keys.ts';
import { refuse, refuseUnknownLines, succeed } from './make-result.ts';
import type { MappingContext, MappingResult } from './mapping-types.ts';
import { planDependencies, refuseMissing } from './plan-dependencies.ts';
import { describeBudget, sumBudgetRows, type BudgetLine } from './sum-budget-rows.ts';

export function mapBudget(input: BudgetExport, ctx: MappingContext): MappingResult<EstimateAddRequest | EstimateModRequest> {
  const projectName = cleanText(input.projectName);
  const what = describeBudget(input.projectId, projectName);

  const sum = sumBudgetRows(input.rows, what);
  if (!sum.ok) return sum;
  const lines = sum.lines;

  const missing = planDependencies({ type: 'budget', ...input }, ctx.links);
  if (missing.length > 0) return refuseMissing(`the estimate for ${what}`, missing);
  const job = ctx.links.job(input.projectId)!;
  const itemOf = (costCodeId: number) => ctx.links.item(costCodeId)!;

  const estimate = ctx.links.estimate(input.projectId);
  const preview = new PreviewBuilder().add('Job', job.fullName, 'project');

  if (!estimate) {
    // A cost code with no money budgeted adds nothing to an estimate.
    const nonZero = lines.filter((l) => l.cents !== 0);
    if (nonZero.length === 0) {
      return refuse(
        'EMPTY_TRANSACTION',
        `${capitalize(what)} has no amounts, so there is no estimate to create; enter the budget in Procore and export again.`,
      );
    }
    const memo = truncateText(projectName === '' ? 'Procore budget' : `Procore budget: ${projectName}`, FIELD_LIMITS.memo);
    preview.add('Memo', memo);
    const requestLines: EstimateLineAdd[] = nonZero.map((line, i) => {
      const item = itemOf(line.costCodeId);
      const classRef = classForCostCode(ctx.settings, line.costCodeId);
      previewLine(preview, i + 1, item.fullName, line, classRef?.fullName);
      return { itemRef: { listId: item.listId }, ...(classRef ? { classRef: { listId: classRef.listId } } : {}), amount: formatCents(line.cents) };
    });
    preview.add('Total', describeCents(sum.totalCents), 'budget');
    return succeed<EstimateAddRequest>({ type: 'EstimateAdd', customerRef: { listId: job.listId }, memo, lines: requestLines }, preview.build(), {
      lineKeys: nonZero.map((l) => budgetLineKey(l.costCodeId)),
    });
  }

  if (estimate.lines.length === 0) return refuseUnknownLines(`estimate ${estimate.refNumber ?? estimate.txnId}`);
  preview.add('Estimate', estimate.refNumber ?? estimate.txnId);
  const modLines: EstimateLineMod[] = [];
  const lineKeys: Array<string | null> = [];
  const onEstimate = new Set<string>();
  let changed = 0;
  let kept = 0;
  for (const existing of estimate.lines) {
    lineKeys.push(existing.procoreLineKey);
    const costCodeId = costCodeOfBudgetLineKey(existing.procoreLineKey);
    if (costCodeId === null || (existing.procoreLineKey !== null && onEstimate.has(existing.procoreLineKey))) {
      // A line someone added in QuickBooks (or a second line for one cost code): kept as it is.
      modLines.push({ txnLineId: existing.txnLineId });
      kept++;
      continue;
    }
    onEstimate.add(existing.procoreLineKey!);
    const budget = lines.find((l) => l.costCodeId === costCodeId);
    // A cost code gone from the budget keeps its line with 0.00: QuickBooks history stays readable.
    const cents = budget?.cents ?? 0;
    if (existing.amountCents === cents) {
      modLines.push({ txnLineId: existing.txnLineId });
      kept++;
      continue;
    }
    modLines.push({ txnLineId: existing.txnLineId, amount: formatCents(cents) });
    changed++;
    const item = ctx.links.item(costCodeId);
    preview.add(`Line ${modLines.length} item`, item?.fullName ?? budget?.label ?? `Procore cost code ${costCodeId}`, 'cost code');
    preview.add(
      `Line ${modLines.length} amount`,
      existing.amountCents === undefined ? describeCents(cents) : `${describeCents(cents)} (was ${describeCents(existing.amountCents)})`,
      'original_budget_amount + budget_modifications',
    );
  }
  for (const line of lines) {
    if (onEstimate.has(budgetLineKey(line.costCodeId)) || line.cents === 0) continue;
    const item = itemOf(line.costCodeId);
    const classRef = classForCostCode(ctx.settings, line.costCodeId);
    modLines.push({
      txnLineId: NEW_TXN_LINE_ID,
      itemRef: { listId: item.listId },
      ...(classRef ? { classRef: { listId: classRef.listId } } : {}),
      amount: formatCents(line.cents),
    });
    lineKeys.push(budgetLineKey(line.costCodeId));
    changed++;
    previewLine(preview, modLines.length, item.fullName, line, classRef?.fullName);
  }
  if (changed === 0) {
    return refuse('NO_CHANGES', `The QuickBooks estimate for ${what} already matches the Procore budget; nothing to send.`);
  }
  preview.add('Lines kept unchanged', String(kept)).add('Total', describeCents(sum.totalCents), 'budget');
  return succeed<EstimateModRequest>({ type: 'EstimateMod', txnId: estimate.txnId, editSequence: estimate.editSequence, lines: modLines }, preview.build(), {
    lineKeys,
  });
}

function previewLine(preview: PreviewBuilder, n: number, itemName: string, line: BudgetLine, className: string | undefined): void {
  preview
    .add(`Line ${n} item`, itemName, 'cost code')
    .add(`Line ${n} amount`, describeCents(line.cents), 'original_budget_amount + budget_modifications')
    .add(`Line ${n} class`, className, 'setting: class by cost code');
}
