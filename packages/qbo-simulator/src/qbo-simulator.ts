import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from './api/fault-injector.ts';
import { createApiListener, type ApiContext } from './api/handle-api-request.ts';
import { INTUIT_LIMITS, RealmRateLimiter, type RealmRateLimits } from './api/realm-rate-limiter.ts';
import type { RealmState } from './api/realm-state.ts';
import { RealmStore } from './model/realm-store.ts';
import { OAUTH_PATHS } from './oauth/handle-oauth-request.ts';
import { ACCESS_TOKEN_TTL_SECONDS, OAuthState, type OAuthClientConfig, type TokenAnswer } from './oauth/oauth-state.ts';
import { seedCompany, type SeedOptions, type SeedSummary } from './seed/seed-company.ts';
import { WebhookDispatcher, type WebhookOptions } from './webhooks/webhook-dispatcher.ts';

export interface QboSimulatorOptions {
  /** Realm ids to serve (default one: "9341453050298126"); each gets the seeded company unless `seed: false`. */
  realmIds?: string[];
  /** Seeded company options, or false for empty companies. */
  seed?: SeedOptions | false;
  clients?: OAuthClientConfig[];
  /** Per realm; default Intuit's (500/min, 10/s, 40 batches/min, Retry-After sent). */
  rateLimits?: Partial<RealmRateLimits>;
  /** Default 3600 (Intuit access tokens live one hour). */
  accessTokenTtlSeconds?: number;
  /** 'reject' (default): minorversion absent or < 75 → 400. 'intuit': served as 75, as Intuit does. */
  minorVersionPolicy?: 'reject' | 'intuit';
  webhook?: WebhookOptions;
  /** CompanyInfo.CompanyName per realm id; default "Sandbox Company_US_<n>" as Intuit names sandbox companies. */
  companyNames?: Record<string, string>;
  /** The simulator clock (epoch ms): token expiry, rate windows, MetaData times, CDC. Default Date.now. */
  now?: () => number;
}

export const DEFAULT_REALM_ID = '9341453050298126';
export const DEFAULT_CLIENT: Readonly<OAuthClientConfig> = Object.freeze({ clientId: 'qbo-sim-client', clientSecret: 'qbo-sim-secret', redirectUris: [] });

/**
 * An in-memory QuickBooks Online: Intuit's OAuth endpoints and the Accounting API v3 (/v3/company/<realmId>/…)
 * on one HTTP origin, with requestid replay, SyncToken locking, throttling, batch, CDC, signed webhooks and
 * fault injection. See README.md for what is faithful and what is simplified.
 */
export class QboSimulator {
  readonly oauth: OAuthState;
  readonly faults = new FaultInjector();
  readonly webhooks: WebhookDispatcher;
  readonly seeded = new Map<string, SeedSummary>();
  private readonly realms = new Map<string, RealmState>();
  private readonly now: () => number;
  private readonly ctx: ApiContext;
  private server: Server | undefined;
  private baseUrl: string | undefined;

  constructor(options: QboSimulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.webhooks = new WebhookDispatcher(options.webhook);
    this.oauth = new OAuthState(options.clients ?? [DEFAULT_CLIENT], this.now, options.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS);
    let realmNumber = 0;
    for (const realmId of options.realmIds ?? [DEFAULT_REALM_ID]) {
      realmNumber++;
      if (!/^\d+$/.test(realmId)) throw new TypeError(`a realm id is digits, got "${realmId}"`);
      const store = new RealmStore(realmId, this.now, (change) => this.webhooks.enqueue(change));
      this.realms.set(realmId, {
        store,
        limiter: new RealmRateLimiter({ ...INTUIT_LIMITS, ...options.rateLimits }, this.now),
        answers: new Map(),
        companyName: options.companyNames?.[realmId] ?? `Sandbox Company_US_${realmNumber}`,
      });
      if (options.seed !== false) this.seeded.set(realmId, seedCompany(store, options.seed ?? {}));
    }
    // The seed is the company as it was, not news: no webhook for it.
    this.webhooks.discardPending();
    this.ctx = {
      oauth: this.oauth,
      realms: this.realms,
      defaultRealmId: () => this.realmId,
      faults: this.faults,
      now: this.now,
      minorVersionPolicy: options.minorVersionPolicy ?? 'reject',
      stats: { requests: 0, throttled: 0, replayed: 0, byResource: new Map() },
    };
  }

  /** The first realm. */
  get realmId(): string {
    return this.realms.keys().next().value as string;
  }

  /** The records of a realm, for tests and demos (edits here are "made in QuickBooks": webhooks, CDC, SyncToken). */
  store(realmId: string = this.realmId): RealmStore {
    const realm = this.realms.get(realmId);
    if (!realm) throw new Error(`no realm ${realmId}`);
    return realm.store;
  }

  setRateLimits(limits: Partial<RealmRateLimits>, realmId?: string): void {
    for (const [id, realm] of this.realms) if (realmId === undefined || id === realmId) realm.limiter.setLimits(limits);
  }

  /** Tokens for a realm without the browser redirect (default client, first realm). */
  issueTokens(realmId: string = this.realmId, clientId: string = this.oauth.defaultClient.clientId): TokenAnswer {
    if (!this.realms.has(realmId)) throw new Error(`no realm ${realmId}`);
    return this.oauth.issuePair(clientId, realmId);
  }

  stats(): { requests: number; throttled: number; replayed: number; byResource: Record<string, number>; oauth: ReturnType<OAuthState['stats']> } {
    const s = this.ctx.stats;
    return { requests: s.requests, throttled: s.throttled, replayed: s.replayed, byResource: Object.fromEntries(s.byResource), oauth: this.oauth.stats() };
  }

  get url(): string {
    if (this.baseUrl === undefined) throw new Error('the simulator is not started');
    return this.baseUrl;
  }

  /** Where a client points: apiBaseUrl for createQboClient, the OAuth endpoints for the OAuth helpers. */
  get endpoints(): { apiBaseUrl: string; authorizationUrl: string; tokenUrl: string; revokeUrl: string } {
    return {
      apiBaseUrl: this.url,
      authorizationUrl: this.url + OAUTH_PATHS.authorize,
      tokenUrl: this.url + OAUTH_PATHS.token,
      revokeUrl: this.url + OAUTH_PATHS.revoke,
    };
  }

  async start(options: { port?: number; host?: string } = {}): Promise<{ url: string }> {
    if (this.server) throw new Error('already started');
    const server = createServer(createApiListener(this.ctx));
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
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
