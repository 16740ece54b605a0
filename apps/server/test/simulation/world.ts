// The world a simulated history runs in: the real server (buildApp) on a real database (PGlite or
// PostgreSQL), the Procore simulator, the QuickBooks simulator and the Web Connector client. One world per
// database is reused across histories; reset() gives each history a fresh connector company, a fresh
// Procore simulator (seeded) and a fresh QuickBooks company file.
//
// The Web Connector client reaches the server through an injected fetch that calls app.inject(): no port,
// and the harness decides, call by call, which server instance answers, or that the process crashes.
// The server reaches Procore through an injected fetch that rewrites a fixed origin to the current
// simulator, so the server's configuration never changes between histories.
import { randomBytes, randomInt, randomUUID, scrypt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '@connector/db/testing';
import type { Database } from '@connector/db';
import { generateProcoreCompany, ProcoreSimulator } from '@connector/procore-simulator';
import { createCompanyFile, generateCompanyFile, QuickBooksSimulator, type CompanyFile } from '@connector/qb-simulator';
import { parseQwcFile } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, generatePassword, writeAudit } from '@connector/sync';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type ServerConfig } from '../../src/config.ts';
import { signInAs, type AuthHeaders } from '../support/sign-in.ts';

const PROCORE_ORIGIN = 'http://procore.simulation.invalid';
const CLIENT = { clientId: 'simulation-client', clientSecret: 'simulation-secret' };
export const QBWC_URL = 'http://localhost:3000/qbwc';

export interface World {
  kind: DatabaseKind;
  testDb: TestDatabase;
  config: ServerConfig;
  /** The server instance answering now (replaced by restart()). */
  app: FastifyInstance;
  /** A second instance on the same database (PostgreSQL: its own connections; PGlite: the same handle). */
  second: FastifyInstance | null;
  procore: ProcoreSimulator;
  quickbooks: QuickBooksSimulator;
  company: CompanyFile;
  companyId: string;
  qbwc: { username: string; password: string };
  auth: AuthHeaders;
  /** Virtual QuickBooks clock (ms): moves one second per reading, so ids and times are the same on replay. */
  qbClock: number;
  /** Number of server restarts so far (figures). */
  restarts: number;
  db(): Database;
  restart(): Promise<void>;
  /**
   * Arms a crash inside the next background job's Procore calls: at the `call`-th Procore request the server
   * makes from now on, the process dies (after Procore carried the request out when `procoreDone`). Resolves
   * true when it crashed while `work` ran, false if `work` ended first (fewer Procore calls than that).
   */
  crashInside(work: () => Promise<unknown>, at: { call: number; procoreDone: boolean }): Promise<boolean>;
  openSecond(): Promise<FastifyInstance>;
  closeSecond(): Promise<void>;
  close(): Promise<void>;
}

export async function createWorld(kind: DatabaseKind): Promise<World> {
  const testDb = await createTestDatabase(kind);
  const config = loadConfig({
    PUBLIC_URL: 'http://localhost:3000',
    LOG_LEVEL: 'warn',
    TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    PROCORE_CLIENT_ID: CLIENT.clientId,
    PROCORE_CLIENT_SECRET: CLIENT.clientSecret,
    PROCORE_LOGIN_URL: PROCORE_ORIGIN,
    PROCORE_API_URL: PROCORE_ORIGIN,
    // Small messages: more rounds per session, so more protocol steps to fault.
    QBWC_BATCH_SIZE: '4',
    QBWC_SESSION_IDLE_SECONDS: '60',
    // Procore's limits are exercised by injected 429s; the client's own limiter must not make a soak wait.
    PROCORE_RATE_LIMIT_HOURLY: '1000000',
    PROCORE_RATE_LIMIT_10S: '100000',
  });
  let simulatorUrl = '';
  // A crash armed inside a background job (crashInside): counts the server's Procore requests; at the chosen one
  // the process "dies": that request never answers (a dead process reads nothing), so the job's code after it
  // never runs, exactly as after a real crash. The dead instance is kept aside (a zombie), never closed while the
  // history runs (closing would wait for its job), and buried when the history ends (its company is gone by then).
  let armed: { call: number; procoreDone: boolean; seen: number; crashed: () => void } | null = null;
  const zombies: Array<{ app: FastifyInstance; release: Array<(error: Error) => void> }> = [];
  const procoreFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const real = () => fetch(url.replace(PROCORE_ORIGIN, simulatorUrl), init);
    if (!armed) return real();
    armed.seen += 1;
    if (armed.seen < armed.call) return real();
    const crash = armed;
    armed = null;
    if (process.env.SIM_CRASH_STACK === '1') process.stderr.write(`crash inside a job at ${url}\n${new Error().stack}\n`);
    if (crash.procoreDone) await (await real()).arrayBuffer().catch(() => undefined);
    const dying = world.app;
    return new Promise<Response>((_resolve, reject) => {
      const zombie = zombies.find((z) => z.app === dying) ?? (zombies.push({ app: dying, release: [] }), zombies.at(-1)!);
      zombie.release.push(reject);
      crash.crashed();
    });
  };
  const buryZombies = async () => {
    for (const zombie of zombies.splice(0)) {
      for (const release of zombie.release) release(new TypeError('fetch failed (the process is gone)'));
      await zombie.app.close().catch(() => {});
    }
  };
  const build = async (db: Database) => {
    const app = await buildApp({
      config,
      db,
      logger: false,
      procoreFetch,
      procoreClientTuning: { retryBaseDelayMs: 1, retryMaxDelayMs: 5, maxRetries: 2, timeoutMs: 10_000 },
    });
    await app.ready();
    return app;
  };
  let secondDb: Database | null = null;
  const world: World = {
    kind,
    testDb,
    config,
    app: await build(testDb.database),
    second: null,
    procore: null as unknown as ProcoreSimulator,
    quickbooks: null as unknown as QuickBooksSimulator,
    company: null as unknown as CompanyFile,
    companyId: '',
    qbwc: { username: '', password: '' },
    auth: null as unknown as AuthHeaders,
    qbClock: 0,
    restarts: 0,
    db: () => testDb.database,
    async restart() {
      // The process dies: whatever it held in memory (open transactions finish or roll back, in-process caches,
      // the job runner) is gone; a new process starts on the same database.
      await world.app.close().catch(() => {});
      world.app = await build(testDb.database);
      world.restarts += 1;
    },
    async crashInside(work, at) {
      let crashed!: () => void;
      const died = new Promise<'crashed'>((resolve) => {
        crashed = () => resolve('crashed');
      });
      armed = { call: at.call, procoreDone: at.procoreDone, seen: 0, crashed };
      const running = work().then(() => 'done' as const);
      let first: 'done' | 'crashed';
      try {
        first = await Promise.race([running, died]);
      } finally {
        armed = null; // a job that failed before the crash point must not leave it armed for later calls
      }
      if (first === 'done') return false;
      // The dying process's work never finishes: `running` is left pending (its rejection, at burial, is ignored).
      running.catch(() => {});
      world.app = await build(testDb.database);
      world.restarts += 1;
      return true;
    },
    async openSecond() {
      if (world.second) return world.second;
      secondDb ??= await testDb.openAnother();
      world.second = await build(secondDb);
      return world.second;
    },
    async closeSecond() {
      await world.second?.close().catch(() => {});
      world.second = null;
    },
    async close() {
      await buryZombies();
      await world.closeSecond();
      await world.app.close().catch(() => {});
      await world.procore?.close().catch(() => {});
      await testDb.dispose();
    },
  };
  (world as World & { setSimulatorUrl(url: string): void }).setSimulatorUrl = (url: string) => {
    simulatorUrl = url;
  };
  (world as World & { buryZombies(): Promise<void> }).buryZombies = buryZombies;
  return world;
}

/** A fresh connector company, Procore simulator and QuickBooks company file for one history. */
/**
 * `freshProcoreTokens` (History.freshProcoreTokens): the Procore simulator's clock is fixed (created_at / updated_at the
 * same on replay), and an access token's expiry is its created_at + expires_in (packages/procore/src/read-token-response.ts),
 * judged by the server on the real clock. Without it every token arrives already expired, so the server refreshes it
 * (OAuth call, refresh lease, encrypted write) before every Procore request — about a third of a history's CPU. With it,
 * Procore's 90 minutes count from the server's now, as in production, and tokens run out at `procoreTokenExpires` steps.
 */
export async function resetWorld(
  world: World,
  options: { procoreSeed: number; label: string; messyRate?: number; multiCurrency?: boolean; freshProcoreTokens?: boolean },
): Promise<void> {
  await world.closeSecond();
  const db = world.db();
  // The previous history's company goes first: a buried crashed instance then finds nothing of it to write to.
  if (world.companyId) await db.prisma.company.delete({ where: { id: world.companyId } }).catch(() => {});
  await (world as World & { buryZombies(): Promise<void> }).buryZombies();
  await world.procore?.close().catch(() => {});
  const procoreNow = Date.UTC(2026, 10, 21, 10);
  world.procore = new ProcoreSimulator({
    seed: options.procoreSeed,
    // A small general contractor: two projects are all a history works on, and reading Procore is part of every history.
    company: generateProcoreCompany({
      seed: options.procoreSeed,
      projects: 2,
      vendors: 12,
      costCodes: 24,
      commitmentsPerProject: 5,
      directCostsPerProject: 1,
      otherCompany: false,
    }),
    clients: [{ ...CLIENT, serviceAccount: true }],
    rateLimits: { hourly: 10_000_000, tenSecond: 1_000_000 },
    // Procore's clock moves only when the harness says so (created_at / updated_at are then the same on replay).
    now: () => procoreNow,
    // Procore's 5400 s counted from the server's now rather than the simulator's (see above).
    ...(options.freshProcoreTokens && { accessTokenTtlSeconds: Math.max(0, Math.ceil((Date.now() - procoreNow) / 1000)) + 5400 }),
  });
  const { url } = await world.procore.start({ port: 0, host: '127.0.0.1' });
  (world as World & { setSimulatorUrl(url: string): void }).setSimulatorUrl(url);

  const company = await createCompany(db, { procoreCompanyId: String(world.procore.companyId), name: `Simulated GC ${options.label}`, actor: 'simulation' });
  world.companyId = company.id;
  world.qbwc = await createSimulationQbwcCredentials(db, company.id, `simulated-gc-${options.label}`);
  world.auth = await signInAs(world.app, { companyId: company.id, roles: ['admin', 'project_manager', 'accountant'], login: 'simulation@example.com' });

  world.qbClock = Date.UTC(2026, 10, 21, 15);
  const companyName = `Simulated Builders ${options.label}`;
  // A messy file is small (a soak runs thousands) but holds every kind of mess add-mess.ts makes, and vendors,
  // jobs, bills and POs of the company's own that the connector must leave alone.
  // A multi-currency file (issue 15, gap 5) is generated the same way, with multi-currency on, US dollars home and
  // two vendors in five in Canadian dollars or euros (their bills, POs and payments at the day's rate).
  world.company =
    options.messyRate || options.multiCurrency
      ? generateCompanyFile({
          seed: Number(options.label) || 1,
          companyName,
          ...(options.messyRate && { messyRate: options.messyRate }),
          ...(options.multiCurrency && { multiCurrency: { foreignVendorRatio: 0.4 } }),
          vendors: 14,
          customers: 3,
          jobsPerCustomer: 2,
          items: 14,
          classes: 2,
          bills: 8,
          purchaseOrders: 3,
          checks: 0,
          creditCardCharges: 0,
          estimates: 1,
        })
      : createCompanyFile({ companyName });
  world.quickbooks = new QuickBooksSimulator({ company: world.company, clock: () => new Date((world.qbClock += 1000)) });
  if (options.multiCurrency) addForeignNamesakes(world);
  const { xml } = await buildCompanyQwc(db, company.id, { publicUrl: world.config.publicUrl, ownerId: world.config.qbwc.ownerId, appName: 'Simulation' });
  const qwc = parseQwcFile(xml);
  world.quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
}

/**
 * The company's Web Connector credentials, as setQbwcCredentials (packages/sync/src/companies/set-qbwc-credentials.ts)
 * writes them for a new company — a generated password, an unguessable username, a `{GUID}` FileID, the audit entry —
 * except for the hash's cost. Every Web Connector session verifies the password with scrypt; the product hashes at
 * N=2^15 (~100 ms of a core, twice per history with the rehash this replaced: 0.22 CPU-s, 7 % of a history). The stored
 * hash names its own parameters (scrypt$N$r$p$salt$key), so the simulation stores the same password's hash at N=2^10
 * and the product's verifyPassword runs unchanged, 32× cheaper. Creating credentials is not what a history exercises;
 * the server tests that sign in through QBWC (e.g. apps/server/test/qbwc-sign-in-throttle.test.ts) run setQbwcCredentials.
 */
async function createSimulationQbwcCredentials(db: Database, companyId: string, prefix: string): Promise<{ username: string; password: string }> {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const username = `${prefix}-${Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
  const password = generatePassword();
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, 32, { N: 1024, r: 8, p: 1 }, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
  const passwordHash = ['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
  await db.prisma.qbwcConnection.create({ data: { companyId, username, passwordHash, fileId: `{${randomUUID().toUpperCase()}}` } });
  await writeAudit(db.prisma, { companyId, actor: 'simulation', action: 'qbwc.credentials_created', outcome: 'ok', detail: { username } });
  return { username, password };
}

/**
 * A multi-currency file's owner has suppliers abroad whom Procore lists too: every other Procore vendor (by id) is
 * already in QuickBooks under the same name, in Canadian dollars or euros. Exporting a commitment, change order or
 * invoice for it meets a foreign-currency vendor (the connector matches by name, or a person links it on Vendors):
 * the connector must refuse it with its reason (FOREIGN_CURRENCY_VENDOR), never book Procore's dollars as the
 * vendor's currency.
 */
function addForeignNamesakes(world: World): void {
  const company = world.company;
  const foreign = company.currencies.filter((c) => c.listId !== company.homeCurrencyId && ['CAD', 'EUR'].includes(c.currencyCode ?? ''));
  if (foreign.length === 0) return;
  const taken = new Set(company.vendors.map((v) => v.name.toLowerCase()));
  const vendors = [...world.procore.store.vendors.list(world.procore.companyId)].sort((a, b) => a.id - b.id);
  let n = 0;
  for (const [index, vendor] of vendors.entries()) {
    if (index % 2 === 1) continue;
    const name = vendor.name.trim().slice(0, 41);
    if (name === '' || name.includes(':') || taken.has(name.toLowerCase())) continue;
    taken.add(name.toLowerCase());
    const currency = foreign[n++ % foreign.length]!;
    company.vendors.push({
      listId: world.quickbooks.store.newListId(),
      ...world.quickbooks.store.stampNew(),
      name,
      companyName: name,
      isActive: true,
      extra: [{ name: 'CurrencyRef', children: [{ name: 'ListID', text: currency.listId }] }],
    });
  }
  world.quickbooks.store.reindex();
}

export function api(world: World, method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
  return world.app.inject({ method, url: `/api/companies/${world.companyId}${path}`, headers: world.auth, ...(payload ? { payload } : {}) });
}
