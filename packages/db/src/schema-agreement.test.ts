import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from './testing/test-databases.ts';
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from './index.ts';

// docs/machine-setup.md#migrations: migrations are hand-written SQL; this proves they build exactly what schema.prisma
// describes (every model's table, every field's column with its type and nullability, every unique).
const SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prisma/schema.prisma');

interface ExpectedColumn {
  table: string;
  column: string;
  udt: string;
  nullable: boolean;
}

const SCALAR_UDT: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Boolean: 'bool',
  DateTime: 'timestamp',
  Json: 'jsonb',
  Float: 'float8',
  Decimal: 'numeric',
};
const NATIVE_UDT: Record<string, string> = { Uuid: 'uuid', Timestamptz: 'timestamptz', Text: 'text' };

/** A small reader for the subset of Prisma schema syntax this project uses. */
function readSchema(schema: string) {
  const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const scalarModels = new Set(models.map((m) => m[1]));
  const columns: ExpectedColumn[] = [];
  const uniques: Array<{ table: string; columns: string[] }> = [];
  for (const [, , body] of models) {
    const table = body!.match(/@@map\("(\w+)"\)/)?.[1];
    if (!table) throw new Error('every model maps to a snake_case table');
    const fieldColumn = new Map<string, string>();
    for (const rawLine of body!.split('\n')) {
      const line = rawLine.replace(/\/\/.*$/, '').trim();
      const field = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
      if (!field || line.startsWith('@@')) continue;
      const [, name, type, list, optional, attributes] = field;
      if (scalarModels.has(type!)) continue; // relation field, no column
      const column = attributes!.match(/@map\("(\w+)"\)/)?.[1] ?? name!;
      fieldColumn.set(name!, column);
      const native = attributes!.match(/@db\.(\w+)/)?.[1];
      let udt = native ? NATIVE_UDT[native]! : SCALAR_UDT[type!]!;
      if (list) udt = `_${udt}`;
      columns.push({ table, column, udt, nullable: Boolean(optional) || Boolean(list) });
      if (/@unique\b/.test(attributes!)) uniques.push({ table, columns: [column] });
      if (/@id\b/.test(attributes!)) uniques.push({ table, columns: [column] });
    }
    for (const [, fields] of body!.matchAll(/@@unique\(\[([^\]]+)\]\)/g)) {
      uniques.push({ table, columns: fields!.split(',').map((f) => fieldColumn.get(f.trim())!) });
    }
  }
  return { columns, uniques, tables: [...new Set(columns.map((c) => c.table))] };
}

describe.each(await databaseKinds())('migrations agree with schema.prisma (%s)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => db?.dispose());

  it('creates every table and column with the declared type and nullability', async () => {
    const expected = readSchema(await readFile(SCHEMA_PATH, 'utf8'));
    const actual = await db.database.sql.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
    );
    const actualColumns = actual
      .map((c) => ({ table: c.table_name, column: c.column_name, udt: c.udt_name, nullable: c.is_nullable === 'YES' }))
      .sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
    const expectedColumns = expected.columns.sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
    expect(actualColumns).toEqual(expectedColumns);
  });

  it('creates every unique constraint the schema declares', async () => {
    const expected = readSchema(await readFile(SCHEMA_PATH, 'utf8'));
    const indexes = await db.database.sql.query<{ tablename: string; indexdef: string }>(
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema()`,
    );
    for (const unique of expected.uniques) {
      const columnList = unique.columns.map((c) => `"?${c}"?`).join(', ');
      const found = indexes.some(
        (i) => i.tablename === unique.table && /UNIQUE/.test(i.indexdef) && !/WHERE/.test(i.indexdef) && new RegExp(`\\(${columnList}\\)`).test(i.indexdef),
      );
      expect(found, `unique index on ${unique.table}(${unique.columns.join(', ')})`).toBe(true);
    }
  });

  it('records migrations in _prisma_migrations with Prisma checksums, and re-running applies nothing', async () => {
    const files = await readMigrations(MIGRATIONS_DIR);
    const rows = await db.database.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await applyMigrations(db.database.sql, MIGRATIONS_DIR)).toEqual([]);
  });

  it('the Prisma client reads and writes through the adapter', async () => {
    const company = await db.database.prisma.company.create({ data: { procoreCompanyId: '42', name: 'Agreement Test Co' } });
    const found = await db.database.prisma.company.findUniqueOrThrow({ where: { id: company.id } });
    expect(found.name).toBe('Agreement Test Co');
  });

  it('status columns hold only the states the code knows (CHECK constraints)', async () => {
    const company = await db.database.prisma.company.create({ data: { procoreCompanyId: '43', name: 'Status Check Co' } });
    const base = { companyId: company.id, kind: 'VendorQuery', payload: { type: 'VendorQuery' } };
    await expect(db.database.prisma.queuedRequest.create({ data: { ...base, dedupeKey: 'ok', status: 'cancelled' } })).resolves.toBeDefined();
    await expect(db.database.prisma.queuedRequest.create({ data: { ...base, dedupeKey: 'typo', status: 'canceled' } })).rejects.toThrow(
      /queued_requests_status_check|check constraint/i,
    );
    await expect(db.database.prisma.job.create({ data: { companyId: company.id, kind: 'x', payload: {}, status: 'finished' } })).rejects.toThrow(
      /jobs_status_check|check constraint/i,
    );
  });
});
