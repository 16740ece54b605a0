import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { DatabaseKind } from '@connector/db/testing';
import { QboSimulator, type QboRecord } from '@connector/qbo-simulator';
import { createCompany } from '@connector/sync';
import type { ProcoreSimulatorOptions } from '@connector/procore-simulator';
import { buildApp } from '../../src/app.ts';
import { chooseProject, type ChosenProject } from './choose-export-project.ts';
import { startProcoreTestSetup, type ProcoreTestSetup } from './procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './sign-in.ts';

// The real server with the Procore simulator's seeded general contractor and a qbo-simulator, a company on QuickBooks
// Online (issue 22): what the QuickBooks Online export tests share. Each scenario or history connects a fresh
// QuickBooks Online company (the next realm) to a connector that has exported nothing yet.

const CLIENT = { clientId: 'connector-qbo-e2e', clientSecret: `qbo-secret-${randomBytes(12).toString('hex')}` };
const REDIRECT = 'http://localhost/oauth/qbo/callback';

/**
 * Cuts the server's connection to Intuit for the next `calls` calls (to `resource`, e.g. "purchaseorder" or "batch", or
 * any; whose body includes `bodyIncludes`, e.g. '"PurchaseOrder"', or any): the
 * request is not sent ('before') or is sent and its answer lost ('after'), as a dropped network or a process that died
 * after Intuit answered.
 */
export interface IntuitLine {
  cut(calls: number, when: 'before' | 'after', resource?: string, bodyIncludes?: string): void;
  readonly cutsLeft: number;
}

export interface QboExportSetup {
  setup: ProcoreTestSetup;
  sim: QboSimulator;
  companyId: string;
  auth: AuthHeaders;
  readonly pick: ChosenProject;
  line: IntuitLine;
  realmId(): string;
  store(): ReturnType<QboSimulator['store']>;
  api(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, payload?: object): Promise<LightMyRequestResponse>;
  /** A fresh QuickBooks Online company (the realm) for a connector that has exported nothing; settings chosen from it. */
  useRealm(realmId: string): Promise<void>;
  /** An admin connects the current realm again (the Connection screen's popup), as after "reconnect needed". */
  reconnect(): Promise<void>;
  /** The first Account / Item / Vendor of that name in the current realm. */
  named(entity: 'Account' | 'Item' | 'Vendor', name: string): QboRecord;
  /** Failed delivery jobs run now instead of after their back-off (the job runner's retry, without the wait). */
  runFailedDeliveriesNow(): Promise<void>;
  /** A second server instance on the same database and Intuit line (as a second process would be); closed with the rest. */
  anotherInstance(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export interface QboExportSetupOptions {
  /** The Procore simulator (a generated company for a benchmark; default its seeded general contractor). */
  simulator?: ProcoreSimulatorOptions;
  env?: Record<string, string>;
  /** The QBO clients' retries: null keeps packages/qbo's defaults (a benchmark); default two quick retries (tests). */
  clientTuning?: { maxRetries: number; retryBaseDelayMs: number; retryMaxDelayMs: number } | null;
}

export async function startQboExportSetup(kind: DatabaseKind, realmIds: readonly string[], options: QboExportSetupOptions = {}): Promise<QboExportSetup> {
  const sim = new QboSimulator({ realmIds: [...realmIds], clients: [{ ...CLIENT, redirectUris: [REDIRECT] }] });
  const { url } = await sim.start();
  const cuts = { left: 0, when: 'before' as 'before' | 'after', resource: null as string | null, bodyIncludes: null as string | null };
  const intuitFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const resource = /\/v3\/company\/\d+\/([a-z]+)/.exec(url)?.[1] ?? null;
    const body = typeof init?.body === 'string' ? init.body : '';
    if (cuts.left > 0 && (cuts.resource === null || cuts.resource === resource) && (cuts.bodyIncludes === null || body.includes(cuts.bodyIncludes))) {
      cuts.left -= 1;
      if (cuts.when === 'before') throw new TypeError('fetch failed (the harness cut the line before the request)');
      await fetch(input, init);
      throw new TypeError('fetch failed (the harness cut the line after Intuit answered)');
    }
    return fetch(input, init);
  };
  const clientTuning = options.clientTuning === undefined ? { maxRetries: 2, retryBaseDelayMs: 5, retryMaxDelayMs: 20 } : options.clientTuning;
  const setup = await startProcoreTestSetup(kind, {
    ...(options.simulator ? { simulator: options.simulator } : {}),
    env: {
      ...options.env,
      QBO_CLIENT_ID: CLIENT.clientId,
      QBO_CLIENT_SECRET: CLIENT.clientSecret,
      QBO_ENVIRONMENT: 'sandbox',
      QBO_API_URL: url,
      QBO_OAUTH_URL: url,
      QBO_REDIRECT_URL: REDIRECT,
    },
    // Tests: a failing call is retried twice, quickly; faults that outlast the retries leave the request in flight on purpose.
    app: { qboFetch: intuitFetch, ...(clientTuning ? { qboClientTuning: clientTuning } : {}) },
  });
  const db = () => setup.testDb.database;
  const companyId = (await createCompany(db(), { procoreCompanyId: String(setup.simulator.companyId), name: 'Online GC', actor: 'test' })).id;
  const auth = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'] });
  const api: QboExportSetup['api'] = (method, path, payload) =>
    setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  expect((await api('POST', '/procore/service-account')).statusCode).toBe(200);
  expect((await api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
  await setup.app.jobRunner.drain();
  let chosen: ChosenProject | null = null;
  const switched = await api('PUT', '/accounting-edition', { edition: 'online' });
  expect(switched.statusCode, switched.body).toBe(200);

  let realmId = '';
  const store = () => sim.store(realmId);
  const named = (entity: 'Account' | 'Item' | 'Vendor', name: string) =>
    store()
      .list(entity)
      .find((r) => r.Name === name || r.DisplayName === name)!;

  /** The Connection screen's popup: our start route → Intuit's authorize page (the simulator consents) → our callback. */
  async function connect() {
    const start = await api('POST', '/qbo/connect', {});
    expect(start.statusCode, start.body).toBe(200);
    const atIntuit = await fetch(`${start.json().authorizeUrl as string}&sim_realm_id=${realmId}`, { redirect: 'manual' });
    const callback = new URL(atIntuit.headers.get('location')!);
    const page = await setup.app.inject({ url: `${callback.pathname}${callback.search}` });
    expect(page.statusCode, page.body).toBe(200);
    expect((await api('GET', '/qbo/connection')).json()).toMatchObject({ edition: 'online', status: 'connected', realmId });
  }

  async function useRealm(next: string) {
    realmId = next;
    sim.faults.clear();
    cuts.left = 0;
    for (const table of ['exportRecord', 'recordLink', 'queuedRequest'] as const) {
      await (db().prisma[table] as { deleteMany(args: object): Promise<unknown> }).deleteMany({ where: { companyId } });
    }
    await db().prisma.job.deleteMany({ where: { companyId, OR: [{ kind: { startsWith: 'export.' } }, { kind: { startsWith: 'qbo.' } }] } });
    await connect();
    // The retainage item the accountant made in QuickBooks Online, and the accounts new cost-code items use.
    const retainagePayable = named('Account', 'Retainage Payable');
    const retainage = store().create('Item', {
      Name: 'Retainage',
      Type: 'Service',
      IncomeAccountRef: { value: retainagePayable.Id },
      ExpenseAccountRef: { value: retainagePayable.Id },
    });
    const saved = await api('PATCH', '/settings', {
      invoiceRetainageItem: { listId: retainage.Id, fullName: 'Retainage' },
      itemExpenseAccount: { listId: named('Account', 'Job Costs - Subcontracts').Id, fullName: 'Job Costs - Subcontracts' },
      itemIncomeAccount: { listId: named('Account', 'Contract Revenue').Id, fullName: 'Contract Revenue' },
      approvalRequired: true,
      itemNameRule: 'abbreviate',
    });
    expect(saved.statusCode, saved.body).toBe(200);
  }

  async function runFailedDeliveriesNow() {
    await db().prisma.job.updateMany({ where: { companyId, kind: 'qbo.deliver', status: 'queued' }, data: { runAt: new Date(0) } });
    await setup.app.jobRunner.drain();
  }

  const others: FastifyInstance[] = [];
  async function anotherInstance() {
    const app = await buildApp({
      config: setup.config,
      db: await setup.testDb.openAnother(),
      logger: false,
      qboFetch: intuitFetch,
      ...(clientTuning ? { qboClientTuning: clientTuning } : {}),
    });
    await app.ready();
    others.push(app);
    return app;
  }

  return {
    setup,
    sim,
    companyId,
    auth,
    // Chosen when first asked for (a generated company for a benchmark may have no such project).
    get pick() {
      chosen ??= chooseProject(setup);
      return chosen;
    },
    line: {
      cut(calls, when, resource, bodyIncludes) {
        cuts.left = calls;
        cuts.when = when;
        cuts.resource = resource ?? null;
        cuts.bodyIncludes = bodyIncludes ?? null;
      },
      get cutsLeft() {
        return cuts.left;
      },
    },
    realmId: () => realmId,
    store,
    api,
    useRealm,
    reconnect: connect,
    named,
    runFailedDeliveriesNow,
    anotherInstance,
    close: async () => {
      for (const app of others) await app.close();
      await setup.close();
      await sim.close();
    },
  };
}
