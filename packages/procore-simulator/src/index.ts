export { ProcoreSimulator, DEFAULT_CLIENT } from './procore-simulator.ts';
export type { ProcoreSimulatorOptions } from './procore-simulator.ts';
export { generateProcoreCompany } from './seed/generate-procore-company.ts';
export type { GenerateProcoreCompanyOptions } from './seed/generate-procore-company.ts';
export type * from './model/records.ts';
export type { OAuthClientConfig, OAuthStats, TokenPair, GrantType } from './oauth/oauth-state.ts';
export type { RateLimits } from './api/rate-limiter.ts';
export type { FailOptions, PathOptions } from './api/fault-injector.ts';
export type { SimulatorStats } from './api/request-stats.ts';
export type { WebhookOptions, WebhookPayload, DeliveryAttempt, DeliveryReport, PendingDelivery, WebhookTotals } from './webhooks/webhook-dispatcher.ts';
export type {
  NewCommitment,
  NewChangeOrder,
  NewRequisition,
  NewDirectCost,
  NewPrimeContract,
  NewPaymentApplication,
  NewPrimeChangeOrder,
} from './edit/simulator-editor.ts';
export type { PaymentApplicationLineSpec } from './model/build-payment-application-lines.ts';
export { summarizePaymentApplication } from './model/summarize-payment-application.ts';
export type { PaymentApplicationSummary, PaymentApplicationLineSummary } from './model/summarize-payment-application.ts';
export { computePrimeContractTotals, primeChangeOrderTotal } from './model/compute-prime-contract-totals.ts';
export type { PrimeContractTotals } from './model/compute-prime-contract-totals.ts';
export type { ChangeEvent, Actor } from './model/procore-store.ts';
export { summarizeRequisition } from './model/summarize-requisition.ts';
export type { RequisitionSummary } from './model/summarize-requisition.ts';
export { createUlidFactory, decodeUlidTime, ULID_PATTERN } from './random/generate-ulid.ts';
export { WEBHOOK_RESOURCE_NAMES } from './webhooks/resource-names.ts';
export { computeBudgetRows } from './model/compute-budget-rows.ts';
export type { BudgetRow } from './model/compute-budget-rows.ts';
export type { ProcoreStore } from './model/procore-store.ts';
export type { RecordTable } from './model/record-table.ts';
