import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { exportApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { previewExport, type ExportService, type ProcoreService } from '@connector/sync';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** GET …/exports/:recordType/:procoreId/preview: what the export would write, field by field, and what it depends on (before approval). */
export function previewExportRoute(app: FastifyInstance, options: { db: Database; procore: ProcoreService; exports: ExportService }) {
  const { db } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .get('/api/companies/:companyId/exports/:recordType/:procoreId/preview', { schema: exportApi.preview }, async (request) => {
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
}
