// Walks a Procore list endpoint page by page: `page`/`per_page` on the first request, then the absolute
// URL in Link rel="next" until an answer has none (API-CONTRACT.md "Conventions"; Procore docs:
// "Pagination"). Records are yielded as they arrive so a large list never has to sit in memory.

import { parseLinkHeader } from './parse-link-header.ts';
import { ProcoreApiError } from './procore-api-error.ts';
import type { Query } from './procore-transport.ts';
import type { RequestFunction } from './send-procore-request.ts';

export async function* paginate<T>(
  request: RequestFunction,
  path: string,
  query: Query | undefined,
  perPage: number | null,
): AsyncGenerator<T, void, undefined> {
  if (perPage !== null && (!Number.isSafeInteger(perPage) || perPage < 1)) throw new RangeError(`per_page must be a positive integer, got ${String(perPage)}`);
  let target = path;
  let pageQuery: Query | undefined = perPage === null ? query : { ...query, per_page: perPage };
  const visited = new Set<string>();

  for (;;) {
    const response = await request<unknown>('GET', target, { query: pageQuery });
    if (!Array.isArray(response.body)) {
      throw new ProcoreApiError({
        status: response.status,
        code: 'PROCORE_BAD_RESPONSE',
        procoreMessage: null,
        method: 'GET',
        path: new URL(response.url).pathname,
        outcome: 'rejected',
        explanation: 'Procore answered a list request with something that is not a list',
      });
    }
    for (const record of response.body) yield record as T;

    const next = parseLinkHeader(response.headers.get('link'), response.url)['next'];
    if (next === undefined) return;
    visited.add(response.url);
    if (visited.has(next)) {
      throw new ProcoreApiError({
        status: response.status,
        code: 'PROCORE_BAD_RESPONSE',
        procoreMessage: null,
        method: 'GET',
        path: new URL(response.url).pathname,
        outcome: 'rejected',
        explanation: 'Procore\'s Link rel="next" points back to a page already read',
      });
    }
    target = next;
    pageQuery = undefined; // the next URL carries the whole query
  }
}

export async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const record of records) all.push(record);
  return all;
}
