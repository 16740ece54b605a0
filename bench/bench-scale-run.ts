// One run of the scale benchmark: a fresh PostgreSQL database, `instances` server processes on it (they migrate it at
// start), the simulated companies, the load, the background jobs left to finish, then the figures and the checks.
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '@connector/db';
import type { ScaleBenchArgs } from './bench-scale-args.ts';
import { checkCompanies, type ScaleChecks } from './bench-scale-checks.ts';
import { createSimulatedCompanies, signInBenchUser } from './bench-scale-companies.ts';
import { cpuMsOf, peakRssOf, startInstances, stopInstances, type ServerInstance } from './bench-scale-instances.ts';
import { runLoad, type LoadResult } from './bench-scale-load.ts';
import { machineSummary, machineTimes } from './bench-scale-machine.ts';
import { HARNESS_APPLICATION_NAME, PostgresMonitor, recreateDatabase } from './bench-scale-postgres.ts';
import { connectToProcore, createBenchProcore } from './bench-scale-procore.ts';

export interface ScaleRunFigures {
  instances: number;
  companies: number;
  /** Sessions in flight at once (0 = all companies at once). */
  concurrency: number;
  load: LoadResult;
  sessionsPerSecond: number;
  jobs: {
    /** By kind, then status, of the jobs created during the run. */
    byKind: Record<string, Record<string, number>>;
    done: number;
    /** Jobs done per second, from the first session until the queue was empty again. */
    perSecond: number;
    /** How long the queue took to empty after the last session ended. */
    drainMs: number;
    /** Still queued or running when the bench stopped waiting (should be 0). */
    leftOver: number;
  };
  instanceFigures: Array<{
    index: number;
    pid: number;
    sessions: number;
    cpuMs: number;
    cores: number;
    peakRssMb: number;
    logLines: number;
    /** Errors the instance logged, and Prisma P2028 among them (ServerInstance.errorCounts). */
    errors: number;
    transactionStartTimeouts: number;
    logFile: string;
    firstLogLines: string[];
  }>;
  /** The load generator (this process: the QuickBooks simulators, the Web Connector clients, the Procore simulator). */
  harness: { cpuMs: number; cores: number; quickbooksSimulatorsCpuMs: number };
  postgres: ReturnType<PostgresMonitor['summary']> & { benchBackendsCores: number };
  machine: ReturnType<typeof machineSummary>;
  /**
   * CPU per completed session (ms), by process: robust where wall time is not (other work shares the cores). Capacity
   * on a machine of its own ≈ cores ÷ (instances + PostgreSQL) per session, the load generator apart.
   */
  cpuPerSessionMs: { instances: number; postgres: number; harness: number };
  /** What the Procore simulator served during the run (requests by route and status) and the webhooks it delivered. */
  procore: { requests: unknown; webhookDeliveries: unknown };
  setupMs: number;
  checks: ScaleChecks;
}

const DRAIN_LIMIT_MS = 300_000;

async function waitForJobs(db: Database): Promise<number> {
  const started = performance.now();
  for (;;) {
    const open = await db.prisma.job.count({ where: { status: { in: ['queued', 'running'] }, runAt: { lte: new Date() } } });
    if (open === 0 || performance.now() - started > DRAIN_LIMIT_MS) return open;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function runScale(args: ScaleBenchArgs, instanceCount: number, firstPort: number): Promise<ScaleRunFigures> {
  const setupStarted = performance.now();
  const databaseUrl = await recreateDatabase(args.database);
  // The instances are configured with a Procore OAuth client, as in production (TOKEN_ENCRYPTION_KEYS and all).
  const client = { clientId: 'bench-scale-client', clientSecret: randomBytes(16).toString('hex') };
  const procore = createBenchProcore(args.companies, client);
  const { url: procoreUrl } = await procore.start({ port: 0, host: '127.0.0.1' });
  let instances: ServerInstance[] = [];
  let db: Database | undefined;
  try {
    instances = await startInstances(instanceCount, firstPort, {
      databaseUrl,
      server: args.server,
      jobConcurrency: args.jobConcurrency,
      procore: { url: procoreUrl, ...client },
      tokenEncryptionKeys: `k1:${randomBytes(32).toString('base64')}`,
    });
    db = await openDatabase({ databaseUrl: `${databaseUrl}?application_name=${HARNESS_APPLICATION_NAME}`, migrate: false });
    const companies = await createSimulatedCompanies(db, args.companies);
    const signIn = await signInBenchUser(db, companies);
    await connectToProcore(
      companies,
      signIn,
      instances.map((i) => i.url),
    );
    procore.webhooks.startAutoDelivery(250);
    await waitForJobs(db);
    const monitor = new PostgresMonitor(db, args.database);
    const setupMs = performance.now() - setupStarted;

    // The window: from the first session until the last background job is done.
    const instanceCpuBefore = instances.map((i) => cpuMsOf(i.pid));
    const harnessBefore = process.cpuUsage();
    const machineBefore = machineTimes();
    const loadStartedAt = new Date();
    procore.resetStats();
    await monitor.start();
    const load = await runLoad(db, companies, signIn, {
      sessionsPerCompany: args.sessionsPerCompany,
      intervalSeconds: args.intervalSeconds,
      concurrency: args.concurrency,
      addsPerSession: args.addsPerSession,
      instanceUrls: instances.map((i) => i.url),
      procore,
    });
    const drainStarted = performance.now();
    const leftOver = await waitForJobs(db);
    const drainMs = performance.now() - drainStarted;
    await monitor.stop();
    const procoreStats = procore.stats();
    const windowMs = load.wallMs + drainMs;
    const harnessUsed = process.cpuUsage(harnessBefore);
    const machine = machineSummary(machineBefore, machineTimes(), windowMs);
    const instanceFigures = instances.map((instance, n) => {
      const cpuMs = cpuMsOf(instance.pid) - instanceCpuBefore[n]!;
      return {
        index: instance.index,
        pid: instance.pid,
        sessions: load.sessionsByInstance[n] ?? 0,
        cpuMs,
        cores: Math.round((cpuMs / windowMs) * 100) / 100,
        peakRssMb: Math.round(peakRssOf(instance.pid) / 1024 / 1024),
        logLines: instance.logLines(),
        ...instance.errorCounts(),
        logFile: instance.logFile,
        firstLogLines: instance.log.slice(0, 15).map((line) => line.slice(0, 600)),
      };
    });

    const jobRows = await db.prisma.job.groupBy({ by: ['kind', 'status'], where: { createdAt: { gte: loadStartedAt } }, _count: { _all: true } });
    const byKind: Record<string, Record<string, number>> = {};
    for (const row of jobRows) (byKind[row.kind] ??= {})[row.status] = row._count._all;
    const done = await db.prisma.job.count({ where: { status: 'done', finishedAt: { gte: loadStartedAt } } });
    const checks = await checkCompanies(db, companies, args.addsPerSession * args.sessionsPerCompany);
    const postgres = monitor.summary();
    const harnessCpuMs = (harnessUsed.user + harnessUsed.system) / 1000;
    const completed = Math.max(1, load.outcomes.completed ?? 0);
    const perSession = (ms: number) => Math.round(ms / completed);
    return {
      instances: instanceCount,
      companies: args.companies,
      concurrency: args.concurrency,
      load,
      sessionsPerSecond: Math.round(((load.outcomes.completed ?? 0) / (load.wallMs / 1000)) * 100) / 100,
      jobs: { byKind, done, perSecond: Math.round((done / (windowMs / 1000)) * 100) / 100, drainMs: Math.round(drainMs), leftOver },
      instanceFigures,
      harness: {
        cpuMs: Math.round(harnessCpuMs),
        cores: Math.round((harnessCpuMs / windowMs) * 100) / 100,
        quickbooksSimulatorsCpuMs: Math.round(load.quickbooksCpuMs),
      },
      postgres: { ...postgres, benchBackendsCores: Math.round((postgres.benchBackendsCpuMs / windowMs) * 100) / 100 },
      machine,
      cpuPerSessionMs: {
        instances: perSession(instanceFigures.reduce((sum, i) => sum + i.cpuMs, 0)),
        postgres: perSession(postgres.benchBackendsCpuMs),
        harness: perSession(harnessCpuMs),
      },
      procore: { requests: procoreStats, webhookDeliveries: procore.webhooks.stats() },
      setupMs: Math.round(setupMs),
      checks,
    };
  } finally {
    await stopInstances(instances);
    await db?.close();
    await procore.close();
  }
}
