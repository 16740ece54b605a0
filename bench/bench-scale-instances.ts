// The server instances of the scale benchmark: real `node` processes started from the server's entry (main.ts through
// tsx, or the production build), each on its own port, all on one PostgreSQL database. Also reads what each one used
// (CPU, peak memory) from /proc, so the figures are the instances' own and not the load generator's.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerInstance {
  index: number;
  pid: number;
  port: number;
  /** What QBWC and browsers use (PUBLIC_URL: QBWC refuses an IP address, so localhost). */
  url: string;
  process: ChildProcess;
  /** The instance's first stderr/stdout lines (LOG_LEVEL=warn: warnings and errors only). */
  log: string[];
  /** Lines logged in all, and the file that holds every one of them. */
  logLines: () => number;
  /** Errors logged (level 50), and of those Prisma's P2028: no pooled connection for a transaction within its 2 s maxWait. */
  errorCounts: () => { errors: number; transactionStartTimeouts: number };
  logFile: string;
}

export interface InstanceSettings {
  databaseUrl: string;
  server: 'tsx' | 'dist';
  jobConcurrency: number;
  /** The Procore OAuth client the instances are configured with (the bench's Procore simulator). */
  procore: { url: string; clientId: string; clientSecret: string };
  tokenEncryptionKeys: string;
}

/** utime + stime of a process in ms (proc(5) fields 14 and 15, clock ticks of 1/100 s). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const after = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
  return (Number(after[11]) + Number(after[12])) * 10;
}

/** VmHWM: the process's peak resident set size in bytes (Linux /proc). */
export function peakRssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+) kB/)![1]) * 1024;
}

export async function startInstances(count: number, firstPort: number, settings: InstanceSettings): Promise<ServerInstance[]> {
  const entry =
    settings.server === 'dist'
      ? ['--conditions=connector-dist', path.join(root, 'apps/server/dist/main.js')]
      : ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')];
  const instances = Array.from({ length: count }, (_, index) => {
    const port = firstPort + index;
    const child = spawn(process.execPath, entry, {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        DATABASE_URL: settings.databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://localhost:${port}`,
        LOG_LEVEL: 'warn',
        JOB_CONCURRENCY: String(settings.jobConcurrency),
        // Every simulated Web Connector calls from 127.0.0.1, where real ones come from their own offices: the limit of
        // large bodies per source address is raised to the limit for all (the default, 8), which stays as it is.
        QBWC_LARGE_BODIES_PER_SOURCE: '8',
        PROCORE_CLIENT_ID: settings.procore.clientId,
        PROCORE_CLIENT_SECRET: settings.procore.clientSecret,
        PROCORE_LOGIN_URL: settings.procore.url,
        PROCORE_API_URL: settings.procore.url,
        TOKEN_ENCRYPTION_KEYS: settings.tokenEncryptionKeys,
        // PostgreSQL holds the data; the folder only has to exist for what the server keeps beside it.
        DATA_DIR: path.join(os.tmpdir(), `bench-scale-${port}`),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: string[] = [];
    let lines = 0;
    const errorCounts = { errors: 0, transactionStartTimeouts: 0 };
    const logFile = path.join(os.tmpdir(), `bench-scale-instance-${port}.log`);
    const file = createWriteStream(logFile);
    const keep = (chunk: Buffer) => {
      file.write(chunk);
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        lines += 1;
        if (line.includes('"level":50')) errorCounts.errors += 1;
        if (line.includes('"code":"P2028"')) errorCounts.transactionStartTimeouts += 1;
        if (log.length < 200) log.push(line);
      }
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', () => file.end());
    return {
      index,
      pid: child.pid!,
      port,
      url: `http://localhost:${port}`,
      process: child,
      log,
      logLines: () => lines,
      errorCounts: () => ({ ...errorCounts }),
      logFile,
    };
  });
  // No deadline of our own (a loaded machine starts slowly): poll /readyz until each answers or its process ends.
  await Promise.all(
    instances.map(async (instance) => {
      for (;;) {
        if (instance.process.exitCode !== null) throw new Error(`instance ${instance.index} exited at start:\n${instance.log.join('\n')}`);
        const ready = await fetch(`http://127.0.0.1:${instance.port}/readyz`).catch(() => undefined);
        if (ready?.status === 200) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    }),
  );
  return instances;
}

/** SIGTERM (graceful shutdown: the calls and jobs in progress finish), then wait for every exit. */
export async function stopInstances(instances: ServerInstance[]): Promise<void> {
  await Promise.all(
    instances.map(async (instance) => {
      if (instance.process.exitCode !== null || instance.process.signalCode !== null) return;
      const exited = new Promise((resolve) => instance.process.once('exit', resolve));
      instance.process.kill('SIGTERM');
      await exited;
    }),
  );
}
