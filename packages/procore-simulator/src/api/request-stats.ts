export interface SimulatorStats {
  totalRequests: number;
  /** By "METHOD /path/{template}", e.g. "PATCH /rest/v1.0/vendors/sync". */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  rateLimited: number;
  unauthorized: number;
  /** Most requests seen in any 10-second span (simulator clock). */
  peakRequestsPer10s: number;
}

/** Counters for tests and benchmarks. */
export class RequestStats {
  private total = 0;
  private readonly routes = new Map<string, number>();
  private readonly statuses = new Map<number, number>();
  private readonly recent: number[] = [];
  private recentHead = 0;
  private peak = 0;

  private readonly now: () => number;
  constructor(now: () => number) {
    this.now = now;
  }

  recordRequest(routeKey: string): void {
    this.total++;
    this.routes.set(routeKey, (this.routes.get(routeKey) ?? 0) + 1);
    const now = this.now();
    this.recent.push(now);
    while ((this.recent[this.recentHead] ?? now) <= now - 10_000) this.recentHead++;
    if (this.recentHead > 4096) {
      this.recent.splice(0, this.recentHead);
      this.recentHead = 0;
    }
    this.peak = Math.max(this.peak, this.recent.length - this.recentHead);
  }

  recordStatus(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  snapshot(): SimulatorStats {
    return {
      totalRequests: this.total,
      byRoute: Object.fromEntries(this.routes),
      byStatus: Object.fromEntries([...this.statuses].map(([s, n]) => [String(s), n])),
      rateLimited: this.statuses.get(429) ?? 0,
      unauthorized: this.statuses.get(401) ?? 0,
      peakRequestsPer10s: this.peak,
    };
  }

  reset(): void {
    this.total = 0;
    this.routes.clear();
    this.statuses.clear();
    this.recent.length = 0;
    this.recentHead = 0;
    this.peak = 0;
  }
}
