/**
 * How many large SOAP bodies (over the head size, see read-qbwc-body.ts) are read and parsed at once: at
 * most `perSource` from one client address and `total` overall (QBWC_LARGE_BODIES_PER_SOURCE,
 * QBWC_LARGE_BODIES_TOTAL). Each one holds up to the body limit in memory while it is parsed, so this is
 * what bounds the memory large answers take. Only callers with a live ticket get this far; one Web
 * Connector sends one call at a time (QBWC guide ch. 10), so a second large body from the same address
 * at once is another Web Connector behind the same NAT or a misbehaving client.
 */
export function createLargeBodyLimit(limits: { perSource: number; total: number }) {
  const bySource = new Map<string, number>();
  let total = 0;

  /** A release function, or null when a limit is reached (the caller refuses the request). */
  function tryAcquire(source: string): (() => void) | null {
    const current = bySource.get(source) ?? 0;
    if (current >= limits.perSource || total >= limits.total) return null;
    bySource.set(source, current + 1);
    total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      total -= 1;
      const left = (bySource.get(source) ?? 1) - 1;
      if (left <= 0) bySource.delete(source);
      else bySource.set(source, left);
    };
  }

  return { tryAcquire, inUse: () => total };
}

export type LargeBodyLimit = ReturnType<typeof createLargeBodyLimit>;
