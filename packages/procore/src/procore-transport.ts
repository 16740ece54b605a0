// The types shared by the request pipeline, pagination, bulk sync and the typed resource modules.

import type { SyncItemKeys, SyncResult } from './match-sync-results.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Query values; null/undefined are left out, arrays repeat the name (write "filters[id][]" if Procore wants brackets). */
export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;
export type Query = Readonly<Record<string, QueryValue>>;

export interface RequestOptions {
  query?: Query | undefined;
  /** Sent as JSON. */
  body?: unknown;
}

export interface ProcoreResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed JSON; null for an empty body. */
  body: T;
  /** The URL that answered (pagination resolves relative Link targets against it). */
  url: string;
}

/** pino-compatible: logger.debug({ method, path, status }, 'message'). */
export interface ProcoreLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface PaginateOptions {
  /** per_page sent on the first request (default: the client's perPage, 100). null sends none, for
   * endpoints the contract does not list as paged; a Link rel="next" is followed either way. */
  perPage?: number | null | undefined;
}

export interface ProcoreTransport {
  /** Procore company id, as sent in Procore-Company-Id. */
  readonly companyId: string;
  /** One API call with auth, company header, rate limiting, retries and typed errors. `target` is a path
   * under apiBaseUrl ("/rest/v1.0/…") or an absolute URL on the same origin (a Link next URL). */
  request<T>(method: HttpMethod, target: string, options?: RequestOptions): Promise<ProcoreResponse<T>>;
  /** Every record of a list endpoint, page after page, following Link rel="next" until it is absent. */
  paginate<T>(path: string, query?: Query, options?: PaginateOptions): AsyncGenerator<T, void, undefined>;
  /** paginate() collected into an array. */
  listAll<T>(path: string, query?: Query, options?: PaginateOptions): Promise<T[]>;
  /** A bulk PATCH …/sync in chunks of syncChunkSize, with per-record results aligned to `updates`. */
  syncInChunks<TItem extends SyncItemKeys, TEntity>(
    path: string,
    baseBody: Readonly<Record<string, unknown>>,
    updates: readonly TItem[],
    options?: { query?: Query | undefined },
  ): Promise<SyncResult<TItem, TEntity>>;
}
