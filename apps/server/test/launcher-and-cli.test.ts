import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The README's commands, run as a person would: the admin CLI and the launcher, each a real process
// on the embedded database in a scratch folder.
const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

// Each step starts a real process through tsx: slow on a busy machine, so a generous timeout per test.
describe('admin CLI and launcher', { timeout: 300_000 }, () => {
  let dataDir: string;
  const env = () => ({ ...process.env, DATA_DIR: dataDir, PUBLIC_URL: 'https://connector.example.com', DATABASE_URL: '' });
  const admin = (...args: string[]) => run(tsx, [path.join(root, 'apps/server/src/admin/cli.ts'), ...args], { env: env(), cwd: root });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'connector-cli-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('--help lists the commands; an unknown command is a usage error', async () => {
    const { stdout } = await admin('--help');
    for (const command of ['create-company', 'set-password', 'print-qwc', 'list-requests', 'list-sessions', 'rebind', 'enqueue'])
      expect(stdout).toContain(command);
    await expect(admin('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command') });
    await expect(admin('create-company', '--name', 'No Id')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--procore-id') });
  });

  it('sets up a company end to end: create, password (printed once), .qwc, enqueue, list', async () => {
    const created = JSON.parse((await admin('create-company', '--procore-id', '4264807', '--name', 'Summit Builders', '--json')).stdout);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const creds = JSON.parse((await admin('set-password', '--company', created.id, '--json')).stdout);
    expect(creds.password).toHaveLength(24);
    const rotated = JSON.parse((await admin('set-password', '--company', created.id, '--json')).stdout);
    expect(rotated.password).not.toBe(creds.password);
    expect(rotated.fileId).toBe(creds.fileId);

    const qwcPath = path.join(dataDir, 'summit.qwc');
    await admin('print-qwc', '--company', created.id, '--out', qwcPath);
    const qwc = await readFile(qwcPath, 'utf8');
    expect(qwc).toContain('<AppURL>https://connector.example.com/qbwc</AppURL>');
    expect(qwc).toContain(`<FileID>${creds.fileId}</FileID>`);

    await admin('enqueue', '--company', created.id, '--request', '{"type":"VendorQuery","maxReturned":100}', '--key', 'vendors');
    const again = await admin('enqueue', '--company', created.id, '--request', '{"type":"VendorQuery","maxReturned":100}', '--key', 'vendors');
    expect(again.stdout).toContain('Already queued');
    await expect(admin('enqueue', '--company', created.id, '--request', '{"type":"VendorAdd","name":"' + 'x'.repeat(50) + '"}')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('41'),
    });
    const listed = JSON.parse((await admin('list-requests', '--company', created.id, '--json')).stdout);
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ kind: 'VendorQuery', status: 'queued' });
    const companies = (await admin('list-companies')).stdout;
    expect(companies).toContain('Summit Builders');
    expect(companies).not.toContain(creds.password);
  });

  it('pnpm start: the launcher migrates the embedded database and answers /healthz', async () => {
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(tsx, [path.join(root, 'apps/server/src/main.ts')], {
      env: { ...env(), PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://localhost:${port}` },
      cwd: root,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let exited = false;
    child.once('exit', () => (exited = true));
    try {
      // No deadline of our own (a busy machine starts slowly): polls until the server answers or the
      // process ends; the test's timeout is the backstop.
      let body: { status?: string; database?: { kind?: string } } | undefined;
      while (!exited) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/healthz`);
          body = (await res.json()) as typeof body;
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      expect(body, output).toMatchObject({ status: 'ok', database: { kind: 'pglite' } });
    } finally {
      if (!exited) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
  });

  it('refuses to start on invalid configuration, naming the setting', async () => {
    await expect(
      run(tsx, [path.join(root, 'apps/server/src/main.ts')], { env: { ...env(), PORT: 'eighty', PUBLIC_URL: 'http://example.com' }, cwd: root }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/PORT[\s\S]*PUBLIC_URL must be https/),
    });
  });
});
