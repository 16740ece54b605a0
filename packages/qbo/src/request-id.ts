// The `requestid` query parameter every write carries.
//
// Intuit: "If the service receives another request with the same RequestID, instead of performing the
// operation again or returning an error, the service sends the same response as it did for the original
// request." The id must be unique per company, at most 50 characters (36 for a batch request)
// ("Request ID update for QuickBooks Online integration", blogs.intuit.com 2015-04-06; the REST API
// features page, developer.intuit.com/app/developer/qbo/docs/learn/rest-api-features, "Request ID").
//
// So a resend after a lost answer is safe — and a reused id is dangerous: sending *different* content
// (the next version of a purchase order, a re-create after the record was deleted in QuickBooks) under an
// id Intuit has seen gets the OLD answer back and changes nothing. That is why ids are versioned: the caller
// derives one from what it is writing and the version of that write (e.g. our link id + the change counter),
// the same id for every resend of that version, a new one for the next version.

import { createHash } from 'node:crypto';

export const MAX_REQUEST_ID_LENGTH = 50;
export const MAX_BATCH_REQUEST_ID_LENGTH = 36;

/**
 * A requestid for `key` (what is written: e.g. "company-7/commitment-981") at `version` (which write of it:
 * 1, 2, …). Deterministic, so a resend after a crash finds the same id; 32 hex characters of SHA-256 plus
 * "-v<version>", short enough for batch (≤ 36) up to version 99.
 */
export function buildVersionedRequestId(key: string, version: number): string {
  if (key === '') throw new TypeError('requestid key must not be empty');
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`requestid version must be a positive integer, got ${String(version)}`);
  const digest = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
  return `${digest}-v${version}`;
}

export function assertRequestId(requestId: string, maxLength: number = MAX_REQUEST_ID_LENGTH): void {
  if (typeof requestId !== 'string' || requestId === '') throw new TypeError('a write needs a requestid (see request-id.ts)');
  if (requestId.length > maxLength) throw new RangeError(`requestid must be at most ${maxLength} characters, got ${requestId.length}`);
  // Printable ASCII without spaces keeps it one URL query value with no surprises.
  if (!/^[\x21-\x7e]+$/.test(requestId)) throw new TypeError('requestid must be printable ASCII without spaces');
}
