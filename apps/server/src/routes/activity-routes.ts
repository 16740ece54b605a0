import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { activityApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { exportActivityCsv, getActivityExchange, listActivity, listActivityBySession } from '@connector/sync';
import { resolveMember } from '../plugins/resolve-member.ts';

/** The Activity screen ("View Log"): the audit trail with filters, and the same as CSV. Any member may read it. */
export async function activityRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/api/companies/:companyId/activity', { schema: activityApi.list }, async (request) => {
    const { group, ...filters } = request.query;
    const input = { ...filters, companyId: resolveMember(request).companyId };
    return group === 'sessions' ? listActivityBySession(db, input) : listActivity(db, input);
  });

  api.get('/api/companies/:companyId/activity/:entryId/exchange', { schema: activityApi.exchange }, async (request) =>
    getActivityExchange(db, { companyId: resolveMember(request).companyId, entryId: request.params.entryId }),
  );

  api.get('/api/companies/:companyId/activity.csv', { schema: activityApi.csv }, async (request, reply) => {
    const { csv, fileName } = await exportActivityCsv(db, { ...request.query, companyId: resolveMember(request).companyId });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
