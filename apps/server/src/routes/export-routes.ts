import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { EXPORT_ACTIONS, exportApi } from '@connector/contract';
import type { Database } from '@connector/db';
import {
  applyExportAction,
  guardOf,
  listExportExceptions,
  listExportRecords,
  previewExport,
  resolveExportConflict,
  type ExportService,
  type ProcoreService,
} from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { resolveMember } from '../plugins/resolve-member.ts';

/** Export to QuickBooks (exports): list exportable records, and the people's actions on them. Thin. */
export async function exportRoutes(app: FastifyInstance, options: { db: Database; procore: ProcoreService; exports: ExportService }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // The exception queue: failed exports of every type (registered before /exports/:recordType; static wins).
  api.get('/api/companies/:companyId/exports/exceptions', { schema: exportApi.exceptions }, async (request) => {
    const { companyId } = resolveMember(request);
    return listExportExceptions(db, { companyId, limit: request.query.limit, offset: request.query.offset });
  });

  // What the export would write, field by field, and what it depends on (before approval).
  api.get('/api/companies/:companyId/exports/:recordType/:procoreId/preview', { schema: exportApi.preview }, async (request) => {
    const { companyId } = resolveMember(request);
    return previewExport(db, {
      companyId,
      recordType: request.params.recordType,
      procoreId: request.params.procoreId,
      clientFor: (id) => options.procore.clientFor(id),
      costCodes: options.exports.costCodes,
      ...(request.query.fields !== undefined
        ? {
            fields: request.query.fields
              .split(',')
              .map((f) => f.trim())
              .filter((f) => f !== ''),
          }
        : {}),
    });
  });

  // A 3200 exception resolved: keep QuickBooks' version, or re-send ours on top of it. Keeping QuickBooks'
  // version of an approved change order or invoice that is not in QuickBooks needs `confirm: true` (else 409 CONFIRMATION_REQUIRED).
  api.post(
    '/api/companies/:companyId/exports/:recordType/:procoreId/resolve',
    { preValidation: requireAction('resolveException'), schema: exportApi.resolve },
    async (request) => {
      const { companyId } = resolveMember(request);
      return resolveExportConflict(db, {
        companyId,
        recordType: request.params.recordType,
        procoreId: request.params.procoreId,
        resolution: request.body.resolution,
        actor: resolveActor(request),
        confirm: request.body.confirm === true,
      });
    },
  );

  api.get('/api/companies/:companyId/exports/:recordType', { schema: exportApi.list }, async (request) => {
    const { companyId } = resolveMember(request);
    return listExportRecords(db, {
      companyId,
      recordType: request.params.recordType,
      status: request.query.status,
      procoreProjectId: request.query.project,
      sort: request.query.sort,
      limit: request.query.limit,
      offset: request.query.offset,
    });
  });

  for (const action of EXPORT_ACTIONS) {
    api.post(
      `/api/companies/:companyId/exports/:recordType/${action}`,
      // Who may: the same role-table action the export workflow checks (guardOf), so they cannot disagree.
      { preValidation: requireAction(guardOf(action)!), schema: exportApi.action },
      async (request) => {
        const { companyId } = resolveMember(request);
        const results = await applyExportAction(db, {
          companyId,
          recordType: request.params.recordType,
          procoreIds: request.body.procoreIds,
          action,
          actor: resolveActor(request),
          comment: request.body.comment ?? null,
          exportOptions: request.body.options,
        });
        return { results };
      },
    );
  }
}
