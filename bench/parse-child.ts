// Runs in a fresh process so peak memory (max RSS) belongs to the parse alone.
import { parseResponseMessage } from '@connector/qbxml';
import { makeBillQueryResponse } from './make-query-response.ts';

const targetBytes = Number(process.argv[2] ?? 5 * 1024 * 1024);
const { xml, bills } = makeBillQueryResponse(targetBytes);
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
const started = process.hrtime.bigint();
const parsed = parseResponseMessage(xml);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const maxRssAfter = process.resourceUsage().maxRSS * 1024;
const records = parsed.responses[0]?.records.length ?? 0;
if (records !== bills) throw new Error(`parsed ${records} bills, expected ${bills}`);
process.stdout.write(
  JSON.stringify({
    bytes: Buffer.byteLength(xml),
    bills,
    ms,
    rssBefore,
    peakRss: Math.max(maxRssAfter, process.memoryUsage().rss),
    peakRssIncrease: Math.max(0, maxRssAfter - Math.max(maxRssBefore, rssBefore)),
  }),
);
