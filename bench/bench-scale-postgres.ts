// The PostgreSQL side of the scale benchmark: a database of its own, dropped and created afresh for each run, and
// what PostgreSQL spent on it — connections (pg_stat_activity) and CPU. Other agents' tests share this PostgreSQL
// server (database `test`), so the CPU counted is that of the backends serving the bench's database; the whole
// server's CPU is reported beside it for context.
import { readdirSync, readFileSync } from 'node:fs';
import { openDatabase, type Database } from '@connector/db';
import { cpuMsOf } from './bench-scale-instances.ts';

/** The PostgreSQL server the bench uses (trust authentication on the loopback, as the tests). */
export const POSTGRES_ORIGIN = process.env.BENCH_POSTGRES_ORIGIN ?? 'postgresql://postgres@127.0.0.1:5432';

/** application_name of the load generator's own connections (queueing adds, the checks), told apart from the instances'. */
export const HARNESS_APPLICATION_NAME = 'bench-scale-harness';

export async function recreateDatabase(name: string): Promise<string> {
  const admin = await openDatabase({ databaseUrl: `${POSTGRES_ORIGIN}/postgres`, migrate: false });
  try {
    await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.sql.exec(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
  return `${POSTGRES_ORIGIN}/${name}`;
}

/** CPU (ms) so far of every process named postgres (the whole server: every database's backends, its background processes). */
export function postgresProcessesCpuMs(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      cpu.set(Number(entry), cpuMsOf(Number(entry)));
    } catch {
      // the process ended between the listing and the read
    }
  }
  return cpu;
}

export interface PostgresSample {
  atMs: number;
  /** The instances' connections to the bench's database (every state), and of those the ones running a query. */
  connections: number;
  active: number;
  /** Holding a transaction open while PostgreSQL waits for the client's next statement (the instance is busy elsewhere). */
  idleInTransaction: number;
  /** Connections to the whole server (other agents' tests included). */
  serverConnections: number;
}

/**
 * Samples pg_stat_activity once a second while the load runs, and the CPU of the backends that serve the bench's
 * database: a backend's CPU is cumulative, so its last reading is what it spent (a backend that closes between two
 * readings loses under a second of it; the instances' pools keep theirs open).
 */
export class PostgresMonitor {
  readonly samples: PostgresSample[] = [];
  private readonly backendCpu = new Map<number, { first: number; last: number }>();
  private readonly serverCpu = new Map<number, { first: number; last: number }>();
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;

  private readonly db: Database;
  private readonly databaseName: string;
  constructor(db: Database, databaseName: string) {
    this.db = db;
    this.databaseName = databaseName;
  }

  async start(): Promise<void> {
    this.startedAt = performance.now();
    await this.sample();
    this.timer = setInterval(() => void this.sample().catch(() => {}), 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sample();
  }

  private async sample(): Promise<void> {
    // Per process, as for the backends: a test backend of another database that ends meanwhile must not count negative.
    for (const [pid, cpu] of postgresProcessesCpuMs()) {
      const seen = this.serverCpu.get(pid);
      if (seen) seen.last = cpu;
      else this.serverCpu.set(pid, { first: cpu, last: cpu });
    }
    const rows = await this.db.sql.query<{ pid: number; datname: string | null; state: string | null; application_name: string | null }>(
      `SELECT pid, datname, state, application_name FROM pg_stat_activity WHERE backend_type = 'client backend'`,
    );
    // The instances' connections; the load generator's own (HARNESS_APPLICATION_NAME) are left out.
    const ours = rows.filter((r) => r.datname === this.databaseName && r.application_name !== HARNESS_APPLICATION_NAME);
    for (const row of ours) {
      try {
        const cpu = cpuMsOf(row.pid);
        const seen = this.backendCpu.get(row.pid);
        if (seen) seen.last = cpu;
        // A backend first seen now may have worked before (the pool opened it at start-up): count from here.
        else this.backendCpu.set(row.pid, { first: cpu, last: cpu });
      } catch {
        // ended meanwhile
      }
    }
    this.samples.push({
      atMs: performance.now() - this.startedAt,
      connections: ours.length,
      active: ours.filter((r) => r.state === 'active').length,
      idleInTransaction: ours.filter((r) => r.state === 'idle in transaction').length,
      serverConnections: rows.length,
    });
  }

  summary() {
    const connections = this.samples.map((s) => s.connections);
    const active = this.samples.map((s) => s.active);
    const mean = (list: number[]) => (list.length === 0 ? 0 : list.reduce((a, b) => a + b, 0) / list.length);
    return {
      connectionsPeak: Math.max(0, ...connections),
      connectionsMean: Math.round(mean(connections) * 10) / 10,
      activePeak: Math.max(0, ...active),
      activeMean: Math.round(mean(active) * 10) / 10,
      idleInTransactionPeak: Math.max(0, ...this.samples.map((s) => s.idleInTransaction)),
      idleInTransactionMean: Math.round(mean(this.samples.map((s) => s.idleInTransaction)) * 10) / 10,
      serverConnectionsPeak: Math.max(0, ...this.samples.map((s) => s.serverConnections)),
      backendsSeen: this.backendCpu.size,
      /** CPU of the backends serving the bench's database during the load (ms). */
      benchBackendsCpuMs: [...this.backendCpu.values()].reduce((sum, b) => sum + b.last - b.first, 0),
      /** CPU of every postgres process over the same time (other agents' test databases included). */
      serverCpuMs: [...this.serverCpu.values()].reduce((sum, p) => sum + p.last - p.first, 0),
    };
  }
}
