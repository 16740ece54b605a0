/**
 * qbXML per-request statuses the simulator gives, with their sources. Severity by range
 * (Intuit "Status codes in response messages": 0-499 Info, 500-999 Warn, 1000+ Error).
 * Message wordings are QuickBooks' own where a real response was found (see the source notes);
 * where none was found the wording follows Intuit's table explanation and says so. QuickBooks puts two
 * spaces between the sentences of a message and before "QuickBooks error message:" (real 3140/3170
 * answers, e.g. packages/qbxml/src/fixtures/mixed-rs.xml); the wordings below keep them.
 */

/** The tail QuickBooks adds to 3120 and 3140: the record a request names is not in its list. */
const NOT_IN_LIST = 'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';
export type Severity = 'Info' | 'Warn' | 'Error';

export interface QbStatus {
  code: number;
  severity: Severity;
  message: string;
}

function severityOf(code: number): Severity {
  if (code < 500) return 'Info';
  if (code < 1000) return 'Warn';
  return 'Error';
}

function status(code: number, message: string): QbStatus {
  return { code, severity: severityOf(code), message };
}

export const STATUS = {
  /** Intuit status table: 0 "Status OK". */
  ok: (): QbStatus => status(0, 'Status OK'),
  /** Intuit status table: 1 "A query request did not find a matching object in QuickBooks". */
  noMatch: (): QbStatus => status(1, 'A query request did not find a matching object in QuickBooks'),
  /**
   * A query naming a ListID / FullName / TxnID / RefNumber that does not exist: 500, Warn, and the records
   * that were found are still returned. Intuit's status table (developer.intuit.com, "Status codes in response
   * messages": 500 "One or more objects cannot be found — The query request has not been fully completed.
   * There was a required element ("fieldValue") that could not be found in QuickBooks.") is about exactly
   * these queries, and a CustomerQueryRs captured from QuickBooks (consolibyte/quickbooks-php,
   * dev/dev_qbwc_tester.php, an earlier version of the file) answers a FullName that is not in the list with
   * statusCode="500" statusSeverity="Warn" and this wording. 3120 is what a Mod (or a link to a transaction)
   * answers for a record that is not there; a query never does.
   */
  notAllFound: (value: string): QbStatus =>
    status(500, `The query request has not been fully completed. There was a required element ("${value}") that could not be found in QuickBooks.`),
  /** Intuit status table: 1030 "Unsupported message: This request is not supported by this implementation." */
  unsupported: (): QbStatus => status(1030, 'This request is not supported by this implementation.'),
  /** Intuit status table: 3000 "The given object ID "fieldValue" in the field "fieldName" is invalid." */
  invalidId: (value: string, field: string): QbStatus => status(3000, `The given object ID "${value}" in the field "${field}" is invalid.`),
  /** Intuit status table: 3020 invalid date ("There was an error when converting the date value ..."). */
  invalidDate: (value: string, field: string): QbStatus =>
    status(3020, `There was an error when converting the date value "${value}" in the field "${field}".`),
  /**
   * Intuit status table: 3070, string too long. Wording follows the table's pattern
   * ("The string "fieldValue" in the field "fieldName" is too long."); not checked against a live response.
   */
  tooLong: (value: string, field: string): QbStatus => status(3070, `The string "${value}" in the field "${field}" is too long.`),
  /** Real QuickBooks responses: 'The name "X" of the list element is already in use.' */
  nameInUse: (name: string): QbStatus => status(3100, `The name "${name}" of the list element is already in use.`),
  /** Real QuickBooks responses (3120): 'Object "X" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.' */
  notFound: (id: string): QbStatus => status(3120, `Object "${id}" specified in the request cannot be found.  ${NOT_IN_LIST}`),
  /**
   * Real QuickBooks responses (3140): 'There is an invalid reference to QuickBooks Vendor "X" in the Bill.  QuickBooks error
   * message: Invalid argument.  The specified record does not exist in the list.'; `where` is e.g. "Bill" or, for a list
   * entry, 'Customer list element "MOB Expansion"'.
   */
  invalidReference: (listName: string, value: string, where: string): QbStatus =>
    status(3140, `There is an invalid reference to QuickBooks ${listName} "${value}" in the ${where}.  ${NOT_IN_LIST}`),
  /** Real QuickBooks responses (3150): 'There is a missing element: "X".' */
  missingElement: (name: string): QbStatus => status(3150, `There is a missing element: "${name}".`),
  /** Real QuickBooks responses (3170, list record in use): '... QuickBooks error message: This list has been modified by another user.' */
  listInUse: (objectName: string, id: string): QbStatus =>
    status(
      3170,
      `There was an error when modifying a ${objectName} list, element "${id}".  QuickBooks error message: This list has been modified by another user.`,
    ),
  /** 3175 (transaction in use), wording from integrations that log it: "The transaction could not be locked.  It is in use by another user." */
  txnInUse: (objectName: string, id: string): QbStatus =>
    status(
      3175,
      `There was an error when modifying a ${objectName} "${id}".  QuickBooks error message: The transaction could not be locked.  It is in use by another user.`,
    ),
  /** 3176: a record the request must lock (e.g. the PO a bill links to) is in use. Wording is the simulator's; no live sample found. */
  linkedInUse: (objectName: string, id: string): QbStatus =>
    status(
      3176,
      `There was an error when saving a ${objectName}.  QuickBooks error message: The record "${id}" could not be locked.  It is in use by another user.`,
    ),
  /**
   * 3171: a transaction dated on or before the company's closing date (Accounting preferences, "Closing Date"
   * protected by a password). Wording as an integration logged it from QuickBooks for an Invoice Mod
   * (ayssoftware.com/aysguide/resolvingquickbooksexporterrors.htm, "Error 3171"), QuickBooks' "a Invoice" grammar
   * kept; for an Add the same wording is assumed (no live sample found).
   */
  closedPeriod: (objectName: string): QbStatus =>
    status(
      3171,
      `An attempt was made to modify a ${objectName} with a date that is on or before the closing date of the company. If you are sure you really want to do this, please ask a user with Admin privileges to remove the password for editing transactions on or before to closing date (this setting is in the Accounting Company Preferences), then try again.`,
    ),
  /**
   * 3180 "There was an error when saving a <object>" with QuickBooks' own reason. Used for an invoice whose total is
   * negative: QuickBooks' Create Invoices form refuses it ("Transactions must be positive or zero"; enter a credit memo
   * instead). The status number and wording for qbXML are the simulator's reading of Intuit's status table (3180:
   * "There was an error when saving a ..."); no live InvoiceAdd answer for a negative total was found.
   */
  cannotSave: (objectName: string, why: string): QbStatus => status(3180, `There was an error when saving a ${objectName}.  QuickBooks error message: ${why}`),
  /** Real QuickBooks responses (3200): 'The provided edit sequence "1416315972" is out-of-date. ' */
  staleEditSequence: (editSequence: string): QbStatus => status(3200, `The provided edit sequence "${editSequence}" is out-of-date. `),
  /** Real QuickBooks responses (3210): 'The "X" field has an invalid value "Y". QuickBooks error message: ...' */
  invalidValue: (field: string, value: string, why: string): QbStatus =>
    status(3210, `The "${field}" field has an invalid value "${value}".  QuickBooks error message: ${why}`),
  /** Real QuickBooks responses (3260): "Insufficient permission level to perform this action." */
  noPermission: (): QbStatus => status(3260, 'Insufficient permission level to perform this action.'),
  /** Real QuickBooks responses (3391): 'The iteratorID "{...}" is not valid.' (consolibyte/quickbooks-php#183). */
  badIterator: (id: string): QbStatus => status(3391, `The iteratorID "${id}" is not valid.`),
};

/**
 * messageSetStatusCode for an oldMessageSetID QuickBooks holds no state for. Intuit's error
 * recovery pages do not give this number in what we could read; the status table lists
 * 600 "No cleared state to return (For error recovery; no message is returned.)", which is the
 * closest documented meaning, so the simulator uses 600. Known state -> 0.
 */
export const MESSAGE_SET_UNKNOWN = 600;
