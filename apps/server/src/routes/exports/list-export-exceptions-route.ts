import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { exportApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { listExportExceptions } from '@connector/sync';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** GET …/exports/exceptions: the exception queue: failed exports of every type (registered before /exports/:recordType; static wins). */
export function listExportExceptionsRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/companies/:companyId/exports/exceptions', { schema: exportApi.exceptions }, async (request) => {
    const { companyId } = resolveMember(request);
    return listExportExceptions(db, { companyId, limit: request.query.limit, offset: request.query.offset });
  });
}
