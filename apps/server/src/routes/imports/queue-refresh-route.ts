import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { queueRefresh } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/imports/refresh: queues a refresh of QuickBooks' lists (202). */
export function queueRefreshRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post(
      '/api/companies/:companyId/imports/refresh',
      { preValidation: requireAction('refreshFromQuickBooks'), schema: importApi.refresh },
      async (request, reply) => {
        const { companyId } = resolveMember(request);
        const actor = resolveActor(request);
        reply.code(202);
        return queueRefresh(db, { companyId, kind: request.body.kind, actor: actor.id });
      },
    );
}
