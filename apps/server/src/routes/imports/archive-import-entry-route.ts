import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { archiveImportEntry } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/imports/:kind/:listId/archive and …/unarchive: marks a QuickBooks job or vendor archived by a person (with an audit entry), or undoes it. */
export function archiveImportEntryRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const action of ['archive', 'unarchive'] as const) {
    api.post(
      `/api/companies/:companyId/imports/:kind/:listId/${action}`,
      { preValidation: requireAction('linkRecords'), schema: importApi.archive },
      async (request) => {
        const { companyId } = resolveMember(request);
        const actor = resolveActor(request);
        return archiveImportEntry(db, { companyId, kind: request.params.kind, listId: request.params.listId, archived: action === 'archive', actor: actor.id });
      },
    );
  }
}
