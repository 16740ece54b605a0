// The PostgreSQL CPU a server process causes: the CPU of the backends serving its connections, and only those.
// The machine is shared (other benches and test suites use the same PostgreSQL), so summing every postgres
// process would count their work too. Each backend is tied to the server by its client port (pg_stat_activity)
// and the server's own sockets (/proc), sampled while the server works: a backend whose connection the pool
// closes mid-run still counts up to its last sample (it was idle by then).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_POSTGRES_URL } from '@connector/db/testing';
import { cpuMsOf, localTcpPortsOf } from './process-figures.ts';

const requireFromDb = createRequire(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/db/package.json'));
// pg is @connector/db's dependency, not the bench's: taken from there (as bench-round-trips.ts does).
interface PgClient {
  connect(): Promise<void>;
  query<Row>(text: string, values: unknown[]): Promise<{ rows: Row[] }>;
  end(): Promise<void>;
}
const pg = requireFromDb('pg') as { Client: new (options: { connectionString: string }) => PgClient };

export interface PostgresBackendCpu {
  /** Samples the backends now (call it before the work starts: their CPU so far is not counted). */
  start(): Promise<void>;
  /** Stops sampling; the CPU of every backend seen, since start() (or since it began, if it began later), in ms. */
  stop(): Promise<{ cpuMs: number; backends: number }>;
}

export async function watchPostgresBackendsOf(serverPid: () => number | undefined, everyMs = 250): Promise<PostgresBackendCpu> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  let sampling: Promise<void> = Promise.resolve();

  const sample = async (baseline: boolean) => {
    const pid = serverPid();
    if (pid === undefined) return;
    const ports = [...localTcpPortsOf(pid)];
    if (ports.length === 0) return;
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[]) AND client_addr IN ('127.0.0.1', '::1')",
      [ports],
    );
    for (const { pid: backend } of rows) {
      let cpu: number;
      try {
        cpu = cpuMsOf(backend);
      } catch {
        continue; // ended between the query and the read
      }
      // A backend already there at start counts from then; one that began later counts from its start.
      if (!first.has(backend)) first.set(backend, baseline ? cpu : 0);
      last.set(backend, cpu);
    }
  };

  return {
    async start() {
      await sample(true);
      started = true;
      timer = setInterval(() => {
        sampling = sampling.then(() => sample(false)).catch(() => {});
      }, everyMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      await sampling;
      if (started) await sample(false).catch(() => {});
      await client.end();
      let cpuMs = 0;
      for (const [backend, cpu] of last) cpuMs += cpu - (first.get(backend) ?? 0);
      return { cpuMs, backends: last.size };
    },
  };
}
