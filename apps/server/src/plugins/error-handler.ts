import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isAppError } from '@connector/sync';

/**
 * One error handler for the JSON API: our AppError → its status and message; Fastify's own 4xx
 * (validation, body too large) → their message; anything else → 500 with no internals exposed.
 */
export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, details: error.details ?? null } });
    }
    if (error.validation) {
      return reply.status(400).send({ error: { code: 'VALIDATION', message: error.message, details: null } });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status < 500) {
      return reply.status(status).send({ error: { code: error.code ?? 'BAD_REQUEST', message: error.message, details: null } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. It has been logged.', details: null } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}`, details: null } }),
  );
});
