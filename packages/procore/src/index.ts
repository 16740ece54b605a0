// @connector/procore — Procore API client of the Procore × QuickBooks Desktop connector.
// Contract: ../API-CONTRACT.md. Usage and policies: ../README.md.

export {
  PROCORE_ENVIRONMENTS,
  PROCORE_ENVIRONMENT_NAMES,
  isProcoreEnvironmentName,
  resolveProcoreEndpoints,
  type ProcoreEndpoints,
  type ProcoreEnvironmentName,
} from './procore-environments.ts';

export { buildAuthorizeUrl, type AuthorizeUrlOptions } from './build-authorize-url.ts';
export { exchangeAuthorizationCode, type ClientCredentials } from './exchange-authorization-code.ts';
export { refreshAccessToken } from './refresh-access-token.ts';
export { requestClientCredentialsToken } from './request-client-credentials-token.ts';
export { revokeToken } from './revoke-token.ts';
export { TokenSet, type TokenSetFields } from './token-set.ts';
export { ProcoreOAuthError, OAUTH_DEAD_GRANT_ERRORS } from './procore-oauth-error.ts';

export { createProcoreClient, type ProcoreClient, type ProcoreClientOptions } from './procore-client.ts';
export type { HttpMethod, PaginateOptions, ProcoreLogger, ProcoreResponse, ProcoreTransport, Query, QueryValue, RequestOptions } from './procore-transport.ts';
export {
  ProcoreApiError,
  PROCORE_ERROR_EXPLANATIONS,
  errorCodeForStatus,
  isOriginIdTaken,
  type ProcoreErrorCode,
  type ProcoreOutcome,
} from './procore-api-error.ts';
export {
  createRateLimiter,
  RateLimitWaitTooLongError,
  type AcquireOptions,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimiterStats,
  type RateLimitPermit,
} from './rate-limiter.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
export { MAX_SYNC_CHUNK_SIZE } from './sync-in-chunks.ts';
export { NO_RESULT_MESSAGE, type SyncFailure, type SyncFailureReason, type SyncItemKeys, type SyncResult, type SyncSuccess } from './match-sync-results.ts';
export { parseLinkHeader } from './parse-link-header.ts';
export { parseMoney, formatMoney } from './parse-money.ts';
export type { Sleep } from './sleep.ts';

export type { ProcoreId, CostCodeRef, NamedRef, UpdatedSinceOptions } from './resources/resource-context.ts';
export type { ProcoreUser, ProcoreCompany } from './resources/account.ts';
export type { Vendor, VendorSyncItem, VendorListOptions } from './resources/vendors.ts';
export type { Project, ProjectSyncItem, ProjectListOptions } from './resources/projects.ts';
export type { StandardCostCodeList, StandardCostCode, StandardCostCodeSyncItem } from './resources/standard-cost-codes.ts';
export type { ProjectCostCode, ProjectCostCodeSyncItem } from './resources/project-cost-codes.ts';
export type { BudgetView, BudgetDetailRow, BudgetLineItem, NewBudgetLineItem } from './resources/budget.ts';
export type { Commitment, CommitmentDetail, CommitmentKind, CommitmentLineItem, CommitmentListOptions, CommitmentVendor } from './resources/commitments.ts';
export type { CommitmentChangeOrder, CommitmentChangeOrderLineItem } from './resources/commitment-change-orders.ts';
export type {
  NewRequisition,
  NewRequisitionItem,
  Requisition,
  RequisitionItem,
  RequisitionItemType,
  RequisitionListOptions,
  RequisitionOriginUpdate,
  RequisitionStatus,
} from './resources/requisitions.ts';
export type {
  PaymentApplication,
  PaymentApplicationLineItem,
  PaymentApplicationListOptions,
  PaymentApplicationStatus,
} from './resources/payment-applications.ts';
export type { ContractPayment, NewContractPayment } from './resources/contract-payments.ts';
export type {
  NewPrimeContractPayment,
  PrimeContractPayment,
  PrimeContractPaymentListOptions,
  PrimeContractPaymentMethod,
} from './resources/prime-contract-payments.ts';
export type { PrimeContract, PrimeContractLineItem, PrimeContractStatus, PrimeContractVendor } from './resources/prime-contracts.ts';
export { primeChangeOrderLineAmount } from './resources/prime-contract-change-orders.ts';
export type {
  PrimeContractChangeOrder,
  PrimeContractChangeOrderLineItem,
  PrimeContractChangeOrderListOptions,
  PrimeContractChangeOrderStatus,
} from './resources/prime-contract-change-orders.ts';
export type { DirectCost, DirectCostLineItem, DirectCostStatus, DirectCostSyncItem, DirectCostType } from './resources/direct-costs.ts';
export type { NewWebhookHook, WebhookEvent, WebhookEventType, WebhookHook, WebhookHookChanges, WebhookTrigger } from './resources/webhooks.ts';
