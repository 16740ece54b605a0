// The simulators' own speed: how long generating a company and answering the biggest calls take. These
// were upper-bound assertions in unit tests ("10,000 vendors quickly") that failed on a busy machine; a
// figure here is read by people instead (codebase rules: timing belongs in pnpm bench).
import { DEFAULT_PROCESSING_TIME, generateCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { generateProcoreCompany, ProcoreSimulator } from '@connector/procore-simulator';

export interface SimulatorFigures {
  procoreGenerate10kVendorsMs: number;
  procoreSync10x1000: { slowestMs: number; meanMs: number };
  procorePage1000Ms: number;
  quickbooksGenerate100kBillsMs: number;
  quickbooksBillPages: { pages: number; firstMs: number; lastMs: number; meanMs: number; totalMs: number; modelledQuickBooksMs: number };
}

const ms = (start: number) => performance.now() - start;

function rqXml(body: string): string {
  return `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`;
}

function attr(xml: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1];
}

export async function benchSimulators(): Promise<SimulatorFigures> {
  let start = performance.now();
  generateProcoreCompany({ seed: 5, vendors: 10_000, projects: 10, costCodes: 120, otherCompany: false });
  const procoreGenerate10kVendorsMs = ms(start);

  const sim = new ProcoreSimulator({ company: generateProcoreCompany({ seed: 3, vendors: 10 }) });
  const { url } = await sim.start({ port: 0, host: '127.0.0.1' });
  const headers = {
    Authorization: `Bearer ${sim.issueTokens().access_token}`,
    'Procore-Company-Id': String(sim.companyId),
    'Content-Type': 'application/json',
  };
  const durations: number[] = [];
  try {
    for (let call = 0; call < 10; call++) {
      const updates = Array.from({ length: 1000 }, (_, i) => ({
        name: `QB Vendor ${call * 1000 + i}`,
        origin_id: `8000${call * 1000 + i}-1`,
        city: 'Boise',
        is_active: true,
      }));
      start = performance.now();
      const res = await fetch(`${url}/rest/v1.0/vendors/sync`, { method: 'PATCH', headers, body: JSON.stringify({ company_id: sim.companyId, updates }) });
      await res.arrayBuffer();
      durations.push(ms(start));
    }
    start = performance.now();
    await (await fetch(`${url}/rest/v1.0/companies/${sim.companyId}/vendors?per_page=1000&page=6`, { headers })).arrayBuffer();
  } finally {
    await sim.close();
  }
  const procorePage1000Ms = ms(start);

  start = performance.now();
  const company = generateCompanyFile({
    seed: 2024,
    vendors: 5000,
    customers: 50,
    jobs: 500,
    items: 200,
    classes: 10,
    bills: 100_000,
    linesPerTxn: 4,
    checks: 2000,
    creditCardCharges: 2000,
  });
  const quickbooksGenerate100kBillsMs = ms(start);
  // QuickBooks' own time is modelled (qb-simulator processing-time.ts) and counted, not waited: the figure says
  // what the same pages would cost in QuickBooks beside what the simulator took.
  const qb = new QuickBooksSimulator({
    company,
    validateXsd: false,
    clock: () => new Date('2025-01-06T15:00:00Z'),
    processingTime: DEFAULT_PROCESSING_TIME,
    sleep: async () => {},
  });
  qb.openSession();
  const pageTimes: number[] = [];
  const total = performance.now();
  start = performance.now();
  let xml = await qb.processRequest(rqXml('<BillQueryRq iterator="Start"><MaxReturned>1000</MaxReturned></BillQueryRq>'));
  pageTimes.push(ms(start));
  const id = attr(xml, 'iteratorID');
  while (Number(attr(xml, 'iteratorRemainingCount') ?? 0) > 0) {
    start = performance.now();
    xml = await qb.processRequest(rqXml(`<BillQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>1000</MaxReturned></BillQueryRq>`));
    pageTimes.push(ms(start));
  }
  return {
    procoreGenerate10kVendorsMs,
    procoreSync10x1000: { slowestMs: Math.max(...durations), meanMs: durations.reduce((a, b) => a + b, 0) / durations.length },
    procorePage1000Ms,
    quickbooksGenerate100kBillsMs,
    quickbooksBillPages: {
      pages: pageTimes.length,
      firstMs: pageTimes[0]!,
      lastMs: pageTimes.at(-1)!,
      meanMs: pageTimes.reduce((a, b) => a + b, 0) / pageTimes.length,
      totalMs: ms(total),
      modelledQuickBooksMs: qb.processingTotals.modelledMs,
    },
  };
}

// Run alone: `pnpm --filter @connector/bench exec tsx bench-simulators.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchSimulators(), null, 2));
}
