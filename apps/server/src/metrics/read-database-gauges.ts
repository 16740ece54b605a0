import type { Database } from '@connector/db';
import type { Metrics } from './create-metrics.ts';

/**
 * Sets the queue and session gauges from the database, once per scrape (four aggregate queries over all
 * companies). A scrape that cannot reach the database still answers, with connector_metrics_database_up 0 and
 * the gauges as they were, so the process figures keep coming while the database is away.
 */
export async function readDatabaseGauges(db: Database, metrics: Metrics, now: Date): Promise<void> {
  try {
    const [requests, jobs, sessions, perCompany] = await Promise.all([
      db.sql.query<{ status: string; count: string | number; oldest: Date | string | null }>(
        `SELECT status, count(*) AS count, min(CASE WHEN status = 'sent' THEN sent_at ELSE created_at END) AS oldest
           FROM queued_requests WHERE status IN ('queued', 'sent') GROUP BY status`,
      ),
      db.sql.query<{
        queued: string | number;
        due: string | number;
        running: string | number;
        failed: string | number;
        oldest_due: Date | string | null;
        oldest_running: Date | string | null;
        oldest_failed: Date | string | null;
      }>(
        // Running age from the claim (started_at; updated_at moves with every heartbeat). Failed jobs are the
        // dead letters the exception queue shows until someone resolves them (retention keeps them).
        `SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
                count(*) FILTER (WHERE status = 'queued' AND run_at <= $1) AS due,
                count(*) FILTER (WHERE status = 'running') AS running,
                count(*) FILTER (WHERE status = 'failed') AS failed,
                min(run_at) FILTER (WHERE status = 'queued' AND run_at <= $1) AS oldest_due,
                min(coalesce(started_at, updated_at)) FILTER (WHERE status = 'running') AS oldest_running,
                min(coalesce(finished_at, updated_at)) FILTER (WHERE status = 'failed') AS oldest_failed
           FROM jobs WHERE status IN ('queued', 'running', 'failed')`,
        [now],
      ),
      db.sql.query<{ state: string; count: string | number }>(
        `SELECT state, count(*) AS count FROM qbwc_sessions WHERE state IN ('authenticated', 'exchanging') GROUP BY state`,
      ),
      db.sql.query<{ sessions: string | number; companies: string | number; most: string | number | null }>(
        `SELECT coalesce(sum(n), 0) AS sessions, count(*) AS companies, max(n) AS most
           FROM (SELECT company_id, count(*) AS n FROM qbwc_sessions WHERE started_at > $1 GROUP BY company_id) AS per_company`,
        [new Date(now.getTime() - 3_600_000)],
      ),
    ]);
    for (const state of ['queued', 'sent'] as const) {
      const row = requests.find((r) => r.status === state);
      metrics.queuedRequests.set({ state }, Number(row?.count ?? 0));
      metrics.queuedRequestOldestSeconds.set({ state }, ageSeconds(row?.oldest ?? null, now));
    }
    const job = jobs[0];
    metrics.jobQueue.set({ state: 'queued' }, Number(job?.queued ?? 0));
    metrics.jobQueue.set({ state: 'due' }, Number(job?.due ?? 0));
    metrics.jobQueue.set({ state: 'running' }, Number(job?.running ?? 0));
    metrics.jobQueue.set({ state: 'failed' }, Number(job?.failed ?? 0));
    metrics.jobQueueOldestSeconds.set({ state: 'due' }, ageSeconds(job?.oldest_due ?? null, now));
    metrics.jobQueueOldestSeconds.set({ state: 'running' }, ageSeconds(job?.oldest_running ?? null, now));
    metrics.jobQueueOldestSeconds.set({ state: 'failed' }, ageSeconds(job?.oldest_failed ?? null, now));
    for (const state of ['authenticated', 'exchanging'] as const)
      metrics.qbwcSessionsOpen.set({ state }, Number(sessions.find((r) => r.state === state)?.count ?? 0));
    metrics.qbwcSessionsLastHour.set(Number(perCompany[0]?.sessions ?? 0));
    metrics.qbwcCompaniesLastHour.set(Number(perCompany[0]?.companies ?? 0));
    metrics.qbwcMaxSessionsPerCompany.set(Number(perCompany[0]?.most ?? 0));
    metrics.databaseUp.set(1);
  } catch {
    metrics.databaseUp.set(0);
  }
}

function ageSeconds(oldest: Date | string | null, now: Date): number {
  if (oldest === null) return 0;
  return Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000);
}
