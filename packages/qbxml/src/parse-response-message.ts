import { classifyStatus, type StatusClassification } from './classify-status.ts';
import { parseXml, type XmlElement } from './parse-xml.ts';
import type { QbRecord, QbValue } from './qb-record.ts';
import { QbxmlParseError } from './qbxml-parse-error.ts';
import { REPEATABLE_CHILDREN } from './repeatable-elements.ts';

export type StatusSeverity = 'Info' | 'Warning' | 'Error';

export interface QbxmlResponse {
  /** Response element, e.g. 'VendorAddRs'. */
  rsType: string;
  /** The request it answers, e.g. 'VendorAdd'. */
  requestType: string;
  requestId?: string;
  statusCode: number;
  statusSeverity: StatusSeverity;
  statusMessage: string;
  status: StatusClassification;
  iteratorId?: string;
  iteratorRemainingCount?: number;
  retCount?: number;
  /** Every *Ret child, in document order (empty for an error status). */
  records: QbRecord[];
  /** `recordTypes[i]` is the element name of `records[i]` (ItemQueryRs mixes ItemServiceRet, ItemOtherChargeRet, …). */
  recordTypes: string[];
  /** ErrorRecovery (ListID/TxnID, EditSequence) in answers to an error-recovery status check. */
  errorRecovery?: QbRecord;
}

export interface QbxmlResponseMessage {
  newMessageSetId?: string;
  /** Set on answers to an error-recovery status check (buildRecoveryStatusMessage). */
  messageSetStatusCode?: number;
  responses: QbxmlResponse[];
}

const REPEATABLE = new Map<string, ReadonlySet<string>>(Object.entries(REPEATABLE_CHILDREN).map(([parent, children]) => [parent, new Set(children)]));
const REPEATABLE_ANYWHERE = new Set(Object.values(REPEATABLE_CHILDREN).flat());

/**
 * Children that are arrays: what the XSD says can repeat under this parent, and
 * every *Ret element. Under an element the schema does not know (newer qbXML),
 * anything that repeats somewhere in the schema.
 */
function isRepeatable(parent: string, child: string): boolean {
  if (child.endsWith('Ret')) return true;
  const known = REPEATABLE.get(parent);
  return known !== undefined ? known.has(child) : REPEATABLE_ANYWHERE.has(child);
}

function setValue(record: QbRecord, key: string, value: QbValue): void {
  // A hostile "<__proto__>" element must become data, not the object's prototype.
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

function toValue(element: XmlElement): QbValue {
  if (element.children.length === 0) return element.text;
  return toRecord(element);
}

/** Converts an element to a plain object; attributes are dropped (qbXML data lives in elements). */
export function toRecord(element: XmlElement): QbRecord {
  const record: QbRecord = {};
  for (const child of element.children) {
    const value = toValue(child);
    const existing = Object.hasOwn(record, child.name) ? record[child.name] : undefined;
    if (isRepeatable(element.name, child.name)) {
      if (existing === undefined) setValue(record, child.name, [value]);
      else (existing as QbValue[]).push(value);
    } else if (existing === undefined) {
      setValue(record, child.name, value);
    } else {
      // The schema says this cannot repeat; keep every occurrence rather than lose data.
      setValue(record, child.name, Array.isArray(existing) ? [...existing, value] : [existing, value]);
    }
  }
  return record;
}

// qbXML's status codes and counts are 32-bit integers (the SDK's INT type); a stored copy is an INTEGER column.
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * An integer attribute, or undefined when absent or not a number (as before). A number outside 32 bits is no
 * answer QuickBooks gives: the message is refused as garbled (QbxmlParseError) rather than stored — hostile input,
 * item 4: statusCode 99999999999999999999999 and iteratorRemainingCount 99999999999999 were Server faults.
 */
function parseInteger(value: string | undefined, attribute: string, element: string): number | undefined {
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) return undefined;
  const parsed = Number.parseInt(value, 10);
  if (parsed < INT32_MIN || parsed > INT32_MAX) {
    throw new QbxmlParseError(
      `<${element}> has ${attribute}="${value.trim().slice(0, 40)}", outside the 32-bit range QuickBooks uses, so the response cannot be trusted.`,
    );
  }
  return parsed;
}

function severity(value: string | undefined, statusCode: number): StatusSeverity {
  switch (value?.trim().toLowerCase()) {
    case 'info':
      return 'Info';
    case 'warn':
    case 'warning':
      return 'Warning';
    case 'error':
      return 'Error';
    default:
      return statusCode >= 1000 ? 'Error' : statusCode >= 500 ? 'Warning' : 'Info';
  }
}

/** Reads one *Rs element. */
export function readResponse(element: XmlElement): QbxmlResponse {
  const attributes = element.attributes;
  const statusCode = parseInteger(attributes.statusCode, 'statusCode', element.name);
  if (statusCode === undefined) {
    throw new QbxmlParseError(`<${element.name}> has no valid statusCode attribute, so its outcome is unknown.`);
  }
  const statusSeverity = severity(attributes.statusSeverity, statusCode);
  const response: QbxmlResponse = {
    rsType: element.name,
    requestType: element.name.endsWith('Rs') ? element.name.slice(0, -2) : element.name,
    statusCode,
    statusSeverity,
    statusMessage: attributes.statusMessage ?? '',
    status: classifyStatus(statusCode, statusSeverity),
    records: [],
    recordTypes: [],
  };
  if (attributes.requestID !== undefined) response.requestId = attributes.requestID;
  if (attributes.iteratorID !== undefined) response.iteratorId = attributes.iteratorID;
  const remaining = parseInteger(attributes.iteratorRemainingCount, 'iteratorRemainingCount', element.name);
  if (remaining !== undefined) response.iteratorRemainingCount = remaining;
  const retCount = parseInteger(attributes.retCount, 'retCount', element.name);
  if (retCount !== undefined) response.retCount = retCount;
  for (const child of element.children) {
    if (child.name === 'ErrorRecovery') {
      response.errorRecovery = toRecord(child);
    } else if (child.name.endsWith('Ret')) {
      response.records.push(toRecord(child));
      response.recordTypes.push(child.name);
    }
  }
  return response;
}

/** Finds QBXML > QBXMLMsgsRs, or undefined. */
export function findMessageSet(root: XmlElement): XmlElement | undefined {
  if (root.name !== 'QBXML') return undefined;
  return root.children.find((child) => child.name === 'QBXMLMsgsRs');
}

/**
 * Parses a qbXML response message (the `response` argument of receiveResponseXML).
 * Throws QbxmlParseError for malformed XML, DOCTYPE/ENTITY declarations, or a
 * document without QBXML > QBXMLMsgsRs.
 */
export function parseResponseMessage(xml: string): QbxmlResponseMessage {
  const root = parseXml(xml);
  const messageSet = findMessageSet(root);
  if (messageSet === undefined) {
    throw new QbxmlParseError(
      root.name === 'QBXML'
        ? 'The qbXML document has no QBXMLMsgsRs element, so it is not a response to our requests.'
        : `Expected a qbXML response (<QBXML><QBXMLMsgsRs>…), got <${root.name}>.`,
    );
  }
  const message: QbxmlResponseMessage = { responses: messageSet.children.map(readResponse) };
  if (messageSet.attributes.newMessageSetID !== undefined) message.newMessageSetId = messageSet.attributes.newMessageSetID;
  const setStatus = parseInteger(messageSet.attributes.messageSetStatusCode, 'messageSetStatusCode', messageSet.name);
  if (setStatus !== undefined) message.messageSetStatusCode = setStatus;
  return message;
}
