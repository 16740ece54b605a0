export {
  ACTION_ROLES,
  GUARDED_ACTIONS,
  ROLES,
  ROLE_LABELS,
  actionsFor,
  canDo,
  describeNeededRoles,
  describeRoles,
  isRole,
  rolesFor,
  type GuardedAction,
  type Role,
} from './roles.ts';
export {
  ACTIVITY_RECORD_TYPES,
  ACTIVITY_RECORD_TYPE_KEYS,
  activityRecordTypeOf,
  isActivityRecordType,
  type ActivityRecordType,
  type ActivityRecordTypeKey,
} from './activity-record-types.ts';
export { EXCEPTION_CODES, isExceptionCode, type ExceptionCode, type ExceptionCodeInfo, type ExceptionSource } from './exception-codes.ts';
export {
  ApplyListRefreshJobPayload,
  applyProcoreChangeJobPayload,
  checkStored,
  PrepareExportJobPayload,
  ReconcileProcoreJobPayload,
  SendDailySummaryJobPayload,
  StoredCompanySettings,
  StoredExportOptions,
  StoredExportSourceEnvelope,
  STORED_EXPORT_SOURCE_RECORDS,
  StoredFieldDifferences,
  StoredIntentPush,
  StoredProcoreCommitmentChangeOrder,
  StoredProcoreProject,
  StoredProcoreRecordData,
  StoredProcoreStandardCostCode,
  StoredProcoreVendor,
  StoredPreviewFields,
  StoredQbBillPaymentData,
  StoredQbCostTxnData,
  StoredQbListEntry,
  StoredQbTxnCurrency,
  StoredQbxmlRequestEnvelope,
  StoredRequestResult,
  StoredTxnLineLinks,
  WriteOriginJobPayload,
} from './stored-values.ts';
export { checkSettingsChange, DEFAULT_COMPANY_SETTINGS, settingProblem, type CompanySettingsValues } from './company-settings.ts';
export { describeNextQbwcRun } from './describe-next-qbwc-run.ts';
// The HTTP API: TypeBox schemas of every route's params, query, body and responses, with their types (one file per route group).
export * from './api/common-schemas.ts';
export * from './api/health-api.ts';
export * from './api/auth-api.ts';
export * from './api/member-api.ts';
export * from './api/settings-api.ts';
export * from './api/settings-choices-api.ts';
export * from './api/company-api.ts';
export * from './api/activity-api.ts';
export * from './api/qbwc-connection-api.ts';
export * from './api/procore-api.ts';
export * from './api/qbo-api.ts';
export * from './api/procore-webhook-api.ts';
export * from './api/qbwc-api.ts';
export * from './api/import-api.ts';
export * from './api/export-api.ts';
export * from './api/job-cost-api.ts';
export * from './api/exception-api.ts';
export * from './api/operations-api.ts';
export * from './api/summary-api.ts';
