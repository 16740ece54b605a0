import type { OnErrorMode } from './build-request-message.ts';
import { parseXml } from './parse-xml.ts';
import type { QbxmlRequestType } from './qbxml-request.ts';

/**
 * The response element that answers each request this connector sends: `XRq` ↔ `XRs`
 * (qbxmlops130.xsd, QBXMLMsgsRq / QBXMLMsgsRs choices). Spelled out per type, not computed, so
 * that adding a request type without its answer does not compile, and the table is checked
 * against the XSD in the tests.
 */
export const RESPONSE_ELEMENT_FOR = {
  VendorAdd: 'VendorAddRs',
  VendorMod: 'VendorModRs',
  VendorQuery: 'VendorQueryRs',
  CustomerAdd: 'CustomerAddRs',
  CustomerMod: 'CustomerModRs',
  CustomerQuery: 'CustomerQueryRs',
  ItemServiceAdd: 'ItemServiceAddRs',
  ItemServiceMod: 'ItemServiceModRs',
  ItemOtherChargeAdd: 'ItemOtherChargeAddRs',
  ItemOtherChargeMod: 'ItemOtherChargeModRs',
  ItemQuery: 'ItemQueryRs',
  PurchaseOrderAdd: 'PurchaseOrderAddRs',
  PurchaseOrderMod: 'PurchaseOrderModRs',
  BillAdd: 'BillAddRs',
  EstimateAdd: 'EstimateAddRs',
  EstimateMod: 'EstimateModRs',
  InvoiceAdd: 'InvoiceAddRs',
  InvoiceMod: 'InvoiceModRs',
  BillQuery: 'BillQueryRs',
  CheckQuery: 'CheckQueryRs',
  CreditCardChargeQuery: 'CreditCardChargeQueryRs',
  BillPaymentCheckQuery: 'BillPaymentCheckQueryRs',
  PurchaseOrderQuery: 'PurchaseOrderQueryRs',
  EstimateQuery: 'EstimateQueryRs',
  InvoiceQuery: 'InvoiceQueryRs',
  ReceivePaymentQuery: 'ReceivePaymentQueryRs',
  DepositQuery: 'DepositQueryRs',
  TxnDeletedQuery: 'TxnDeletedQueryRs',
  ListDeletedQuery: 'ListDeletedQueryRs',
  HostQuery: 'HostQueryRs',
  CompanyQuery: 'CompanyQueryRs',
  PreferencesQuery: 'PreferencesQueryRs',
  ClassQuery: 'ClassQueryRs',
  AccountQuery: 'AccountQueryRs',
} as const satisfies { [K in QbxmlRequestType]: `${K}Rs` };

/** The response element for a request type (e.g. 'CustomerAdd' → 'CustomerAddRs'), or undefined for a type we never send. */
export function responseElementFor(requestType: string): string | undefined {
  return Object.hasOwn(RESPONSE_ELEMENT_FOR, requestType) ? RESPONSE_ELEMENT_FOR[requestType as QbxmlRequestType] : undefined;
}

/** Whether a response element answers a request of this type: only its own `…Rs` does. */
export function answersRequestType(requestType: string, responseElement: string): boolean {
  const expected = responseElementFor(requestType);
  return expected !== undefined && expected === responseElement;
}

/** One request as it went out: its requestID and type (the element name without `Rq`). */
export interface SentRequest {
  requestId: string;
  type: string;
}

/** What a qbXML request message asked for, read back from the text that was sent. */
export interface SentMessage {
  onError: OnErrorMode;
  newMessageSetId?: string;
  oldMessageSetId?: string;
  requests: SentRequest[];
}

/**
 * Reads a request message we built (buildRequestMessage / buildRecoveryStatusMessage): onError, the
 * message set IDs and each request's type and requestID, in order. Reading the sent text, rather than
 * what we meant to send, matters: a list Add can go out as the query that looks up an existing record.
 * A missing onError reads as stopOnError, the qbXML default (qbxmlops130.xsd QBXMLMsgsRq@onError).
 */
export function readSentMessage(requestXml: string): SentMessage {
  const root = parseXml(requestXml);
  const set = root.name === 'QBXML' ? root.children.find((child) => child.name === 'QBXMLMsgsRq') : undefined;
  if (!set) throw new Error('Not a qbXML request message: no QBXML > QBXMLMsgsRq.');
  const onError: OnErrorMode = set.attributes.onError === 'continueOnError' ? 'continueOnError' : 'stopOnError';
  const message: SentMessage = {
    onError,
    requests: set.children.map((child) => ({ requestId: child.attributes.requestID ?? '', type: child.name.replace(/Rq$/, '') })),
  };
  if (set.attributes.newMessageSetID !== undefined) message.newMessageSetId = set.attributes.newMessageSetID;
  if (set.attributes.oldMessageSetID !== undefined) message.oldMessageSetId = set.attributes.oldMessageSetID;
  return message;
}

/** The parts of a response the matcher reads (QbxmlResponse has them). */
export interface AnswerToMatch {
  rsType: string;
  requestId?: string;
  status: { outcome: string };
}

export type ResponseMismatch =
  | { problem: 'missing-request-id'; responseElement: string; position: number }
  | { problem: 'unknown-request-id'; responseElement: string; requestId: string }
  | { problem: 'duplicate-request-id'; responseElement: string; requestId: string }
  | { problem: 'wrong-type'; requestId: string; sent: string; expected: string; received: string }
  | { problem: 'missing-answer'; requestId: string; sent: string; onError: OnErrorMode };

export interface ResponseMatch<R extends AnswerToMatch> {
  /** Requests with exactly one answer of the right type, in the order sent. */
  answered: Array<{ request: SentRequest; response: R }>;
  /** stopOnError only: requests after an error answer, which QuickBooks did not run. */
  notRun: SentRequest[];
  /** Anything that does not fit what was sent; when non-empty, nothing in the answer can be trusted. */
  mismatches: ResponseMismatch[];
}

/**
 * Pairs QuickBooks' answers with the requests of the message they answer, by requestID AND by type
 * (docs/qbxml.md#request-ids: "each carries a requestID echoed in its response"). Every answer must name a request
 * that was sent, once, with that request's own response element. Under continueOnError QuickBooks
 * answers every request, so a missing answer is a protocol error; under stopOnError QuickBooks stops
 * at the first error, so only requests after an error answer may be unanswered ("not run"), and a gap
 * with no error before it is a protocol error too (Intuit SDK, "onError attribute").
 */
export function matchResponses<R extends AnswerToMatch>(sent: Pick<SentMessage, 'onError' | 'requests'>, responses: readonly R[]): ResponseMatch<R> {
  const mismatches: ResponseMismatch[] = [];
  const byId = new Map<string, SentRequest>();
  for (const request of sent.requests) byId.set(request.requestId, request);
  const answers = new Map<string, R>();
  const duplicated = new Set<string>();

  responses.forEach((response, position) => {
    const requestId = response.requestId;
    if (requestId === undefined || requestId === '') {
      mismatches.push({ problem: 'missing-request-id', responseElement: response.rsType, position });
      return;
    }
    const request = byId.get(requestId);
    if (!request) {
      mismatches.push({ problem: 'unknown-request-id', responseElement: response.rsType, requestId });
      return;
    }
    if (answers.has(requestId)) {
      if (!duplicated.has(requestId)) mismatches.push({ problem: 'duplicate-request-id', responseElement: response.rsType, requestId });
      duplicated.add(requestId);
      return;
    }
    answers.set(requestId, response);
    if (!answersRequestType(request.type, response.rsType)) {
      mismatches.push({
        problem: 'wrong-type',
        requestId,
        sent: `${request.type}Rq`,
        expected: responseElementFor(request.type) ?? `${request.type}Rs`,
        received: response.rsType,
      });
    }
  });

  const answered: ResponseMatch<R>['answered'] = [];
  let unanswered: SentRequest[] = [];
  let lastAnsweredWasError = false;
  const missing = (request: SentRequest) =>
    mismatches.push({ problem: 'missing-answer', requestId: request.requestId, sent: `${request.type}Rq`, onError: sent.onError });
  for (const request of sent.requests) {
    const response = answers.get(request.requestId);
    if (response) {
      // QuickBooks went on past requests it did not answer: they were not "stopped", they are missing.
      unanswered.forEach(missing);
      unanswered = [];
      answered.push({ request, response });
      lastAnsweredWasError = response.status.outcome === 'error';
    } else if (sent.onError === 'stopOnError' && (lastAnsweredWasError || unanswered.length > 0)) {
      unanswered.push(request);
    } else {
      missing(request);
    }
  }
  return { answered, notRun: unanswered, mismatches };
}

/** One sentence per mismatch, for getLastError and the Activity log. */
export function describeMismatch(mismatch: ResponseMismatch): string {
  switch (mismatch.problem) {
    case 'missing-request-id':
      return `answer #${mismatch.position + 1} (${mismatch.responseElement}) has no requestID`;
    case 'unknown-request-id':
      return `a ${mismatch.responseElement} answers requestID "${mismatch.requestId}", which was not sent`;
    case 'duplicate-request-id':
      return `requestID "${mismatch.requestId}" is answered more than once`;
    case 'wrong-type':
      return `the ${mismatch.sent} "${mismatch.requestId}" was answered by a ${mismatch.received} instead of a ${mismatch.expected}`;
    case 'missing-answer':
      return mismatch.onError === 'continueOnError'
        ? `the ${mismatch.sent} "${mismatch.requestId}" has no answer (under continueOnError QuickBooks answers every request)`
        : `the ${mismatch.sent} "${mismatch.requestId}" has no answer and no error came before it`;
  }
}
