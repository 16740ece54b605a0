import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, isPostgresReachable, type DatabaseKind } from '@connector/db/testing';
import { createCompany, enqueueRequest, setQbwcCredentials } from '@connector/sync';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;

/** What an unauthenticated caller costs the server (hostile input: the public endpoint), one fresh server per scenario. */
export interface HostileScenario {
  scenario: string;
  bodies: number;
  bodyBytes: number;
  /** Server process CPU (user + system) from the first byte sent to the last answer. */
  serverCpuMs: number;
  /** GET /healthz, back to back, while the bodies arrive. */
  healthz: { calls: number; p50Ms: number; p99Ms: number; maxMs: number; failed: number };
  /** Peak resident set size of the server process (VmHWM) and its size when ready. */
  peakRssBytes: number;
  rssAtStartBytes: number;
  /** What each hostile request got back. */
  answers: Array<{ status: number | null; ms: number; body: string; error?: string; sentBytes: number; sendMs: number }>;
  wallMs: number;
}

function procStat(pid: number) {
  return readFile(`/proc/${pid}/stat`, 'utf8').then((text) => {
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 (1-based, proc(5)); after the ')' they start at index 11.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  });
}

async function vm(pid: number, key: 'VmHWM' | 'VmRSS') {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(new RegExp(`${key}:\\s+(\\d+) kB`))![1]) * 1024;
}

const MADE_UP_TICKET = '0123456789abcdef0123456789abcdef';

/**
 * A receiveResponseXML envelope of about `bytes`, its response an escaped qbXML answer. With a made-up
 * ticket the answer is vendors; for a live session (`padded`) it is one vendor and whitespace, so the
 * figures are those of the receive path (read, envelope and qbXML parse), not of storing records.
 */
function hostileBody(bytes: number, ticket = MADE_UP_TICKET, requestId = '1', padded = false): { head: Buffer; filler: Buffer; repeats: number; tail: Buffer } {
  const vendor =
    '&lt;VendorRet&gt;&lt;ListID&gt;80000001-1234567890&lt;/ListID&gt;&lt;Name&gt;Subcontractor &amp;amp; Sons&lt;/Name&gt;&lt;IsActive&gt;true&lt;/IsActive&gt;&lt;/VendorRet&gt;';
  const head = Buffer.from(
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      `<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>${ticket}</ticket><response>` +
      `&lt;?xml version="1.0" ?&gt;&lt;QBXML&gt;&lt;QBXMLMsgsRs onError="stopOnError"&gt;&lt;VendorQueryRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK"&gt;` +
      (padded ? vendor : ''),
  );
  const filler = Buffer.from(padded ? ' '.repeat(1024) : vendor);
  const tail = Buffer.from(
    '&lt;/VendorQueryRs&gt;&lt;/QBXMLMsgsRs&gt;&lt;/QBXML&gt;</response><hresult></hresult><message></message></receiveResponseXML></soap:Body></soap:Envelope>',
  );
  const repeats = Math.max(1, Math.floor((bytes - head.length - tail.length) / filler.length));
  return { head, filler, repeats, tail };
}

/**
 * Sends one body and resolves once both are over: the answer has been read, and the client has finished
 * writing (or the server cut it off) — so a server that answers early and discards the rest is measured
 * over the whole upload, not only until its answer.
 */
function sendBody(port: number, bytes: number, body = hostileBody(bytes)) {
  const { head, filler, repeats, tail } = body;
  const length = head.length + filler.length * repeats + tail.length;
  const started = performance.now();
  let sentBytes = 0;
  let sendMs = 0;
  // A raw socket, as an attacker would use: an HTTP client library may stop uploading once it has an
  // answer, which would flatter a server that answers early.
  return new Promise<HostileScenario['answers'][number]>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let answerMs = 0;
    let sendOver = false;
    let error: string | undefined;
    const finish = () => {
      const text = Buffer.concat(received).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({
        status: status ? Number(status) : null,
        ms: answerMs || performance.now() - started,
        body: text.slice(text.indexOf('\r\n\r\n') + 4).slice(0, 400),
        sentBytes,
        sendMs,
        ...(error ? { error } : {}),
      });
    };
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      const text = Buffer.concat(received).toString('latin1');
      if (!answerMs && text.includes('</soap:Envelope>')) answerMs = performance.now() - started;
      // The whole answer is in and the upload is over: done (the connection may stay open, keep-alive).
      if (answerMs && sendOver) socket.end();
    });
    socket.on('error', (e) => {
      error = e.message;
    });
    socket.on('close', finish);
    const endSend = () => {
      sendOver = true;
      sendMs = performance.now() - started;
      if (answerMs) socket.end();
    };
    socket.on('connect', () => {
      socket.write(
        `POST /qbwc HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: "http://developer.intuit.com/receiveResponseXML"\r\nContent-Length: ${length}\r\n\r\n`,
      );
      sentBytes += head.length;
      socket.write(head);
      // Written in 1 MB pieces as a client on a fast link would, honouring back-pressure.
      const perBlock = Math.max(1, Math.floor(MB / filler.length));
      const block = Buffer.concat(Array.from({ length: perBlock }, () => filler));
      let left = repeats;
      const more = () => {
        while (left > 0) {
          if (socket.destroyed || !socket.writable) return endSend();
          const n = Math.min(perBlock, left);
          left -= n;
          sentBytes += n * filler.length;
          if (!socket.write(n === perBlock ? block : block.subarray(0, n * filler.length))) return void socket.once('drain', more);
        }
        sentBytes += tail.length;
        socket.write(tail, endSend);
      };
      more();
    });
  });
}

async function waitForServer(port: number) {
  for (let i = 0; ; i += 1) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Seeded = { username: string; password: string; fileId: string };

/** The server as its own process; on PostgreSQL a company with Web Connector credentials and one queued read is seeded first. */
async function startServer(database: DatabaseKind, env: Record<string, string>) {
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  let dispose: () => Promise<void>;
  let dbEnv: Record<string, string>;
  let seeded: Seeded | null = null;
  if (database === 'postgres') {
    const scratch = await createTestDatabase('postgres');
    const company = await createCompany(scratch.database, { procoreCompanyId: '1', name: 'Bench Receive Co', actor: 'bench' });
    const { connection, password } = await setQbwcCredentials(scratch.database, { companyId: company.id, actor: 'bench' });
    await enqueueRequest(scratch.database, { companyId: company.id, request: { type: 'VendorQuery' }, dedupeKey: 'bench:vendors', requestedBy: 'bench' });
    seeded = { username: connection.username, password, fileId: connection.fileId };
    dbEnv = { DATABASE_URL: scratch.url ?? '' };
    dispose = () => scratch.dispose();
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-hostile-'));
    dbEnv = { DATA_DIR: dir, DATABASE_URL: '' };
    dispose = () => rm(dir, { recursive: true, force: true });
  }
  const ownerId = '{6B9C3C8E-5F0B-4B7A-9E2D-3A1F4C8D2E71}';
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...dbEnv,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://localhost:${port}`,
      LOG_LEVEL: 'warn',
      QBWC_OWNER_ID: ownerId,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForServer(port);
  return {
    port,
    pid: server.pid!,
    seeded,
    ownerId,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      await dispose();
    },
  };
}

const soapCall = async (port: number, method: string, params: Record<string, string | number>) => {
  const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body =
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<${method} xmlns="http://developer.intuit.com/">${Object.entries(params)
      .map(([k, v]) => `<${k}>${escape(String(v))}</${k}>`)
      .join('')}</${method}></soap:Body></soap:Envelope>`;
  const response = await fetch(`http://127.0.0.1:${port}/qbwc`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body });
  return response.text();
};

/** authenticate + sendRequestXML as the Web Connector would: the live ticket and the requestID to answer. */
async function openSession(port: number, seeded: Seeded, ownerId: string) {
  const auth = await soapCall(port, 'authenticate', { strUserName: seeded.username, strPassword: seeded.password });
  const ticket = /<string>([0-9a-f]{32})<\/string>/.exec(auth)?.[1];
  if (!ticket) throw new Error(`authenticate gave no ticket: ${auth.slice(0, 300)}`);
  const hcp =
    '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><HostQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><HostRet><ProductName>QuickBooks Enterprise Solutions: Contractor 24.0</ProductName><MajorVersion>34</MajorVersion><MinorVersion>0</MinorVersion><Country>US</Country><SupportedQBXMLVersion>13.0</SupportedQBXMLVersion><IsAutomaticLogin>false</IsAutomaticLogin><QBFileMode>MultiUser</QBFileMode></HostRet></HostQueryRs>' +
    `<CompanyQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><CompanyRet><IsSampleCompany>false</IsSampleCompany><CompanyName>Bench Receive Co</CompanyName><DataExtRet><OwnerID>${ownerId}</OwnerID><DataExtName>FileID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>${seeded.fileId}</DataExtValue></DataExtRet></CompanyRet></CompanyQueryRs>` +
    '<PreferencesQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><PreferencesRet><AccountingPreferences><IsUsingAccountNumbers>false</IsUsingAccountNumbers><IsRequiringAccounts>true</IsRequiringAccounts><IsUsingClassTracking>true</IsUsingClassTracking><IsUsingAuditTrail>true</IsUsingAuditTrail><IsAssigningJournalEntryNumbers>true</IsAssigningJournalEntryNumbers></AccountingPreferences></PreferencesRet></PreferencesQueryRs></QBXMLMsgsRs></QBXML>';
  const sent = await soapCall(port, 'sendRequestXML', {
    ticket,
    strHCPResponse: hcp,
    strCompanyFileName: 'C:\\Bench.QBW',
    qbXMLCountry: 'US',
    qbXMLMajorVers: 13,
    qbXMLMinorVers: 0,
  });
  const requestId = /requestID=&quot;([^&]+)&quot;/.exec(sent)?.[1] ?? /requestID="([^"]+)"/.exec(sent)?.[1];
  if (!requestId) throw new Error(`sendRequestXML sent no request: ${sent.slice(0, 300)}`);
  return { ticket, requestId };
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function runScenario(
  database: DatabaseKind,
  scenario: string,
  bodies: number,
  bodyBytes: number,
  env: Record<string, string>,
  live = false,
): Promise<HostileScenario> {
  const server = await startServer(database, env);
  try {
    const session = live && server.seeded ? await openSession(server.port, server.seeded, server.ownerId) : null;
    // Let start-up work (migrations, the demo Procore) settle before measuring.
    await new Promise((r) => setTimeout(r, 500));
    const rssAtStart = await vm(server.pid, 'VmRSS');
    const cpuBefore = await procStat(server.pid);
    const started = performance.now();
    let sending = true;
    const latencies: number[] = [];
    let failed = 0;
    const probe = (async () => {
      while (sending) {
        const t = performance.now();
        try {
          const r = await fetch(`http://127.0.0.1:${server.port}/healthz`, { signal: AbortSignal.timeout(60_000) });
          await r.arrayBuffer();
          if (!r.ok) failed += 1;
        } catch {
          failed += 1;
        }
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const answers = await Promise.all(
      Array.from({ length: bodies }, () =>
        sendBody(server.port, bodyBytes, session ? hostileBody(bodyBytes, session.ticket, session.requestId, true) : hostileBody(bodyBytes)),
      ),
    );
    sending = false;
    await probe;
    const wallMs = performance.now() - started;
    // The server may still be working after the last answer (the old code parsed then answered): wait
    // until its CPU stops moving, then read.
    let cpuAfter = await procStat(server.pid);
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      const now = await procStat(server.pid);
      if (now - cpuAfter < 30) break;
      cpuAfter = now;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      scenario,
      bodies,
      bodyBytes,
      serverCpuMs: Math.round(cpuAfter - cpuBefore),
      healthz: {
        calls: sorted.length,
        p50Ms: Math.round(percentile(sorted, 0.5)),
        p99Ms: Math.round(percentile(sorted, 0.99)),
        maxMs: Math.round(sorted.at(-1) ?? 0),
        failed,
      },
      peakRssBytes: await vm(server.pid, 'VmHWM'),
      rssAtStartBytes: rssAtStart,
      answers,
      wallMs: Math.round(wallMs),
    };
  } finally {
    await server.stop();
  }
}

/**
 * Unauthenticated large bodies against the real server (its own process, so CPU and RSS are its own):
 * 30 MB, 50 MB and 4 × 50 MB receiveResponseXML bodies with a made-up ticket, while /healthz is called
 * back to back. PostgreSQL when reachable, else PGlite. Then, on PostgreSQL, one valid 65 MB answer of a live session.
 */
export async function benchHostileBodies(env: Record<string, string> = {}) {
  const database: DatabaseKind = (await isPostgresReachable()) ? 'postgres' : 'pglite';
  const scenarios: HostileScenario[] = [];
  for (const [name, bodies, bytes] of [
    ['30 MB', 1, 30 * MB],
    ['50 MB', 1, 50 * MB],
    ['4 × 50 MB', 4, 50 * MB],
  ] as const) {
    scenarios.push(await runScenario(database, name, bodies, bytes, env));
  }
  // For comparison, what a real large answer costs: a live session's 65 MB envelope (a 50 MB answer
  // escaped), read and parsed off the event loop. Needs PostgreSQL to seed the session beside the server.
  if (database === 'postgres') scenarios.push(await runScenario(database, 'live 65 MB', 1, 65 * MB, env, true));
  return { database, scenarios };
}
