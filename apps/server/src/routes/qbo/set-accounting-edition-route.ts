import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { qboApi } from '@connector/contract';
import { setAccountingEdition, type QboService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** PUT …/accounting-edition {edition}: QuickBooks Desktop (Web Connector) or QuickBooks Online; answers the new state. */
export function setAccountingEditionRoute(app: FastifyInstance, options: { qbo: QboService }) {
  const { qbo } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .put('/api/companies/:companyId/accounting-edition', { preValidation: requireAction('manageConnection'), schema: qboApi.setEdition }, async (request) => {
      const { companyId } = resolveMember(request);
      await setAccountingEdition(qbo.db, qbo.settings, { companyId, edition: request.body.edition, actor: resolveActor(request).id });
      return qbo.describeConnection(companyId);
    });
}
