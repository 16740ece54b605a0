import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { unlinkImportEntry } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';
import { shapeImportEntry } from './shape-import-entry.ts';

/** POST …/imports/:kind/:listId/unlink: undoes a link (data safety): the Procore record is no longer treated as being in QuickBooks. */
export function unlinkImportEntryRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post(
      '/api/companies/:companyId/imports/:kind/:listId/unlink',
      { preValidation: requireAction('linkRecords'), schema: importApi.unlink },
      async (request) => {
        const { companyId } = resolveMember(request);
        const actor = resolveActor(request);
        const { kind, listId } = request.params;
        return shapeImportEntry(kind, await unlinkImportEntry(db, { companyId, kind, listId, actor: actor.id }));
      },
    );
}
