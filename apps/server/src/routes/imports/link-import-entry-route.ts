import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { AppError, linkImportEntry } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';
import { shapeImportEntry } from './shape-import-entry.ts';

/** POST …/imports/:kind/:listId/link: links a QuickBooks job or vendor to a Procore project or vendor. */
export function linkImportEntryRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post('/api/companies/:companyId/imports/:kind/:listId/link', { preValidation: requireAction('linkRecords'), schema: importApi.link }, async (request) => {
      const { companyId } = resolveMember(request);
      const actor = resolveActor(request);
      const { kind, listId } = request.params;
      const procoreId = kind === 'jobs' ? request.body.procoreProjectId : request.body.procoreVendorId;
      if (procoreId === undefined) throw new AppError('VALIDATION', kind === 'jobs' ? 'procoreProjectId is required.' : 'procoreVendorId is required.');
      const result = await linkImportEntry(db, { companyId, kind, listId, procoreId, actor: actor.id });
      return shapeImportEntry(kind, result);
    });
}
