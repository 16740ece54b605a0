// @connector/qbo — a thin typed client over the QuickBooks Online Accounting API v3 (see README.md).

export { buildAuthorizationUrl, readAuthorizationCallback, type AuthorizationCallback, type AuthorizationUrlOptions } from './build-authorization-url.ts';
export type { OAuthClientCredentials } from './call-intuit-oauth.ts';
export { classifyQboCall, type QboCallCategory } from './classify-qbo-call.ts';
export { exchangeAuthorizationCode } from './exchange-authorization-code.ts';
export { MAX_QUERY_PAGE_SIZE, quoteQueryValue } from './paginate-query.ts';
export { parseWebhookPayload, WebhookPayloadError, type WebhookEvent, type WebhookOperation } from './parse-webhook-payload.ts';
export {
  createQboApiError,
  errorCodeFor,
  isDuplicateName,
  isObjectNotFound,
  isStaleObject,
  QBO_ERROR_EXPLANATIONS,
  QBO_FAULT_CODES,
  QboApiError,
  StaleObjectError,
  type QboErrorCode,
  type QboOutcome,
} from './qbo-api-error.ts';
export { createQboClient, errorCodeOfFault, type QboClient, type QboClientOptions, type SparseUpdate, type WriteOptions } from './qbo-client.ts';
export * from './qbo-entities.ts';
export {
  ACCOUNTING_SCOPE,
  DEFAULT_MINOR_VERSION,
  INTUIT_OAUTH_ENDPOINTS,
  MIN_MINOR_VERSION,
  QBO_ENVIRONMENTS,
  type QboEnvironment,
  type QboEnvironmentName,
} from './qbo-environments.ts';
export { createQboOAuthError, QboOAuthError, QboReconnectRequiredError } from './qbo-oauth-error.ts';
export { QboTokenSet } from './qbo-token-set.ts';
export type { HttpMethod, QboCallEvent, QboLogger, QboRequest, QboRequestFunction, QboResponse } from './qbo-transport.ts';
export { CDC_MAX_OBJECTS, CDC_WINDOW_MS, type ChangedRecords, type ChangesSince } from './read-changes.ts';
export { readQboFault, type QboFault, type QboFaultError } from './read-qbo-fault.ts';
export { createRealmThrottle, INTUIT_REALM_LIMITS, ThrottleWaitTooLongError, type RealmThrottle, type RealmThrottleOptions } from './realm-throttle.ts';
export { refreshTokens } from './refresh-tokens.ts';
export { buildVersionedRequestId, MAX_BATCH_REQUEST_ID_LENGTH, MAX_REQUEST_ID_LENGTH } from './request-id.ts';
export { DEFAULT_RETRY_POLICY, THROTTLED_WAIT_MS, type RetryPolicy } from './retry-policy.ts';
export { revokeToken } from './revoke-token.ts';
export { DEFAULT_BATCH_SIZE, MAX_BATCH_ITEM_ID_LENGTH, MAX_BATCH_SIZE, type BatchItem, type BatchItemResult, type BatchOperation } from './send-batch.ts';
export { computeWebhookSignature, INTUIT_SIGNATURE_HEADER, verifyWebhookSignature } from './verify-webhook-signature.ts';
