// Procore API cost of syncing: calls per synced record (vendors, projects, standard cost codes), and the
// wall time of a 10,000-vendor upsert under the simulator's default limits (3600/hour, 100 per 10 s).
// Client and simulator in one process over real HTTP on loopback.
import { createProcoreClient, createRateLimiter } from '@connector/procore';
import { ProcoreSimulator } from '@connector/procore-simulator';

export interface ProcoreBenchFigures {
  limits: { hourly: number; tenSecond: number };
  resources: Array<{ resource: string; records: number; writeCalls: number; readCalls: number; callsPerRecord: number; wallMs: number }>;
  vendors10k: { records: number; calls: number; wallMs: number; recordsPerSecond: number; rateLimited: number; limiterWaits: number };
}

export async function benchProcore(): Promise<ProcoreBenchFigures> {
  const limits = { hourly: 3600, tenSecond: 100 };
  const simulator = new ProcoreSimulator({ seed: 11, rateLimits: limits });
  const { url } = await simulator.start({ port: 0, host: '127.0.0.1' });
  try {
    const token = simulator.issueTokens({ serviceAccount: true }).access_token;
    const client = createProcoreClient({
      apiBaseUrl: url,
      companyId: simulator.companyId,
      getAccessToken: async () => token,
      rateLimiter: createRateLimiter(limits),
      perPage: 1000,
    });
    const calls = () => simulator.stats().totalRequests;
    const resources: ProcoreBenchFigures['resources'] = [];
    const measure = async (
      resource: string,
      records: number,
      write: () => Promise<{ failures: readonly { messages: string[] }[] }>,
      read: () => Promise<unknown>,
    ) => {
      const start = performance.now();
      const c0 = calls();
      const written = await write();
      // A figure for failed writes would be meaningless: stop with Procore's reason instead.
      if (written.failures.length > 0) throw new Error(`${resource}: ${written.failures.length} failed, e.g. ${written.failures[0]!.messages.join('; ')}`);
      const c1 = calls();
      await read();
      const c2 = calls();
      resources.push({ resource, records, writeCalls: c1 - c0, readCalls: c2 - c1, callsPerRecord: (c2 - c0) / records, wallMs: performance.now() - start });
    };

    await measure(
      'vendors',
      2000,
      () => client.vendors.sync(Array.from({ length: 2000 }, (_, i) => ({ origin_id: `bench-v-${i}`, name: `Bench Vendor ${i}` }))),
      () => client.vendors.list(),
    );
    await measure(
      'projects',
      200,
      () => client.projects.sync(Array.from({ length: 200 }, (_, i) => ({ origin_id: `bench-p-${i}`, name: `Bench Job ${i}`, project_number: `B-${i}` }))),
      () => client.projects.list(),
    );
    const [list] = await client.standardCostCodes.listLists();
    await measure(
      'standard cost codes',
      1500,
      () =>
        client.standardCostCodes.sync(
          list!.id,
          Array.from({ length: 1500 }, (_, i) => ({ origin_id: `bench-c-${i}`, code: `B${String(i).padStart(4, '0')}`, name: `Bench Code ${i}` })),
        ),
      () => client.standardCostCodes.list(list!.id),
    );

    simulator.resetStats();
    const limiter = createRateLimiter(limits);
    const bulk = createProcoreClient({ apiBaseUrl: url, companyId: simulator.companyId, getAccessToken: async () => token, rateLimiter: limiter });
    const start = performance.now();
    const result = await bulk.vendors.sync(Array.from({ length: 10_000 }, (_, i) => ({ origin_id: `bench-10k-${i}`, name: `Ten Thousand Vendor ${i}` })));
    const wallMs = performance.now() - start;
    if (result.failures.length > 0) throw new Error(`${result.failures.length} vendors failed`);
    return {
      limits,
      resources,
      vendors10k: {
        records: 10_000,
        calls: result.calls,
        wallMs,
        recordsPerSecond: Math.round(10_000 / (wallMs / 1000)),
        rateLimited: simulator.stats().rateLimited,
        limiterWaits: limiter.stats().waits,
      },
    };
  } finally {
    await simulator.close();
  }
}
