import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '@connector/db';
import { AppError, claimIdempotencyKey, finishIdempotencyKey } from '@connector/sync';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer carries a secret (a new password, an OAuth state): never stored for replay (hostile input). */
    answerHoldsSecret?: boolean;
  }
  interface FastifyRequest {
    /** The Idempotency-Key this request claimed; its answer is stored when it is sent. */
    idempotencyClaim: { id: string; companyId: string } | null;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,255}$/;

/**
 * Idempotency-Key on mutating company calls (the web app sends one per click and reuses it when it retries
 * after a network error): the first answer is stored and replayed to a retry of the same user, method, path
 * and body within 24 hours (header Idempotent-Replayed: true); a retry while the first still runs gets 409
 * IDEMPOTENCY_IN_PROGRESS; the key on another request gets 422 IDEMPOTENCY_KEY_REUSED. A route whose answer
 * holds a secret (config.answerHoldsSecret) keeps only that it succeeded: its retry gets 409
 * SECRET_ALREADY_SHOWN, never the secret. Runs after sign-in,
 * CSRF, membership, role and body validation, so refused requests claim nothing.
 */
export const idempotency = fp(async (app: FastifyInstance, options: { db: Database; now: () => Date }) => {
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined || !MUTATING.has(request.method) || !request.webSession || !request.member) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !KEY_PATTERN.test(key))
      throw new AppError('VALIDATION', 'Idempotency-Key must be 1–255 letters, digits, dots, dashes, underscores or colons (a UUID is ideal).');
    const claim = await claimIdempotencyKey(options.db, {
      companyId: request.member.companyId,
      userId: request.webSession.user.id,
      key,
      method: request.method,
      path: request.url.split('?')[0]!,
      requestHash: createHash('sha256')
        .update(JSON.stringify(request.body ?? null))
        .digest('hex'),
      now: options.now(),
    });
    if (claim.kind === 'replay') {
      reply.header('idempotent-replayed', 'true');
      if (claim.contentType) reply.header('content-type', claim.contentType);
      return reply.code(claim.status).send(claim.body);
    }
    request.idempotencyClaim = { id: claim.id, companyId: request.member.companyId };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? '' : null;
    const contentType = reply.getHeader('content-type');
    await finishIdempotencyKey(options.db, {
      id: claim.id,
      companyId: claim.companyId,
      // A streamed answer cannot be kept: release the key (as after a server error) so a retry runs again.
      status: body === null ? 500 : reply.statusCode,
      contentType: typeof contentType === 'string' ? contentType : null,
      body: body ?? '',
      withheld: request.routeOptions.config.answerHoldsSecret === true,
    });
    return payload;
  });
});
