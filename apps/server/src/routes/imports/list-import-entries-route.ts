import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { listImportEntries } from '@connector/sync';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';
import { shapeImportEntry } from './shape-import-entry.ts';

/** GET …/imports/:kind: the Jobs or Vendors list. */
export function listImportEntriesRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/companies/:companyId/imports/:kind', { schema: importApi.list }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    const list = await listImportEntries(db, { companyId, kind: request.params.kind, ...request.query });
    return { ...list, items: list.items.map((i) => shapeImportEntry(request.params.kind, i)) };
  });
}
