import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { collectProcessMetrics } from './collect-process-metrics.ts';

/**
 * Every metric the server exposes at /metrics (Prometheus text format, prom-client), on a registry of its own
 * per app so several apps in one process (the tests) do not collide in prom-client's global one.
 *
 * Label cardinality (Prometheus, "Metric and label naming" / "Instrumentation: Do not overuse labels"): one
 * deployment serves every Procore company that installs the app, thousands of them, so no metric is labelled by
 * company, session or job id — those go in the logs and the API. Labels are only bounded sets: QBWC methods
 * (11), answer outcomes, job kinds (a constant list), Procore routes with ids replaced (at most
 * `MAX_PROCORE_ROUTES`), HTTP statuses and QuickBooks status codes (four digits at most). Per-company load is
 * summarised instead: companies with a session in the last hour and the most sessions any one company had.
 */
export function createMetrics() {
  // A new registry holding the process figures (resident memory, CPU, event-loop delay, heap: what one instance holds),
  // which are collected once per process (collect-process-metrics.ts: per app, each closed app's monitors ran on,
  // issue 19); this app's own metrics are registered beside them.
  const registry = Registry.merge([collectProcessMetrics()]);
  const registers = [registry];

  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
  return {
    registry,
    qbwcCalls: new Counter({
      name: 'connector_qbwc_calls_total',
      help: 'Web Connector SOAP calls answered, by method and outcome',
      labelNames: ['method', 'outcome'] as const,
      registers,
    }),
    qbwcCallSeconds: new Histogram({
      name: 'connector_qbwc_call_duration_seconds',
      help: 'Time to answer a Web Connector call (after its body was read), by method',
      labelNames: ['method'] as const,
      buckets: seconds,
      registers,
    }),
    quickbooksStatuses: new Counter({
      name: 'connector_quickbooks_responses_total',
      help: 'qbXML answers applied, by request type, QuickBooks statusCode and severity',
      labelNames: ['request', 'status_code', 'severity'] as const,
      registers,
    }),
    jobs: new Counter({
      name: 'connector_jobs_total',
      help: 'Background job runs in this process, by kind and outcome (succeeded, or threw: retried or failed by the runner)',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    jobSeconds: new Histogram({
      name: 'connector_job_duration_seconds',
      help: 'Time one background job run took, by kind',
      labelNames: ['kind'] as const,
      buckets: [...seconds, 300],
      registers,
    }),
    procoreRequests: new Counter({
      name: 'connector_procore_requests_total',
      help: 'HTTP requests sent to Procore (API and OAuth), by route (ids replaced) and status (network_error when none came back)',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    procoreRequestSeconds: new Histogram({
      name: 'connector_procore_request_duration_seconds',
      help: 'Time Procore took to answer, by route',
      labelNames: ['method', 'route'] as const,
      buckets: seconds,
      registers,
    }),
    procoreRateLimitWaits: new Counter({
      name: 'connector_procore_rate_limit_waits_total',
      help: 'Procore calls that waited for the client-side rate limiter (all companies; read from the limiters at each scrape)',
      registers,
    }),
    procoreRateLimitWaitSeconds: new Counter({
      name: 'connector_procore_rate_limit_wait_seconds_total',
      help: 'Time Procore calls waited for the client-side rate limiter, summed',
      registers,
    }),
    procoreRateLimitHolds: new Counter({
      name: 'connector_procore_rate_limit_server_holds_total',
      help: "Times Procore's headers (Remaining 0, Retry-After) held every call of a company",
      registers,
    }),
    queuedRequests: new Gauge({
      name: 'connector_quickbooks_queue_requests',
      help: 'qbXML requests waiting for QuickBooks (queued) or sent and not answered (sent), all companies',
      labelNames: ['state'] as const,
      registers,
    }),
    queuedRequestOldestSeconds: new Gauge({
      name: 'connector_quickbooks_queue_oldest_age_seconds',
      help: 'Age of the oldest request in each state (queued: since created; sent: since sent); 0 when none',
      labelNames: ['state'] as const,
      registers,
    }),
    jobQueue: new Gauge({
      name: 'connector_job_queue_jobs',
      help: 'Background jobs by state: queued (all), due (queued and due now), running, failed (dead letters in the exception queue)',
      labelNames: ['state'] as const,
      registers,
    }),
    jobQueueOldestSeconds: new Gauge({
      name: 'connector_job_queue_oldest_age_seconds',
      help: 'How long the oldest due job has been due (due), the oldest running job has run (running), or the oldest failed job has waited (failed); 0 when none',
      labelNames: ['state'] as const,
      registers,
    }),
    qbwcSessionsOpen: new Gauge({
      name: 'connector_qbwc_sessions_open',
      help: 'Web Connector sessions not ended, by state',
      labelNames: ['state'] as const,
      registers,
    }),
    qbwcSessionsLastHour: new Gauge({
      name: 'connector_qbwc_sessions_last_hour',
      help: 'Web Connector sessions started in the last hour, all companies',
      registers,
    }),
    qbwcCompaniesLastHour: new Gauge({
      name: 'connector_qbwc_companies_with_sessions_last_hour',
      help: 'Companies with at least one Web Connector session started in the last hour',
      registers,
    }),
    qbwcMaxSessionsPerCompany: new Gauge({
      name: 'connector_qbwc_max_sessions_per_company_last_hour',
      help: 'The most sessions one company started in the last hour (a Web Connector looping shows here)',
      registers,
    }),
    databaseUp: new Gauge({
      name: 'connector_metrics_database_up',
      help: '1 when the queue and session figures above could be read from the database at this scrape, else 0',
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
