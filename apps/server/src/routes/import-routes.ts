import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import {
  AppError,
  archiveImportEntry,
  createProcoreFromEntry,
  linkAllSuggested,
  linkImportEntry,
  listImportEntries,
  listImportItems,
  listImportFailures,
  queueRefresh,
  readRefreshStatus,
  retryImportPush,
  unlinkImportEntry,
  type ImportListKind,
  type ProcoreService,
} from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { resolveMember } from '../plugins/resolve-member.ts';

// Refresh and linking are project-manager work; admins may do everything.

/** QuickBooks → Procore (QuickBooks to Procore): refreshes, the Jobs and Vendors lists and their link actions. Thin. */
export async function importRoutes(app: FastifyInstance, options: { db: Database; procore: ProcoreService }) {
  const { db, procore } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const shape = <T extends { procoreRecord: { id: number; name: string } | null }>(kind: ImportListKind, item: T) => {
    const { procoreRecord, ...rest } = item;
    return kind === 'jobs' ? { ...rest, procoreProject: procoreRecord } : { ...rest, procoreVendor: procoreRecord };
  };

  api.post(
    '/api/companies/:companyId/imports/refresh',
    { preValidation: requireAction('refreshFromQuickBooks'), schema: importApi.refresh },
    async (request, reply) => {
      const { companyId } = resolveMember(request);
      const actor = resolveActor(request);
      reply.code(202);
      return queueRefresh(db, { companyId, kind: request.body.kind, actor: actor.id });
    },
  );

  api.get('/api/companies/:companyId/imports/status', { schema: importApi.status }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    return readRefreshStatus(db, companyId);
  });

  api.get('/api/companies/:companyId/imports/items', { schema: importApi.items }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    return listImportItems(db, companyId);
  });

  // Update Job Costs' exception list: what could not be brought into Procore, and why.
  api.get('/api/companies/:companyId/imports/failures', { schema: importApi.failures }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    return listImportFailures(db, companyId, request.query);
  });

  api.post(
    '/api/companies/:companyId/imports/failures/retry',
    { preValidation: requireAction('retryJobCostPush'), schema: importApi.retryFailures },
    async (request) => {
      const { companyId } = resolveMember(request);
      const actor = resolveActor(request);
      return retryImportPush(db, { companyId, actor: actor.id });
    },
  );

  api.post(
    '/api/companies/:companyId/imports/:kind/link-suggested',
    { preValidation: requireAction('linkRecords'), schema: importApi.linkSuggested },
    async (request) => {
      const { companyId } = resolveMember(request);
      const actor = resolveActor(request);
      return linkAllSuggested(db, { companyId, kind: request.params.kind, actor: actor.id });
    },
  );

  api.get('/api/companies/:companyId/imports/:kind', { schema: importApi.list }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    const list = await listImportEntries(db, { companyId, kind: request.params.kind, ...request.query });
    return { ...list, items: list.items.map((i) => shape(request.params.kind, i)) };
  });

  api.post('/api/companies/:companyId/imports/:kind/:listId/link', { preValidation: requireAction('linkRecords'), schema: importApi.link }, async (request) => {
    const { companyId } = resolveMember(request);
    const actor = resolveActor(request);
    const { kind, listId } = request.params;
    const procoreId = kind === 'jobs' ? request.body.procoreProjectId : request.body.procoreVendorId;
    if (procoreId === undefined) throw validation(kind === 'jobs' ? 'procoreProjectId is required.' : 'procoreVendorId is required.');
    const result = await linkImportEntry(db, { companyId, kind, listId, procoreId, actor: actor.id });
    return shape(kind, result);
  });

  // Undoes a link (data safety): the Procore record is no longer treated as being in QuickBooks.
  api.post(
    '/api/companies/:companyId/imports/:kind/:listId/unlink',
    { preValidation: requireAction('linkRecords'), schema: importApi.unlink },
    async (request) => {
      const { companyId } = resolveMember(request);
      const actor = resolveActor(request);
      const { kind, listId } = request.params;
      return shape(kind, await unlinkImportEntry(db, { companyId, kind, listId, actor: actor.id }));
    },
  );

  for (const action of ['create-project', 'create-vendor'] as const) {
    api.post(
      `/api/companies/:companyId/imports/:kind/:listId/${action}`,
      { preValidation: requireAction('linkRecords'), schema: importApi.create },
      async (request) => {
        const { companyId } = resolveMember(request);
        const actor = resolveActor(request);
        const { kind, listId } = request.params;
        if ((kind === 'jobs') !== (action === 'create-project')) throw validation(`Use create-project for jobs and create-vendor for vendors.`);
        const client = await procore.clientFor(companyId);
        return shape(kind, await createProcoreFromEntry(db, { companyId, kind, listId, actor: actor.id, client }));
      },
    );
  }

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

function validation(message: string) {
  return new AppError('VALIDATION', message);
}
