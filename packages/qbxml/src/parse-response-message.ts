import { classifyStatus, type StatusClassification } from './classify-status.ts';
import { scanXml, type XmlElement, type XmlSink } from './parse-xml.ts';
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
  for (const child of element.children) addChild(record, element.name, child.name, toValue(child));
  return record;
}

/** Adds the value of child element `child` of `parent` to `record` (the parent's value so far). */
function addChild(record: QbRecord, parent: string, child: string, value: QbValue): void {
  const existing = Object.hasOwn(record, child) ? record[child] : undefined;
  if (isRepeatable(parent, child)) {
    if (existing === undefined) setValue(record, child, [value]);
    else (existing as QbValue[]).push(value);
  } else if (existing === undefined) {
    setValue(record, child, value);
  } else {
    // The schema says this cannot repeat; keep every occurrence rather than lose data.
    setValue(record, child, Array.isArray(existing) ? [...existing, value] : [existing, value]);
  }
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
  const response = readResponseAttributes(element.name, element.attributes);
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

/** A *Rs element's outcome, from its name and attributes; its records are added by the caller. */
function readResponseAttributes(name: string, attributes: Record<string, string>): QbxmlResponse {
  const statusCode = parseInteger(attributes.statusCode, 'statusCode', name);
  if (statusCode === undefined) {
    throw new QbxmlParseError(`<${name}> has no valid statusCode attribute, so its outcome is unknown.`);
  }
  const statusSeverity = severity(attributes.statusSeverity, statusCode);
  const response: QbxmlResponse = {
    rsType: name,
    requestType: name.endsWith('Rs') ? name.slice(0, -2) : name,
    statusCode,
    statusSeverity,
    statusMessage: attributes.statusMessage ?? '',
    status: classifyStatus(statusCode, statusSeverity),
    records: [],
    recordTypes: [],
  };
  if (attributes.requestID !== undefined) response.requestId = attributes.requestID;
  if (attributes.iteratorID !== undefined) response.iteratorId = attributes.iteratorID;
  const remaining = parseInteger(attributes.iteratorRemainingCount, 'iteratorRemainingCount', name);
  if (remaining !== undefined) response.iteratorRemainingCount = remaining;
  const retCount = parseInteger(attributes.retCount, 'retCount', name);
  if (retCount !== undefined) response.retCount = retCount;
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
 *
 * One pass (scanXml with the reader below): the records are built as the elements go by, with no tree of the
 * whole document first (issue 19, CPU and memory per record read). It gives what parseXml → readResponse/toRecord
 * give, errors included (parse-response-message.test.ts compares the two): a malformed document is refused with
 * the first XML error whatever else is wrong with it, then the first thing wrong in document order as readResponse
 * met it.
 */
export function parseResponseMessage(xml: string): QbxmlResponseMessage {
  const reader = new ResponseReader();
  scanXml(xml, reader);
  return reader.finish();
}

// What an open element is to the reader: the root, the (first) QBXMLMsgsRs under a QBXML root, a response in it,
// an element whose value is kept (a *Ret or ErrorRecovery of a response, and everything inside), or one it skips.
const ROOT = 0;
const MESSAGE_SET = 1;
const RESPONSE = 2;
const KEPT = 3;
const SKIPPED = 4;

class ResponseReader implements XmlSink {
  // Per open element, by depth (qbXML nests about 10 deep; MAX_XML_DEPTH bounds it).
  private readonly kinds: number[] = [];
  private readonly names: string[] = [];
  /** A kept element's record, made when its first child closes (a leaf's value is its text). */
  private readonly records: (QbRecord | null)[] = [];
  private readonly texts: string[] = [];
  private depth = 0;
  private rootName: string | undefined;
  private messageSetSeen = false;
  private messageSetAttributes: Record<string, string> | null = null;
  private readonly responses: QbxmlResponse[] = [];
  private current: QbxmlResponse | null = null;
  /** The first response readResponse would have refused; thrown once the document is known to be well-formed. */
  private responseError: QbxmlParseError | null = null;

  open(name: string, attributes: Record<string, string> | null): void {
    const depth = this.depth;
    let kind: number;
    if (depth === 0) {
      this.rootName = name;
      kind = ROOT;
    } else {
      const parent = this.kinds[depth - 1]!;
      if (parent === KEPT) kind = KEPT;
      else if (parent === RESPONSE) kind = name === 'ErrorRecovery' || name.endsWith('Ret') ? KEPT : SKIPPED;
      else if (parent === MESSAGE_SET) kind = this.openResponse(name, attributes ?? {});
      else if (parent === ROOT && this.rootName === 'QBXML' && name === 'QBXMLMsgsRs' && !this.messageSetSeen) {
        this.messageSetSeen = true;
        this.messageSetAttributes = attributes;
        kind = MESSAGE_SET;
      } else kind = SKIPPED;
    }
    this.kinds[depth] = kind;
    this.names[depth] = name;
    this.records[depth] = null;
    this.texts[depth] = '';
    this.depth = depth + 1;
  }

  text(text: string): void {
    const at = this.depth - 1;
    if (this.kinds[at] === KEPT && this.records[at] === null) this.texts[at] += text;
  }

  close(): void {
    const at = --this.depth;
    if (this.kinds[at] !== KEPT) return;
    const name = this.names[at]!;
    const record = this.records[at]!;
    const parent = at - 1;
    if (this.kinds[parent] === RESPONSE) {
      const response = this.current!;
      // toRecord: a *Ret or ErrorRecovery is a record even when it has no children.
      if (name === 'ErrorRecovery') response.errorRecovery = record ?? {};
      else {
        response.records.push(record ?? {});
        response.recordTypes.push(name);
      }
      return;
    }
    const value: QbValue = record === null ? this.texts[at]! : record;
    let into = this.records[parent]!;
    if (into === null) {
      into = {};
      this.records[parent] = into;
    }
    addChild(into, this.names[parent]!, name, value);
  }

  private openResponse(name: string, attributes: Record<string, string>): number {
    if (this.responseError !== null) return SKIPPED;
    try {
      this.current = readResponseAttributes(name, attributes);
      this.responses.push(this.current);
      return RESPONSE;
    } catch (error) {
      if (!(error instanceof QbxmlParseError)) throw error;
      this.responseError = error;
      this.current = null;
      return SKIPPED;
    }
  }

  finish(): QbxmlResponseMessage {
    if (!this.messageSetSeen) {
      throw new QbxmlParseError(
        this.rootName === 'QBXML'
          ? 'The qbXML document has no QBXMLMsgsRs element, so it is not a response to our requests.'
          : `Expected a qbXML response (<QBXML><QBXMLMsgsRs>…), got <${this.rootName}>.`,
      );
    }
    if (this.responseError !== null) throw this.responseError;
    const message: QbxmlResponseMessage = { responses: this.responses };
    const attributes = this.messageSetAttributes ?? {};
    if (attributes.newMessageSetID !== undefined) message.newMessageSetId = attributes.newMessageSetID;
    const setStatus = parseInteger(attributes.messageSetStatusCode, 'messageSetStatusCode', 'QBXMLMsgsRs');
    if (setStatus !== undefined) message.messageSetStatusCode = setStatus;
    return message;
  }
}
