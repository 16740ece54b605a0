import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';
import { startProcoreSignIn, type ProcoreService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/procore/connect: the sign-in started from the iframe (cookie + X-CSRF-Token): Procore's authorize URL to open in the popup. */
export function startSignInRoute(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { db, settings } = options.procore;
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/companies/:companyId/procore/connect',
    {
      // The authorize URL carries the OAuth state, a single-use secret stored only hashed (hostile input).
      config: { answerHoldsSecret: true },
      preValidation: requireAction('manageConnection'),
      schema: procoreApi.connect,
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return startProcoreSignIn(db, settings, { companyId: resolveMember(request).companyId, actor: resolveActor(request).id });
    },
  );
}
