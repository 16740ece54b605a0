export { ACTION_ROLES, GUARDED_ACTIONS, ROLES, ROLE_LABELS, actionsFor, canDo, describeNeededRoles, describeRoles, isRole, rolesFor, type GuardedAction, type Role } from './roles.ts';
export { ACTIVITY_RECORD_TYPES, ACTIVITY_RECORD_TYPE_KEYS, activityRecordTypeOf, isActivityRecordType, type ActivityRecordType, type ActivityRecordTypeKey } from './activity-record-types.ts';
export { EXCEPTION_CODES, isExceptionCode, type ExceptionCode, type ExceptionCodeInfo, type ExceptionSource } from './exception-codes.ts';
export { checkSettingsChange, DEFAULT_COMPANY_SETTINGS, settingProblem, type CompanySettingsValues } from './company-settings.ts';
