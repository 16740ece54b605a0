import type { ExceptionCode } from '@connector/contract';
import type { StatusClassification } from '@connector/qbxml';

/** Our exception-queue code for each class of QuickBooks status (the raw code is kept beside it). */
const CODES: Record<StatusClassification['category'], ExceptionCode> = {
  none: 'QB_OK',
  'no-match': 'QB_NO_MATCH',
  'duplicate-name': 'QB_DUPLICATE_NAME',
  'not-found': 'QB_NOT_FOUND',
  'invalid-reference': 'QB_MISSING_REFERENCE',
  'record-in-use': 'QB_RECORD_IN_USE',
  'closed-period': 'QB_CLOSED_PERIOD',
  'stale-edit-sequence': 'QB_CHANGED_IN_QUICKBOOKS',
  'iterator-expired': 'QB_ITERATOR_EXPIRED',
  permission: 'QB_PERMISSION_DENIED',
  unsupported: 'QB_UNSUPPORTED',
  validation: 'QB_VALIDATION',
  internal: 'QB_INTERNAL_ERROR',
  other: 'QB_ERROR',
};

export function errorCodeForStatus(category: StatusClassification['category']): ExceptionCode {
  return CODES[category] ?? 'QB_ERROR';
}
