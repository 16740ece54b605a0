import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The lock file in a PGlite data folder: which process has the folder open. */
export const LOCK_FILE_NAME = 'connector.lock';

// Lock files this process holds now. A file with our own pid that is not in here was left by an earlier process
// that had the same pid (a container restarted after a crash is pid 1 again): stale, not ours to refuse on.
const heldHere = new Set<string>();

interface LockOwner {
  pid: number;
  /** What the process is, for the refusal message: "the connector server (port 3000)", "pnpm admin enqueue". */
  owner: string;
  since: string;
}

/** A second process (or a second open in this one) found the embedded database already open. */
export class DatabaseLockedError extends Error {
  readonly lockFile: string;
  readonly holder: LockOwner;
  constructor(dataDir: string, lockFile: string, holder: LockOwner) {
    super(
      `The embedded database in ${dataDir} is already open by ${holder.owner} (pid ${holder.pid}, since ${holder.since}). ` +
        'Only one process can use an embedded (PGlite) database folder at a time; a second one would silently lose writes. ' +
        'Stop that process first and run this again, or use PostgreSQL (DATABASE_URL) to run admin commands while the server runs. ' +
        `If no such process is running, delete ${lockFile}.`,
    );
    this.name = 'DatabaseLockedError';
    this.lockFile = lockFile;
    this.holder = holder;
  }
}

/**
 * Takes the folder's lock file (created exclusively, holding this pid) before PGlite opens it. PGlite is Postgres
 * in this process's memory: two processes on one folder each keep their own copy and the last to write its files
 * wins, so admin writes made while the server ran were lost (hostile input, item 6: 3 enqueues printed "Queued", 1
 * survived). A lock whose pid no longer runs (a crash, kill -9) is taken over. Returns the release function.
 */
export async function lockDataDir(dataDir: string, owner: string): Promise<() => Promise<void>> {
  const lockFile = path.join(path.resolve(dataDir), LOCK_FILE_NAME);
  const mine: LockOwner = { pid: process.pid, owner, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${JSON.stringify(mine)}\n`);
      await handle.close();
      heldHere.add(lockFile);
      return async () => {
        heldHere.delete(lockFile);
        // Only our own lock is removed: a takeover after we were presumed dead must not be undone.
        const holder = await readHolder(lockFile);
        if (holder?.pid === mine.pid && holder.since === mine.since) await unlink(lockFile).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(lockFile);
    if (holder && (holder.pid === process.pid ? heldHere.has(lockFile) : isRunning(holder.pid)))
      throw new DatabaseLockedError(path.resolve(dataDir), lockFile, holder);
    // Stale (its process is gone) or unreadable (a crash while writing it): take it over.
    await unlink(lockFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  const holder = await readHolder(lockFile);
  throw new DatabaseLockedError(path.resolve(dataDir), lockFile, holder ?? { pid: 0, owner: 'another process', since: 'unknown' });
}

async function readHolder(lockFile: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(lockFile, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, owner: String(parsed.owner ?? 'another process'), since: String(parsed.since ?? 'unknown') }
      : null;
  } catch {
    return null;
  }
}

/** Signal 0 tests whether a process exists: ESRCH = gone; EPERM = exists but is another user's. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
