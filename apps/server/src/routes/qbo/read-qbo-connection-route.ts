import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { qboApi } from '@connector/contract';
import type { QboService } from '@connector/sync';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** GET …/qbo/connection: the company's accounting edition and QuickBooks Online connection, for any member. */
export function readQboConnectionRoute(app: FastifyInstance, options: { qbo: QboService }) {
  const { qbo } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .get('/api/companies/:companyId/qbo/connection', { schema: qboApi.read }, async (request) => qbo.describeConnection(resolveMember(request).companyId));
}
