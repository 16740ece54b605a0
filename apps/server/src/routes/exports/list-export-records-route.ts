import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { exportApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { listExportRecords } from '@connector/sync';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** GET …/exports/:recordType: the exportable records of one type, filtered, sorted and paged. */
export function listExportRecordsRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/companies/:companyId/exports/:recordType', { schema: exportApi.list }, async (request) => {
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
}
