// Latency of the calls the load generator makes, by name (the SOAP method, or the JSON API route), and the
// percentiles the scale benchmark reports.

export interface LatencySummary {
  calls: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    calls: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
  };
}

export class LatencyRecorder {
  private readonly byName = new Map<string, number[]>();

  record(name: string, ms: number): void {
    const list = this.byName.get(name) ?? [];
    list.push(ms);
    this.byName.set(name, list);
  }

  summary(): Record<string, LatencySummary> {
    return Object.fromEntries([...this.byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => [name, summarize(values)]));
  }

  /**
   * A fetch for the Web Connector client that times each SOAP call from the request until the whole answer is read,
   * under its method's name (the SOAPAction header, e.g. "http://developer.intuit.com/sendRequestXML").
   */
  soapFetch(): typeof fetch {
    return async (input, init) => {
      const action = new Headers(init?.headers).get('soapaction') ?? '';
      const method = action.replace(/"/g, '').split('/').pop() || 'unknown';
      const started = performance.now();
      const response = await fetch(input, init);
      const bytes = await response.arrayBuffer();
      this.record(method, performance.now() - started);
      return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  }
}
