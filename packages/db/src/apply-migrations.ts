import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlDriver } from './sql-driver.ts';

// Prisma's own bookkeeping table, column for column, so `prisma migrate deploy` sees our history
// as its own where the schema engine is available (docs/machine-setup.md#migrations).
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// The advisory lock key Prisma Migrate itself takes, so our migrator and `prisma migrate deploy`
// (and several of our server instances starting at once) never run migrations concurrently.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
    // Prisma's checksum: SHA-256 of the migration.sql bytes, hex.
    migrations.push({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * Applies pending migrations in name order, each in its own transaction, and records them in
 * `_prisma_migrations`. Refuses to start when an applied migration's file has changed or a
 * previous attempt failed half-way: both need a person, not a silent retry.
 */
export async function applyMigrations(driver: SqlDriver, migrationsDir: string): Promise<string[]> {
  const migrations = await readMigrations(migrationsDir);
  return driver.withConnection(async (conn) => {
    await conn.exec(CREATE_MIGRATIONS_TABLE);
    await conn.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      const applied = await conn.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
      );
      const byName = new Map(applied.filter((row) => row.rolled_back_at === null).map((row) => [row.migration_name, row]));
      const done: string[] = [];
      for (const migration of migrations) {
        const row = byName.get(migration.name);
        if (row) {
          if (row.finished_at === null) {
            throw new MigrationError(
              `Migration ${migration.name} started earlier but did not finish. Inspect the database, then mark it rolled back in _prisma_migrations.`,
            );
          }
          if (row.checksum !== migration.checksum) {
            throw new MigrationError(
              `Migration ${migration.name} was changed after it was applied (checksum differs). Add a new migration instead of editing an applied one.`,
            );
          }
          continue;
        }
        const id = randomUUID();
        await conn.exec('BEGIN');
        try {
          await conn.exec(migration.sql);
          await conn.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
            [id, migration.checksum, migration.name],
          );
          await conn.exec('COMMIT');
        } catch (error) {
          await conn.exec('ROLLBACK');
          throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        done.push(migration.name);
      }
      return done;
    } finally {
      await conn.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    }
  });
}
