import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { qboApi } from '@connector/contract';
import { startQboConnect, type QboService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** GET …/qbo/connect: the popup's first page, a redirect to Intuit's authorize URL with a single-use state (as …/procore/connect). */
export function startQboConnectRedirectRoute(app: FastifyInstance, options: { qbo: QboService }) {
  const { db, settings } = options.qbo;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .get(
      '/api/companies/:companyId/qbo/connect',
      { preValidation: requireAction('manageConnection'), schema: qboApi.connectRedirect },
      async (request, reply) => {
        const { authorizeUrl } = await startQboConnect(db, settings, { companyId: resolveMember(request).companyId, actor: resolveActor(request).id });
        return reply.redirect(authorizeUrl, 302);
      },
    );
}
