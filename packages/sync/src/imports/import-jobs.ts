/** Durable job kinds of the import (QuickBooks to Procore). */
export const PUSH_JOB_COSTS_JOB = 'import.push-job-costs';
export const APPLY_LIST_REFRESH_JOB = 'import.apply-list-refresh';
export const PUSH_OWNER_PAYMENTS_JOB = 'import.push-owner-payments';
