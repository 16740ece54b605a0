// Faults a test asks for, taken in order by the requests they match:
//   status          — answer 5xx (a SystemFault body) without doing anything
//   status-after-write — do the write, then answer 5xx: the change is applied, the answer says otherwise
//   drop-after-write   — do the write, then close the connection without an answer (a lost response)
//   drop               — close the connection without doing anything
//   auth-3200       — the gateway's 401 with the lower-case `fault` envelope (code 3200)
//   throttle        — 429 ThrottleExceeded, with or without Retry-After
// A write's requestid answer is stored before an *-after-write fault, so a resend with the same requestid
// gets the first answer back (Intuit's idempotency, see handle-api-request.ts).

export type InjectedFault =
  | { kind: 'status'; status?: number }
  | { kind: 'status-after-write'; status?: number }
  | { kind: 'drop' }
  | { kind: 'drop-after-write' }
  | { kind: 'auth-3200' }
  | { kind: 'throttle'; retryAfterSeconds?: number | null };

export interface FaultMatch {
  method?: 'GET' | 'POST';
  /** The first path segment after /v3/company/<realmId>/: "purchaseorder", "batch", "query", "cdc", … */
  resource?: string;
  realmId?: string;
}

interface Rule {
  fault: InjectedFault;
  match: FaultMatch;
  remaining: number;
}

export class FaultInjector {
  private rules: Rule[] = [];
  private injectedCount = 0;

  /** The next `times` (default 1) matching requests get `fault`. */
  inject(fault: InjectedFault, options: FaultMatch & { times?: number } = {}): void {
    const { times = 1, ...match } = options;
    this.rules.push({ fault, match, remaining: times });
  }

  clear(): void {
    this.rules = [];
  }

  get injected(): number {
    return this.injectedCount;
  }

  /** Takes the first rule matching this request, if any. */
  take(request: { method: string; resource: string; realmId: string }): InjectedFault | null {
    const rule = this.rules.find(
      (r) =>
        (r.match.method === undefined || r.match.method === request.method) &&
        (r.match.resource === undefined || r.match.resource === request.resource) &&
        (r.match.realmId === undefined || r.match.realmId === request.realmId),
    );
    if (!rule) return null;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    this.injectedCount++;
    return rule.fault;
  }
}
