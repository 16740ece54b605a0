import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../open-database.ts';

// Integration tests run against both backends: the embedded PGlite default and a real PostgreSQL
// server (127.0.0.1:5432 on our machines; TEST_DATABASE_URL overrides). Each test file gets its own
// freshly created PostgreSQL database, so files run in parallel without seeing each other's rows.
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export type DatabaseKind = 'pglite' | 'postgres';

let postgresReachable: Promise<boolean> | undefined;

export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (error) {
      process.stderr.write(
        `\n[tests] PostgreSQL did not answer at ${TEST_POSTGRES_URL} (${(error as Error).message}): ` +
          `its integration runs are SKIPPED; only the embedded PGlite runs.\n`,
      );
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresReachable;
}

/** The database kinds to run against: always PGlite, PostgreSQL when a server answers. */
export async function databaseKinds(): Promise<DatabaseKind[]> {
  return (await isPostgresReachable()) ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  kind: DatabaseKind;
  /** postgres:// URL of the scratch database (postgres only): lets a test open a second "instance". */
  url?: string;
  database: Database;
  /** Opens another connection set to the same data (a second server instance). */
  openAnother(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    return {
      kind,
      database,
      // PGlite is in-process and single-connection: a second instance shares the same handle.
      openAnother: async () => database,
      dispose: () => database.close(),
    };
  }
  const name = `connector_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = await openDatabase({ databaseUrl });
  const others: Database[] = [];
  return {
    kind,
    url: databaseUrl,
    database,
    async openAnother() {
      const other = await openDatabase({ databaseUrl });
      others.push(other);
      return other;
    },
    async dispose() {
      await Promise.all([database, ...others].map((d) => d.close()));
      const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
