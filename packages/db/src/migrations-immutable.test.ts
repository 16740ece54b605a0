import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A migration, once applied anywhere, is never edited: the migrator (apply-migrations.ts) stores each file's
// SHA-256 as Prisma does and refuses to start when an applied file changed — so editing even a comment makes
// every existing database refuse to start (it happened). prisma/migrations/checksums.json records each
// migration's checksum when it is added; a change of schema is a new migration folder, never an edit.
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations');

describe('applied migrations are immutable', () => {
  it('every migration.sql matches the checksum recorded when it was added, and every migration has one', () => {
    const recorded = JSON.parse(readFileSync(path.join(dir, 'checksums.json'), 'utf8')) as Record<string, string>;
    const actual: Record<string, string> = {};
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name, 'migration.sql');
      if (existsSync(file)) actual[name] = createHash('sha256').update(readFileSync(file)).digest('hex');
    }
    // A new migration: add its line to checksums.json in the same commit. An edited one: undo the edit.
    expect(actual).toEqual(recorded);
  });
});
