import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, isPostgresReachable, type DatabaseKind } from '@connector/db/testing';
import { createCompany, enqueueRequest, setQbwcCredentials } from '@connector/sync';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';

// SQL statements sent to PostgreSQL, counted at node-postgres (the pg that @connector/db and Prisma's adapter use):
// each is a round trip with its own CPU on both sides, the cost issue 19 counts per write.
const requireFromDb = createRequire(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/db/package.json'));
const pgClient = (requireFromDb('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } }).Client.prototype;
let statements = 0;
const query = pgClient.query;
pgClient.query = function (this: unknown, ...args: unknown[]) {
  statements += 1;
  return query.apply(this, args);
};

const REQUESTS = 500;
const BATCH = 25;

const envelope = (method: string, params: Record<string, string | number>) =>
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
  `<${method} xmlns="http://developer.intuit.com/">` +
  Object.entries(params)
    .map(([k, v]) => `<${k}>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</${k}>`)
    .join('') +
  `</${method}></soap:Body></soap:Envelope>`;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), min: sorted[0]!, max: sorted.at(-1)!, n: sorted.length };
}

/** Server time per sendRequestXML / receiveResponseXML with a real database, via inject (no network). */
export async function benchRoundTrips(kind: DatabaseKind) {
  if (kind === 'postgres' && !(await isPostgresReachable())) return null;
  const testDb = await createTestDatabase(kind);
  const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', QBWC_BATCH_SIZE: String(BATCH), LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, db: testDb.database, logger: false });
  const db = testDb.database;
  try {
    const company = await createCompany(db, { procoreCompanyId: '1', name: 'Bench Co', actor: 'bench' });
    const { connection, password } = await setQbwcCredentials(db, { companyId: company.id, actor: 'bench' });
    for (let i = 0; i < REQUESTS; i += 1) {
      await enqueueRequest(db, { companyId: company.id, request: { type: 'VendorAdd', name: `Bench Vendor ${i}` }, dedupeKey: `v${i}`, requestedBy: 'bench' });
    }
    const call = async (method: string, params: Record<string, string | number>) => {
      const started = process.hrtime.bigint();
      const res = await app.inject({ method: 'POST', url: '/qbwc', headers: { 'content-type': 'text/xml' }, payload: envelope(method, params) });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const result = res.body.match(new RegExp(`<${method}Result>([\\s\\S]*?)</${method}Result>`))?.[1] ?? '';
      return { ms, result, body: res.body };
    };
    const auth = await call('authenticate', { strUserName: connection.username, strPassword: password });
    const ticket = auth.body.match(/<string>([0-9a-f]{32})<\/string>/)![1]!;
    const hcp =
      '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><HostQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><HostRet><ProductName>QuickBooks Enterprise</ProductName><MajorVersion>34</MajorVersion><MinorVersion>0</MinorVersion><Country>US</Country><SupportedQBXMLVersion>13.0</SupportedQBXMLVersion></HostRet></HostQueryRs>' +
      `<CompanyQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><CompanyRet><CompanyName>Bench Co</CompanyName><DataExtRet><OwnerID>${config.qbwc.ownerId}</OwnerID><DataExtName>FileID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>${connection.fileId}</DataExtValue></DataExtRet></CompanyRet></CompanyQueryRs></QBXMLMsgsRs></QBXML>`;
    const send: number[] = [];
    const receive: number[] = [];
    let first = true;
    let n = 0;
    // This process's CPU over the exchange: the server (in-process, app.inject) and the database when it is PGlite;
    // building the canned answers here costs little beside it. PostgreSQL's own CPU is not in it.
    const cpuAtStart = process.cpuUsage();
    const statementsAtStart = statements;
    for (;;) {
      const s = await call('sendRequestXML', {
        ticket,
        strHCPResponse: first ? hcp : '',
        strCompanyFileName: 'C:\\Bench.QBW',
        qbXMLCountry: 'US',
        qbXMLMajorVers: 13,
        qbXMLMinorVers: 0,
      });
      first = false;
      if (!s.result) throw new Error('no request returned');
      send.push(s.ms);
      const xml = unescape(s.result);
      const responses = [...xml.matchAll(/<VendorAddRq requestID="([^"]+)"><VendorAdd><Name>([^<]*)<\/Name>/g)].map(
        ([, id, name]) =>
          `<VendorAddRs requestID="${id}" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><VendorRet><ListID>${(0x80000000 + ++n).toString(16)}-1700000000</ListID><TimeCreated>2026-11-20T09:00:00-05:00</TimeCreated><TimeModified>2026-11-20T09:00:00-05:00</TimeModified><EditSequence>1700000000</EditSequence><Name>${name}</Name><IsActive>true</IsActive></VendorRet></VendorAddRs>`,
      );
      const r = await call('receiveResponseXML', {
        ticket,
        response: `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>${responses.join('')}</QBXMLMsgsRs></QBXML>`,
        hresult: '',
        message: '',
      });
      receive.push(r.ms);
      if (Number(r.result) >= 100) break;
    }
    const cpu = process.cpuUsage(cpuAtStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const sent = statements - statementsAtStart;
    await call('closeConnection', { ticket });
    const roundTrip = send.map((ms, i) => ms + receive[i]!);
    return {
      requests: REQUESTS,
      batchSize: BATCH,
      roundTrips: send.length,
      send: stats(send),
      receive: stats(receive),
      roundTrip: stats(roundTrip),
      cpuMs: Math.round(cpuMs),
      cpuPerWriteMs: Math.round((cpuMs / REQUESTS) * 1000) / 1000,
      // PostgreSQL only (PGlite is called in-process, not through pg); BEGIN and COMMIT included.
      sqlStatementsPerWrite: kind === 'postgres' ? Math.round((sent / REQUESTS) * 100) / 100 : null,
    };
  } finally {
    await app.close();
    await testDb.dispose();
  }
}
