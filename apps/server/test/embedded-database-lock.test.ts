import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Hostile input, item 6, as it was found: the server running on the embedded database, and `pnpm admin enqueue`
// in another terminal. Before: each printed "Queued…" and most were lost when the server stopped. Now the
// command is refused, naming the running server, and nothing is lost.
const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

describe('admin CLI while the server holds the embedded database', { timeout: 300_000 }, () => {
  let dataDir: string;
  const env = () => ({ ...process.env, DATA_DIR: dataDir, PUBLIC_URL: 'https://connector.example.com', DATABASE_URL: '' });
  const admin = (...args: string[]) => run(tsx, [path.join(root, 'apps/server/src/admin/cli.ts'), ...args], { env: env(), cwd: root });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'connector-lock-cli-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('is refused with the server named; after the server stops, every enqueue is kept', async () => {
    const company = JSON.parse((await admin('create-company', '--procore-id', '4264807', '--name', 'Lock GC', '--json')).stdout) as { id: string };
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const server = spawn(tsx, [path.join(root, 'apps/server/src/main.ts')], {
      env: { ...env(), PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://localhost:${port}` },
      cwd: root,
    });
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    let exited = false;
    server.once('exit', () => (exited = true));
    try {
      // Polls until the server answers or ends (no deadline of our own; the test timeout is the backstop).
      let healthy = false;
      while (!exited && !healthy) {
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 250));
      }
      expect(healthy, output).toBe(true);
      const enqueue = (key: string) => admin('enqueue', '--company', company.id, '--request', '{"type":"VendorQuery","maxReturned":10}', '--key', key);
      for (const key of ['a', 'b', 'c']) {
        await expect(enqueue(key)).rejects.toMatchObject({
          code: 1,
          stdout: expect.not.stringContaining('Queued'),
          // (the pid is the server's node process, which tsx starts as its child)
          stderr: expect.stringMatching(new RegExp(`already open by the connector server \\(port ${port}\\) \\(pid \\d+, since .*Stop that process first`)),
        });
      }
    } finally {
      if (!exited) {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
    }
    for (const key of ['a', 'b', 'c'])
      expect((await admin('enqueue', '--company', company.id, '--request', '{"type":"VendorQuery","maxReturned":10}', '--key', key)).stdout).toContain(
        'Queued',
      );
    expect(JSON.parse((await admin('list-requests', '--company', company.id, '--json')).stdout).total).toBe(3);
  });
});
