/**
 * Every code a record can carry into the exception queue or a refusal (export_records, queued_requests and
 * jobs `error_code`, previews, job-cost pushes), in one typed list: where it comes from, the raw QuickBooks or
 * Procore code it stands for (kept beside ours on the row: qb_status_code, Procore's HTTP status), and what a
 * person should do. The HTTP API's own errors are AppError codes (packages/sync/src/errors/app-error.ts).
 *
 * Sources: `connector` = our rules refuse before anything is sent (packages/mapping); `workflow` = the
 * export pipeline's own outcomes; `quickbooks` = QuickBooks' status code (docs/qbxml.md#status-codes);
 * `procore` = Procore's HTTP answer (docs/procore-api.md).
 */
export type ExceptionSource = 'connector' | 'workflow' | 'quickbooks' | 'procore';

export interface ExceptionCodeInfo {
  source: ExceptionSource;
  /** What happened and what to do, for a construction accountant (the row's own message adds the record). */
  action: string;
  /** QuickBooks statusCode(s) this stands for. */
  qbStatusCodes?: readonly number[];
  /** Procore HTTP status(es) this stands for. */
  procoreStatuses?: readonly number[];
}

export const EXCEPTION_CODES = {
  // Our rules, before anything is sent (packages/mapping).
  NAME_TOO_LONG: { source: 'connector', action: "Shorten the name in Procore to QuickBooks' limit (41 characters; 31 for items), then send it again." },
  INVALID_NAME: { source: 'connector', action: 'Remove the character QuickBooks does not accept in names (such as a colon) in Procore, then send it again.' },
  FIELD_TOO_LONG: { source: 'connector', action: "Shorten the field in Procore to QuickBooks' limit, then send it again." },
  REF_NUMBER_TOO_LONG: {
    source: 'connector',
    action: 'Use a shorter number (QuickBooks takes 11 characters on a purchase order) or turn off "Use Procore contract # as RefNumber".',
  },
  ITEM_NAME_COLLISION: {
    source: 'connector',
    action: 'Two cost codes would get the same QuickBooks item name: rename one in Procore or choose the abbreviation rule in Settings.',
  },
  PARENT_NOT_MAPPED: { source: 'connector', action: "Export the parent cost code first (QuickBooks items keep Procore's hierarchy)." },
  NO_ITEM_ACCOUNT: { source: 'connector', action: 'Choose the expense account for new cost-code items in Settings, then send again.' },
  NO_RETAINAGE_ITEM: { source: 'connector', action: 'Choose the Invoice Retainage Item in Settings (after Refresh Items), then send again.' },
  NEGATIVE_INVOICE: { source: 'connector', action: 'Negative subcontractor invoices do not sync: record the credit in QuickBooks by hand.' },
  US_ONLY_FEATURE: { source: 'connector', action: 'This QuickBooks edition (country) does not support it: record it in QuickBooks by hand.' },
  COUNTRY_UNKNOWN: { source: 'connector', action: 'Run the Web Connector once so QuickBooks reports its country, then send again.' },
  MISSING_DEPENDENCY: { source: 'connector', action: 'What it refers to (vendor, job, item) must be in QuickBooks first: it is sent first, or export it.' },
  NOT_APPROVED: { source: 'connector', action: 'Approve it in Procore first, then send it again.' },
  ALREADY_EXPORTED: { source: 'connector', action: 'Already in QuickBooks: nothing to send.' },
  LINK_INCOMPLETE: { source: 'connector', action: 'The link to QuickBooks lacks what a change needs: refresh from QuickBooks, then send again.' },
  NO_CHANGES: { source: 'connector', action: 'Nothing differs from QuickBooks (or no field was chosen for a linked record): nothing to send.' },
  EMPTY_TRANSACTION: { source: 'connector', action: 'It has no lines with an amount: add lines in Procore first.' },
  INCOMPLETE_RECORD: { source: 'connector', action: 'A field QuickBooks needs is blank in Procore: fill it in, then send again.' },
  INVALID_AMOUNT: { source: 'connector', action: 'An amount is not a valid number of cents: correct it in Procore.' },
  UNKNOWN_FIELD: { source: 'connector', action: 'That field cannot be sent for this kind of record.' },
  // Job costs and bills read from QuickBooks that cannot go to Procore as they are (packages/mapping/src/import).
  NO_JOB: { source: 'connector', action: 'The QuickBooks line has no customer:job: assign one in QuickBooks, then Update Job Costs.' },
  JOB_NOT_LINKED: { source: 'connector', action: 'The QuickBooks job is not linked to a Procore project: link it on the Jobs screen.' },
  NO_COST_CODE: { source: 'connector', action: "The QuickBooks line's item is not a Procore cost code: use a cost-code item in QuickBooks, or link the item." },
  COST_CODE_NOT_ON_PROJECT: {
    source: 'connector',
    action: 'The cost code is not on the project\'s budget in Procore: add it (or turn on "add new cost codes to budgets").',
  },
  BILL_LINE_NOT_ON_COMMITMENT: { source: 'connector', action: "A bill line is not on its purchase order's lines: bill against the PO's lines in QuickBooks." },
  CHANGE_ORDER_NOT_BILLABLE: { source: 'connector', action: 'The change order behind the line is not approved in Procore: approve it, then Update Job Costs.' },
  RETAINAGE_WITHOUT_WORK: { source: 'connector', action: 'Retainage on a line with no work billed: correct the bill in QuickBooks.' },
  RETAINAGE_EXCEEDS_WORK: { source: 'connector', action: 'More retainage than work on a line: correct the bill in QuickBooks.' },
  RETAINAGE_RELEASED: { source: 'connector', action: 'Released retainage is billed as its own invoice when Procore marks it released.' },
  // Multi-currency (docs/integration-map.md#currencies): another currency is converted with QuickBooks' own rate, or refused.
  FOREIGN_CURRENCY_NO_RATE: {
    source: 'connector',
    action:
      'A QuickBooks transaction in another currency came without an exchange rate, so it is left out of job costs rather than counted as home currency: save it in QuickBooks with an exchange rate, then Update Job Costs.',
  },
  FOREIGN_CURRENCY_VENDOR: {
    source: 'connector',
    action:
      'The vendor is set up in QuickBooks in another currency than the home currency, and Procore amounts are in home currency: enter this in QuickBooks by hand, or link a home-currency vendor.',
  },
  VENDOR_CURRENCY_UNKNOWN: {
    source: 'connector',
    action: "Multi-currency is on and the connector does not know this vendor's QuickBooks currency yet: Refresh Vendors, then send it again.",
  },
  // The export pipeline's own outcomes (packages/sync/src/exports).
  COMMITMENT_NOT_APPROVED: { source: 'workflow', action: 'Waits for its commitment to be approved in Procore and sent; it resumes by itself.' },
  PRIME_CONTRACT_NOT_APPROVED: {
    source: 'workflow',
    action: 'Waits for its prime contract to be approved in Procore and sent (its lines are added to that contract value estimate); it resumes by itself.',
  },
  DEPENDENCY_FAILED: { source: 'workflow', action: 'Something it needs failed first: fix that exception, and this one resumes.' },
  PROCORE_RECORD_MISSING: { source: 'workflow', action: 'The record is gone from Procore (deleted or no longer visible): dismiss it.' },
  PROCORE_READ_FAILED: { source: 'workflow', action: 'Procore could not be read: it is retried; if it persists, check the Procore connection.' },
  QB_NO_RECORD: { source: 'workflow', action: 'QuickBooks answered without the record: retry it.' },
  QB_RECORD_ALREADY_LINKED: { source: 'workflow', action: 'The QuickBooks entry is already linked to another Procore record: unlink one first.' },
  QB_RECORD_KEEPS_CHANGING: { source: 'workflow', action: 'Something keeps changing the QuickBooks record while we write it: find who edits it, then retry.' },
  QB_REQUEST_FAILED: { source: 'workflow', action: 'The QuickBooks request failed: see the QuickBooks message, fix it, then retry.' },
  QB_REQUEST_REJECTED: { source: 'workflow', action: 'QuickBooks refused the whole message (HRESULT): see its message, then retry.' },
  // Both are also HTTP API errors (AppError) with the same meaning, and end up on a row's error_code.
  QBXML_INVALID: {
    source: 'workflow',
    action: 'QuickBooks would reject the record as it stands (a field breaks a qbXML rule): see the reason, correct it in Procore, then retry.',
  },
  STORED_VALUE_INVALID: {
    source: 'workflow',
    action:
      'A stored copy of this record is damaged (not in the shape the connector writes), so nothing was sent: report it to support with the reason; retrying reads the same row.',
  },
  // QuickBooks Online (issue 22): its Fault codes are re-spelled as the QuickBooks status they stand for (5010 → 3200,
  // 6240 → 3100, 610 → 3120/3140; packages/sync/src/qbo/qbo-outcome-as-response.ts); these two have no Desktop twin.
  QBO_NOT_SUPPORTED: {
    source: 'workflow',
    action: 'The connector does not send this to QuickBooks Online yet: nothing was written. Record it in QuickBooks Online by hand, or dismiss it.',
  },
  QBO_BAD_RESPONSE: {
    source: 'workflow',
    action: 'QuickBooks Online answered something the connector cannot read: report it to support with the message; retrying asks again.',
  },
  REQUEST_CANCELLED: { source: 'workflow', action: 'The request was cancelled before QuickBooks ran it: send it again if it is still needed.' },
  // QuickBooks' answer (statusCode kept in qb_status_code).
  QB_OK: { source: 'quickbooks', action: 'QuickBooks accepted it.', qbStatusCodes: [0] },
  QB_NO_MATCH: { source: 'quickbooks', action: 'QuickBooks found nothing that matches.', qbStatusCodes: [1] },
  QB_DUPLICATE_NAME: { source: 'quickbooks', action: 'The name is already used in QuickBooks: link the existing entry, or rename one.', qbStatusCodes: [3100] },
  QB_NOT_FOUND: {
    source: 'quickbooks',
    action: 'The QuickBooks record no longer exists (deleted there): refresh, then decide whether to create it again.',
    qbStatusCodes: [3120],
  },
  QB_MISSING_REFERENCE: {
    source: 'quickbooks',
    action: 'It refers to a QuickBooks entry that does not exist (vendor, job, item, account, terms): export or create it first.',
    qbStatusCodes: [3140],
  },
  QB_RECORD_IN_USE: {
    source: 'quickbooks',
    action: 'Someone has the record open in QuickBooks: it is retried in the next session.',
    qbStatusCodes: [3170, 3175, 3176],
  },
  QB_CLOSED_PERIOD: {
    source: 'quickbooks',
    action: "The date is inside QuickBooks' closed period: change the date in Procore, or ask whoever closed the books.",
    qbStatusCodes: [3171],
  },
  QB_CHANGED_IN_QUICKBOOKS: {
    source: 'quickbooks',
    action: "Changed in QuickBooks since we wrote it: compare the fields, then keep QuickBooks' version or re-send ours.",
    qbStatusCodes: [3200],
  },
  QB_ITERATOR_EXPIRED: { source: 'quickbooks', action: 'A long read was interrupted: it starts again next session.', qbStatusCodes: [3391] },
  QB_PERMISSION_DENIED: {
    source: 'quickbooks',
    action: 'The QuickBooks user the Web Connector runs as may not do this: give it the rights (or sign in as Admin), then retry.',
    qbStatusCodes: [3260, 3261],
  },
  QB_UNSUPPORTED: { source: 'quickbooks', action: 'This QuickBooks edition or version does not support the request.' },
  QB_VALIDATION: { source: 'quickbooks', action: 'QuickBooks refused a value: see its message, correct it in Procore, then retry.' },
  QB_INTERNAL_ERROR: { source: 'quickbooks', action: 'QuickBooks failed internally: retry; if it persists, verify and rebuild the company file.' },
  QB_ERROR: { source: 'quickbooks', action: 'QuickBooks refused it: see its message.' },
  // Procore's answer (HTTP status kept beside it) — packages/procore ProcoreErrorCode.
  PROCORE_BAD_REQUEST: { source: 'procore', action: "Procore refused the request as malformed: report it with Procore's message.", procoreStatuses: [400] },
  PROCORE_UNAUTHORIZED: { source: 'procore', action: 'The Procore sign-in expired or was revoked: an admin signs in again.', procoreStatuses: [401] },
  PROCORE_SIGN_IN_REQUIRED: {
    source: 'procore',
    action: 'The Procore sign-in no longer works: an admin signs in again on the Connection screen.',
    procoreStatuses: [401],
  },
  PROCORE_FORBIDDEN: { source: 'procore', action: 'The app is not connected to this Procore company or the tool is off for it.', procoreStatuses: [403] },
  PROCORE_NOT_FOUND: { source: 'procore', action: 'The Procore record does not exist or is not visible to this account.', procoreStatuses: [404] },
  PROCORE_CONFLICT: { source: 'procore', action: 'Procore is processing another change to the same record: retried shortly.', procoreStatuses: [409] },
  PROCORE_UNPROCESSABLE: {
    source: 'procore',
    action: "Procore refused the values (or the record is locked by the ERP integration): see Procore's message.",
    procoreStatuses: [422],
  },
  PROCORE_REJECTED: { source: 'procore', action: "Procore refused the record: see Procore's message, correct it, then retry.", procoreStatuses: [400, 422] },
  PROCORE_RATE_LIMITED: { source: 'procore', action: "Procore's rate limit: retried when Procore says.", procoreStatuses: [429] },
  PROCORE_REQUEST_REJECTED: { source: 'procore', action: 'Procore refused the request: see its message.' },
  PROCORE_REQUEST_FAILED: { source: 'procore', action: 'Procore refused the request: see its message.' },
  PROCORE_UNAVAILABLE: { source: 'procore', action: 'Procore did not answer: the work is kept and retried.', procoreStatuses: [500, 502, 503, 504] },
  PROCORE_NETWORK_ERROR: { source: 'procore', action: 'Procore could not be reached: the work is kept and retried.' },
  PROCORE_TIMEOUT: { source: 'procore', action: 'Procore did not answer in time: the work is kept, checked and retried.' },
  PROCORE_BAD_RESPONSE: { source: 'procore', action: 'Procore answered something we could not read: retried; report it if it persists.' },
} as const satisfies Record<string, ExceptionCodeInfo>;

export type ExceptionCode = keyof typeof EXCEPTION_CODES;

export function isExceptionCode(value: string): value is ExceptionCode {
  return Object.hasOwn(EXCEPTION_CODES, value);
}
