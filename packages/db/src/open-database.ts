import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { applyMigrations } from './apply-migrations.ts';
import { lockDataDir } from './lock-data-dir.ts';
import { pgliteDriver, postgresDriver, type SqlDriver } from './sql-driver.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations');

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /**
   * PostgreSQL connections this process may hold (default 10). Each Web Connector answer and each job holds one for its
   * transaction; when all are taken, Prisma waits 2 s for one and then fails the call (P2028): measured with
   * `pnpm bench:scale` (docs/scale.md, "What saturates first").
   */
  poolMax?: number;
  /** Folder for PGlite's files; 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /**
   * Who opens an embedded database folder, written into its lock file so a second process is told who holds it
   * (e.g. "the connector server (port 3000)"); default the command line.
   */
  owner?: string;
}

export interface Database {
  prisma: PrismaClient;
  sql: SqlDriver;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for /healthz and logs (never includes a password). */
  location: string;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolMax ?? 10)
    : await openPglite(options.dataDir ?? './data', options.owner);
  if (options.migrate !== false) {
    try {
      await applyMigrations(database.sql, MIGRATIONS_DIR);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

function openPostgres(databaseUrl: string, poolMax: number): Database {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const url = new URL(databaseUrl);
  return {
    prisma,
    sql: postgresDriver(pool),
    kind: 'postgres',
    location: `postgresql://${url.hostname}:${url.port || 5432}${url.pathname}`,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

async function openPglite(dataDir: string, owner = defaultOwner()): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  // Loaded only for the embedded database: a server on PostgreSQL does not hold PGlite's modules (resting memory, issue 19).
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  // One process per folder (lock-data-dir.ts): a second one is refused with the holder's name, never a silent loss.
  const unlock = inMemory ? async () => {} : await lockDataDir(dataDir, owner);
  let pglite: PGlite;
  try {
    pglite = new PGlite(inMemory ? undefined : path.resolve(dataDir));
    await pglite.waitReady;
  } catch (error) {
    await unlock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    sql: pgliteDriver(pglite),
    kind: 'pglite',
    location: inMemory ? 'memory' : path.resolve(dataDir),
    async close() {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
      await unlock();
    },
  };
}

function defaultOwner(): string {
  return `"${process.argv
    .slice(1)
    .map((arg) => path.basename(arg))
    .join(' ')}"`;
}
