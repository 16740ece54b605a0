import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { AppError, createProcoreFromEntry, type ProcoreService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';
import { shapeImportEntry } from './shape-import-entry.ts';

/** POST …/imports/:kind/:listId/create-project and …/create-vendor: creates the Procore record from a QuickBooks job or vendor. */
export function createProcoreRecordRoute(app: FastifyInstance, options: { db: Database; procore: ProcoreService }) {
  const { db, procore } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const action of ['create-project', 'create-vendor'] as const) {
    api.post(
      `/api/companies/:companyId/imports/:kind/:listId/${action}`,
      { preValidation: requireAction('linkRecords'), schema: importApi.create },
      async (request) => {
        const { companyId } = resolveMember(request);
        const actor = resolveActor(request);
        const { kind, listId } = request.params;
        if ((kind === 'jobs') !== (action === 'create-project')) throw new AppError('VALIDATION', `Use create-project for jobs and create-vendor for vendors.`);
        const client = await procore.clientFor(companyId);
        return shapeImportEntry(kind, await createProcoreFromEntry(db, { companyId, kind, listId, actor: actor.id, client }));
      },
    );
  }
}
