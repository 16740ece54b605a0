import { QuickBooksSimulator, type CompanyFile, type CompanyFileKind } from '@connector/qb-simulator';
import { createCompany, updateCompanySettings } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from '../../apps/server/test/support/procore-test-setup.ts';
import { journeyCompanyFile } from './journey-company-file.ts';
import { QbwcClock } from './web-connector.ts';

/** The real server (PGlite) with the Procore simulator, our company in it, and the QuickBooks company file it syncs with. */
export interface JourneyServer {
  setup: ProcoreTestSetup;
  /** Our company's id. */
  companyId: string;
  procoreCompanyId: string;
  company: CompanyFile;
  quickbooks: QuickBooksSimulator;
  qbwcClock: QbwcClock;
  /** The embedded app's address of a screen, as Procore opens it (company_id, plus the query given). */
  appUrl(path: string, query?: Record<string, string>): string;
}

/**
 * One server for a kind of QuickBooks company file: the company "Summit Builders" made, the QuickBooks simulator on
 * the kind's file, and what an admin chose before the journeys (as `pnpm demo` does): the account new cost-code items
 * post to, and abbreviating the seeded CSI names past QuickBooks' 31 characters. The caller closes `setup`.
 */
export async function startJourneyServer(kind: CompanyFileKind): Promise<JourneyServer> {
  const qbwcClock = new QbwcClock();
  const setup = await startProcoreTestSetup('pglite', {
    env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '1' },
    app: { qbwcClock: qbwcClock.now },
  });
  try {
    const db = setup.testDb.database;
    const procoreCompanyId = String(setup.simulator.companyId);
    const companyId = (await createCompany(db, { procoreCompanyId, name: 'Summit Builders', actor: 'test' })).id;
    const company = journeyCompanyFile(kind);
    const quickbooks = new QuickBooksSimulator({ company });
    const subcontractors = company.accounts.find((a) => a.name === 'Subcontractors')!;
    await updateCompanySettings(
      db,
      companyId,
      { itemExpenseAccount: { listId: subcontractors.listId, fullName: 'Job Expenses:Subcontractors' }, itemNameRule: 'abbreviate' },
      'test',
    );
    return {
      setup,
      companyId,
      procoreCompanyId,
      company,
      quickbooks,
      qbwcClock,
      appUrl: (path, query = {}) => `${setup.publicUrl}/app/${path}?${new URLSearchParams({ company_id: procoreCompanyId, ...query })}`,
    };
  } catch (error) {
    await setup.close();
    throw error;
  }
}
