import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, cp, link, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, isPostgresReachable, type TestDatabase } from '@connector/db/testing';

// What the container runs (Dockerfile), proved without Docker (base images cannot be pulled here): `pnpm build`,
// the output staged into a clean folder (scripts/stage-production.mjs), production dependencies only installed
// from the store, then `pnpm start:prod`'s command started as an unprivileged user — with production settings
// (Procore credentials, TOKEN_ENCRYPTION_KEYS, METRICS_TOKEN) — until /readyz answers. Then SIGTERM in the middle
// of a Web Connector call: the call is answered, new connections are refused, the process exits 0.
const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// pnpm as the test was started by it (its own binary, or a .cjs run by node), else the one on PATH.
const pnpmPath = process.env.npm_execpath && /pnpm/.test(path.basename(process.env.npm_execpath)) ? process.env.npm_execpath : 'pnpm';
const pnpm = /\.[cm]?js$/.test(pnpmPath) ? [process.execPath, pnpmPath] : [pnpmPath];
const NOBODY = 65534;

describe('the production build, as the container runs it', { timeout: 600_000 }, () => {
  let stage: string;
  let child: ChildProcess | undefined;
  let output = '';
  let exit: Promise<number | null>;
  let postgres: TestDatabase | undefined;
  let databaseName: string | undefined;
  let port: number;
  const metricsToken = randomBytes(24).toString('hex');
  const asNobody = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');

  beforeAll(async () => {
    // `pnpm test` type-checks first (`pnpm typecheck`): the build here only emits.
    await run(process.execPath, [path.join(root, 'scripts/build-server.mjs'), '--no-type-check'], { cwd: root });
    await run(process.execPath, [path.join(root, 'apps/web/scripts/build-if-stale.mjs')], { cwd: root });
    stage = await mkdtemp(path.join(os.tmpdir(), 'connector-production-'));
    await run(process.execPath, [path.join(root, 'scripts/stage-production.mjs'), path.join(stage, 'app')], { cwd: root });
    const [command, ...args] = pnpm;
    await run(command!, [...args, 'install', '--prod', '--frozen-lockfile', '--offline', '--ignore-scripts', '--filter', '@connector/server...'], {
      cwd: path.join(stage, 'app'),
    });
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exit;
    }
    if (postgres && databaseName) await postgres.database.sql.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await postgres?.dispose();
    if (stage) await rm(stage, { recursive: true, force: true });
  });

  it('holds production dependencies only: no tsx, no TypeScript, no sources or tests', async () => {
    const app = path.join(stage, 'app');
    const installed = await readdir(path.join(app, 'node_modules/.pnpm'));
    for (const devOnly of ['tsx@', 'typescript@', 'vitest@', 'vite@', 'prisma@', 'eslint@'])
      expect(
        installed.filter((name) => name.startsWith(devOnly)),
        devOnly,
      ).toEqual([]);
    expect(installed.some((name) => name.startsWith('fastify@'))).toBe(true);
    expect(existsSync(path.join(app, 'apps/server/src'))).toBe(false);
    expect(existsSync(path.join(app, 'packages/sync/dist/index.js'))).toBe(true);
    // The Prisma client generated from the schema is compiled with the rest, and the workers sit beside their callers.
    expect(existsSync(path.join(app, 'packages/db/dist/generated/prisma/client.js'))).toBe(true);
    expect(existsSync(path.join(app, 'apps/server/dist/qbwc/parse-soap-worker.js'))).toBe(true);
    expect(existsSync(path.join(app, 'packages/sync/dist/qbwc/parse-response-worker.js'))).toBe(true);
  });

  it('starts as an unprivileged user on production settings, migrates, and answers /readyz, /healthz, /metrics and the app', async () => {
    const app = path.join(stage, 'app');
    let node = process.execPath;
    let wrap: string[] = [];
    let databaseUrl: string | undefined;
    const dataDir = path.join(stage, 'data');
    await mkdir(dataDir);
    if (await isPostgresReachable()) {
      // An empty database: the server migrates it at start, from the staged migrations.
      postgres = await createTestDatabase('postgres');
      databaseName = `connector_prod_${randomBytes(4).toString('hex')}`;
      await postgres.database.sql.query(`CREATE DATABASE "${databaseName}"`);
      const url = new URL(postgres.url!);
      url.pathname = `/${databaseName}`;
      databaseUrl = url.toString();
    }
    if (asNobody) {
      // The container's user has no access to root's home, where this machine's Node lives: a link (or a copy)
      // of the binary inside the staged folder stands for the image's /usr/local/bin/node.
      node = path.join(stage, 'node');
      await link(process.execPath, node).catch(() => cp(process.execPath, node));
      await chmod(stage, 0o755);
      await chown(dataDir, NOBODY, NOBODY);
      wrap = ['/usr/bin/setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--'];
    } else {
      console.warn('production-build.test: not root or no setpriv here: the production build runs as the current user');
    }
    // `pnpm start:prod`, from the staged package.json: `node <flags> <entry>`.
    const startProd = (JSON.parse(await readFile(path.join(app, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod']!.split(
      ' ',
    );
    expect(startProd[0]).toBe('node');
    port = 30_000 + Math.floor(Math.random() * 20_000);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://connector.example.com',
      PROCORE_CLIENT_ID: 'production-client',
      PROCORE_CLIENT_SECRET: randomBytes(16).toString('hex'),
      TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      METRICS_TOKEN: metricsToken,
      DATA_DIR: dataDir,
      SHUTDOWN_GRACE_SECONDS: '120',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    const [command, ...args] = [...wrap, node, ...startProd.slice(1)];
    child = spawn(command!, args, { cwd: app, env });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    exit = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));

    // No deadline of our own (a busy machine starts slowly): poll until ready or the process ends.
    let ready: Response | undefined;
    while (child.exitCode === null) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      if (ready?.status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready?.status, output).toBe(200);
    expect(await ready!.json()).toMatchObject({ status: 'ready', database: { kind: databaseUrl ? 'postgres' : 'pglite' } });
    if (asNobody) expect((await readFile(`/proc/${child.pid}/status`, 'utf8')).match(/^Uid:\s+(\d+)/m)?.[1]).toBe(String(NOBODY));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(await metrics.text()).toContain('connector_qbwc_calls_total');
    const web = await fetch(`http://127.0.0.1:${port}/app/`);
    expect(web.status).toBe(200);
    expect(await web.text()).toContain('<div id="root">');
    expect(output).not.toContain(env.PROCORE_CLIENT_SECRET!);
    expect(output).not.toContain(metricsToken);
    if (!databaseUrl) expect((await stat(path.join(dataDir, 'PG_VERSION'))).isFile()).toBe(true);
  });

  it('parses large bodies on the built worker threads (SOAP and qbXML), found beside their modules', async () => {
    // What a large receiveResponseXML takes (the SOAP worker, which parses its qbXML too, and the qbXML worker for answers read on
    // the event loop), run by the staged build's own modules.
    const script = `
      const { createSoapParser } = await import('./apps/server/dist/qbwc/parse-soap-off-thread.js');
      const { createResponseParser } = await import('./packages/sync/dist/qbwc/parse-response-off-thread.js');
      const soap = createSoapParser();
      const body = '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><serverVersion xmlns="http://developer.intuit.com/" /></soap:Body></soap:Envelope>';
      const { call } = await soap.parse(new TextEncoder().encode(body), 'text/xml', {});
      const answer = '<?xml version="1.0"?><QBXML><QBXMLMsgsRs onError="stopOnError"><VendorQueryRs requestID="1" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" /></QBXMLMsgsRs></QBXML>';
      const escaped = answer.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      const receive = '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><response>' + escaped + '</response><hresult /><message /></receiveResponseXML></soap:Body></soap:Envelope>';
      const received = await soap.parse(new TextEncoder().encode(receive), 'text/xml', {});
      const qbxml = createResponseParser(0);
      const parsed = await qbxml.parse(answer);
      await soap.close();
      await qbxml.close();
      console.log(JSON.stringify({ method: call.method, statusCode: parsed.responses[0].statusCode, onSoapWorker: received.parsedResponse.value.responses[0].statusCode }));
    `;
    // A file, not `-e`: workers inherit the parent's flags, and `--input-type` is refused outside `-e`.
    const file = path.join(stage, 'app', 'check-workers.mjs');
    await writeFile(file, script);
    const { stdout } = await run(process.execPath, ['--conditions=connector-dist', file], { cwd: path.join(stage, 'app') });
    expect(JSON.parse(stdout)).toEqual({ method: 'serverVersion', statusCode: 1, onSoapWorker: 1 });
  });

  it('on SIGTERM answers the Web Connector call in progress, refuses new connections, and exits 0', async () => {
    expect(child?.exitCode, output).toBeNull();
    const body = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><serverVersion xmlns="http://developer.intuit.com/" /></soap:Body></soap:Envelope>`;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    let answer = '';
    socket.on('data', (d) => (answer += d));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Headers and half the body: the call is in progress when the signal arrives.
    socket.write(
      `POST /qbwc HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: "http://developer.intuit.com/serverVersion"\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, 60));
    // The server has the call (Fastify logs "incoming request" once it routed it) before the signal is sent.
    const until = async (seen: () => boolean) => {
      while (!seen()) await new Promise((r) => setTimeout(r, 50));
    };
    await until(() => /"url":"\/qbwc"[^\n]*"msg":"incoming request"/.test(output));
    child!.kill('SIGTERM');
    await until(() => output.includes('shutting down'));
    // Stopped listening: a new connection is refused (polls: the close follows the log line).
    let refused = false;
    while (!refused) {
      refused = await new Promise<boolean>((resolve) => {
        const probe = net.connect(port, '127.0.0.1');
        probe.once('connect', () => {
          probe.destroy();
          resolve(false);
        });
        probe.once('error', () => resolve(true));
      });
      if (!refused) await new Promise((r) => setTimeout(r, 50));
    }
    expect(child!.exitCode, output).toBeNull();
    socket.end(body.slice(60));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('<serverVersionResult>');
    expect(await exit, output).toBe(0);
    expect(output).toContain('"msg":"shut down"');
  });
});
