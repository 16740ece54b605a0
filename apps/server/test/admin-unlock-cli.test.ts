import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@connector/db';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany, DEFAULT_QBWC_CONFIG, recordSignInFailure, setQbwcCredentials } from '@connector/sync';

// Hostile input, item 3: `pnpm admin unlock --company <id>` clears a company's failed Web Connector sign-ins (every
// source address), audited with the CLI user; run as a real process, on each database.
const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

describe.each(await databaseKinds())('pnpm admin unlock (%s)', { timeout: 300_000 }, (kind) => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** A database the CLI can reach: a scratch PostgreSQL database, or an embedded one in a folder (closed while the CLI runs). */
  async function database(): Promise<{ env: Record<string, string>; open: () => Promise<Database>; release: (db: Database) => Promise<void> }> {
    if (kind === 'postgres') {
      const scratch: TestDatabase = await createTestDatabase('postgres');
      cleanups.push(() => scratch.dispose());
      return { env: { DATABASE_URL: scratch.url! }, open: async () => scratch.database, release: async () => {} };
    }
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'connector-unlock-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, open: () => openDatabase({ dataDir }), release: (db) => db.close() };
  }

  it('clears every paused address of the company, says how many, and audits who did it', async () => {
    const target = await database();
    let db = await target.open();
    const company = await createCompany(db, { procoreCompanyId: '5550001', name: 'Unlock GC', actor: 'test' });
    const { connection } = await setQbwcCredentials(db, { companyId: company.id, actor: 'test' });
    const now = new Date();
    // Pauses of a week: the CLI judges them on its own clock, however long the process takes to start.
    const throttle = { ...DEFAULT_QBWC_CONFIG.throttle, baseDelayMs: 7 * 24 * 3600_000, maxDelayMs: 7 * 24 * 3600_000 };
    for (const source of ['203.0.113.1', '203.0.113.2']) {
      for (let i = 0; i < 5; i += 1) await recordSignInFailure(db, throttle, connection.username, source, now);
    }
    await recordSignInFailure(db, throttle, 'someone-else', '203.0.113.1', now);
    await target.release(db);

    const env = { ...process.env, PUBLIC_URL: 'https://connector.example.com', USER: 'ops', ...target.env };
    const { stdout } = await run(tsx, [path.join(root, 'apps/server/src/admin/cli.ts'), 'unlock', '--company', company.id], { env, cwd: root });
    expect(stdout).toContain(`Cleared the failed sign-ins of ${connection.username} from 2 address(es) (2 were paused)`);
    const again = await run(tsx, [path.join(root, 'apps/server/src/admin/cli.ts'), 'unlock', '--company', company.id, '--json'], { env, cwd: root });
    expect(JSON.parse(again.stdout)).toEqual({ username: connection.username, cleared: 0, blocked: 0 });

    db = await target.open();
    expect(await db.prisma.qbwcSignInThrottle.findMany({ select: { username: true } })).toEqual([{ username: 'someone-else' }]);
    const audits = await db.prisma.auditEntry.findMany({ where: { companyId: company.id, action: 'qbwc.sign_in_unlocked' }, orderBy: { at: 'asc' } });
    expect(audits.map((a) => [a.actor, a.detail])).toEqual([
      ['admin-cli:ops', { username: connection.username, sourcesCleared: 2, sourcesBlocked: 2 }],
      ['admin-cli:ops', { username: connection.username, sourcesCleared: 0, sourcesBlocked: 0 }],
    ]);
    await target.release(db);
  });
});
