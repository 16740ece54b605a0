// Shrinking a failing history (delta debugging): remove chunks of steps, then single steps, keeping a
// candidate when it still violates the same invariant. Steps that refer to records an earlier step created
// stay meaningful when that step is gone: the runner skips them ("skipped (no such record)").
import type { History } from './history.ts';
import type { RunResult } from './run-history.ts';

export interface ShrinkResult {
  history: History;
  result: RunResult;
  runs: number;
}

/**
 * `run` replays a history and answers its result. The target is the first violation's invariant of the
 * original failure; a candidate "still fails" when it violates that invariant. `budget` bounds the replays.
 */
export async function shrinkHistory(
  failing: RunResult,
  run: (history: History) => Promise<RunResult>,
  options: { budget?: number; log?: (line: string) => void } = {},
): Promise<ShrinkResult> {
  const target = failing.violations[0]!.invariant;
  let best = {
    history: { ...failing.history, steps: failing.history.steps.slice(0, (failing.failedAt ?? failing.history.steps.length - 1) + 1) },
    result: failing,
  };
  let runs = 0;
  const budget = options.budget ?? 150;
  const stillFails = async (history: History) => {
    runs += 1;
    const result = await run(history);
    const same = result.violations.some((v) => v.invariant === target);
    options.log?.(`shrink #${runs}: ${history.steps.length} steps → ${same ? 'still fails' : 'passes'}`);
    return same ? result : null;
  };
  // The prefix up to the failing step may not fail alone (end-of-history invariants need quiescence): check once.
  if (best.history.steps.length < failing.history.steps.length) {
    const r = await stillFails(best.history);
    if (r) best = { history: best.history, result: r };
    else best = { history: failing.history, result: failing };
  }
  let chunk = Math.max(1, Math.floor(best.history.steps.length / 2));
  while (chunk >= 1 && runs < budget) {
    let removedAny = false;
    for (let start = 0; start < best.history.steps.length && runs < budget;) {
      const steps = [...best.history.steps.slice(0, start), ...best.history.steps.slice(start + chunk)];
      if (steps.length === 0) {
        start += chunk;
        continue;
      }
      const candidate = { ...best.history, steps };
      const r = await stillFails(candidate);
      if (r) {
        best = { history: candidate, result: r };
        removedAny = true;
      } else start += chunk;
    }
    if (!removedAny || chunk > 1) chunk = Math.floor(chunk / 2);
    if (chunk === 0) break;
  }
  return { ...best, runs };
}
