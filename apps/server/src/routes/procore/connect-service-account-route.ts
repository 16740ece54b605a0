import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';
import { connectServiceAccount, type ProcoreService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/procore/service-account: connects with a service account instead of a person's sign-in. */
export function connectServiceAccountRoute(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  const { db, settings } = procore;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post(
      '/api/companies/:companyId/procore/service-account',
      { preValidation: requireAction('manageConnection'), schema: procoreApi.serviceAccount },
      async (request) => {
        const { companyId } = resolveMember(request);
        await connectServiceAccount(db, settings, { companyId, actor: resolveActor(request).id, fetch: procore.fetch });
        // The service account replaces the previous sign-in: no call of this process keeps the old token.
        procore.tokens.forget(companyId);
        return procore.describeConnection(companyId);
      },
    );
}
