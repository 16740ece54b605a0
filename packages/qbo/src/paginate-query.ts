// Runs a query statement page by page to the end.
//
// Select statement syntax: SELECT * | count(*) FROM IntuitEntity [WHERE …] [ORDERBY …] [STARTPOSITION n]
// [MAXRESULTS n]; the answer is { QueryResponse: { <Entity>: [...], startPosition, maxResults } } and only
// entities that have values are listed ("Query operations and syntax",
// https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries).
// STARTPOSITION is 1-based. An empty result set has no <Entity> key at all. The loop ends on an empty page
// or on a page shorter than asked. That relies on MAXRESULTS ≤ 1000 being honoured in full: 1000 is the
// ceiling every client we found uses (e.g. "select * from Purchase STARTPOSITION {0} MAXRESULTS 1000"), but the
// Intuit pages reachable from here do not state it; were Intuit to cap a page lower, a page size above the
// cap would end the loop early — so keep queryPageSize ≤ 1000 and confirm on a real sandbox (README).

import type { QboEntityMap, QboEntityName } from './qbo-entities.ts';
import type { QboRequestFunction } from './qbo-transport.ts';

export const MAX_QUERY_PAGE_SIZE = 1000;

export interface QueryResponseBody {
  QueryResponse?: Record<string, unknown> & { startPosition?: number; maxResults?: number; totalCount?: number };
  time?: string;
}

/** Refuses a statement that already pages itself, or that is not a plain SELECT * on `entity`. */
export function assertPageableStatement(entity: QboEntityName, statement: string): void {
  const s = statement.trim();
  if (!new RegExp(`^select\\s+\\*\\s+from\\s+${entity}\\b`, 'i').test(s)) {
    throw new TypeError(`query must start with "select * from ${entity}", got "${s.slice(0, 40)}"`);
  }
  if (/\b(startposition|maxresults)\b/i.test(s)) throw new TypeError('query pages itself: leave STARTPOSITION and MAXRESULTS to the client');
}

/** Quotes a value for a WHERE clause: backslash-escapes single quotes (Intuit: "Escape a single quote … with a backslash"). */
export function quoteQueryValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export async function* paginateQuery<E extends QboEntityName>(
  request: QboRequestFunction,
  entity: E,
  statement: string,
  pageSize: number,
): AsyncGenerator<QboEntityMap[E][], void, undefined> {
  assertPageableStatement(entity, statement);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_QUERY_PAGE_SIZE) {
    throw new RangeError(`query page size must be 1…${MAX_QUERY_PAGE_SIZE}, got ${String(pageSize)}`);
  }
  for (let start = 1; ; start += pageSize) {
    const query = `${statement.trim()} STARTPOSITION ${start} MAXRESULTS ${pageSize}`;
    const { body } = await request<QueryResponseBody>({ method: 'GET', path: 'query', query: { query } });
    const list = body?.QueryResponse?.[entity];
    const page = Array.isArray(list) ? (list as QboEntityMap[E][]) : [];
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
  }
}
