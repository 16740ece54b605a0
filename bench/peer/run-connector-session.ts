// One Web Connector session against this server as its own process (apps/server/src/main.ts, as in production),
// on PGlite (a data folder) or PostgreSQL (a scratch database): the same client and QuickBooks simulator as for
// quickbooks-js. Server CPU and peak RSS from /proc; on PostgreSQL also the CPU of the backends serving it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '@connector/db';
import { createTestDatabase, type DatabaseKind } from '@connector/db/testing';
import type { QuickBooksSimulator } from '@connector/qb-simulator';
import { runWebConnectorSession, type SessionReport } from '@connector/qbwc-client';
import { createCompany, setQbwcCredentials } from '@connector/sync';
import { watchPostgresBackendsOf } from './postgres-backend-cpu.ts';
import { cpuMsOf, peakRssOf } from './process-figures.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_OWNER_ID = '{6B9C3C8E-5F0B-4B7A-9E2D-3A1F4C8D2E71}';

export interface ConnectorSessionFigures {
  database: DatabaseKind;
  report: SessionReport;
  /** The server process's CPU over the session (user + system; PGlite runs inside it), ms. */
  cpuMs: number;
  /** PostgreSQL backends serving the server, over the session (null on PGlite: it is in cpuMs). */
  postgresCpuMs: number | null;
  postgresBackends: number | null;
  peakRssBytes: number;
  rssAtStartBytes: number;
}

/**
 * `prepare` fills the database before the server starts (company, credentials, what to queue) and returns
 * the Web Connector's credentials; the company file's FileID is stamped in the simulator as QBWC does.
 */
export async function runConnectorSession(
  database: DatabaseKind,
  simulator: QuickBooksSimulator,
  prepare: (db: Database, companyId: string) => Promise<void>,
): Promise<ConnectorSessionFigures> {
  const dataDir = database === 'pglite' ? await mkdtemp(path.join(os.tmpdir(), 'bench-peer-pglite-')) : undefined;
  const scratch = database === 'postgres' ? await createTestDatabase('postgres') : undefined;
  const db = scratch ? scratch.database : await openDatabase({ dataDir: dataDir!, owner: 'bench (preparing)' });
  let username: string;
  let password: string;
  try {
    const company = await createCompany(db, { procoreCompanyId: '1', name: 'Bench Peer Co', actor: 'bench' });
    const credentials = await setQbwcCredentials(db, { companyId: company.id, actor: 'bench' });
    username = credentials.connection.username;
    password = credentials.password;
    simulator.ensureFileId(BENCH_OWNER_ID, credentials.connection.fileId);
    await prepare(db, company.id);
  } finally {
    // PGlite is one process's: the server opens the folder after the bench lets it go.
    if (!scratch) await db.close();
  }

  const port = 40_000 + Math.floor(Math.random() * 10_000);
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: scratch?.url ?? '',
      DATA_DIR: dataDir ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://localhost:${port}`,
      LOG_LEVEL: 'error',
      QBWC_OWNER_ID: BENCH_OWNER_ID,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i += 1) {
      try {
        await fetch(`http://127.0.0.1:${port}/healthz`);
        break;
      } catch {
        if (server.exitCode !== null || i > 600) throw new Error('server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const pid = server.pid!;
    const rssAtStart = peakRssOf(pid);
    const backends = scratch ? await watchPostgresBackendsOf(() => pid) : undefined;
    await backends?.start();
    const cpuAtStart = cpuMsOf(pid);
    const report = await runWebConnectorSession({ url: `http://localhost:${port}/qbwc`, username, password, processor: simulator, noOpDelayMs: 100 });
    const cpuMs = cpuMsOf(pid) - cpuAtStart;
    const peakRssBytes = peakRssOf(pid);
    const postgres = backends ? await backends.stop() : undefined;
    if (report.outcome !== 'completed') throw new Error(`session with the server ended ${report.outcome}: ${report.statusLine} ${report.errors.join('; ')}`);
    return {
      database,
      report,
      cpuMs,
      postgresCpuMs: postgres?.cpuMs ?? null,
      postgresBackends: postgres?.backends ?? null,
      peakRssBytes,
      rssAtStartBytes: rssAtStart,
    };
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await scratch?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}
