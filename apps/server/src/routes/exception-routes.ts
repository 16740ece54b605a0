import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { exceptionApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { listExceptions } from '@connector/sync';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { resolveMember } from '../plugins/resolve-member.ts';

/**
 * The Exceptions screen for both directions: failed exports to QuickBooks and QuickBooks transactions not brought
 * into Procore, one list. Any member may read it; the actions stay on their own routes (and roles): the export
 * routes' retry/dismiss/resolve and POST …/imports/failures/retry.
 */
export async function exceptionRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/companies/:companyId/exceptions', { schema: exceptionApi.list }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    const { limit, offset, direction } = request.query;
    return listExceptions(db, { companyId, limit, offset, ...(direction ? { direction } : {}) });
  });
}
