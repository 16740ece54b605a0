import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';
import type { ProcoreService } from '@connector/sync';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** GET …/procore/connection: the company's Procore connection, for any member. */
export function readProcoreConnectionRoute(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .get('/api/companies/:companyId/procore/connection', { schema: procoreApi.read }, async (request) =>
      procore.describeConnection(resolveMember(request).companyId),
    );
}
