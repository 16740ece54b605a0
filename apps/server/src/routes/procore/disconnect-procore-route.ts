import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';
import { disconnectProcore, type ProcoreService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** DELETE …/procore/connection: removes our webhook hook (best effort), then disconnects (revokes the tokens). */
export function disconnectProcoreRoute(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  const { db, settings } = procore;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .delete(
      '/api/companies/:companyId/procore/connection',
      { preValidation: requireAction('manageConnection'), schema: procoreApi.disconnect },
      async (request) => {
        const { companyId } = resolveMember(request);
        const actor = resolveActor(request).id;
        await procore.unregisterWebhooks(companyId, actor).catch((error) => request.log.warn({ err: error }, 'could not remove the Procore webhook hook'));
        try {
          return await disconnectProcore(db, settings, { companyId, actor, fetch: procore.fetch });
        } finally {
          // This process's held token goes at once; other instances see the row within PROCORE_TOKEN_HOLD_MS.
          procore.tokens.forget(companyId);
        }
      },
    );
}
