import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiRoute } from './api/api-context.ts';
import { FaultInjector } from './api/fault-injector.ts';
import { createRequestListener } from './api/handle-request.ts';
import { RateLimiter, type RateLimits } from './api/rate-limiter.ts';
import { RequestStats, type SimulatorStats } from './api/request-stats.ts';
import { SimulatorEditor } from './edit/simulator-editor.ts';
import { API_ROUTES } from './handlers/api-routes.ts';
import { RouteTable } from './http/route-table.ts';
import { ProcoreStore } from './model/procore-store.ts';
import type { GeneratedCompany } from './model/records.ts';
import { handleOAuthAuthorize } from './oauth/handle-oauth-authorize.ts';
import { handleOAuthRevoke } from './oauth/handle-oauth-revoke.ts';
import { handleOAuthToken } from './oauth/handle-oauth-token.ts';
import type { OAuthHandler } from './oauth/oauth-context.ts';
import { OAuthState, type OAuthClientConfig, type TokenPair } from './oauth/oauth-state.ts';
import { createRng } from './random/create-rng.ts';
import { generateProcoreCompany } from './seed/generate-procore-company.ts';
import { WebhookDispatcher, type WebhookOptions } from './webhooks/webhook-dispatcher.ts';

export interface ProcoreSimulatorOptions {
  /** Seeds the generated company (when `company` is absent) and every random choice at run time (default 42). */
  seed?: number;
  /** Data to serve; default generateProcoreCompany({ seed }). It is copied, never modified. */
  company?: GeneratedCompany;
  /** OAuth apps; default one app `demo-client` / `demo-secret`, any redirect URI, client credentials allowed. */
  clients?: OAuthClientConfig[];
  /** Per (app, company); default { hourly: 3600, tenSecond: 100 }. */
  rateLimits?: RateLimits;
  /** Default 5400 (Procore: access tokens last 1.5 hours). */
  accessTokenTtlSeconds?: number;
  /** Largest per_page honoured (default 1000). */
  maxPerPage?: number;
  /** Most items in one sync call (default 1000). */
  syncMaxItems?: number;
  webhook?: WebhookOptions;
  /** The simulator clock in epoch milliseconds (default Date.now): token expiry, rate windows, timestamps. */
  now?: () => number;
  /**
   * More people besides the seeded user, members of the same companies; `/oauth/authorize?login_hint=<login>`
   * (or `user_id=<id>`) signs one of them in instead of the seeded user (tests of several users).
   */
  users?: Array<{ login: string; name: string }>;
}

export const DEFAULT_CLIENT: Readonly<OAuthClientConfig> = Object.freeze({
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
  redirectUris: [],
  serviceAccount: true,
});

/**
 * An in-memory Procore: the OAuth login host and the REST API of API-CONTRACT.md on one HTTP origin, with
 * rate limits, fault injection, webhooks and a direct edit API for tests and demos.
 */
export class ProcoreSimulator {
  readonly store: ProcoreStore;
  readonly oauth: OAuthState;
  readonly faults = new FaultInjector();
  readonly webhooks: WebhookDispatcher;
  readonly edit: SimulatorEditor;
  readonly rateLimiter: RateLimiter;
  private readonly requestStats: RequestStats;
  private readonly now: () => number;
  private readonly maxPerPage: number;
  private readonly syncMaxItems: number;
  private server: Server | undefined;
  private baseUrl: string | undefined;

  constructor(options: ProcoreSimulatorOptions = {}) {
    const seed = options.seed ?? 42;
    this.now = options.now ?? Date.now;
    const rng = createRng((seed ^ 0x5bd1e995) >>> 0);
    const company = options.company ?? generateProcoreCompany({ seed });
    // The store reports changes to the dispatcher, which needs the store: bound once both exist.
    const late: { dispatcher?: WebhookDispatcher } = {};
    this.store = new ProcoreStore(company, this.now, (change) => late.dispatcher?.enqueue(change));
    for (const user of options.users ?? []) this.store.addUser(user);
    const dispatcher = new WebhookDispatcher(this.store, rng, this.now, options.webhook);
    late.dispatcher = dispatcher;
    this.webhooks = dispatcher;
    this.oauth = new OAuthState(options.clients ?? [DEFAULT_CLIENT], rng, this.now, options.accessTokenTtlSeconds ?? 5400);
    this.rateLimiter = new RateLimiter(options.rateLimits ?? { hourly: 3600, tenSecond: 100 }, this.now);
    this.requestStats = new RequestStats(this.now);
    this.edit = new SimulatorEditor(this.store);
    this.maxPerPage = options.maxPerPage ?? 1000;
    this.syncMaxItems = options.syncMaxItems ?? 1000;
  }

  /** The main company (the general contractor the seeded user works for). */
  get companyId(): number {
    const first = this.store.companies.keys().next();
    if (first.done) throw new Error('no company loaded');
    return first.value;
  }

  /** Companies the seeded user is not a member of (403 with Procore-Company-Id; their records 404 elsewhere). */
  get otherCompanyIds(): number[] {
    return [...this.store.companies.keys()].filter((id) => !this.store.isMember(id));
  }

  get url(): string {
    if (this.baseUrl === undefined) throw new Error('the simulator is not started');
    return this.baseUrl;
  }

  async start(options: { port?: number; host?: string } = {}): Promise<{ url: string }> {
    if (this.server) throw new Error('already started');
    const oauthRoutes = new RouteTable<OAuthHandler>()
      .add('GET', '/oauth/authorize', handleOAuthAuthorize)
      .add('POST', '/oauth/token', handleOAuthToken)
      .add('POST', '/oauth/revoke', handleOAuthRevoke);
    const apiRoutes = new RouteTable<ApiRoute>();
    for (const route of API_ROUTES) apiRoutes.add(route.method, route.template, route);
    const server = createServer(
      createRequestListener({
        store: this.store,
        oauth: this.oauth,
        oauthRoutes,
        apiRoutes,
        rateLimiter: this.rateLimiter,
        faults: this.faults,
        stats: this.requestStats,
        config: { maxPerPage: this.maxPerPage, syncMaxItems: this.syncMaxItems },
      }),
    );
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return { url: this.baseUrl };
  }

  async close(): Promise<void> {
    this.webhooks.stopAutoDelivery();
    await this.webhooks.idle();
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Request counters since start (or the last resetStats). */
  stats(): SimulatorStats {
    return this.requestStats.snapshot();
  }

  resetStats(): void {
    this.requestStats.reset();
  }

  setRateLimits(limits: RateLimits): void {
    this.rateLimiter.setLimits(limits);
  }

  /**
   * Tokens without the browser dance, for tests: the seeded user's tokens (with a refresh token), or a
   * service account's (client credentials, no refresh token). Default client: the first configured.
   * Counted in oauth.stats() like real grants.
   */
  issueTokens(options: { clientId?: string; serviceAccount?: boolean } = {}): TokenPair {
    const clientId = options.clientId ?? this.oauth.defaultClientId();
    if (this.oauth.client(clientId) === undefined) throw new Error(`unknown OAuth client ${clientId}`);
    return options.serviceAccount
      ? this.oauth.issue(clientId, this.store.serviceAccountUser.id, 'client_credentials', false)
      : this.oauth.issue(clientId, this.store.user.id, 'authorization_code', true);
  }
}
