import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { qboApi } from '@connector/contract';
import { startQboConnect, type QboService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/qbo/connect: connecting started from the iframe (cookie + X-CSRF-Token): Intuit's authorize URL to open in the popup. */
export function startQboConnectRoute(app: FastifyInstance, options: { qbo: QboService }) {
  const { db, settings } = options.qbo;
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/companies/:companyId/qbo/connect',
    {
      // The authorize URL carries the OAuth state, a single-use secret stored only hashed (hostile input).
      config: { answerHoldsSecret: true },
      preValidation: requireAction('manageConnection'),
      schema: qboApi.connect,
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return startQboConnect(db, settings, { companyId: resolveMember(request).companyId, actor: resolveActor(request).id });
    },
  );
}
