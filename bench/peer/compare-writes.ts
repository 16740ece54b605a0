// N VendorAdds through the Web Connector, this server against quickbooks-js 1.0.0, from the same company file:
// our server queues them as the product does (25 requests per qbXML message by default, QBWC_BATCH_SIZE), the
// peer sends one request per round trip, as it is built to (its handler hands over one qbXML message per request).
import type { DatabaseKind } from '@connector/db/testing';
import { generateCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { buildRequestMessage } from '@connector/qbxml';
import { enqueueRequest, REFRESH_KINDS } from '@connector/sync';
import { runConnectorSession, type ConnectorSessionFigures } from './run-connector-session.ts';
import { runQuickbooksJsSession, type PeerSessionFigures } from './run-quickbooks-js-session.ts';

const vendorName = (i: number) => `Bench Vendor ${i}`;

/** The company file both sides write into: a small generated one, none of its vendors named like the new ones. */
function writeCompanyFile() {
  return generateCompanyFile({ seed: 2026, vendors: 200, jobs: 20, customers: 5, items: 20, classes: 4, bills: 0, checks: 0, creditCardCharges: 0 });
}

/** XSD validation off in the simulator: the figures are the servers', and QuickBooks' own time is not waited. */
const newSimulator = () => new QuickBooksSimulator({ company: writeCompanyFile(), validateXsd: false });

/** The vendors written: each name once (a write made twice, or not at all for ours, stops the bench). */
function vendorsWritten(simulator: QuickBooksSimulator, side: string): number {
  const added = simulator.company.vendors.filter((v) => v.name.startsWith('Bench Vendor ')).map((v) => v.name);
  if (new Set(added).size !== added.length) throw new Error(`${side}: a vendor was written twice (${added.length} written, ${new Set(added).size} names)`);
  return added.length;
}

export interface WriteComparison {
  writes: number;
  connector: Record<string, ConnectorSessionFigures>;
  /**
   * written: the vendors quickbooks-js had QuickBooks write in its session. It can be fewer than asked: its
   * receiveResponseXML answers counter * 100 / queue length rounded with toFixed() (lib/web-service.js), so at
   * 99.5 % it says "100" and the Web Connector closes the session with the last 0.5 % of the requests unsent
   * (995 of 1,000; 3,980 of 4,000). Its CPU is counted per write made.
   */
  quickbooksJs: PeerSessionFigures & { written: number };
}

export async function compareWrites(writes: number, databases: DatabaseKind[]): Promise<WriteComparison> {
  const connector: Record<string, ConnectorSessionFigures> = {};
  for (const database of databases) {
    const simulator = newSimulator();
    connector[database] = await runConnectorSession(database, simulator, async (db, companyId) => {
      for (let i = 0; i < writes; i += 1) {
        await enqueueRequest(db, { companyId, request: { type: 'VendorAdd', name: vendorName(i) }, dedupeKey: `bench-vendor-${i}`, requestedBy: 'bench' });
      }
      // The server's schedule queues a refresh of every list at start-up when none was asked for yet
      // (queueDueRefreshes): marked as asked for now, the session carries the writes only.
      const now = new Date().toISOString();
      for (const kind of REFRESH_KINDS) {
        const name = `qb:${kind}:requested_at`;
        await db.prisma.syncCursor.upsert({ where: { companyId_name: { companyId, name } }, create: { companyId, name, value: now }, update: { value: now } });
      }
    });
    const written = vendorsWritten(simulator, `this server (${database})`);
    if (written !== writes) throw new Error(`this server (${database}): ${written} vendors written for ${writes} VendorAdds queued`);
  }
  const simulator = newSimulator();
  const messages = Array.from({ length: writes }, (_, i) =>
    buildRequestMessage({ requests: [{ requestId: '1', request: { type: 'VendorAdd', name: vendorName(i) } }], onError: 'stopOnError' }),
  );
  const peer = await runQuickbooksJsSession(messages, simulator);
  const written = vendorsWritten(simulator, 'quickbooks-js');
  // One request per message: every message handed to QuickBooks is one vendor written, and only those.
  if (written !== peer.report.requestsSent) throw new Error(`quickbooks-js: ${written} vendors written for ${peer.report.requestsSent} messages sent`);
  return { writes, connector, quickbooksJs: { ...peer, written } };
}
