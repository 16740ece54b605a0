import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { applyExportAction, EXPORT_RECORD_TYPES, EXPORT_STATUSES, getCompany, listExportRecords, type ExportRecordType, type ExportStatus } from '@connector/sync';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { errorBody, nullableString } from './route-schemas.ts';

const params = {
  type: 'object',
  required: ['companyId', 'recordType'],
  properties: { companyId: { type: 'string', format: 'uuid' }, recordType: { type: 'string', enum: [...EXPORT_RECORD_TYPES] } },
} as const;

const itemBody = {
  type: 'object',
  properties: {
    procoreId: { type: 'string' }, procoreProjectId: nullableString, recordType: { type: 'string' }, title: { type: 'string' },
    status: { type: 'string' }, sentBy: nullableString, sentAt: nullableString, decidedBy: nullableString, decidedAt: nullableString,
    decisionComment: nullableString, errorCode: nullableString, errorMessage: nullableString, qbStatusCode: { type: ['integer', 'null'] },
    qbStatusMessage: nullableString, qbId: nullableString, updatedAt: nullableString,
  },
} as const;

/** Export to QuickBooks (issue 5): list exportable records, and the people's actions on them. Thin. */
export async function exportRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;

  app.get<{ Params: { companyId: string; recordType: ExportRecordType }; Querystring: { status?: ExportStatus; project?: string; limit: number; offset: number } }>(
    '/api/companies/:companyId/exports/:recordType',
    {
      schema: {
        params,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: [...EXPORT_STATUSES] },
            project: { type: 'string', pattern: '^[0-9]+$' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: itemBody } } }, 404: errorBody },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      return listExportRecords(db, {
        companyId: company.id, recordType: request.params.recordType, status: request.query.status, procoreProjectId: request.query.project,
        limit: request.query.limit, offset: request.query.offset,
      });
    },
  );

  for (const action of ['send', 'approve', 'reject', 'retry', 'dismiss'] as const) {
    app.post<{ Params: { companyId: string; recordType: ExportRecordType }; Body: { procoreIds: string[]; comment?: string } }>(
      `/api/companies/:companyId/exports/:recordType/${action}`,
      {
        schema: {
          params,
          body: {
            type: 'object',
            required: ['procoreIds'],
            additionalProperties: false,
            properties: {
              procoreIds: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', pattern: '^[0-9]+$' } },
              comment: { type: 'string', maxLength: 2000 },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                results: {
                  type: 'array',
                  items: { type: 'object', properties: { procoreId: { type: 'string' }, outcome: { type: 'string' }, status: { type: 'string' }, message: nullableString } },
                },
              },
            },
            400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody,
          },
        },
      },
      async (request) => {
        const company = await getCompany(db, request.params.companyId);
        const results = await applyExportAction(db, {
          companyId: company.id, recordType: request.params.recordType, procoreIds: request.body.procoreIds, action,
          actor: resolveActor(request), comment: request.body.comment ?? null,
        });
        return { results };
      },
    );
  }
}
