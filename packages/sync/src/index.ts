export { AppError, APP_ERRORS, isAppError, type AppErrorCode } from './errors/app-error.ts';
export { isDatabaseBusy } from './errors/is-database-busy.ts';
export { writeAudit } from './audit/write-audit.ts';
export { createCompany, getCompany, listCompanies, PROCORE_ENVIRONMENTS, type ProcoreEnvironment } from './companies/create-company.ts';
export { setQbwcCredentials, rebindCompanyFile } from './companies/set-qbwc-credentials.ts';
export { buildCompanyQwc, type QwcSettings } from './companies/build-company-qwc.ts';
export { enqueueRequest, type EnqueueRequestInput } from './queue/enqueue-request.ts';
export { listRequests, listSessions } from './queue/list-requests.ts';
export { REQUEST_STATUSES, PRIORITY, type RequestStatus } from './queue/request-status.ts';
export { createQbwcService, type QbwcService, type QbwcAnswer } from './qbwc/create-qbwc-service.ts';
export { DEFAULT_QBWC_CONFIG, type QbwcServiceConfig, type ServiceLogger, type SignInThrottleConfig, type HashBudgetConfig } from './qbwc/qbwc-config.ts';
export { hashPassword, verifyPassword, generatePassword } from './qbwc/hash-password.ts';
export { parseEncryptionKeys, encryptSecret, decryptSecret, keyIdOf, TokenCipherError, type EncryptionKeyRing } from './procore/token-cipher.ts';
export { DEFAULT_PROCORE_TUNING, type ProcoreSettings, type ProcoreEnvironmentSettings } from './procore/procore-settings.ts';
export { createProcoreTokenProvider, type ProcoreTokenProvider } from './procore/procore-token-provider.ts';
export { startProcoreSignIn } from './procore/start-procore-sign-in.ts';
export { completeProcoreSignIn } from './procore/complete-procore-sign-in.ts';
export { connectServiceAccount } from './procore/connect-service-account.ts';
export { disconnectProcore } from './procore/disconnect-procore.ts';
export { getProcoreConnection } from './procore/get-procore-connection.ts';
export { receiveProcoreWebhook, APPLY_PROCORE_CHANGE_JOB, type WebhookDelivery, type WebhookOutcome } from './procore/receive-procore-webhook.ts';
export { SYNCED_RESOURCES, resourceByName, type ProcoreResourceType } from './procore/procore-resources.ts';
export { enqueueJob, type EnqueueJobInput } from './jobs/enqueue-job.ts';
export { createJobRunner, type JobRunner, type JobHandler } from './jobs/run-jobs.ts';
export { createScheduler, type Scheduler, type ScheduleDefinition } from './jobs/fire-due-schedules.ts';
export { purgeFinishedJobs } from './jobs/purge-finished-jobs.ts';
export { createProcoreService, RECONCILE_PROCORE_JOB, type ProcoreService } from './procore/create-procore-service.ts';
export { reconcileProcore, RECONCILED_AT_CURSOR, type ReconcileResult } from './procore/reconcile-procore.ts';
export { reencryptProcoreTokens } from './procore/reencrypt-procore-tokens.ts';
// QuickBooks Online connection (issue 22).
export { DEFAULT_QBO_TUNING, QBO_ENVIRONMENT_NAMES, type QboSettings, type QboEnvironmentName } from './qbo/qbo-settings.ts';
export { createQboTokenProvider, type QboTokenProvider } from './qbo/qbo-token-provider.ts';
export { createQboService, type QboService } from './qbo/create-qbo-service.ts';
export { startQboConnect } from './qbo/start-qbo-connect.ts';
export { completeQboConnect } from './qbo/complete-qbo-connect.ts';
export { describeQboConnection } from './qbo/describe-qbo-connection.ts';
export { disconnectQbo } from './qbo/disconnect-qbo.ts';
export { setAccountingEdition } from './qbo/set-accounting-edition.ts';
export { reencryptQboTokens } from './qbo/reencrypt-qbo-tokens.ts';
export { createQboDelivery, type QboDelivery } from './qbo/create-qbo-delivery.ts';
export { deliverQboRequests, type DeliverQboRequestsOptions, type QboDeliverySummary } from './qbo/deliver-qbo-requests.ts';
export {
  decideTransition,
  describeExportStatus,
  guardOf,
  EXPORT_STATUSES,
  EXPORT_RECORD_TYPES,
  ROLES,
  type ExportStatus,
  type ExportRecordType,
  type Role,
} from './exports/export-workflow.ts';
export { EXPORT_SORTS, listExportRecords, type ExportListItem, type ExportSort } from './exports/list-export-records.ts';
export { applyExportAction, type Actor, type ExportActionResult } from './exports/apply-export-action.ts';
export {
  getCompanySettings,
  updateCompanySettings,
  validateSettingsChange,
  DEFAULT_COMPANY_SETTINGS,
  type CompanySettingsValues,
} from './settings/company-settings.ts';
export { listQuickBooksLists } from './settings/list-quickbooks-lists.ts';
export { createRetainageReceivableItem, RETAINAGE_RECEIVABLE_ITEM_NAME } from './settings/create-retainage-receivable-item.ts';
export { applySetupResponses } from './settings/apply-setup-responses.ts';
export { listProcoreCostCodes } from './settings/list-procore-cost-codes.ts';
export { createExportService, type ExportService } from './exports/create-export-service.ts';
export { advanceExports } from './exports/advance-exports.ts';
export { DELIVER_QBO_JOB, PREPARE_EXPORT_JOB, WRITE_PROCORE_ORIGIN_JOB } from './jobs/job-kinds.ts';
export { previewExport, type ExportPreview } from './exports/preview-export.ts';
export { listExportExceptions, type ExportException } from './exports/list-export-exceptions.ts';
export { resolveExportConflict, type ConflictResolution } from './exports/resolve-export-conflict.ts';
export type { ExportChoices } from './exports/apply-export-action.ts';
// QuickBooks → Procore (QuickBooks to Procore)
export { createImportService, type ImportService } from './imports/create-import-service.ts';
export { PUSH_JOB_COSTS_JOB, APPLY_LIST_REFRESH_JOB } from './imports/import-jobs.ts';
export { queueRefresh, type QueueRefreshResult } from './imports/queue-refresh.ts';
export { LIST_PAGE_SIZE, REFRESH_KINDS, TXN_PAGE_SIZE, type RefreshKind } from './imports/refresh-kinds.ts';
export { readRefreshStatus } from './imports/read-refresh-status.ts';
export { listImportEntries, type ImportListKind, type ImportEntryStatus } from './imports/list-import-entries.ts';
export { linkImportEntry, unlinkImportEntry, createProcoreFromEntry, archiveImportEntry, linkAllSuggested } from './imports/link-import-entry.ts';
export { listImportItems } from './imports/list-import-items.ts';
export { listImportFailures, retryImportPush, type ImportFailure } from './imports/list-import-failures.ts';
export { pushJobCosts, type PushSummary } from './imports/push-job-costs.ts';
export { buildJobCostReport, listJobCostProjects, jobCostReportCsv } from './imports/build-job-cost-report.ts';
export { buildOwnerReconciliation, ownerReconciliationCsv, type OwnerReconciliation } from './imports/build-owner-reconciliation.ts';
export { listUnattributedCostLines, type UnattributedCostLine } from './imports/list-unattributed-cost-lines.ts';
export { listExceptions, type UnifiedException, type ExceptionDirection } from './exceptions/list-exceptions.ts';
export { listFailedJobs, type FailedJob } from './exceptions/list-failed-jobs.ts';
export { dismissFailedJob, retryFailedJob, type FailedJobActionResult } from './exceptions/resolve-failed-job.ts';
export type { AppliedResponse, AfterResponses } from './qbwc/receive-response-xml.ts';
export { IMPORT_ENTRY_STATUSES } from '@connector/contract';
// Sign-in, sessions, roles and idempotency of the embedded app.
export { SESSION_POLICY, SESSION_COOKIE } from './auth/session-policy.ts';
export { csrfTokenMatches, sha256Hex } from './auth/session-secrets.ts';
export { createWebSession, type NewWebSession } from './auth/create-web-session.ts';
export { authenticateWebSession, type AuthenticatedSession, type SessionUser } from './auth/authenticate-web-session.ts';
export { revokeWebSession } from './auth/revoke-web-session.ts';
export { exchangeSignInHandoff } from './auth/exchange-sign-in-handoff.ts';
export { startWebSignIn, type StartWebSignInInput } from './auth/start-web-sign-in.ts';
export { completeWebSignIn, type CompleteWebSignInInput, type CompletedWebSignIn } from './auth/complete-web-sign-in.ts';
export { syncSignInMemberships, type SignInMembership } from './auth/sync-sign-in-memberships.ts';
export { describeWebSession } from './auth/describe-web-session.ts';
export { resolveMemberRoles } from './auth/resolve-member-roles.ts';
export { listCompanyMembers, type CompanyMemberItem } from './auth/list-company-members.ts';
export { setMemberRoles } from './auth/set-member-roles.ts';
export { claimIdempotencyKey, finishIdempotencyKey, type IdempotencyClaim, type IdempotencyRequest } from './auth/claim-idempotency-key.ts';
export { purgeExpiredSignInData } from './auth/purge-expired-sign-in-data.ts';
export { describeQbwcConnection, type QbwcConnectionStatus } from './qbwc-connection/describe-qbwc-connection.ts';
export { rotateQbwcPassword } from './qbwc-connection/rotate-qbwc-password.ts';
export { unlockQbwcSignIn } from './qbwc-connection/unlock-qbwc-sign-in.ts';
export { purgeSignInThrottles } from './qbwc/purge-sign-in-throttles.ts';
export { recordSignInFailure, signInDelayMs } from './qbwc/throttle-sign-ins.ts';
export { createHashBudget, type HashBudget } from './qbwc/limit-hash-work.ts';
export { authenticateWebConnector, MAX_USERNAME_CHARS, MAX_PASSWORD_CHARS, type AuthenticateOutcome } from './qbwc/authenticate-web-connector.ts';
export { hasMissedSchedule } from './qbwc-connection/has-missed-schedule.ts';
export { listActivity, ACTIVITY_DIRECTIONS, ACTIVITY_OUTCOMES, type ActivityFilters, type ActivityItem } from './activity/list-activity.ts';
export { exportActivityCsv, ACTIVITY_CSV_MAX_ROWS } from './activity/export-activity-csv.ts';
export { getActivityExchange, type ActivityExchange, type ActivityExchangeAnswer } from './activity/get-activity-exchange.ts';
export { listActivityBySession, type ActivityRow, type ActivitySessionItem } from './activity/list-activity-by-session.ts';
export { summarizeAuditEntry } from './activity/summarize-audit-entry.ts';
export { createSummaryService, type SummaryService, type SummaryServiceOptions } from './summary/create-summary-service.ts';
export { buildDailySummary, type DailySummary, type SummaryMailSetup } from './summary/build-daily-summary.ts';
export { sendDailySummary, type SummaryMail, type SummaryMailer } from './summary/send-daily-summary.ts';
export { queueDueSummaries, SEND_DAILY_SUMMARY_JOB } from './summary/queue-due-summaries.ts';
export { claimDailySummary, summaryDayOf } from './summary/claim-daily-summary.ts';
export { estimateNextQbwcRun } from './summary/estimate-next-qbwc-run.ts';
export { renderDailySummary } from './summary/render-daily-summary.ts';
