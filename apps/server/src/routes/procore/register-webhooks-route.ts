import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';
import type { ProcoreService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/procore/webhooks: registers the company's Procore webhooks. */
export function registerWebhooksRoute(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post('/api/companies/:companyId/procore/webhooks', { preValidation: requireAction('manageConnection'), schema: procoreApi.webhooks }, async (request) => {
      const { companyId } = resolveMember(request);
      return procore.registerWebhooks(companyId, resolveActor(request).id);
    });
}
