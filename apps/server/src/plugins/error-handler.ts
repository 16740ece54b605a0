import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isAppError, isDatabaseBusy } from '@connector/sync';

/**
 * The error body: `{ code, message }` at the top (the sign-in contract with the web app, embedded app) and the
 * same inside `error` with the details (the shape issues 2–5 documented), so both readers work.
 */
export function errorPayload(code: string, message: string, details: unknown = null) {
  return { code, message, error: { code, message, details } };
}

/** Seconds a client waits before trying again when the database was busy (Prisma's own wait for a connection is 2 s). */
export const DATABASE_BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * One error handler for the JSON API: our AppError → its status and message; Fastify's own 4xx
 * (validation, body too large) → their message; the database busy (no pooled connection in time, a write conflict:
 * isDatabaseBusy) → 503 with Retry-After, so the web app's retry (same Idempotency-Key) tries again instead of showing
 * "something went wrong"; anything else → 500 with no internals exposed.
 */
export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(error.status).send(errorPayload(error.code, error.message, error.details ?? null));
    }
    if (error.validation) {
      return reply.status(400).send(errorPayload('VALIDATION', error.message));
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status < 500) {
      return reply.status(status).send(errorPayload(error.code ?? 'BAD_REQUEST', error.message));
    }
    if (isDatabaseBusy(error)) {
      request.log.warn({ err: error }, 'database busy');
      return reply
        .status(503)
        .header('retry-after', String(DATABASE_BUSY_RETRY_AFTER_SECONDS))
        .send(
          errorPayload('DATABASE_BUSY', `The connector's database is busy and this request did not complete. Try again in a few seconds.`, {
            prismaCode: (error as { code?: string }).code ?? null,
          }),
        );
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorPayload('INTERNAL', 'Something went wrong on our side. It has been logged.'));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorPayload('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`)));
});
