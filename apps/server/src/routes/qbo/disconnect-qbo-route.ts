import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { qboApi } from '@connector/contract';
import { disconnectQbo, type QboService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** DELETE …/qbo/connection: revokes the connection at Intuit and forgets the tokens. */
export function disconnectQboRoute(app: FastifyInstance, options: { qbo: QboService }) {
  const { qbo } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .delete('/api/companies/:companyId/qbo/connection', { preValidation: requireAction('manageConnection'), schema: qboApi.disconnect }, async (request) =>
      disconnectQbo(qbo.db, qbo.settings, { companyId: resolveMember(request).companyId, actor: resolveActor(request).id, fetch: qbo.fetch }),
    );
}
