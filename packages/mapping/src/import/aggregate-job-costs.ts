// Job-to-date cost per project and cost code (QuickBooks to Procore, "aggregate job-to-date cost per project and cost
// code"): the straight sum the end-to-end test compares Procore against.

export interface JobCostLine {
  procoreProjectId: number | null;
  standardCostCodeId: number | null;
  amountCents: number;
}

/** `${projectId}:${costCodeId}`, with "none" for a missing project or cost code: "7:301", "7:none", "none:none". */
export function jobCostKey(procoreProjectId: number | null, standardCostCodeId: number | null): string {
  return `${procoreProjectId ?? 'none'}:${standardCostCodeId ?? 'none'}`;
}

/**
 * Sums amounts by jobCostKey, keys in first-seen order. Negative lines (credits) subtract; a key whose
 * lines cancel out stays, at 0. Lines without a project are kept under "none:…" so the grand total always
 * equals the sum of every line given. Throws a RangeError when an amount is not whole cents or a sum
 * outgrows exact integers.
 */
export function aggregateJobCosts(lines: Iterable<JobCostLine>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountCents)) throw new RangeError(`amountCents must be whole cents, got ${String(line.amountCents)}`);
    const key = jobCostKey(line.procoreProjectId, line.standardCostCodeId);
    const sum = (totals.get(key) ?? 0) + line.amountCents;
    if (!Number.isSafeInteger(sum)) throw new RangeError(`the job cost of ${key} outgrows exact cents`);
    totals.set(key, sum);
  }
  return totals;
}

/** Every line of an attributed transaction as a JobCostLine (unattributed lines included: they are cost too). */
export function jobCostLines(attributed: {
  lines: ReadonlyArray<{ procoreProjectId: number | null; standardCostCodeId: number | null; line: { amountCents: number } }>;
}): JobCostLine[] {
  return attributed.lines.map((a) => ({ procoreProjectId: a.procoreProjectId, standardCostCodeId: a.standardCostCodeId, amountCents: a.line.amountCents }));
}
