// A failed Procore API call as a typed value: our code (stable, for the exception queue and the UI),
// Procore's own text, and a sentence a person can act on. `outcome` tells the caller whether Procore
// certainly did not apply the request ('rejected': a 4xx, a 429, a 503 with Retry-After) or might have
// ('unknown': timeout, network error, 5xx), in which case a create must be reconciled (look the record up
// by origin_id) before it is tried again — docs/data-safety.md#nothing-written-twice "nothing is written twice".

export type ProcoreErrorCode =
  | 'PROCORE_BAD_REQUEST'
  | 'PROCORE_UNAUTHORIZED'
  | 'PROCORE_FORBIDDEN'
  | 'PROCORE_NOT_FOUND'
  | 'PROCORE_CONFLICT'
  | 'PROCORE_UNPROCESSABLE'
  | 'PROCORE_RATE_LIMITED'
  | 'PROCORE_REQUEST_REJECTED'
  | 'PROCORE_UNAVAILABLE'
  | 'PROCORE_NETWORK_ERROR'
  | 'PROCORE_TIMEOUT'
  | 'PROCORE_BAD_RESPONSE';

export type ProcoreOutcome = 'rejected' | 'unknown';

/** What each code means for a person; statuses as API-CONTRACT.md "Conventions" describes them (404, not
 * 403, for records of another company; 422 for ERP-locked records and taken origin_ids). */
export const PROCORE_ERROR_EXPLANATIONS: Readonly<Record<ProcoreErrorCode, string>> = Object.freeze({
  PROCORE_BAD_REQUEST: 'Procore refused the request as malformed: this is a connector bug or an unsupported value; report it with the Procore message',
  PROCORE_UNAUTHORIZED: 'the Procore sign-in expired or was revoked: sign in again',
  PROCORE_FORBIDDEN: 'the app is not connected to this Procore company or the tool is disabled for it',
  PROCORE_NOT_FOUND: 'the record does not exist or is not visible to this account',
  PROCORE_CONFLICT: 'Procore is processing another change to the same records: try again shortly',
  PROCORE_UNPROCESSABLE: 'Procore refused the change: the record may be locked by an ERP sync, or the origin_id is already used',
  PROCORE_RATE_LIMITED: "the company's Procore API rate limit is used up: try again after it resets",
  PROCORE_REQUEST_REJECTED: 'Procore refused the request',
  PROCORE_UNAVAILABLE: 'Procore is unavailable or overloaded right now: try again later',
  PROCORE_NETWORK_ERROR: 'Procore could not be reached (network error)',
  PROCORE_TIMEOUT: 'Procore did not answer in time',
  PROCORE_BAD_RESPONSE: 'Procore answered something the connector cannot read',
});

export function errorCodeForStatus(status: number): ProcoreErrorCode {
  switch (status) {
    case 400:
      return 'PROCORE_BAD_REQUEST';
    case 401:
      return 'PROCORE_UNAUTHORIZED';
    case 403:
      return 'PROCORE_FORBIDDEN';
    case 404:
      return 'PROCORE_NOT_FOUND';
    case 409:
      return 'PROCORE_CONFLICT';
    case 422:
      return 'PROCORE_UNPROCESSABLE';
    case 429:
      return 'PROCORE_RATE_LIMITED';
    default:
      return status >= 500 ? 'PROCORE_UNAVAILABLE' : 'PROCORE_REQUEST_REJECTED';
  }
}

export interface ProcoreApiErrorFields {
  status: number | null;
  code: ProcoreErrorCode;
  procoreMessage: string | null;
  method: string;
  path: string;
  outcome: ProcoreOutcome;
  fieldErrors?: Record<string, string[]>;
  retryAfterMs?: number | undefined;
  attempts?: number;
  /** Overrides the standard explanation of the code (e.g. to name the timeout). */
  explanation?: string;
}

export class ProcoreApiError extends Error {
  override name = 'ProcoreApiError';
  /** HTTP status; null when no answer arrived (network error, timeout). */
  readonly status: number | null;
  readonly code: ProcoreErrorCode;
  /** Procore's message text (from `errors` / `error.message`), secrets redacted; null when none. */
  readonly procoreMessage: string | null;
  /** A sentence a person can act on (plus Procore's field errors for 422). */
  readonly explanation: string;
  readonly method: string;
  /** Path with query names only (see describeRequestPath). */
  readonly path: string;
  readonly outcome: ProcoreOutcome;
  /** Field errors of a 422 ({ origin_id: ["has already been taken"] }); empty otherwise. */
  readonly fieldErrors: Record<string, string[]>;
  /** When Procore said when to come back (429 / 503 Retry-After), in ms from when the error was raised. */
  readonly retryAfterMs: number | undefined;
  /** How many times the request was sent. */
  readonly attempts: number;

  constructor(fields: ProcoreApiErrorFields, options?: { cause?: unknown }) {
    const fieldErrors = fields.fieldErrors ?? {};
    const flattened = Object.entries(fieldErrors).flatMap(([field, list]) => list.map((m) => (field === 'base' ? m : `${field} ${m}`)));
    const explanation = (fields.explanation ?? PROCORE_ERROR_EXPLANATIONS[fields.code]) + (flattened.length > 0 ? ` (${flattened.join('; ')})` : '');
    const statusText = fields.status === null ? 'no answer' : `HTTP ${fields.status}`;
    const procoreText = fields.procoreMessage && flattened.length === 0 ? ` — Procore: "${fields.procoreMessage}"` : '';
    super(`${fields.code}: ${fields.method} ${fields.path} → ${statusText}: ${explanation}${procoreText}`, options);
    this.status = fields.status;
    this.code = fields.code;
    this.procoreMessage = fields.procoreMessage;
    this.explanation = explanation;
    this.method = fields.method;
    this.path = fields.path;
    this.outcome = fields.outcome;
    this.fieldErrors = fieldErrors;
    this.retryAfterMs = fields.retryAfterMs;
    this.attempts = fields.attempts ?? 1;
  }
}

/** Procore's (Rails) message for a uniqueness failure, as on `{ "errors": { "origin_id": ["has already been taken"] } }`
 * (API-CONTRACT.md "Conventions": origin_id is unique per company per resource type). */
const TAKEN = /already been taken/i;

/**
 * Whether Procore refused a create or update because another record of the company already has this origin_id —
 * i.e. what we were creating from a QuickBooks record exists already (a retried POST, or a second session).
 * Takes a thrown error (a 422 ProcoreApiError) or a sync failure's `fields`.
 */
export function isOriginIdTaken(error: unknown): boolean {
  if (error instanceof ProcoreApiError) return error.status === 422 && originTakenIn(error.fieldErrors);
  if (typeof error === 'object' && error !== null && 'fields' in error) return originTakenIn((error as { fields: unknown }).fields);
  return false;
}

function originTakenIn(fields: unknown): boolean {
  if (typeof fields !== 'object' || fields === null) return false;
  const messages = (fields as Record<string, unknown>)['origin_id'];
  return Array.isArray(messages) && messages.some((m) => typeof m === 'string' && TAKEN.test(m));
}
