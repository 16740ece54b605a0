import type { FastifyInstance } from 'fastify';
import { ACTIVITY_RECORD_TYPE_KEYS } from '@connector/contract';
import type { Database } from '@connector/db';
import { ACTIVITY_CSV_MAX_ROWS, ACTIVITY_DIRECTIONS, ACTIVITY_OUTCOMES, exportActivityCsv, listActivity, type ActivityFilters } from '@connector/sync';
import { companyParams, errorBody, nullableString, pageProperties } from './route-schemas.ts';

type Filters = Omit<ActivityFilters, 'companyId'>;

const filterProperties = {
  recordType: { type: 'string', enum: [...ACTIVITY_RECORD_TYPE_KEYS] },
  subjectType: { type: 'string', maxLength: 100 },
  subjectId: { type: 'string', maxLength: 100 },
  actor: { type: 'string', maxLength: 100 },
  direction: { type: 'string', enum: [...ACTIVITY_DIRECTIONS] },
  outcome: { type: 'string', enum: [...ACTIVITY_OUTCOMES] },
  from: { type: 'string', maxLength: 40 },
  to: { type: 'string', maxLength: 40 },
} as const;

const itemBody = {
  type: 'object',
  properties: {
    id: { type: 'string' }, at: { type: 'string' }, actor: { type: 'string' }, actorName: { type: 'string' }, action: { type: 'string' },
    direction: { type: 'string' }, outcome: { type: 'string' }, subjectType: nullableString, subjectId: nullableString, summary: { type: 'string' },
    detail: {},
  },
} as const;

/** The Activity screen ("View Log"): the audit trail with filters, and the same as CSV. Any member may read it. */
export async function activityRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;

  app.get<{ Params: { companyId: string }; Querystring: Filters & { limit: number; offset: number } }>(
    '/api/companies/:companyId/activity',
    {
      schema: {
        params: companyParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...filterProperties, ...pageProperties },
        },
        response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: itemBody } } }, 400: errorBody, 404: errorBody },
      },
    },
    async (request) => listActivity(db, { ...request.query, companyId: request.member!.companyId }),
  );

  app.get<{ Params: { companyId: string }; Querystring: Filters & { limit?: number } }>(
    '/api/companies/:companyId/activity.csv',
    {
      schema: {
        params: companyParams,
        querystring: { type: 'object', additionalProperties: false, properties: { ...filterProperties, limit: { type: 'integer', minimum: 1, maximum: ACTIVITY_CSV_MAX_ROWS } } },
        response: { 200: { type: 'string' }, 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const { csv, fileName } = await exportActivityCsv(db, { ...request.query, companyId: request.member!.companyId });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-store').send(csv);
    },
  );
}
