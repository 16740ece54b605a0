import type { QbxmlRequest } from '@connector/qbxml';
import { readQueuedRequestPayload, readRequestResult } from '../stored/read-stored.ts';

type Row = { id: string; payload: unknown; result: unknown; iteratorId: string | null; iteratorSessionId: string | null };

/**
 * The qbXML request to send for a queued row right now. Usually its payload (checked: STORED_VALUE_INVALID if damaged); but
 * - after a 3100 "name in use" on a list Add, the query that finds the existing record;
 * - for a query reading through an iterator started in THIS session, the Continue call
 *   (an iterator from an earlier session is dead: start over — docs/qbxml.md#iterators).
 */
export function prepareRequestForSend(row: Row, sessionId: string): QbxmlRequest {
  // Both columns checked (read-stored.ts): a damaged row throws STORED_VALUE_INVALID naming it, for the caller to fail.
  const request = readQueuedRequestPayload(row);
  if (readRequestResult(row)?.phase === 'lookup-existing') {
    const lookup = lookupQueryFor(request);
    if (lookup) return lookup;
  }
  if ('iterator' in request && request.iterator) {
    if (row.iteratorId && row.iteratorSessionId === sessionId) {
      return { ...request, iterator: 'Continue', iteratorId: row.iteratorId } as QbxmlRequest;
    }
    return { ...request, iterator: 'Start', iteratorId: undefined } as QbxmlRequest;
  }
  return request;
}

/** The query that finds the record a list Add collided with (by full name), or null for other kinds. */
export function lookupQueryFor(request: QbxmlRequest): QbxmlRequest | null {
  switch (request.type) {
    case 'VendorAdd':
      return { type: 'VendorQuery', fullNames: [request.name] } as QbxmlRequest;
    case 'CustomerAdd': {
      const parent = request.parentRef && 'fullName' in request.parentRef ? request.parentRef.fullName : undefined;
      if (request.parentRef && !parent) return null;
      return { type: 'CustomerQuery', fullNames: [parent ? `${parent}:${request.name}` : request.name] } as QbxmlRequest;
    }
    case 'ItemServiceAdd':
    case 'ItemOtherChargeAdd': {
      const parent = request.parentRef && 'fullName' in request.parentRef ? request.parentRef.fullName : undefined;
      if (request.parentRef && !parent) return null;
      return { type: 'ItemQuery', fullNames: [parent ? `${parent}:${request.name}` : request.name] } as QbxmlRequest;
    }
    default:
      return null;
  }
}
