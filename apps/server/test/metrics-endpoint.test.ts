import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@connector/db';
import { databaseKinds, isPostgresReachable, TEST_POSTGRES_URL } from '@connector/db/testing';
import { enqueueJob, enqueueRequest, RECONCILE_PROCORE_JOB } from '@connector/sync';
import { callQbwc } from './support/raw-soap.ts';
import { driveSession } from './support/drive-session.ts';
import { hcpResponse, nameOf, responseMessage, rs, vendorRet } from './support/qb-responses.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

/** `name{a="x",b="y"} 3` lines of the Prometheus text format → value by `name{a="x",b="y"}` as written. */
function parseScrape(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

// GET /metrics scraped around a short Web Connector session, a refused sign-in and a background job: the
// counters and gauges move by what happened, on both databases (README "Run it like production").
describe.each(await databaseKinds())('GET /metrics and /readyz (%s)', (kind) => {
  let server: TestServer;
  const scrape = async () => {
    const response = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return parseScrape(response.body);
  };
  const value = (scraped: Map<string, number>, series: string) => scraped.get(series) ?? 0;

  beforeAll(async () => {
    server = await startTestServer(kind, { QBWC_BATCH_SIZE: '2' });
  });
  afterAll(async () => server?.close());

  it('counts QBWC calls by method and outcome, QuickBooks status codes, the queue and sessions', async () => {
    const setup = await createCompanyWithCredentials(server);
    const db = server.testDb.database;
    for (const name of ['Apex Concrete LLC', 'Baker Steel', 'Cortez Electric']) {
      await enqueueRequest(db, { companyId: setup.company.id, request: { type: 'VendorAdd', name }, dedupeKey: `vendor:${name}`, requestedBy: 'test' });
    }
    const before = await scrape();
    expect(value(before, 'connector_quickbooks_queue_requests{state="queued"}')).toBe(3);
    expect(value(before, 'connector_quickbooks_queue_oldest_age_seconds{state="queued"}')).toBeGreaterThanOrEqual(0);
    expect(value(before, 'connector_metrics_database_up')).toBe(1);

    await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: 'wrong password' });
    const run = await driveSession(server.app, {
      username: setup.username,
      password: setup.password,
      hcp: hcpResponse({ fileId: setup.connection.fileId }),
      // Cortez Electric is refused by QuickBooks (3140), the others are added.
      respond: (_xml, requests) =>
        responseMessage(
          requests.map((r) =>
            nameOf(r) === 'Cortez Electric'
              ? rs(r.type, r.requestId, 3140, '', 'There is an invalid reference to QuickBooks Vendor Type "Subs" in the Vendor.')
              : rs(r.type, r.requestId, 0, vendorRet(nameOf(r))),
          ),
        ),
    });
    expect(run.percents.at(-1)).toBe(100);

    const after = await scrape();
    const moved = (series: string) => value(after, series) - value(before, series);
    expect(moved('connector_qbwc_calls_total{method="authenticate",outcome="refused"}')).toBe(1);
    expect(moved('connector_qbwc_calls_total{method="authenticate",outcome="session"}')).toBe(1);
    expect(moved('connector_qbwc_calls_total{method="sendRequestXML",outcome="request"}')).toBe(run.sent.length);
    expect(moved('connector_qbwc_calls_total{method="receiveResponseXML",outcome="done"}')).toBe(1);
    expect(moved('connector_qbwc_calls_total{method="receiveResponseXML",outcome="more"}')).toBe(run.percents.length - 1);
    expect(moved('connector_qbwc_calls_total{method="closeConnection",outcome="ok"}')).toBe(1);
    expect(moved('connector_qbwc_call_duration_seconds_count{method="authenticate"}')).toBe(2);
    expect(moved('connector_quickbooks_responses_total{request="VendorAdd",status_code="0",severity="Info"}')).toBe(2);
    expect(moved('connector_quickbooks_responses_total{request="VendorAdd",status_code="3140",severity="Error"}')).toBe(1);
    expect(value(after, 'connector_quickbooks_queue_requests{state="queued"}')).toBe(0);
    expect(value(after, 'connector_quickbooks_queue_requests{state="sent"}')).toBe(0);
    expect(value(after, 'connector_qbwc_sessions_last_hour')).toBe(1);
    expect(value(after, 'connector_qbwc_companies_with_sessions_last_hour')).toBe(1);
    expect(value(after, 'connector_qbwc_max_sessions_per_company_last_hour')).toBe(1);
    // Process figures come along (prom-client's defaults).
    expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // The logs name the company and the session of every call of it (the metrics cannot), never the ticket.
    const session = await db.prisma.qbwcSession.findFirstOrThrow({ where: { companyId: setup.company.id } });
    const calls = server.logs.filter((line) => line.msg === 'QBWC call' && line.sessionId === session.id);
    expect(calls.map((line) => line.qbwcMethod)).toEqual([
      'authenticate',
      ...run.sent.flatMap(() => ['sendRequestXML', 'receiveResponseXML']),
      'closeConnection',
    ]);
    expect(calls.every((line) => line.companyId === setup.company.id && typeof line.durationMs === 'number')).toBe(true);
    expect(server.rawLogs.join('\n')).not.toContain(run.ticket);
  });

  it('counts background job runs by kind and outcome, and the job queue', async () => {
    const setup = await createCompanyWithCredentials(server, 'Delta Drywall', '4264999');
    // No Procore connection: the reconciliation job throws PROCORE_NOT_CONNECTED.
    await enqueueJob(server.testDb.database.prisma, { companyId: setup.company.id, kind: RECONCILE_PROCORE_JOB, payload: { full: false, actor: 'test' } });
    const before = await scrape();
    expect(value(before, 'connector_job_queue_jobs{state="due"}')).toBeGreaterThanOrEqual(1);
    expect(await server.app.jobRunner.drain({ companyId: setup.company.id, maxJobs: 1 })).toBe(1);
    const after = await scrape();
    const kindLabel = `kind="${RECONCILE_PROCORE_JOB}"`;
    // Not retryable: it is a dead letter now, counted until someone resolves it.
    expect(value(after, 'connector_job_queue_jobs{state="failed"}') - value(before, 'connector_job_queue_jobs{state="failed"}')).toBe(1);
    expect(value(after, `connector_jobs_total{${kindLabel},outcome="threw"}`) - value(before, `connector_jobs_total{${kindLabel},outcome="threw"}`)).toBe(1);
    expect(value(after, `connector_job_duration_seconds_count{${kindLabel}}`)).toBe(value(before, `connector_job_duration_seconds_count{${kindLabel}}`) + 1);
  });

  it('GET /readyz is ready when every migration this build ships is applied, and says which one is not', async () => {
    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: { status: 'ok', kind } });
    const sql = server.testDb.database.sql;
    const [last] = await sql.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1');
    await sql.query('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1', [last!.migration_name]);
    try {
      const pending = await server.app.inject({ method: 'GET', url: '/readyz' });
      expect(pending.statusCode).toBe(503);
      expect(pending.json()).toEqual({ status: 'not_ready', database: { status: 'migrations_pending', kind, pendingMigrations: [last!.migration_name] } });
    } finally {
      await sql.query('UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1', [last!.migration_name]);
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let server: TestServer;
  const token = 'a-metrics-token-of-32-characters';
  beforeAll(async () => {
    server = await startTestServer('pglite', { METRICS_TOKEN: token });
  });
  afterAll(async () => server?.close());

  it('answers only the bearer of the token', async () => {
    const get = (authorization?: string) => server.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
    expect((await get()).statusCode).toBe(401);
    expect((await get(`Bearer ${token}x`)).statusCode).toBe(401);
    expect((await get(token)).statusCode).toBe(401);
    const ok = await get(`Bearer ${token}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('connector_qbwc_calls_total');
    // The token is a secret: never in the log.
    expect(server.rawLogs.join('\n')).not.toContain(token);
  });
});

// Liveness and readiness apart: with the database refusing connections (PostgreSQL: ALLOW_CONNECTIONS false, then
// every session ended), /healthz still answers 200 and /readyz 503 unreachable, as does the scrape's database gauge.
describe.skipIf(!(await isPostgresReachable()))('GET /healthz and /readyz with the database away (postgres)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('postgres');
  });
  afterAll(async () => server?.close());

  it('stays alive while not ready', async () => {
    const name = new URL(server.testDb.url!).pathname.slice(1);
    // From another database (a database cannot refuse its own connections); the test helper drops it afterwards.
    const admin = await openDatabase({ databaseUrl: TEST_POSTGRES_URL, migrate: false });
    try {
      await admin.sql.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.sql.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    } finally {
      await admin.close();
    }

    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not_ready', database: { status: 'unreachable', kind: 'postgres' } });
    const alive = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(alive.statusCode).toBe(200);
    expect(alive.json()).toMatchObject({ status: 'ok', database: { kind: 'postgres' } });
    const scrape = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
    expect(parseScrape(scrape.body).get('connector_metrics_database_up')).toBe(0);
  });
});
