import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { readRefreshStatus } from '@connector/sync';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** GET …/imports/status: where each refresh stands. */
export function readRefreshStatusRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/companies/:companyId/imports/status', { schema: importApi.status }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    return readRefreshStatus(db, companyId);
  });
}
