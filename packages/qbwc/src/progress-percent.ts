/**
 * receiveResponseXML's return value (QBWC guide p.77): 100 means "no more work" and QBWC stops
 * calling sendRequestXML (p.78); less than 100 means call again; negative means error. So 100 is
 * returned only when there is no more work, and with work left the value stays in 1..99: the
 * guide speaks of "a positive integer less than 100", so 0 is avoided too.
 */
export function progressPercent(done: number, total: number, hasMoreWork: boolean): number {
  if (!hasMoreWork) return 100;
  const safeDone = Number.isFinite(done) && done > 0 ? done : 0;
  const safeTotal = Number.isFinite(total) && total > 0 ? total : 0;
  const raw = safeTotal === 0 ? 0 : Math.floor((safeDone / safeTotal) * 100);
  return Math.min(99, Math.max(1, raw));
}
