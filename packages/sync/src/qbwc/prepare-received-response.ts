import type { ParsedResponse, QbxmlResponse } from '@connector/qbxml';
import { COST_TXN_OF_RESPONSE, prepareCostRows, type PreparedCostRows } from '../imports/prepare-cost-rows.ts';
import { LIST_TYPE_OF_RESPONSE, prepareListRows, type PreparedListRows } from '../imports/prepare-list-rows.ts';

/**
 * How much of QuickBooks' answer text receiveResponseXML ever reads once it is parsed: the excerpt a mismatching
 * answer's audit entry keeps (receive-response-xml.ts MISMATCH_EXCERPT_CHARS). The SOAP body's worker sends the event
 * loop only this much of a large answer, with its length (apps/server parse-soap-worker.ts).
 */
export const RESPONSE_EXCERPT_CHARS = 16_000;

/** A query's records are kept in its request's result only up to this many (apply-request-response.ts). */
export const QUERY_RECORDS_KEPT_IN_RESULT = 50;

/** A response as receiveResponseXML applies it: a cost query's page may come with its rows already made. */
export interface ReceivedResponse extends QbxmlResponse {
  /** Set by the parse worker on Bill/Check/CreditCardCharge query answers (prepare-cost-rows.ts). */
  preparedCostRows?: PreparedCostRows;
  /** Set by the parse worker on Customer/Vendor/Item/Account/Class query answers (prepare-list-rows.ts). */
  preparedListRows?: PreparedListRows;
}

/** How many records the answer carried (its records may have been left on the worker, see prepareReceivedResponse). */
export function recordCountOf(response: ReceivedResponse): number {
  return response.preparedCostRows?.records ?? response.preparedListRows?.records ?? response.records.length;
}

/**
 * On the thread that parsed the answer (issue 19): each cost or list query page becomes the rows to store, and when it
 * holds more records than a request's result keeps, its records (and their element names) stay here. What crosses to
 * the event loop is then a few strings instead of thousands of objects to copy, walk and collect. Nothing else reads
 * such a page's records: applyRequestResponse counts them (recordCountOf) and keeps them only when there are at most
 * QUERY_RECORDS_KEPT_IN_RESULT (a lookup after 3100 reads the first record of a name-filtered answer, far below that);
 * store-import-responses.ts stores preparedCostRows / preparedListRows. Never throws, like parseResponseToMessage (an
 * unreadable record is listed in the rows, not thrown).
 */
export function prepareReceivedResponse(parsed: ParsedResponse): ParsedResponse {
  if (!parsed.ok) return parsed;
  const responses = parsed.value.responses.map((response): ReceivedResponse => {
    if (response.records.length === 0) return response;
    const keep = response.records.length <= QUERY_RECORDS_KEPT_IN_RESULT;
    const txnType = COST_TXN_OF_RESPONSE[response.rsType];
    if (txnType) return { ...response, records: keep ? response.records : [], preparedCostRows: prepareCostRows(txnType, response.records) };
    const listType = LIST_TYPE_OF_RESPONSE[response.rsType];
    if (!listType) return response;
    const preparedListRows = prepareListRows(listType, response.records, response.recordTypes);
    return { ...response, records: keep ? response.records : [], recordTypes: keep ? response.recordTypes : [], preparedListRows };
  });
  return { ok: true, value: { ...parsed.value, responses } };
}
