// Test-only faults in front of every route, like Procore's load balancer under platform load
// (Procore docs: 503 with Retry-After) or a network that drops connections.

export interface FailOptions {
  /** HTTP status to answer (default 503). */
  status?: number;
  /** Adds `Retry-After: <seconds>`. */
  retryAfterSeconds?: number;
  /** Only requests whose target (path and query) matches; default every request. */
  path?: RegExp;
  /** Response body (default `{ errors: "Service Unavailable" }` or the status text). */
  body?: unknown;
}

export interface PathOptions {
  path?: RegExp;
}

interface Rule<O> {
  remaining: number;
  options: O;
}

export class FaultInjector {
  private fails: Rule<FailOptions>[] = [];
  private drops: Rule<PathOptions>[] = [];
  private delays: Rule<PathOptions & { ms: number }>[] = [];

  /** The next `count` matching requests get `status` (default 503) instead of being served. */
  failNext(count: number, options: FailOptions = {}): void {
    this.fails.push({ remaining: count, options });
  }

  /** The next `count` matching requests have their socket destroyed without an answer. */
  dropConnectionNext(count: number, options: PathOptions = {}): void {
    this.drops.push({ remaining: count, options });
  }

  /** The next `count` matching requests are answered `ms` milliseconds late. */
  delayNext(count: number, ms: number, options: PathOptions = {}): void {
    this.delays.push({ remaining: count, options: { ...options, ms } });
  }

  clear(): void {
    this.fails = [];
    this.drops = [];
    this.delays = [];
  }

  takeFail(target: string): FailOptions | null {
    return take(this.fails, target);
  }

  takeDrop(target: string): boolean {
    return take(this.drops, target) !== null;
  }

  takeDelay(target: string): number {
    return take(this.delays, target)?.ms ?? 0;
  }
}

function take<O extends PathOptions>(rules: Rule<O>[], target: string): O | null {
  for (const rule of rules) {
    if (rule.remaining <= 0) continue;
    if (rule.options.path && !rule.options.path.test(target)) continue;
    rule.remaining--;
    return rule.options;
  }
  return null;
}
