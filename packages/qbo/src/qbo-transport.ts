// The request function every QuickBooks Online operation goes through, and what it takes.

export type HttpMethod = 'GET' | 'POST';

export interface QboRequest {
  method: HttpMethod;
  /** Below /v3/company/<realmId>/, e.g. "vendor", "vendor/12", "query", "batch", "cdc". */
  path: string;
  query?: Record<string, string> | undefined;
  body?: unknown;
  /** Required for every POST (see request-id.ts); makes the write safe to resend. */
  requestId?: string | undefined;
  /** 'batch' also counts against the batch window of the realm throttle. */
  kind?: 'request' | 'batch' | undefined;
}

export interface QboResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export type QboRequestFunction = <T>(request: QboRequest) => Promise<QboResponse<T>>;

export interface QboLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** One HTTP send (every attempt, retries included), for metering: Intuit bills read calls ("CorePlus") under
 * the Intuit App Partner Program ("API call limits and throttles", …/docs/learn/limits-and-throttles: the
 * Builder tier includes 500,000 CorePlus calls per workspace per month, then 429). */
export interface QboCallEvent {
  method: HttpMethod;
  /** The first path segment below the realm: "vendor", "query", "batch", "cdc". */
  resource: string;
  /** HTTP status; null when no answer arrived. */
  status: number | null;
  /** Items in a batch request (each is metered like a call), else 1. */
  operations: number;
}
