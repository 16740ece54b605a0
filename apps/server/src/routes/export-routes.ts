import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import {
  applyExportAction, EXPORT_RECORD_TYPES, EXPORT_SORTS, guardOf, EXPORT_STATUSES, getCompany, listExportExceptions, listExportRecords, previewExport, resolveExportConflict,
  type ConflictResolution, type ExportChoices, type ExportRecordType, type ExportService, type ExportSort, type ExportStatus, type ProcoreService,
} from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { errorBody, nullableString, pageProperties } from './route-schemas.ts';

const params = {
  type: 'object',
  required: ['companyId', 'recordType'],
  properties: { companyId: { type: 'string', format: 'uuid' }, recordType: { type: 'string', enum: [...EXPORT_RECORD_TYPES] } },
} as const;

const recordParams = {
  type: 'object',
  required: ['companyId', 'recordType', 'procoreId'],
  properties: { ...params.properties, procoreId: { type: 'string', pattern: '^[0-9]+$' } },
} as const;

const fieldDifferencesSchema = {
  type: ['array', 'null'],
  items: { type: 'object', properties: { field: { type: 'string' }, ours: nullableString, theirs: nullableString, source: { type: 'string' } } },
} as const;

const qbRefSchema = { type: 'object', required: ['listId', 'fullName'], additionalProperties: false, properties: { listId: { type: 'string', minLength: 1 }, fullName: { type: 'string', minLength: 1 } } } as const;

const itemBody = {
  type: 'object',
  properties: {
    procoreId: { type: 'string' }, procoreProjectId: nullableString, recordType: { type: 'string' }, title: { type: 'string' },
    status: { type: 'string' }, sentBy: nullableString, sentByName: nullableString, sentAt: nullableString, decidedBy: nullableString, decidedByName: nullableString, decidedAt: nullableString,
    decisionComment: nullableString, errorCode: nullableString, errorMessage: nullableString, qbStatusCode: { type: ['integer', 'null'] },
    qbStatusMessage: nullableString, qbId: nullableString, updatedAt: nullableString,
    waitingOn: { type: 'array', items: { type: 'string' } },
    waitingOnTitles: { type: 'array', items: { type: 'string' } },
    fieldDifferences: fieldDifferencesSchema,
    // Linked to an entry already in QuickBooks (data safety): listed as synced, "Linked to <full name>".
    linkedTo: { type: ['object', 'null'], properties: { listId: { type: 'string' }, fullName: { type: 'string' } } },
    // Not approved in Procore: cannot be sent or approved, and why (data safety).
    notReady: { type: ['object', 'null'], properties: { code: { type: 'string' }, procoreStatus: nullableString, message: { type: 'string' } } },
    // What tells records apart in a list: project, amount, commitment, status in Procore.
    projectName: nullableString, amount: nullableString, procoreStatus: nullableString,
    commitment: { type: ['object', 'null'], properties: { procoreId: { type: 'string' }, title: { type: 'string' } } },
  },
} as const;

/** Export to QuickBooks (exports): list exportable records, and the people's actions on them. Thin. */
export async function exportRoutes(app: FastifyInstance, options: { db: Database; procore: ProcoreService; exports: ExportService }) {
  const { db } = options;

  // The exception queue: failed exports of every type (registered before /exports/:recordType; static wins).
  app.get<{ Params: { companyId: string }; Querystring: { limit: number; offset: number } }>(
    '/api/companies/:companyId/exports/exceptions',
    {
      schema: {
        params: { type: 'object', required: ['companyId'], properties: { companyId: { type: 'string', format: 'uuid' } } },
        querystring: { type: 'object', properties: { ...pageProperties } },
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
                    recordType: { type: 'string' }, procoreId: { type: 'string' }, procoreProjectId: nullableString, title: { type: 'string' },
                    errorCode: nullableString, errorMessage: nullableString, qbStatusCode: { type: ['integer', 'null'] }, qbStatusMessage: nullableString,
                    fieldDifferences: fieldDifferencesSchema, actions: { type: 'array', items: { type: 'string' } }, keepQuickbooksWarning: nullableString, updatedAt: { type: 'string' },
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
      return listExportExceptions(db, { companyId: company.id, limit: request.query.limit, offset: request.query.offset });
    },
  );

  // What the export would write, field by field, and what it depends on (before approval).
  app.get<{ Params: { companyId: string; recordType: ExportRecordType; procoreId: string }; Querystring: { fields?: string } }>(
    '/api/companies/:companyId/exports/:recordType/:procoreId/preview',
    {
      schema: {
        params: recordParams,
        // Linked records: "Phone,Email" previews that choice of fields before it is sent.
        querystring: { type: 'object', properties: { fields: { type: 'string', maxLength: 500 } } },
        response: {
          200: {
            type: 'object',
            properties: {
              recordType: { type: 'string' }, procoreId: { type: 'string' }, action: nullableString,
              fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, value: { type: 'string' }, source: { type: 'string' } } } },
              dependencies: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, procoreId: { type: 'integer' }, label: { type: 'string' } } } },
              problem: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' }, field: nullableString } },
              notice: nullableString,
              linked: { type: ['object', 'null'], properties: { listId: { type: 'string' }, fullName: { type: 'string' }, readAt: nullableString } },
              changes: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    field: { type: 'string' }, before: nullableString, beforeKnown: { type: 'boolean' }, after: nullableString,
                    differs: { type: 'boolean' }, selected: { type: 'boolean' }, source: { type: 'string' }, problem: { type: 'string' },
                  },
                },
              },
            },
          },
          400: errorBody, 404: errorBody, 409: errorBody, 502: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      return previewExport(db, {
        companyId: company.id, recordType: request.params.recordType, procoreId: request.params.procoreId,
        clientFor: (id) => options.procore.clientFor(id), costCodes: options.exports.costCodes,
        ...(request.query.fields !== undefined ? { fields: request.query.fields.split(',').map((f) => f.trim()).filter((f) => f !== '') } : {}),
      });
    },
  );

  // A 3200 exception resolved: keep QuickBooks' version, or re-send ours on top of it. Keeping QuickBooks'
  // version of an approved change order or invoice that is not in QuickBooks needs `confirm: true` (else 409 CONFIRMATION_REQUIRED).
  app.post<{ Params: { companyId: string; recordType: ExportRecordType; procoreId: string }; Body: { resolution: ConflictResolution; confirm?: boolean } }>(
    '/api/companies/:companyId/exports/:recordType/:procoreId/resolve',
    {
      preValidation: requireAction('resolveException'),
      schema: {
        params: recordParams,
        body: { type: 'object', required: ['resolution'], additionalProperties: false, properties: { resolution: { type: 'string', enum: ['keep_quickbooks', 'resend_ours'] }, confirm: { type: 'boolean' } } },
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } }, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      return resolveExportConflict(db, {
        companyId: company.id, recordType: request.params.recordType, procoreId: request.params.procoreId, resolution: request.body.resolution, actor: resolveActor(request),
        confirm: request.body.confirm === true,
      });
    },
  );

  app.get<{ Params: { companyId: string; recordType: ExportRecordType }; Querystring: { status?: ExportStatus; project?: string; sort?: ExportSort; limit: number; offset: number } }>(
    '/api/companies/:companyId/exports/:recordType',
    {
      schema: {
        params,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: [...EXPORT_STATUSES] },
            project: { type: 'string', pattern: '^[0-9]+$' },
            sort: { type: 'string', enum: [...EXPORT_SORTS] },
            ...pageProperties,
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              total: { type: 'integer' }, notice: nullableString, items: { type: 'array', items: itemBody },
              // The projects with records of this type, for the project filter.
              projects: { type: 'array', items: { type: 'object', properties: { procoreId: { type: 'string' }, name: { type: 'string' } } } },
            },
          },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      return listExportRecords(db, {
        companyId: company.id, recordType: request.params.recordType, status: request.query.status, procoreProjectId: request.query.project, sort: request.query.sort,
        limit: request.query.limit, offset: request.query.offset,
      });
    },
  );

  for (const action of ['send', 'approve', 'reject', 'retry', 'dismiss'] as const) {
    app.post<{ Params: { companyId: string; recordType: ExportRecordType }; Body: { procoreIds: string[]; comment?: string; options?: ExportChoices } }>(
      `/api/companies/:companyId/exports/:recordType/${action}`,
      {
        // Who may: the same role-table action the export workflow checks (guardOf), so they cannot disagree.
        preValidation: requireAction(guardOf(action)!),
        schema: {
          params,
          body: {
            type: 'object',
            required: ['procoreIds'],
            additionalProperties: false,
            properties: {
              procoreIds: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', pattern: '^[0-9]+$' } },
              comment: { type: 'string', maxLength: 2000 },
              // Choices made when sending: the customer for a project's job, a typed PO number.
              options: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  customer: qbRefSchema, customerName: { type: 'string', minLength: 1, maxLength: 41 }, refNumber: { type: 'string', minLength: 1, maxLength: 11 },
                  // A linked vendor, project or cost code: the fields to send over QuickBooks' values (data safety).
                  fields: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 40 } },
                },
              },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                results: {
                  type: 'array',
                  items: { type: 'object', properties: { procoreId: { type: 'string' }, outcome: { type: 'string' }, status: { type: 'string' }, code: nullableString, message: nullableString } },
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
          actor: resolveActor(request), comment: request.body.comment ?? null, exportOptions: request.body.options,
        });
        return { results };
      },
    );
  }
}
