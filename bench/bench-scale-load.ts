// The load of the scale benchmark: every simulated company polls with its Web Connector on a staggered schedule, and
// before each session has work waiting — a refresh asked for through the JSON API (the "Refresh" button), and
// QuickBooks adds queued as the export pipeline queues them (vendors and customers named with the company's tag).
// Sessions are spread over the instances round-robin, one instance per session, as a load balancer would.
import type { Database } from '@connector/db';
import type { ProcoreSimulator } from '@connector/procore-simulator';
import { runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { enqueueRequest, REFRESH_KINDS, type RefreshKind } from '@connector/sync';
import type { BenchSignIn, SimulatedCompany } from './bench-scale-companies.ts';
import { LatencyRecorder, summarize } from './bench-scale-latency.ts';
import { procoreCompanyIdOf } from './bench-scale-procore.ts';

export interface LoadPlan {
  sessionsPerCompany: number;
  intervalSeconds: number;
  /** Sessions in flight at once (0 = no limit). */
  concurrency: number;
  addsPerSession: number;
  /** The instances' base URLs (http://localhost:<port>). */
  instanceUrls: string[];
  /** Procore, where a vendor is added to each company's directory before each session (a webhook to the instances). */
  procore: ProcoreSimulator;
}

export interface LoadResult {
  wallMs: number;
  sessions: number;
  outcomes: Record<string, number>;
  /** Sessions that did not complete, with why (the first 20). */
  failures: Array<{ tag: string; session: number; outcome: string; detail: string }>;
  sessionsByInstance: number[];
  sessionDuration: ReturnType<typeof summarize>;
  soapCalls: number;
  qbxmlMessages: number;
  addsQueued: number;
  refreshesAsked: number;
  /** Refreshes the JSON API did not accept (202), and the first 20 with the answer. */
  refreshesRefused: number;
  refreshFailures: Array<{ tag: string; kind: string; status: number; body: string }>;
  procoreEdits: number;
  latency: Record<string, ReturnType<typeof summarize>>;
  /** Requests a company's QuickBooks received that named another company's tag (must be 0). */
  foreignRequests: number;
  /** CPU this process spent in the QuickBooks simulators (part of the load generator's CPU). */
  quickbooksCpuMs: number;
}

// QBWC waits 5 s after a NoOp (QBWC guide p.72); shortened so a session waiting for the server's jobs does not idle.
const NOOP_DELAY_MS = 1000;
const TAG = /\bC\d{4}\b/g;

/** Counts the CPU of each QuickBooks simulator call and any request naming another company's tag. */
function watchQuickBooks(company: SimulatedCompany, totals: { cpuMicros: number; foreign: number }): void {
  const original = company.quickbooks.processRequest.bind(company.quickbooks);
  company.quickbooks.processRequest = async (xml: string) => {
    for (const tag of xml.match(TAG) ?? []) if (tag !== company.tag) totals.foreign += 1;
    const started = process.cpuUsage();
    try {
      return await original(xml);
    } finally {
      const used = process.cpuUsage(started);
      totals.cpuMicros += used.user + used.system;
    }
  };
}

/** At most `limit` holders at once (0 = no limit), served in the order they asked. */
function slots(limit: number) {
  let free = limit;
  const waiting: Array<() => void> = [];
  return {
    async take(): Promise<void> {
      if (limit === 0) return;
      if (free > 0) {
        free -= 1;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    give(): void {
      if (limit === 0) return;
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    },
  };
}

export async function runLoad(db: Database, companies: SimulatedCompany[], signIn: BenchSignIn, plan: LoadPlan): Promise<LoadResult> {
  const latency = new LatencyRecorder();
  const soapFetch = latency.soapFetch();
  const reports: Array<{ tag: string; session: number; report: SessionReport }> = [];
  const sessionsByInstance = plan.instanceUrls.map(() => 0);
  const refreshFailures: LoadResult['refreshFailures'] = [];
  let refreshFailed = 0;
  const totals = { cpuMicros: 0, foreign: 0, adds: 0, refreshes: 0, procoreEdits: 0 };
  for (const company of companies) watchQuickBooks(company, totals);
  let next = 0;
  const pickInstance = () => {
    const index = next++ % plan.instanceUrls.length;
    return { index, url: plan.instanceUrls[index]! };
  };
  // The first sessions are spread over one interval (or over up to 10 s when they run back to back), as Web Connectors
  // installed at different times poll at different moments.
  const spreadMs = plan.intervalSeconds > 0 ? plan.intervalSeconds * 1000 : Math.min(10_000, companies.length * 50);

  const askRefresh = async (company: SimulatedCompany, kind: RefreshKind) => {
    const { url } = pickInstance();
    const started = performance.now();
    const res = await fetch(`${url}/api/companies/${company.companyId}/imports/refresh`, {
      method: 'POST',
      headers: signIn.headers,
      body: JSON.stringify({ kind }),
    });
    const body = await res.text();
    latency.record('api POST imports/refresh', performance.now() - started);
    if (res.status === 202) {
      totals.refreshes += 1;
      return;
    }
    // A refused refresh is a finding, not the end of the run: counted, the first few kept with the server's answer.
    refreshFailed += 1;
    if (refreshFailures.length < 20) refreshFailures.push({ tag: company.tag, kind, status: res.status, body: body.slice(0, 300) });
  };

  const queueAdds = async (company: SimulatedCompany, session: number) => {
    for (let n = 0; n < plan.addsPerSession; n++) {
      // Alternately a vendor and a customer, as an export's dependencies reach QuickBooks before its transaction.
      const name = `${company.tag} Export ${session}-${n}`;
      await enqueueRequest(db, {
        companyId: company.companyId,
        dedupeKey: `bench:${name}`,
        requestedBy: 'bench',
        request: n % 2 === 0 ? { type: 'VendorAdd', name } : { type: 'CustomerAdd', name },
      });
      totals.adds += 1;
    }
  };

  const inFlight = slots(plan.concurrency);
  const runCompany = async (company: SimulatedCompany) => {
    await new Promise((r) => setTimeout(r, (company.index * spreadMs) / companies.length));
    for (let session = 0; session < plan.sessionsPerCompany; session++) {
      await inFlight.take();
      try {
        // The first session reads everything; later ones what a schedule reads most often (jobs and vendors).
        const kinds: readonly RefreshKind[] = session === 0 ? REFRESH_KINDS : ['jobs', 'vendors'];
        for (const kind of kinds) await askRefresh(company, kind);
        await queueAdds(company, session);
        // Someone adds a subcontractor to the company's Procore directory: Procore sends the webhook.
        plan.procore.edit.createVendor(procoreCompanyIdOf(company.index), { name: `${company.tag} Procore ${session}` });
        totals.procoreEdits += 1;
        const { index, url } = pickInstance();
        sessionsByInstance[index]! += 1;
        const report = await runWebConnectorSession({
          url: `${url}/qbwc`,
          username: company.username,
          password: company.password,
          processor: company.quickbooks,
          noOpDelayMs: NOOP_DELAY_MS,
          fetch: soapFetch,
        });
        reports.push({ tag: company.tag, session, report });
      } finally {
        inFlight.give();
      }
      if (plan.intervalSeconds > 0) await new Promise((r) => setTimeout(r, plan.intervalSeconds * 1000));
    }
  };

  const started = performance.now();
  await Promise.all(companies.map(runCompany));
  const wallMs = performance.now() - started;

  const outcomes: Record<string, number> = {};
  for (const { report } of reports) outcomes[report.outcome] = (outcomes[report.outcome] ?? 0) + 1;
  return {
    wallMs,
    sessions: reports.length,
    outcomes,
    failures: reports
      .filter((r) => r.report.outcome !== 'completed')
      .slice(0, 20)
      .map((r) => ({ tag: r.tag, session: r.session, outcome: r.report.outcome, detail: r.report.lastError ?? r.report.errors[0] ?? r.report.statusLine })),
    sessionsByInstance,
    sessionDuration: summarize(reports.map((r) => r.report.durationMs)),
    soapCalls: reports.reduce((n, r) => n + r.report.roundTrips, 0),
    qbxmlMessages: reports.reduce((n, r) => n + r.report.requestsSent, 0),
    addsQueued: totals.adds,
    refreshesAsked: totals.refreshes,
    refreshesRefused: refreshFailed,
    refreshFailures,
    procoreEdits: totals.procoreEdits,
    latency: latency.summary(),
    foreignRequests: totals.foreign,
    quickbooksCpuMs: totals.cpuMicros / 1000,
  };
}
