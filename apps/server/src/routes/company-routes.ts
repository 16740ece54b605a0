import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { buildCompanyQwc, getCompany, listRequests, listSessions, REQUEST_STATUSES, type QwcSettings } from '@connector/sync';
import { companyParams, errorBody, pageProperties } from './route-schemas.ts';

/**
 * Company-scoped JSON API: the .qwc, the queue and the sessions. Readable by every member of the company
 * (sign-in and membership are checked by the web-auth plugin before these run); every query is scoped by
 * the company of the path.
 */
export async function companyRoutes(app: FastifyInstance, options: { db: Database; qwc: QwcSettings }) {
  const { db } = options;

  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/qwc',
    { schema: { params: companyParams, response: { 200: { type: 'string' }, 404: errorBody } } },
    async (request, reply) => {
      const { xml, fileName } = await buildCompanyQwc(db, request.params.companyId, options.qwc);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(xml);
    },
  );

  app.get<{ Params: { companyId: string }; Querystring: { status?: (typeof REQUEST_STATUSES)[number]; limit?: number; offset?: number } }>(
    '/api/companies/:companyId/requests',
    {
      schema: {
        params: companyParams,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: [...REQUEST_STATUSES] },
            ...pageProperties,
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              total: { type: 'integer' },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    kind: { type: 'string' },
                    dedupeKey: { type: 'string' },
                    status: { type: 'string' },
                    attempts: { type: 'integer' },
                    statusCode: { type: ['integer', 'null'] },
                    statusMessage: { type: ['string', 'null'] },
                    errorCode: { type: ['string', 'null'] },
                    errorMessage: { type: ['string', 'null'] },
                    createdAt: { type: 'string', format: 'date-time' },
                    completedAt: { type: ['string', 'null'], format: 'date-time' },
                  },
                },
              },
            },
          },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      return listRequests(db, { companyId: company.id, status: request.query.status, limit: request.query.limit, offset: request.query.offset });
    },
  );

  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/sessions',
    {
      schema: {
        params: companyParams,
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    state: { type: 'string' },
                    progress: { type: 'integer' },
                    lastError: { type: ['string', 'null'] },
                    summary: { type: ['string', 'null'] },
                    companyFile: { type: ['string', 'null'] },
                    roundTrips: { type: 'integer' },
                    requestsDone: { type: 'integer' },
                    requestsFailed: { type: 'integer' },
                    startedAt: { type: 'string', format: 'date-time' },
                    closedAt: { type: ['string', 'null'], format: 'date-time' },
                  },
                },
              },
            },
          },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      return { items: await listSessions(db, company.id) };
    },
  );
}
