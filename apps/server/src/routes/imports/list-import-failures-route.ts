import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { listImportFailures } from '@connector/sync';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** GET …/imports/failures: Update Job Costs' exception list: what could not be brought into Procore, and why. */
export function listImportFailuresRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/companies/:companyId/imports/failures', { schema: importApi.failures }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    return listImportFailures(db, companyId, request.query);
  });
}
