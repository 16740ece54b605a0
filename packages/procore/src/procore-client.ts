// createProcoreClient(): one Procore company, one set of token callbacks. Holds no tokens and does no
// I/O but HTTP: the caller's getAccessToken() reads its store, refreshAccessToken() refreshes and stores
// (single-flight per connection is the caller's job across processes; this client also shares one
// refresh between its own concurrent 401s).

import { collect, paginate } from './paginate.ts';
import { normalizeBaseUrl } from './procore-environments.ts';
import type { PaginateOptions, ProcoreLogger, ProcoreTransport, Query } from './procore-transport.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { createAccountApi } from './resources/account.ts';
import { createBudgetApi } from './resources/budget.ts';
import { createCommitmentChangeOrdersApi } from './resources/commitment-change-orders.ts';
import { createCommitmentsApi } from './resources/commitments.ts';
import { createContractPaymentsApi } from './resources/contract-payments.ts';
import { createDirectCostsApi } from './resources/direct-costs.ts';
import { createPaymentApplicationsApi } from './resources/payment-applications.ts';
import { createPrimeContractChangeOrdersApi } from './resources/prime-contract-change-orders.ts';
import { createPrimeContractPaymentsApi } from './resources/prime-contract-payments.ts';
import { createPrimeContractsApi } from './resources/prime-contracts.ts';
import { createProjectCostCodesApi } from './resources/project-cost-codes.ts';
import { createProjectsApi } from './resources/projects.ts';
import type { ResourceContext } from './resources/resource-context.ts';
import { createRequisitionsApi } from './resources/requisitions.ts';
import { createStandardCostCodesApi } from './resources/standard-cost-codes.ts';
import { createVendorsApi } from './resources/vendors.ts';
import { createWebhooksApi } from './resources/webhooks.ts';
import { DEFAULT_RETRY_POLICY } from './retry-policy.ts';
import { createRequestSender } from './send-procore-request.ts';
import { sleep as realSleep, type Sleep } from './sleep.ts';
import { MAX_SYNC_CHUNK_SIZE, syncInChunks } from './sync-in-chunks.ts';

export interface ProcoreClientOptions {
  /** e.g. PROCORE_ENVIRONMENTS.production.apiBaseUrl, or the simulator's URL. */
  apiBaseUrl: string;
  /** Procore company id: sent as Procore-Company-Id and used in company-scoped paths. */
  companyId: number | string;
  /** The current access token (read from the caller's store; may refresh ahead of expiry). */
  getAccessToken: () => Promise<string>;
  /** Called once when Procore answers 401, with the token Procore refused; resolves to the new access token.
   * Without it a 401 is an error. A second 401 after the refresh is PROCORE_UNAUTHORIZED. */
  refreshAccessToken?: ((staleToken: string) => Promise<string>) | undefined;
  /** Shared by the caller between every client of the same company (Procore limits per app and company). */
  rateLimiter?: RateLimiter | undefined;
  fetch?: typeof fetch | undefined;
  /** Per HTTP attempt, from sending to the end of the body (default 30 000). */
  timeoutMs?: number | undefined;
  /** Resends after the first attempt (default 5). */
  maxRetries?: number | undefined;
  /** Backoff base and cap (defaults 500 ms, 30 s). */
  retryBaseDelayMs?: number | undefined;
  retryMaxDelayMs?: number | undefined;
  /** Longest wait slept through before a retry; longer (an exhausted hourly window) raises the error with retryAfterMs (default 300 000). */
  maxRetryWaitMs?: number | undefined;
  /** Longest wait for a rate-limiter slot; a longer one (an exhausted window, a Retry-After hold) is not slept
   * through: the request is not sent and fails PROCORE_RATE_LIMITED with retryAfterMs (default: no limit). */
  maxRateLimitWaitMs?: number | undefined;
  /** Ends this client's waits (rate limiter, retry backoff) and further attempts — e.g. a job that lost its lease. */
  signal?: AbortSignal | undefined;
  /** Items per /sync call, ≤ 1000 (default 1000). */
  syncChunkSize?: number | undefined;
  /** per_page for paged lists (default 100). */
  perPage?: number | undefined;
  sleep?: Sleep | undefined;
  /** [0, 1) — backoff jitter. */
  random?: (() => number) | undefined;
  now?: (() => number) | undefined;
  logger?: ProcoreLogger | undefined;
}

export function createProcoreClient(options: ProcoreClientOptions) {
  const apiBaseUrl = normalizeBaseUrl(options.apiBaseUrl, 'apiBaseUrl');
  const companyId = String(options.companyId);
  if (!/^\d+$/.test(companyId)) throw new TypeError(`companyId must be a Procore company id (digits), got "${companyId}"`);
  if (typeof options.getAccessToken !== 'function') throw new TypeError('getAccessToken is required');
  const syncChunkSize = options.syncChunkSize ?? MAX_SYNC_CHUNK_SIZE;
  if (!Number.isSafeInteger(syncChunkSize) || syncChunkSize < 1 || syncChunkSize > MAX_SYNC_CHUNK_SIZE) {
    throw new RangeError(`syncChunkSize must be 1…${MAX_SYNC_CHUNK_SIZE}, got ${String(syncChunkSize)}`);
  }
  const perPage = options.perPage ?? 100;
  const maxRetries = options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0) throw new RangeError(`maxRetries must be ≥ 0, got ${String(maxRetries)}`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${String(timeoutMs)}`);
  const now = options.now ?? Date.now;

  const request = createRequestSender({
    apiBaseUrl,
    companyId,
    getAccessToken: options.getAccessToken,
    refreshAccessToken: options.refreshAccessToken ?? null,
    rateLimiter: options.rateLimiter ?? null,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs,
    retryPolicy: {
      maxRetries,
      baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      maxRetryWaitMs: options.maxRetryWaitMs ?? DEFAULT_RETRY_POLICY.maxRetryWaitMs,
    },
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    now,
    logger: options.logger ?? null,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? Number.POSITIVE_INFINITY,
    signal: options.signal ?? null,
  });

  const pageSize = (o?: PaginateOptions): number | null => (o?.perPage === undefined ? perPage : o.perPage);
  const transport: ProcoreTransport = {
    companyId,
    request,
    paginate: <T>(path: string, query?: Query, o?: PaginateOptions) => paginate<T>(request, path, query, pageSize(o)),
    listAll: <T>(path: string, query?: Query, o?: PaginateOptions) => collect(paginate<T>(request, path, query, pageSize(o))),
    syncInChunks: (path, baseBody, updates, o) => syncInChunks(request, syncChunkSize, path, baseBody, updates, o),
  };
  const context: ResourceContext = { transport, now };
  const account = createAccountApi(context);

  return {
    ...transport,
    apiBaseUrl,
    rateLimiter: options.rateLimiter ?? null,
    me: account.me,
    companies: { list: account.listCompanies },
    vendors: createVendorsApi(context),
    projects: createProjectsApi(context),
    standardCostCodes: createStandardCostCodesApi(context),
    costCodes: createProjectCostCodesApi(context),
    budget: createBudgetApi(context),
    workOrderContracts: createCommitmentsApi(context, 'work_order_contracts'),
    purchaseOrderContracts: createCommitmentsApi(context, 'purchase_order_contracts'),
    commitmentChangeOrders: createCommitmentChangeOrdersApi(context),
    requisitions: createRequisitionsApi(context),
    contractPayments: createContractPaymentsApi(context),
    primeContracts: createPrimeContractsApi(context),
    primeContractChangeOrders: createPrimeContractChangeOrdersApi(context),
    paymentApplications: createPaymentApplicationsApi(context),
    primeContractPayments: createPrimeContractPaymentsApi(context),
    directCosts: createDirectCostsApi(context),
    webhooks: createWebhooksApi(context),
  };
}

export type ProcoreClient = ReturnType<typeof createProcoreClient>;
