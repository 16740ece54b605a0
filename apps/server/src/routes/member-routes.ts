import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { listCompanyMembers, ROLES, setMemberRoles, type Role } from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { companyParams, errorBody, nullableString } from './route-schemas.ts';

const memberBody = {
  type: 'object',
  required: ['userId', 'roles'],
  properties: { userId: { type: 'string' }, login: nullableString, name: nullableString, roles: { type: 'array', items: { type: 'string' } } },
} as const;

/** Who can open the company in the app and with which roles; admins change roles (the last admin stays). */
export async function memberRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;

  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/members',
    { schema: { params: companyParams, response: { 200: { type: 'object', properties: { items: { type: 'array', items: memberBody } } }, 404: errorBody } } },
    async (request) => listCompanyMembers(db, { companyId: request.member!.companyId }),
  );

  app.put<{ Params: { companyId: string; userId: string }; Body: { roles: Role[] } }>(
    '/api/companies/:companyId/members/:userId',
    {
      preValidation: requireAction('manageMembers'),
      schema: {
        params: { type: 'object', required: ['companyId', 'userId'], properties: { companyId: { type: 'string', format: 'uuid' }, userId: { type: 'string', format: 'uuid' } } },
        body: {
          type: 'object',
          required: ['roles'],
          additionalProperties: false,
          properties: { roles: { type: 'array', uniqueItems: true, maxItems: ROLES.length, items: { type: 'string', enum: [...ROLES] } } },
        },
        response: { 200: memberBody, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) =>
      setMemberRoles(db, { companyId: request.member!.companyId, userId: request.params.userId, roles: request.body.roles, actor: resolveActor(request).id }),
  );
}
