import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseLockedError, LOCK_FILE_NAME } from './lock-data-dir.ts';
import { openDatabase } from './open-database.ts';

// Hostile input, item 6: with the server on PGlite, `pnpm admin enqueue` printed "Queued" three times and 1 of 3
// survived. A PGlite folder is now opened by one process at a time; a second is refused, naming the holder.
describe('one process per embedded database folder', { timeout: 120_000 }, () => {
  let dataDir: string;
  const lockFile = () => path.join(dataDir, LOCK_FILE_NAME);
  const holder = async () => JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number; owner: string; since: string };

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'connector-lock-'));
  });
  afterEach(async () => rm(dataDir, { recursive: true, force: true }));

  /** A process that runs until killed, and its pid. */
  function runningProcess() {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    return {
      pid: child.pid!,
      stop: () =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill();
        }),
    };
  }

  it('a second open of the same folder is refused with the holder named; after close it opens again', async () => {
    const first = await openDatabase({ dataDir, owner: 'the connector server (port 3000)', migrate: false });
    expect(await holder()).toMatchObject({ pid: process.pid, owner: 'the connector server (port 3000)' });
    const second = openDatabase({ dataDir, owner: 'pnpm admin enqueue', migrate: false });
    await expect(second).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(second).rejects.toThrow(`already open by the connector server (port 3000) (pid ${process.pid}`);
    await first.close();
    await expect(readFile(lockFile(), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await openDatabase({ dataDir, owner: 'pnpm admin enqueue', migrate: false });
    expect((await holder()).owner).toBe('pnpm admin enqueue');
    await again.close();
  });

  it('refuses while another running process holds the folder, and names it', async () => {
    const other = runningProcess();
    try {
      await writeFile(lockFile(), JSON.stringify({ pid: other.pid, owner: 'the connector server (port 4000)', since: '2026-12-07T00:00:00.000Z' }));
      await expect(openDatabase({ dataDir, owner: 'pnpm admin enqueue', migrate: false })).rejects.toThrow(
        new RegExp(
          `already open by the connector server \\(port 4000\\) \\(pid ${other.pid}, since 2026-12-07T00:00:00.000Z\\)[\\s\\S]*Stop that process first`,
        ),
      );
      expect((await holder()).pid).toBe(other.pid); // refused without touching its lock
    } finally {
      await other.stop();
    }
  });

  it('takes over a stale lock: its process has exited (a crash, kill -9), or it had our pid in an earlier life', async () => {
    const gone = runningProcess();
    await gone.stop();
    await writeFile(lockFile(), JSON.stringify({ pid: gone.pid, owner: 'the connector server (port 3000)', since: '2026-12-06T00:00:00.000Z' }));
    const taken = await openDatabase({ dataDir, owner: 'the connector server (port 3000)', migrate: false });
    expect((await holder()).pid).toBe(process.pid);
    await taken.close();

    // A container restarted after a crash runs the server as the same pid (1) again: the file is not ours now.
    await writeFile(lockFile(), JSON.stringify({ pid: process.pid, owner: 'the connector server (port 3000)', since: '2026-12-06T00:00:00.000Z' }));
    const restarted = await openDatabase({ dataDir, owner: 'the connector server (port 3000)', migrate: false });
    expect((await holder()).since).not.toBe('2026-12-06T00:00:00.000Z');
    await restarted.close();

    // A lock file cut short by a crash while it was written is stale too.
    await writeFile(lockFile(), '{"pid":');
    const afterTorn = await openDatabase({ dataDir, migrate: false });
    await afterTorn.close();
  });

  it('an in-memory database takes no lock', async () => {
    const a = await openDatabase({ dataDir: 'memory://', migrate: false });
    const b = await openDatabase({ dataDir: 'memory://', migrate: false });
    await Promise.all([a.close(), b.close()]);
  });
});
