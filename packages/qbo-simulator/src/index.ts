// @connector/qbo-simulator — a local QuickBooks Online (Accounting API v3 + Intuit OAuth) for tests and demos.

export { FaultInjector, type FaultMatch, type InjectedFault } from './api/fault-injector.ts';
export { MIN_MINOR_VERSION } from './api/handle-api-request.ts';
export { CDC_MAX_OBJECTS, CDC_WINDOW_MS } from './api/read-cdc.ts';
export { INTUIT_LIMITS, type RealmRateLimits } from './api/realm-rate-limiter.ts';
export { MAX_BATCH_ITEMS } from './api/run-batch.ts';
export { QboSimFault, type FaultError } from './http/qbo-fault.ts';
export { ENTITY_NAMES, type EntityName } from './model/entity-rules.ts';
export { RealmStore, type ChangeOperation, type QboRecord, type RecordChange } from './model/realm-store.ts';
export { OAUTH_PATHS } from './oauth/handle-oauth-request.ts';
export { ACCESS_TOKEN_TTL_SECONDS, OAuthState, REFRESH_TOKEN_TTL_SECONDS, type OAuthClientConfig, type TokenAnswer } from './oauth/oauth-state.ts';
export { DEFAULT_CLIENT, DEFAULT_REALM_ID, QboSimulator, type QboSimulatorOptions } from './qbo-simulator.ts';
export { parseQuery, type Condition, type ParsedQuery } from './query/parse-query.ts';
export { DEFAULT_MAX_RESULTS, MAX_RESULTS_CAP, runQuery } from './query/run-query.ts';
export { seedCompany, type SeedOptions, type SeedSummary } from './seed/seed-company.ts';
export { WebhookDispatcher, type DeliveryRecord, type WebhookOptions } from './webhooks/webhook-dispatcher.ts';
