// A full read of a generated company file, this server against quickbooks-js 1.0.0. Our side is the existing read
// bench (bench-read-sync.ts: the server's own refresh of jobs, vendors, items and job costs, the server as its own
// process on PostgreSQL); the peer sends the same queries (refreshRequests, one request per message, following
// iterators page by page) against the same file and stores nothing.
import { DEFAULT_PROCESSING_TIME, generateCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { buildRequestMessage } from '@connector/qbxml';
import type { QuickBooksProcessor } from '@connector/qbwc-client';
import { REFRESH_KINDS } from '@connector/sync';
import { refreshRequests } from '../../packages/sync/src/imports/refresh-kinds.ts';
import { benchReadSync } from '../bench-read-sync.ts';
import { watchPostgresBackendsOf } from './postgres-backend-cpu.ts';
import { childPidsOf, commandLineOf } from './process-figures.ts';
import { runQuickbooksJsSession, type PeerSessionFigures } from './run-quickbooks-js-session.ts';

export interface ReadSizes {
  vendors: number;
  jobs: number;
  items: number;
  bills: number;
}

/** The file bench-read-sync.ts generates for these sizes (same seed and options): both sides read the same records. */
function readCompanyFile(sizes: ReadSizes) {
  return generateCompanyFile({
    seed: 2026,
    vendors: sizes.vendors,
    jobs: sizes.jobs,
    customers: Math.ceil(sizes.jobs / 5),
    items: sizes.items,
    classes: 8,
    bills: sizes.bills,
    checks: 0,
    creditCardCharges: 0,
    paidBillRatio: 0,
  });
}

// Top-level records of the answers (line elements such as ItemLineRet are inside a BillRet, not counted).
const ITEM_TYPES = 'Service|OtherCharge|NonInventory|Inventory|InventoryAssembly|FixedAsset|Group|Discount|Subtotal|Payment|SalesTax|SalesTaxGroup';
const RECORD = new RegExp(`<(?:Vendor|Customer|Account|Class|Bill|Check|CreditCardCharge|BillPaymentCheck|Item(?:${ITEM_TYPES}))Ret>`, 'g');

/** The simulator, counting the records and bytes of its answers (in the bench process, not the peer's). */
class CountingProcessor implements QuickBooksProcessor {
  records = 0;
  bytes = 0;
  private readonly simulator: QuickBooksSimulator;
  constructor(simulator: QuickBooksSimulator) {
    this.simulator = simulator;
  }
  get companyFilePath() {
    return this.simulator.companyFilePath;
  }
  openSession() {
    this.simulator.openSession();
  }
  hostCompanyPreferencesResponse() {
    return this.simulator.hostCompanyPreferencesResponse();
  }
  ensureFileId(ownerId: string, fileId: string) {
    this.simulator.ensureFileId(ownerId, fileId);
  }
  async processRequest(requestXml: string) {
    const response = await this.simulator.processRequest(requestXml);
    this.records += response.match(RECORD)?.length ?? 0;
    this.bytes += Buffer.byteLength(response);
    return response;
  }
  closeSession() {
    this.simulator.closeSession();
  }
}

/** The server bench-read-sync.ts started: a child of this process running apps/server/src/main.ts. */
function readBenchServerPid(): number | undefined {
  return childPidsOf(process.pid).find((pid) => commandLineOf(pid).includes('apps/server/src/main.ts'));
}

export interface ReadComparison {
  sizes: ReadSizes;
  /** What the generated file holds (the generator's counts can differ from the sizes asked). */
  inFile: { vendors: number; bills: number; records: number };
  connector: NonNullable<Awaited<ReturnType<typeof benchReadSync>>> & { postgresCpuMs: number; postgresBackends: number };
  quickbooksJs: PeerSessionFigures & { records: number; qbxmlBytes: number; recordsInFile: number };
}

export async function compareReads(sizes: ReadSizes): Promise<ReadComparison | null> {
  // Our side: the PostgreSQL backends serving the read bench's server are found by its pid while it runs.
  const backends = await watchPostgresBackendsOf(readBenchServerPid);
  await backends.start();
  let ours: Awaited<ReturnType<typeof benchReadSync>>;
  let postgres: { cpuMs: number; backends: number };
  try {
    ours = await benchReadSync(sizes);
  } finally {
    postgres = await backends.stop();
  }
  if (!ours) return null;

  const file = readCompanyFile(sizes);
  const recordsInFile = file.vendors.length + file.customers.length + file.items.length + file.accounts.length + file.classes.length + file.bills.length;
  const simulator = new QuickBooksSimulator({ company: file, validateXsd: false, processingTime: DEFAULT_PROCESSING_TIME, sleep: async () => {} });
  const counting = new CountingProcessor(simulator);
  // The queries of a first (full) refresh of every kind, as the server sends them; one request per message.
  const messages = REFRESH_KINDS.flatMap((kind) => refreshRequests(kind, () => null)).map(({ request }) =>
    buildRequestMessage({ requests: [{ requestId: '1', request }] }),
  );
  const peer = await runQuickbooksJsSession(messages, counting);
  if (counting.records !== recordsInFile) throw new Error(`quickbooks-js read ${counting.records} records of the ${recordsInFile} in the file`);
  return {
    sizes,
    inFile: { vendors: file.vendors.length, bills: file.bills.length, records: recordsInFile },
    connector: { ...ours, postgresCpuMs: postgres.cpuMs, postgresBackends: postgres.backends },
    quickbooksJs: { ...peer, records: counting.records, qbxmlBytes: counting.bytes, recordsInFile },
  };
}
