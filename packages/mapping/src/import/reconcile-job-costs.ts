// The reconciliation report (QuickBooks to Procore): per project, per cost code, Procore committed / invoiced against
// QuickBooks billed / job to date / paid, with the differences flagged and explained — the answer to "do
// committed and paid match?". The caller gathers the figures; the rules live here. README: "Import rules".
import { formatDollarDifference, formatDollars } from './format-dollars.ts';

export interface ReconciliationCostCode {
  /** Null for the row of cost that has no cost code. */
  standardCostCodeId: number | null;
  /** "03-300"; null when unknown. */
  code: string | null;
  name: string | null;
}

/** The figures of one cost code of one project. Amounts in cents, counts of records. */
export interface CostCodeFigures {
  costCode: ReconciliationCostCode;
  /** Procore commitments + approved commitment change orders. */
  committedCents: number;
  /** Procore subcontractor invoices. */
  invoicedCents: number;
  /** QuickBooks bills on this project and cost code, our exported ones included. */
  billedCents: number;
  /** The part of billedCents on commitments: our exported invoices + bills entered against a commitment's PO. */
  billedFromCommitmentsCents: number;
  /** All QuickBooks cost: bills, checks, credit card charges. */
  jobToDateCents: number;
  /** Bill payments applied to those bills. */
  paidCents: number;
  /** Records approved or queued for QuickBooks and not there yet. */
  pendingExports: number;
  /** Committed records (commitments, change orders, invoices) never sent to QuickBooks. */
  notExported: number;
  /** Exported records changed in QuickBooks since (3200 conflicts with field differences). */
  changedInQuickBooks: number;
  /** Exported records deleted in QuickBooks. */
  deletedInQuickBooks: number;
  /** QuickBooks cost on this cost code that could not be put in Procore (unattributed lines). */
  unattributedCents: number;
  /**
   * Retainage withheld on bills against commitments (the Invoice Retainage Item lines, our exported invoices' and
   * bills entered against our POs), as a positive amount withheld. Those lines are in billedCents and
   * jobToDateCents (QuickBooks' own totals) but not in billedFromCommitmentsCents: Procore's invoiced figure is
   * before retainage (map-requisition.ts books it as one negative line), so comparing them would flag the
   * connector's own retainage line as a difference. Optional for callers that have none.
   */
  retainageCents?: number;
}

export interface ReconciliationInput {
  procoreProjectId: number;
  projectName: string | null;
  costCodes: CostCodeFigures[];
}

export type DifferenceKind = 'missing_export' | 'changed_in_quickbooks' | 'deleted_in_quickbooks' | 'not_yet_synced' | 'amount_mismatch' | 'unattributed';

export interface ReconciliationDifference {
  kind: DifferenceKind;
  message: string;
}

export interface ReconciliationRow {
  costCode: ReconciliationCostCode;
  committedCents: number;
  invoicedCents: number;
  billedCents: number;
  billedFromCommitmentsCents: number;
  jobToDateCents: number;
  paidCents: number;
  unattributedCents: number;
  retainageCents: number;
  differences: ReconciliationDifference[];
}

export interface ReconciliationTotals {
  committedCents: number;
  invoicedCents: number;
  billedCents: number;
  billedFromCommitmentsCents: number;
  jobToDateCents: number;
  paidCents: number;
  unattributedCents: number;
  retainageCents: number;
  rowsWithDifferences: number;
}

export interface ReconciliationReport {
  procoreProjectId: number;
  projectName: string | null;
  rows: ReconciliationRow[];
  totals: ReconciliationTotals;
}

const AMOUNTS = [
  'committedCents',
  'invoicedCents',
  'billedCents',
  'billedFromCommitmentsCents',
  'jobToDateCents',
  'paidCents',
  'unattributedCents',
  'retainageCents',
] as const;
const COUNTS = ['pendingExports', 'notExported', 'changedInQuickBooks', 'deletedInQuickBooks'] as const;

/**
 * One row per cost code, ordered by code (digits compared as numbers, "no cost code" last). Differences, in
 * this order, each when it applies:
 * 1. not_yet_synced — pendingExports > 0;
 * 2. missing_export — notExported > 0;
 * 3. changed_in_quickbooks — changedInQuickBooks > 0;
 * 4. deleted_in_quickbooks — deletedInQuickBooks > 0;
 * 5. amount_mismatch — invoiced ≠ billed against commitments, and (a second entry) committed < billed
 *    against commitments; the message names both amounts and the difference, and cites the first of 1–4
 *    present as the likely explanation;
 * 6. unattributed — unattributedCents ≠ 0.
 * Direct-cost bills (not on a commitment) are in billedCents but not compared with commitments: cost
 * without a commitment is not a mismatch. Throws a RangeError on amounts that are not whole cents, counts
 * that are not whole numbers ≥ 0, or a cost code listed twice.
 */
export function reconcileJobCosts(input: ReconciliationInput): ReconciliationReport {
  const seen = new Set<number | null>();
  for (const figures of input.costCodes) {
    const id = figures.costCode.standardCostCodeId;
    if (seen.has(id)) throw new RangeError(`cost code ${id ?? '(none)'} is listed twice for project ${input.procoreProjectId}`);
    seen.add(id);
    for (const field of AMOUNTS) {
      if (!Number.isSafeInteger(figures[field] ?? 0))
        throw new RangeError(`${field} of cost code ${id ?? '(none)'} must be whole cents, got ${String(figures[field])}`);
    }
    for (const field of COUNTS) {
      if (!Number.isSafeInteger(figures[field]) || figures[field] < 0)
        throw new RangeError(`${field} of cost code ${id ?? '(none)'} must be a count, got ${String(figures[field])}`);
    }
  }

  const rows = [...input.costCodes].sort(compareCostCodes).map(reconcileRow);
  const totals: ReconciliationTotals = {
    committedCents: 0,
    invoicedCents: 0,
    billedCents: 0,
    billedFromCommitmentsCents: 0,
    jobToDateCents: 0,
    paidCents: 0,
    unattributedCents: 0,
    retainageCents: 0,
    rowsWithDifferences: 0,
  };
  for (const row of rows) {
    for (const field of AMOUNTS) totals[field] += row[field];
    if (row.differences.length > 0) totals.rowsWithDifferences += 1;
  }
  return { procoreProjectId: input.procoreProjectId, projectName: input.projectName, rows, totals };
}

function reconcileRow(f: CostCodeFigures): ReconciliationRow {
  const explanations: Array<{ kind: DifferenceKind; count: number; message: string; short: string }> = [
    {
      kind: 'not_yet_synced',
      count: f.pendingExports,
      message: `${records(f.pendingExports)} approved or queued for QuickBooks ${isAre(f.pendingExports)} not there yet; ${f.pendingExports === 1 ? 'it goes' : 'they go'} with the next Web Connector session.`,
      short: `${records(f.pendingExports)} not yet in QuickBooks`,
    },
    {
      kind: 'missing_export',
      count: f.notExported,
      message: `${records(f.notExported, 'committed record')} ${wasWere(f.notExported)} never sent to QuickBooks; send ${itThem(f.notExported)} from Export to QuickBooks.`,
      short: `${records(f.notExported, 'committed record')} never exported`,
    },
    {
      kind: 'changed_in_quickbooks',
      count: f.changedInQuickBooks,
      message: `${records(f.changedInQuickBooks)} we exported ${wasWere(f.changedInQuickBooks)} changed in QuickBooks since; review ${itThem(f.changedInQuickBooks)} in the exception queue.`,
      short: `${records(f.changedInQuickBooks)} changed in QuickBooks`,
    },
    {
      kind: 'deleted_in_quickbooks',
      count: f.deletedInQuickBooks,
      message: `${records(f.deletedInQuickBooks)} we exported ${wasWere(f.deletedInQuickBooks)} deleted in QuickBooks; send ${itThem(f.deletedInQuickBooks)} again or remove ${itThem(f.deletedInQuickBooks)} in Procore.`,
      short: `${records(f.deletedInQuickBooks)} deleted in QuickBooks`,
    },
  ];
  const present = explanations.filter((e) => e.count > 0);
  const differences: ReconciliationDifference[] = present.map((e) => ({ kind: e.kind, message: e.message }));
  // "QuickBooks billed" beside a Billed column that includes direct-cost bills read as a contradiction ($0.00 next
  // to $77,379.43, issue 18 item 3): the comparison names what it compares, and what it leaves out.
  const directBilledCents = f.billedCents - f.billedFromCommitmentsCents + (f.retainageCents ?? 0);
  const aside =
    directBilledCents === 0 ? '' : ` (the other ${formatDollars(directBilledCents)} billed on this cost code is not on a commitment, so it is not compared)`;
  const because =
    present[0] === undefined
      ? '; no pending, missing, changed or deleted export explains it: compare the invoices with the bills.'
      : `; likely explained by: ${present[0].short}.`;

  if (f.invoicedCents !== f.billedFromCommitmentsCents) {
    differences.push({
      kind: 'amount_mismatch',
      message: `Procore invoiced ${formatDollars(f.invoicedCents)} but QuickBooks billed ${formatDollars(f.billedFromCommitmentsCents)} against commitments (${formatDollarDifference(f.billedFromCommitmentsCents - f.invoicedCents)})${aside}${because}`,
    });
  }
  if (f.committedCents < f.billedFromCommitmentsCents) {
    differences.push({
      kind: 'amount_mismatch',
      message: `QuickBooks billed ${formatDollars(f.billedFromCommitmentsCents)} against commitments but Procore committed only ${formatDollars(f.committedCents)} (${formatDollarDifference(f.billedFromCommitmentsCents - f.committedCents)} over)${because}`,
    });
  }
  if (f.unattributedCents !== 0) {
    differences.push({
      kind: 'unattributed',
      // The row with no cost code and a cost code's row say different things (a code row's lines do have one).
      message:
        f.costCode.standardCostCodeId === null
          ? `${formatDollars(f.unattributedCents)} of QuickBooks cost on this project has no Procore cost code, so it is not in Procore; the lines are listed under "Cost not in Procore" with what to do about each.`
          : `${formatDollars(f.unattributedCents)} of QuickBooks cost on this cost code is not in Procore (the cost code is not on the project, or the line has no Procore cost code of its own); the lines are listed under "Cost not in Procore" with what to do about each.`,
    });
  }
  return {
    costCode: f.costCode,
    committedCents: f.committedCents,
    invoicedCents: f.invoicedCents,
    billedCents: f.billedCents,
    billedFromCommitmentsCents: f.billedFromCommitmentsCents,
    jobToDateCents: f.jobToDateCents,
    paidCents: f.paidCents,
    unattributedCents: f.unattributedCents,
    retainageCents: f.retainageCents ?? 0,
    differences,
  };
}

function records(n: number, noun = 'record'): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
function isAre(n: number): string {
  return n === 1 ? 'is' : 'are';
}
function wasWere(n: number): string {
  return n === 1 ? 'was' : 'were';
}
function itThem(n: number): string {
  return n === 1 ? 'it' : 'them';
}

/** Codes compared piece by piece, runs of digits as numbers ("2-10" after "2-9"); no code last; then by id. */
function compareCostCodes(a: CostCodeFigures, b: CostCodeFigures): number {
  const [ca, cb] = [a.costCode.code, b.costCode.code];
  if (ca === null || cb === null) {
    if (ca !== cb) return ca === null ? 1 : -1;
  } else {
    const byCode = compareNatural(ca, cb);
    if (byCode !== 0) return byCode;
  }
  const [ia, ib] = [a.costCode.standardCostCodeId, b.costCode.standardCostCodeId];
  if (ia === ib) return 0;
  if (ia === null) return 1;
  if (ib === null) return -1;
  return ia - ib;
}

function compareNatural(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i]!, pb[i]!];
    if (x === y) continue;
    const [dx, dy] = [/^\d/.test(x), /^\d/.test(y)];
    if (dx && dy) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
