import type { ParsedResponse, QbxmlResponse } from '@connector/qbxml';
import { COST_TXN_OF_RESPONSE, prepareCostRows, type PreparedCostRows } from '../imports/prepare-cost-rows.ts';

/** A query's records are kept in its request's result only up to this many (apply-request-response.ts). */
export const QUERY_RECORDS_KEPT_IN_RESULT = 50;

/** A response as receiveResponseXML applies it: a cost query's page may come with its rows already made. */
export interface ReceivedResponse extends QbxmlResponse {
  /** Set by the parse worker on Bill/Check/CreditCardCharge query answers (prepare-cost-rows.ts). */
  preparedCostRows?: PreparedCostRows;
}

/** How many records the answer carried (its records may have been left on the worker, see prepareReceivedResponse). */
export function recordCountOf(response: ReceivedResponse): number {
  return response.preparedCostRows?.records ?? response.records.length;
}

/**
 * On the thread that parsed the answer (issue 19): each cost query page becomes the rows to store, and when it holds
 * more records than a request's result keeps, its records stay here. What crosses to the event loop is then a few
 * strings instead of thousands of objects to copy, walk and collect. Nothing else reads a cost query's records:
 * applyRequestResponse counts them (recordCountOf) and keeps them only when there are at most
 * QUERY_RECORDS_KEPT_IN_RESULT; store-import-responses.ts stores preparedCostRows. Never throws, like
 * parseResponseToMessage (an unreadable record is listed in the rows, not thrown).
 */
export function prepareReceivedResponse(parsed: ParsedResponse): ParsedResponse {
  if (!parsed.ok) return parsed;
  const responses = parsed.value.responses.map((response): ReceivedResponse => {
    const txnType = COST_TXN_OF_RESPONSE[response.rsType];
    if (!txnType || response.records.length === 0) return response;
    const preparedCostRows = prepareCostRows(txnType, response.records);
    return { ...response, records: response.records.length > QUERY_RECORDS_KEPT_IN_RESULT ? [] : response.records, preparedCostRows };
  });
  return { ok: true, value: { ...parsed.value, responses } };
}
