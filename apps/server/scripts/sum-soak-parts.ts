// The arithmetic of `pnpm soak:merge` (merge-soak-results.ts), without I/O: one figure set from the parts of a soak.

/** What `pnpm soak -- --out` writes (the fields summed here; others are kept per part). */
export interface SoakResultFile {
  db?: string;
  workers?: number;
  firstSeed?: number;
  stepsPerHistory?: number;
  histories: number;
  seconds?: number;
  cpuSecondsPerHistory?: number | null;
  at?: string;
  failingSeeds?: unknown[];
  [figure: string]: unknown;
}

export interface SoakPart {
  name: string;
  result: SoakResultFile;
  seeds: number[];
}

type Figure = number | { [key: string]: Figure };

/** Counters summed across parts (numbers, or objects of numbers such as faults by kind). */
const SUMMED = [
  'histories',
  'steps',
  'skipped',
  'sessions',
  'restarts',
  'faults',
  'violations',
  'byInvariant',
  'ms',
  'cpuMs',
  'messyHistories',
  'multiCurrencyHistories',
  'currency',
  'ownerHistories',
  'owner',
  'seconds',
] as const;

function addFigures(total: Figure | undefined, value: unknown, path: string): Figure {
  if (typeof value === 'number') {
    if (total !== undefined && typeof total !== 'number') throw new Error(`${path}: a number in one part, an object in another`);
    return (total ?? 0) + value;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if (typeof total === 'number') throw new Error(`${path}: an object in one part, a number in another`);
    const sum: { [key: string]: Figure } = { ...(total ?? {}) };
    for (const [key, inner] of Object.entries(value)) sum[key] = addFigures(sum[key], inner, `${path}.${key}`);
    return sum;
  }
  throw new Error(`${path}: cannot add ${JSON.stringify(value)}`);
}

/** Sorted seeds as ranges: [1, 2, 3, 5] → ["1-3", "5"]. */
export function describeSeedRanges(sortedSeeds: number[]): string[] {
  const ranges: Array<[number, number]> = [];
  for (const seed of sortedSeeds) {
    const last = ranges.at(-1);
    if (last && seed === last[1] + 1) last[1] = seed;
    else ranges.push([seed, seed]);
  }
  return ranges.map(([from, to]) => (from === to ? String(from) : `${from}-${to}`));
}

export function mergeSoakResults(parts: SoakPart[]) {
  const totals: { [key: string]: Figure } = {};
  const failingSeeds: unknown[] = [];
  const seen = new Set<number>();
  for (const { name, result, seeds } of parts) {
    // One run means one configuration: parts on another database or with longer histories are another run.
    for (const setting of ['db', 'stepsPerHistory'] as const) {
      if (result[setting] !== parts[0]!.result[setting]) {
        throw new Error(`${name}: ${setting} ${String(result[setting])}, but ${String(parts[0]!.result[setting])} in ${parts[0]!.name}`);
      }
    }
    if (seeds.length !== result.histories) {
      throw new Error(`${name}: ${seeds.length} seeds listed but ${result.histories} histories in its figures`);
    }
    for (const seed of seeds) {
      if (!Number.isInteger(seed)) throw new Error(`${name}: "${seed}" is not a seed`);
      if (seen.has(seed)) throw new Error(`${name}: seed ${seed} is listed twice`);
      seen.add(seed);
    }
    for (const key of SUMMED) if (result[key] !== undefined) totals[key] = addFigures(totals[key], result[key], key);
    failingSeeds.push(...(result.failingSeeds ?? []));
  }
  const histories = typeof totals['histories'] === 'number' ? totals['histories'] : 0;
  const faults = totals['faults'];
  const cpuMs = totals['cpuMs'];
  const sortedSeeds = [...seen].sort((a, b) => a - b);
  const sumOf = (figure: Figure | undefined, skip?: string): number =>
    figure === undefined || typeof figure === 'number'
      ? (figure ?? 0)
      : Object.entries(figure).reduce((sum, [key, inner]) => sum + (key === skip ? 0 : sumOf(inner)), 0);
  return {
    ...totals,
    /** Fault draws that injected a fault ("none" is a draw that injected nothing). */
    faultsInjected: sumOf(faults, 'none'),
    cpuSecondsPerHistory: histories > 0 && cpuMs !== undefined ? Number((sumOf(cpuMs) / 1000 / histories).toFixed(2)) : null,
    failingSeeds,
    distinctSeeds: sortedSeeds.length,
    seedRanges: describeSeedRanges(sortedSeeds),
    parts: parts.map(({ name, result }) => ({
      name,
      db: result.db,
      workers: result.workers,
      firstSeed: result.firstSeed,
      histories: result.histories,
      seconds: result.seconds,
      cpuSecondsPerHistory: result.cpuSecondsPerHistory,
      at: result.at,
    })),
  };
}
