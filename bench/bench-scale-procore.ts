// The Procore side of the scale benchmark: one Procore simulator holding one (empty) Procore company per simulated
// company, the service account a member of each. Every company is connected through the JSON API (service account)
// and registers its webhooks, so the background jobs that follow a refresh push to Procore, and edits made in
// Procore during the load reach the instances as webhooks.
import { generateProcoreCompany, ProcoreSimulator } from '@connector/procore-simulator';
import type { BenchSignIn, SimulatedCompany } from './bench-scale-companies.ts';

/** The Procore company of simulated company `index` (createSimulatedCompanies uses the same ids). */
export const procoreCompanyIdOf = (index: number) => 9_000_000 + index;

export function createBenchProcore(companies: number, client: { clientId: string; clientSecret: string }): ProcoreSimulator {
  const seeded = generateProcoreCompany({ seed: 7, projects: 1, vendors: 2, commitmentsPerProject: 1, directCostsPerProject: 1, otherCompany: false });
  const empty = (index: number) => ({
    company: { id: procoreCompanyIdOf(index), name: `Scale GC C${String(index + 1).padStart(4, '0')}`, is_active: true },
    userIsMember: true,
    vendors: [],
    projects: [],
    standardCostCodeLists: [],
    standardCostCodes: [],
    lineItemTypes: [],
    costCodes: [],
    budgetViews: [],
    budgetLineItems: [],
    commitments: [],
    commitmentLineItems: [],
    changeOrders: [],
    requisitions: [],
    contractPayments: [],
    directCosts: [],
  });
  return new ProcoreSimulator({
    seed: 7,
    company: { ...seeded, companies: [...seeded.companies, ...Array.from({ length: companies }, (_, i) => empty(i))] },
    clients: [{ ...client, serviceAccount: true }],
    // Procore's limits are per app and company (3,600 an hour, 100 per 10 s): the defaults, as in production.
  });
}

/** Connects every company with the service account and registers its webhooks, through the instances in turn. */
export async function connectToProcore(companies: SimulatedCompany[], signIn: BenchSignIn, instanceUrls: string[]): Promise<void> {
  let next = 0;
  const post = async (path: string) => {
    const url = instanceUrls[next++ % instanceUrls.length]!;
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: signIn.headers, body: '{}' });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`POST ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  };
  // A few at a time: this is set-up, not the load.
  const queue = [...companies];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let company = queue.shift(); company; company = queue.shift()) {
        await post(`/api/companies/${company.companyId}/procore/service-account`);
        await post(`/api/companies/${company.companyId}/procore/webhooks`);
      }
    }),
  );
}
