import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * The raw SQL side of a database, below Prisma: the migrator needs multi-statement scripts and an
 * advisory lock, which Prisma's raw queries (prepared statements) cannot run.
 */
export interface SqlDriver {
  readonly kind: 'pglite' | 'postgres';
  /** Runs a script of one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs fn on one connection, so session-level state (locks, transactions) holds across calls. */
  withConnection<T>(fn: (connection: SqlDriver) => Promise<T>): Promise<T>;
}

export function pgliteDriver(db: PGlite): SqlDriver {
  const driver: SqlDriver = {
    kind: 'pglite',
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await db.query<Row>(sql, params);
      return result.rows;
    },
    // PGlite is a single connection: every call already shares it.
    withConnection: (fn) => fn(driver),
  };
  return driver;
}

export function postgresDriver(pool: pg.Pool): SqlDriver {
  const fromClient = (client: pg.PoolClient): SqlDriver => {
    const connection: SqlDriver = {
      kind: 'postgres',
      async exec(sql) {
        await client.query(sql);
      },
      async query<Row>(sql: string, params: unknown[] = []) {
        const result = await client.query(sql, params);
        return result.rows as Row[];
      },
      withConnection: (fn) => fn(connection),
    };
    return connection;
  };
  return {
    kind: 'postgres',
    async exec(sql) {
      await pool.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await pool.query(sql, params);
      return result.rows as Row[];
    },
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(fromClient(client));
      } finally {
        client.release();
      }
    },
  };
}
