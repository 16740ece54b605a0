import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { listImportItems } from '@connector/sync';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** GET …/imports/items: QuickBooks' items. */
export function listImportItemsRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/companies/:companyId/imports/items', { schema: importApi.items }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    return listImportItems(db, companyId);
  });
}
