import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { companyApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { buildCompanyQwc, listRequests, listSessions, type QwcSettings } from '@connector/sync';
import { resolveMember } from '../plugins/resolve-member.ts';

/**
 * Company-scoped JSON API: the .qwc, the queue and the sessions. Readable by every member of the company
 * (sign-in and membership are checked by the web-auth plugin before these run); every query is scoped by
 * the company of the path.
 */
export async function companyRoutes(app: FastifyInstance, options: { db: Database; qwc: QwcSettings }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/api/companies/:companyId/qwc', { schema: companyApi.qwc }, async (request, reply) => {
    const { xml, fileName } = await buildCompanyQwc(db, resolveMember(request).companyId, options.qwc);
    return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(xml);
  });

  api.get('/api/companies/:companyId/requests', { schema: companyApi.requests }, async (request) => {
    const { query } = request;
    const { items, total } = await listRequests(db, {
      companyId: resolveMember(request).companyId,
      status: query.status,
      limit: query.limit,
      offset: query.offset,
    });
    // Stored times are Dates; the contract's are ISO strings (what the serializer wrote for them before).
    return { total, items: items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString(), completedAt: item.completedAt?.toISOString() ?? null })) };
  });

  api.get('/api/companies/:companyId/sessions', { schema: companyApi.sessions }, async (request) => {
    const sessions = await listSessions(db, resolveMember(request).companyId);
    return {
      items: sessions.map((session) => ({ ...session, startedAt: session.startedAt.toISOString(), closedAt: session.closedAt?.toISOString() ?? null })),
    };
  });
}
