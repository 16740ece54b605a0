/**
 * What a qbXML statusCode means for the sync, per docs/qbxml.md#status-codes and Intuit's
 * "Status codes in response messages" appendix (QuickBooks Desktop SDK):
 * 0–499 info, 500–999 warnings (not failures), 1000+ errors; 1000–1999 general
 * errors, 2000–2999 not supported by QuickBooks, 3000–3099 format errors,
 * 3100+ specific errors, 9100–9199 macro errors.
 * Explanations are written for the accountant who sees them in the exception queue.
 */
export type StatusOutcome = 'ok' | 'no-match' | 'info' | 'warning' | 'error';

export type StatusCategory =
  | 'none'
  | 'no-match'
  | 'duplicate-name'
  | 'not-found'
  | 'invalid-reference'
  | 'record-in-use'
  | 'closed-period'
  | 'stale-edit-sequence'
  | 'iterator-expired'
  | 'permission'
  | 'unsupported'
  | 'validation'
  | 'internal'
  | 'other';

/** `next-session`: transient, send again on a later QBWC run; `after-requery`: fetch fresh data first. */
export type StatusRetry = 'no' | 'next-session' | 'after-requery';

export interface StatusClassification {
  outcome: StatusOutcome;
  category: StatusCategory;
  retry: StatusRetry;
  explanation: string;
}

type Entry = Omit<StatusClassification, 'outcome'> & { outcome?: StatusOutcome };

const KNOWN: Record<number, Entry> = {
  0: { outcome: 'ok', category: 'none', retry: 'no', explanation: 'QuickBooks processed the request.' },
  1: {
    outcome: 'no-match',
    category: 'no-match',
    retry: 'no',
    explanation: 'QuickBooks found no records matching the search. This is not an error.',
  },
  500: {
    category: 'other',
    retry: 'no',
    explanation: 'QuickBooks could not find some of the records that were asked for, so the results may be incomplete.',
  },
  530: {
    category: 'unsupported',
    retry: 'no',
    explanation: "A field in the request isn't supported by this version of QuickBooks.",
  },
  531: {
    category: 'unsupported',
    retry: 'no',
    explanation: "A value in the request isn't supported by this version of QuickBooks.",
  },
  550: {
    category: 'other',
    retry: 'no',
    explanation: 'The record was saved, but QuickBooks could not save its notes.',
  },
  560: { category: 'other', retry: 'no', explanation: 'The request used a field that QuickBooks has deprecated; it still worked.' },
  570: {
    category: 'other',
    retry: 'no',
    explanation:
      'The record was saved, but QuickBooks could not link it to the other transaction because that one is already closed (for example a fully received purchase order).',
  },
  600: {
    category: 'other',
    retry: 'after-requery',
    explanation:
      'QuickBooks has no saved result for that message, so it cannot say whether it was processed. The connector checks QuickBooks for the records before sending anything again.',
  },
  1000: {
    category: 'internal',
    retry: 'next-session',
    explanation: 'QuickBooks had an internal error while processing the request. It will be tried again on the next sync.',
  },
  1010: {
    category: 'internal',
    retry: 'next-session',
    explanation: 'QuickBooks was not available to process the request. It will be tried again on the next sync.',
  },
  1030: {
    category: 'unsupported',
    retry: 'no',
    explanation: "This version or edition of QuickBooks doesn't support this kind of request.",
  },
  1060: {
    category: 'validation',
    retry: 'no',
    explanation: 'The request ID was invalid (longer than 50 characters). This is a connector problem; contact support.',
  },
  3000: {
    category: 'validation',
    retry: 'no',
    explanation: 'QuickBooks did not recognise an ID in the request; the record it refers to may have been deleted or the ID is malformed.',
  },
  3100: {
    category: 'duplicate-name',
    retry: 'no',
    explanation: 'QuickBooks already has a record with this name. The connector should link to the existing record instead of creating another one.',
  },
  3120: {
    category: 'not-found',
    retry: 'no',
    explanation: 'The QuickBooks record this change was for no longer exists (it may have been deleted or merged in QuickBooks).',
  },
  3140: {
    category: 'invalid-reference',
    retry: 'no',
    explanation:
      'The request refers to a vendor, job, item, account or class that QuickBooks does not have (or that is inactive). Sync or create that record first, then send this again.',
  },
  3170: {
    category: 'record-in-use',
    retry: 'next-session',
    explanation:
      'QuickBooks could not save the change because the record is open or being edited by someone in QuickBooks. It will be tried again on the next sync.',
  },
  3171: {
    category: 'closed-period',
    retry: 'no',
    explanation:
      "The transaction date is in a closed period (on or before the company's closing date). Change the date, or ask the QuickBooks administrator to move the closing date, then send it again.",
  },
  3175: {
    category: 'record-in-use',
    retry: 'next-session',
    explanation: 'QuickBooks could not lock the record because someone else is using it. It will be tried again on the next sync.',
  },
  3176: {
    category: 'record-in-use',
    retry: 'next-session',
    explanation: 'The record is in use by another QuickBooks user (for example open in an edit window). It will be tried again on the next sync.',
  },
  3180: {
    category: 'other',
    retry: 'no',
    explanation: 'QuickBooks refused to save the record; its message explains why.',
  },
  3200: {
    category: 'stale-edit-sequence',
    retry: 'after-requery',
    explanation:
      'The record was changed in QuickBooks since the connector last read it. The connector reads it again and compares before sending the change, so nothing is overwritten by accident.',
  },
  3210: {
    category: 'validation',
    retry: 'no',
    explanation:
      'QuickBooks rejected a field value (for example an account of the wrong type, an inactive item, or a transaction that does not balance). Its message names the field.',
  },
  3231: {
    category: 'other',
    retry: 'next-session',
    explanation: 'QuickBooks did not process this request because an earlier request in the same batch failed. It will be sent again on the next sync.',
  },
  3250: {
    category: 'unsupported',
    retry: 'no',
    explanation:
      'This feature is turned off or not available in this QuickBooks edition (for example estimates, class tracking or multicurrency). Turn it on in QuickBooks preferences or change the connector settings.',
  },
  3260: {
    category: 'permission',
    retry: 'no',
    explanation:
      'The QuickBooks user the Web Connector logs in as is not allowed to do this. A QuickBooks administrator needs to grant that user the permission.',
  },
  3261: {
    category: 'permission',
    retry: 'no',
    explanation:
      'The connector is not allowed to read this kind of sensitive data. A QuickBooks administrator can grant access in Preferences > Integrated Applications.',
  },
  3391: {
    category: 'iterator-expired',
    retry: 'after-requery',
    explanation:
      'The paged QuickBooks read expired before it finished (pages only live within one Web Connector session). The read starts again from the beginning.',
  },
};

function rangeClassification(statusCode: number): StatusClassification {
  if (statusCode > 1 && statusCode < 500) {
    return { outcome: 'info', category: 'none', retry: 'no', explanation: 'QuickBooks processed the request and returned a note.' };
  }
  if (statusCode >= 500 && statusCode < 1000) {
    return {
      outcome: 'warning',
      category: 'other',
      retry: 'no',
      explanation: 'QuickBooks processed the request with a warning; the results may not be exactly what was expected.',
    };
  }
  if (statusCode >= 1000 && statusCode < 2000) {
    return {
      outcome: 'error',
      category: 'internal',
      retry: 'next-session',
      explanation: 'QuickBooks had a general error and saved nothing. It will be tried again on the next sync.',
    };
  }
  if (statusCode >= 2000 && statusCode < 3000) {
    return { outcome: 'error', category: 'unsupported', retry: 'no', explanation: 'QuickBooks Desktop does not support this request.' };
  }
  if ((statusCode >= 3000 && statusCode < 3100) || (statusCode >= 9100 && statusCode < 9200)) {
    return {
      outcome: 'error',
      category: 'validation',
      retry: 'no',
      explanation: 'QuickBooks could not read a value in the request (wrong format). This is a connector problem; contact support.',
    };
  }
  return {
    outcome: 'error',
    category: 'other',
    retry: 'no',
    explanation: 'QuickBooks refused the request and saved nothing; its message explains why.',
  };
}

function outcomeForCode(statusCode: number): StatusOutcome {
  if (statusCode === 0) return 'ok';
  if (statusCode === 1) return 'no-match';
  if (statusCode < 500) return 'info';
  if (statusCode < 1000) return 'warning';
  return 'error';
}

export function classifyStatus(statusCode: number, statusSeverity?: string): StatusClassification {
  const known = KNOWN[statusCode];
  if (known !== undefined) return { ...known, outcome: known.outcome ?? outcomeForCode(statusCode) };
  if (!Number.isInteger(statusCode) || statusCode < 0) {
    return {
      outcome: 'error',
      category: 'other',
      retry: 'no',
      explanation: `QuickBooks returned an unexpected status code (${String(statusCode)}).`,
    };
  }
  const byRange = rangeClassification(statusCode);
  // For codes we do not know, an explicit "Error" severity wins over the range:
  // treating a refused request as a success would lose it.
  if (byRange.outcome !== 'error' && statusSeverity?.toLowerCase() === 'error') {
    return { outcome: 'error', category: 'other', retry: 'no', explanation: 'QuickBooks refused the request; its message explains why.' };
  }
  return byRange;
}
