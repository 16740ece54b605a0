import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';
import { startProcoreSignIn, type ProcoreService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/**
 * GET …/procore/connect: the popup's first page: a redirect to Procore's authorize URL with a single-use state. Needs
 * the session cookie in the popup, which a partitioned cookie set inside Procore's iframe is not (CHIPS): from the
 * iframe, POST …/procore/connect (start-sign-in-route.ts) and open the popup at the authorizeUrl it answers instead.
 */
export function startSignInRedirectRoute(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { db, settings } = options.procore;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .get(
      '/api/companies/:companyId/procore/connect',
      { preValidation: requireAction('manageConnection'), schema: procoreApi.connectRedirect },
      async (request, reply) => {
        const { authorizeUrl } = await startProcoreSignIn(db, settings, { companyId: resolveMember(request).companyId, actor: resolveActor(request).id });
        return reply.redirect(authorizeUrl, 302);
      },
    );
}
