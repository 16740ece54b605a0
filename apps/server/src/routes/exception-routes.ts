import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { getCompany, listExceptions, type ExceptionDirection } from '@connector/sync';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { companyParams, errorBody, nullableString, pageProperties } from './route-schemas.ts';

const exceptionItem = {
  type: 'object',
  properties: {
    direction: { type: 'string', enum: ['to_quickbooks', 'to_procore'] }, key: { type: 'string' }, recordType: { type: 'string' }, recordId: { type: 'string' },
    title: { type: 'string' }, procoreProjectId: nullableString, amountCents: { type: ['integer', 'null'] }, code: nullableString, reason: nullableString, todo: nullableString,
    qbStatusCode: { type: ['integer', 'null'] }, qbStatusMessage: nullableString, fieldDifferences: {}, keepQuickbooksWarning: nullableString,
    actions: { type: 'array', items: { type: 'string' } }, waitsForAnother: { type: 'boolean' }, updatedAt: { type: 'string' },
  },
} as const;

/**
 * The Exceptions screen for both directions: failed exports to QuickBooks and QuickBooks transactions not brought
 * into Procore, one list. Any member may read it; the actions stay on their own routes (and roles): the export
 * routes' retry/dismiss/resolve and POST …/imports/failures/retry.
 */
export async function exceptionRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app.get<{ Params: { companyId: string }; Querystring: { limit: number; offset: number; direction?: ExceptionDirection } }>(
    '/api/companies/:companyId/exceptions',
    {
      schema: {
        params: companyParams,
        querystring: { type: 'object', additionalProperties: false, properties: { ...pageProperties, direction: { type: 'string', enum: ['to_quickbooks', 'to_procore'] } } },
        response: {
          200: {
            type: 'object',
            properties: {
              total: { type: 'integer' },
              counts: { type: 'object', properties: { to_quickbooks: { type: 'integer' }, to_procore: { type: 'integer' } } },
              items: { type: 'array', items: exceptionItem },
            },
          },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      resolveActor(request);
      const { limit, offset, direction } = request.query;
      return listExceptions(db, { companyId: company.id, limit, offset, ...(direction ? { direction } : {}) });
    },
  );
}
