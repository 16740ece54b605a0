// Export of 1,000 Procore commitments (with the vendors, jobs and cost-code items they need) to QuickBooks Online
// (issue 22: "1,000 commitments with their dependencies exported to QBO: API calls per record (goal ≤ 0.2 with
// batching), wall time under the default throttle, 0 × 429"). The real server on a port, the Procore simulator over
// HTTP and the qbo-simulator with Intuit's limits (500 requests/min, 10/s, 40 batch requests/min per realm), the
// server's QBO clients at packages/qbo's defaults (its per-realm throttle, batches of 10). Figures only.
import { isPostgresReachable, type DatabaseKind } from '@connector/db/testing';
import { generateProcoreCompany } from '@connector/procore-simulator';
import { startQboExportSetup } from '../apps/server/test/support/qbo-export-setup.ts';

const COMMITMENTS = Number(process.env.BENCH_QBO_COMMITMENTS ?? 1000);
const PROJECTS = 20;
const COMMITMENTS_PER_PROJECT = 75;
const VENDORS = 150;
const MAX_IDS_PER_CALL = 500;
const REALM = '9341453050299001';

export interface QboExportBenchFigures {
  database: DatabaseKind;
  commitments: number;
  /** export_records synced after the run, by type (the commitments and what they needed). */
  synced: Record<string, number>;
  notSynced: number;
  recordsExported: number;
  /** extraPurchaseOrders: purchase orders beyond one per synced commitment (0: none written twice). */
  quickbooksOnline: { vendors: number; customers: number; items: number; purchaseOrders: number; purchaseOrderLines: number; extraPurchaseOrders: number };
  /** Accounting API calls to the realm from approval to all synced (OAuth and CompanyInfo at connect excluded). */
  apiCalls: number;
  apiCallsByResource: Record<string, number>;
  apiCallsPerRecord: number;
  apiCallsPerCommitment: number;
  throttled429: number;
  wallMs: number;
  /** CPU of this process (server, both simulators, PGlite when used) from approval to all synced. */
  processCpuMs: number;
  processCpuPerRecordMs: number;
}

export async function benchQboExport(kind: DatabaseKind): Promise<QboExportBenchFigures | null> {
  if (kind === 'postgres' && !(await isPostgresReachable())) return null;
  const rateLimits = { hourly: 1_000_000, tenSecond: 100_000 };
  const online = await startQboExportSetup(kind, [REALM], {
    simulator: {
      company: generateProcoreCompany({ seed: 7, projects: PROJECTS, commitmentsPerProject: COMMITMENTS_PER_PROJECT, vendors: VENDORS }),
      rateLimits,
    },
    // The server's Procore limiter raised with the simulator's (as bench-export.ts): this measures QuickBooks Online.
    env: { PROCORE_RATE_LIMIT_HOURLY: String(rateLimits.hourly), PROCORE_RATE_LIMIT_10S: String(rateLimits.tenSecond) },
    clientTuning: null,
  });
  try {
    await online.useRealm(REALM);
    const { setup, sim, companyId } = online;
    const db = setup.testDb.database;
    const store = setup.simulator.store;
    const chosen = store.projects
      .list(setup.simulator.companyId)
      .flatMap((p) => store.commitments.list(p.id))
      .filter((c) => c.status === 'Approved')
      .sort((a, b) => a.id - b.id)
      .slice(0, COMMITMENTS);
    if (chosen.length < COMMITMENTS) throw new Error(`the seed has ${chosen.length} approved commitments, fewer than ${COMMITMENTS}`);
    const ids = chosen.map((c) => String(c.id));
    const bulk = async (action: 'send' | 'approve') => {
      for (let i = 0; i < ids.length; i += MAX_IDS_PER_CALL) {
        const res = await online.api('POST', `/exports/commitment/${action}`, { procoreIds: ids.slice(i, i + MAX_IDS_PER_CALL) });
        if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
      }
    };
    await bulk('send');

    const before = sim.stats();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await bulk('approve');
    // export.prepare, then qbo.deliver runs (each waits on the client's per-realm throttle), until nothing is due.
    for (let round = 0; round < 200; round++) {
      const ran = await setup.app.jobRunner.drain();
      const waiting = await db.prisma.exportRecord.count({ where: { companyId, status: { notIn: ['synced', 'failed'] } } });
      if (waiting === 0) break;
      if (ran === 0) await online.runFailedDeliveriesNow();
    }
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const after = sim.stats();

    const rows = await db.prisma.exportRecord.findMany({ where: { companyId }, select: { recordType: true, status: true } });
    const synced: Record<string, number> = {};
    for (const r of rows.filter((row) => row.status === 'synced')) synced[r.recordType] = (synced[r.recordType] ?? 0) + 1;
    const recordsExported = Object.values(synced).reduce((a, b) => a + b, 0);
    const byResource: Record<string, number> = {};
    for (const [resource, n] of Object.entries(after.byResource)) {
      const d = n - (before.byResource[resource] ?? 0);
      if (d > 0) byResource[resource] = d;
    }
    const apiCalls = after.requests - before.requests;
    const qbo = online.store();
    const pos = qbo.list('PurchaseOrder');
    const processCpuMs = (used.user + used.system) / 1000;
    return {
      database: kind,
      commitments: COMMITMENTS,
      synced,
      notSynced: rows.length - recordsExported,
      recordsExported,
      quickbooksOnline: {
        vendors: qbo.list('Vendor').length,
        customers: qbo.list('Customer').length,
        items: qbo.list('Item').length,
        purchaseOrders: pos.length,
        purchaseOrderLines: pos.reduce((n, p) => n + ((p.Line as unknown[] | undefined)?.length ?? 0), 0),
        extraPurchaseOrders: pos.length - (synced.commitment ?? 0),
      },
      apiCalls,
      apiCallsByResource: byResource,
      apiCallsPerRecord: round4(apiCalls / Math.max(1, recordsExported)),
      apiCallsPerCommitment: round4(apiCalls / COMMITMENTS),
      throttled429: after.throttled - before.throttled,
      wallMs: Math.round(wallMs),
      processCpuMs: Math.round(processCpuMs),
      processCpuPerRecordMs: round4(processCpuMs / Math.max(1, recordsExported)),
    };
  } finally {
    await online.close();
  }
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export function printQboExport(f: QboExportBenchFigures): void {
  console.log(`Export of ${f.commitments} commitments to QuickBooks Online (${f.database}; qbo-simulator at Intuit's limits, batches of 10):`);
  console.log(
    `  ${f.recordsExported} records synced (${Object.entries(f.synced)
      .map(([type, n]) => `${n} ${type}`)
      .join(
        ', ',
      )}), ${f.notSynced} not; QBO now has ${f.quickbooksOnline.vendors} vendors, ${f.quickbooksOnline.customers} customers/jobs, ${f.quickbooksOnline.items} items, ${f.quickbooksOnline.purchaseOrders} purchase orders (${f.quickbooksOnline.purchaseOrderLines} lines; ${f.quickbooksOnline.extraPurchaseOrders} beyond one per synced commitment)`,
  );
  console.log(
    `  ${f.apiCalls} Accounting API calls = ${f.apiCallsPerRecord} per record, ${f.apiCallsPerCommitment} per commitment (${Object.entries(f.apiCallsByResource)
      .map(([r, n]) => `${r} ${n}`)
      .join(', ')}); ${f.throttled429} × 429`,
  );
  console.log(
    `  wall ${(f.wallMs / 1000).toFixed(1)} s from approval to all synced; CPU of this process ${f.processCpuMs} ms = ${f.processCpuPerRecordMs} ms per record`,
  );
}
