import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '@connector/sync';

/**
 * Refuses U+0000 anywhere in a JSON request's path parameters, query or body with 400 TEXT_HAS_NUL and a log
 * line. PostgreSQL text and jsonb cannot hold it: a NUL in Activity's subjectType / actor / subjectId filter
 * reached the database and came back as a 500 (22021, invalid byte sequence; hostile input, item 4). One check for
 * every route rather than a pattern on each field. The SOAP endpoint is left to its own parser (its body is
 * one string, and XML 1.0 has no NUL character at all).
 */
export const refuseNulText = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.url.startsWith('/qbwc')) return;
    for (const [part, value] of [
      ['path', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      if (typeof value === 'string' && part === 'body') continue;
      const where = findNul(value);
      if (where === null) continue;
      request.log.warn({ part, field: where }, 'request refused: NUL character in text');
      throw new AppError('TEXT_HAS_NUL', undefined, { field: `${part}${where ? `.${where}` : ''}` });
    }
  });
});

/** The path of the first string (or key) holding U+0000, '' for the value itself, or null. Iterative: a deep body cannot overflow the stack. */
function findNul(value: unknown): string | null {
  const pending: Array<[unknown, string]> = [[value, '']];
  while (pending.length > 0) {
    const [current, at] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return at;
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const path = at ? `${at}.${key}` : key;
        if (key.includes('\u0000')) return path;
        pending.push([child, path]);
      }
    }
  }
  return null;
}
