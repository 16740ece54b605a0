// Issue 19's table, measured in one run: this server against quickbooks-js 1.0.0 (npm; a QBWC SOAP server on
// soap 0.9.1 that sends one request per round trip), both driven by the same Web Connector client
// (packages/qbwc-client runWebConnectorSession) and the same QuickBooks simulator company file. Each server runs as
// its own process and is measured alone from /proc: CPU time (user + system; the machine is shared, so wall time
// says little), peak RSS (VmHWM). On PostgreSQL the CPU of the backends serving our server is added (the peer
// stores nothing, so it has none). The simulator, the client and the bench run in this process, counted on neither side.
import type { DatabaseKind } from '@connector/db/testing';
import { isPostgresReachable } from '@connector/db/testing';
import { compareReads, type ReadComparison, type ReadSizes } from './peer/compare-reads.ts';
import { compareWrites, type WriteComparison } from './peer/compare-writes.ts';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const n = (value: number) => value.toLocaleString('en-US');
const ms = (value: number, digits = 2) => `${value.toFixed(digits)} ms`;
const s = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;
/** ours / peer as "k× more" or "k× less" (fewer for counts). */
function ratio(ours: number, peer: number, fewer = false): string {
  if (ours === 0 || peer === 0) return '–';
  return ours >= peer ? `${(ours / peer).toFixed(1)}× more` : `${(peer / ours).toFixed(1)}× ${fewer ? 'fewer' : 'less'}`;
}

export interface PeerFigures {
  writes: WriteComparison;
  read: ReadComparison | null;
}

export interface SeriesFigures {
  writes: WriteComparison[];
  reads: ReadComparison[];
}

const writeDatabases = async (): Promise<DatabaseKind[]> => ((await isPostgresReachable()) ? ['pglite', 'postgres'] : ['pglite']);

function unsentNote(w: WriteComparison): string {
  const p = w.quickbooksJs;
  return `quickbooks-js had ${n(p.written)} of the ${n(w.writes)} VendorAdds written (its per-write figures count those): its receiveResponseXML rounds counter × 100 / queue length with toFixed(), so 99.5 % answers "100" and the Web Connector ends the session with ${n(w.writes - p.written)} request(s) unsent (lib/web-service.js).`;
}

/** Figures of one side per write (node CPU, PostgreSQL CPU, their sum per write). */
function perWrite(w: WriteComparison, database: string) {
  const c = w.connector[database]!;
  const total = c.cpuMs + (c.postgresCpuMs ?? 0);
  return { total, perWriteMs: total / w.writes, c };
}

function perRecord(r: ReadComparison) {
  const c = r.connector;
  const total = c.serverCpuMs + c.postgresCpuMs;
  return { total, perRecordMs: total / Math.max(c.records, 1), peerPerRecordMs: r.quickbooksJs.cpuMs / Math.max(r.quickbooksJs.records, 1) };
}

export async function benchPeer(sizes: ReadSizes, writes = 1000): Promise<PeerFigures> {
  const w = await compareWrites(writes, await writeDatabases());
  const read = await compareReads(sizes);
  return { writes: w, read };
}

export function printPeer(figures: PeerFigures): string[] {
  const { writes: w, read } = figures;
  const peer = w.quickbooksJs;
  const peerPerWrite = peer.cpuMs / peer.written;
  const lines = [
    `This server vs quickbooks-js 1.0.0, same Web Connector client and company file, each server its own process; CPU time from /proc (user + system), not wall (shared, loaded machine):`,
    '',
    '| Workload | This server | quickbooks-js | ratio |',
    '|---|---|---|---|',
  ];
  const first = Object.values(w.connector)[0]!;
  lines.push(
    `| ${n(w.writes)} VendorAdd: round trips (qbXML messages; SOAP calls) | ${n(first.report.requestsSent)} (${n(first.report.roundTrips)}) | ${n(peer.report.requestsSent)} (${n(peer.report.roundTrips)}) | ${ratio(first.report.requestsSent / w.writes, peer.report.requestsSent / peer.written, true)} per write |`,
  );
  for (const database of Object.keys(w.connector)) {
    const { perWriteMs, c } = perWrite(w, database);
    const split = c.postgresCpuMs === null ? `${s(c.cpuMs)}, PGlite in-process` : `${s(c.cpuMs)} + ${s(c.postgresCpuMs)}`;
    const label = c.postgresCpuMs === null ? 'server CPU per write (node + PGlite)' : 'server CPU per write (node + PostgreSQL)';
    lines.push(
      `| ${n(w.writes)} VendorAdd on ${database}: ${label} | ${ms(perWriteMs)} (${split}) | ${ms(peerPerWrite)} | ${ratio(perWriteMs, peerPerWrite)} |`,
    );
  }
  for (const database of Object.keys(w.connector)) {
    const c = w.connector[database]!;
    lines.push(
      `| ${n(w.writes)} VendorAdd on ${database}: peak RSS (at start) | ${mb(c.peakRssBytes)} (${mb(c.rssAtStartBytes)}) | ${mb(peer.peakRssBytes)} (${mb(peer.rssAtStartBytes)}) | ${ratio(c.peakRssBytes, peer.peakRssBytes)} |`,
    );
  }
  if (read) {
    const c = read.connector;
    const p = read.quickbooksJs;
    const { perRecordMs, peerPerRecordMs } = perRecord(read);
    const what = `read ${n(read.inFile.vendors)} vendors + ${n(read.inFile.bills)} bills (${n(c.records)} records, ${mb(c.bytesFromQuickBooks)} of SOAP from QuickBooks) on postgres`;
    lines.push(
      `| ${what}: CPU per record (node + PostgreSQL) | ${ms(perRecordMs, 3)} (${s(c.serverCpuMs)} + ${s(c.postgresCpuMs)}) | ${ms(peerPerRecordMs, 3)} (stores nothing) | ${ratio(perRecordMs, peerPerRecordMs)} |`,
      `| same read: qbXML messages (SOAP calls) | ${n(c.qbxmlMessages)} (${n(c.soapCalls)}) | ${n(p.report.requestsSent)} (${n(p.report.roundTrips)}) | ${ratio(c.qbxmlMessages, p.report.requestsSent, true)} |`,
      `| same read: peak RSS (at start) | ${mb(c.serverPeakRssBytes)} (${mb(c.serverRssAtStartBytes)}) | ${mb(p.peakRssBytes)} (${mb(p.rssAtStartBytes)}) | ${ratio(c.serverPeakRssBytes, p.peakRssBytes)} |`,
      `| same read: event-loop delay p99 / max (ours only) | ${c.eventLoopDelay.p99Ms} / ${c.eventLoopDelay.maxMs} ms | – | – |`,
    );
  } else {
    lines.push('| read: skipped (needs PostgreSQL for a separate server process) | | | |');
  }
  if (peer.written < w.writes) lines.push('', unsentNote(w));
  return lines;
}

/** How the figures grow: writes at each count (every database), reads at each number of bills (PostgreSQL). */
export async function benchSeries(
  writeCounts: number[],
  billCounts: number[],
  listSizes: Omit<ReadSizes, 'bills'>,
  reuse: { writes?: WriteComparison | undefined } = {},
): Promise<SeriesFigures> {
  const databases = await writeDatabases();
  const writes: WriteComparison[] = [];
  for (const count of writeCounts) {
    const done = reuse.writes;
    writes.push(done && done.writes === count && databases.every((d) => d in done.connector) ? done : await compareWrites(count, databases));
  }
  const reads: ReadComparison[] = [];
  for (const bills of billCounts) {
    const read = await compareReads({ ...listSizes, bills });
    if (read) reads.push(read);
  }
  return { writes, reads };
}

export function printSeries(series: SeriesFigures): string[] {
  const lines = [
    '',
    'Scaling series (CPU time, not wall):',
    '',
    '| Writes | database | this server: CPU per write (node + db) | peak RSS | quickbooks-js: CPU per write | peak RSS | ratio |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const w of series.writes) {
    const peerPerWrite = w.quickbooksJs.cpuMs / w.quickbooksJs.written;
    for (const database of Object.keys(w.connector)) {
      const { perWriteMs, c } = perWrite(w, database);
      lines.push(
        `| ${n(w.writes)} | ${database} | ${ms(perWriteMs)} | ${mb(c.peakRssBytes)} | ${ms(peerPerWrite)} (${n(w.quickbooksJs.written)} written) | ${mb(w.quickbooksJs.peakRssBytes)} | ${ratio(perWriteMs, peerPerWrite)} |`,
      );
    }
  }
  // Between two counts the session's fixed cost (sign-in, binding the company file, start of the queue) cancels out:
  // what one more write costs.
  for (let i = 1; i < series.writes.length; i += 1) {
    const [a, b] = [series.writes[i - 1]!, series.writes[i]!];
    const peer = (b.quickbooksJs.cpuMs - a.quickbooksJs.cpuMs) / (b.quickbooksJs.written - a.quickbooksJs.written);
    const ours = Object.keys(b.connector)
      .filter((database) => database in a.connector)
      .map((database) => `${database} ${ms((perWrite(b, database).total - perWrite(a, database).total) / (b.writes - a.writes))}`);
    lines.push(`| ${n(a.writes)} → ${n(b.writes)}: each further write | | ${ours.join(', ')} | | ${ms(peer)} | | |`);
  }
  lines.push(
    '',
    '| Bills read (+ lists) | this server: CPU per record (node + PostgreSQL) | per bill | peak RSS | event loop p99 / max | quickbooks-js: CPU per record | peak RSS | ratio |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const r of series.reads) {
    const c = r.connector;
    const { total, perRecordMs, peerPerRecordMs } = perRecord(r);
    lines.push(
      `| ${n(r.sizes.bills)} (${n(c.records)} records) | ${ms(perRecordMs, 3)} | ${ms(total / r.sizes.bills, 3)} | ${mb(c.serverPeakRssBytes)} | ${c.eventLoopDelay.p99Ms} / ${c.eventLoopDelay.maxMs} ms | ${ms(peerPerRecordMs, 3)} | ${mb(r.quickbooksJs.peakRssBytes)} | ${ratio(perRecordMs, peerPerRecordMs)} |`,
    );
  }
  return lines;
}

/** What goes into the results file: the figures without the per-call method lists. */
export function peerResults(figures: PeerFigures | SeriesFigures): unknown {
  return JSON.parse(JSON.stringify(figures, (key, value: unknown) => (key === 'methods' || key === 'progress' ? undefined : value)));
}
