import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { memberApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { listCompanyMembers, setMemberRoles } from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { resolveMember } from '../plugins/resolve-member.ts';

/** Who can open the company in the app and with which roles; admins change roles (the last admin stays). */
export async function memberRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/api/companies/:companyId/members', { schema: memberApi.list }, async (request) =>
    listCompanyMembers(db, { companyId: resolveMember(request).companyId }),
  );

  api.put('/api/companies/:companyId/members/:userId', { preValidation: requireAction('manageMembers'), schema: memberApi.setRoles }, async (request) =>
    setMemberRoles(db, {
      companyId: resolveMember(request).companyId,
      userId: request.params.userId,
      roles: request.body.roles,
      actor: resolveActor(request).id,
    }),
  );
}
