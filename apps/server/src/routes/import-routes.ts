import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import {
  AppError, archiveImportEntry, createProcoreFromEntry, getCompany, IMPORT_ENTRY_STATUSES, linkAllSuggested, linkImportEntry, listImportEntries, listImportItems,
  listImportFailures, queueRefresh, readRefreshStatus, retryImportPush, REFRESH_KINDS, unlinkImportEntry, type ImportEntryStatus, type ImportListKind, type ProcoreService, type RefreshKind,
} from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { errorBody, nullableString, pageProperties } from './route-schemas.ts';

const companyParams = { type: 'object', required: ['companyId'], properties: { companyId: { type: 'string', format: 'uuid' } } } as const;
const kindParams = {
  type: 'object', required: ['companyId', 'kind'],
  properties: { companyId: { type: 'string', format: 'uuid' }, kind: { type: 'string', enum: ['jobs', 'vendors'] } },
} as const;
const entryParams = {
  type: 'object', required: ['companyId', 'kind', 'listId'],
  properties: { ...kindParams.properties, listId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;
const refObject = { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: { type: 'string' } } } as const;
const entryBody = {
  type: 'object',
  properties: {
    qbListId: { type: 'string' }, fullName: { type: 'string' }, name: { type: 'string' }, customerName: nullableString, isActive: { type: 'boolean' },
    status: { type: 'string' }, procoreProject: refObject, procoreVendor: refObject,
    suggestion: { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: { type: 'string' }, reason: { type: 'string' } } },
    duplicates: { type: 'array', items: { type: 'object', properties: { qbListId: { type: 'string' }, name: { type: 'string' } } } },
    refusal: nullableString,
    qbModifiedAt: { type: 'string' },
  },
} as const;
const linkAnswer = { type: 'object', properties: { status: { type: 'string' }, procoreProject: refObject, procoreVendor: refObject } } as const;

// Refresh and linking are project-manager work; admins may do everything.

/** QuickBooks → Procore (QuickBooks to Procore): refreshes, the Jobs and Vendors lists and their link actions. Thin. */
export async function importRoutes(app: FastifyInstance, options: { db: Database; procore: ProcoreService }) {
  const { db, procore } = options;
  const shape = <T extends { procoreRecord: { id: number; name: string } | null }>(kind: ImportListKind, item: T) => {
    const { procoreRecord, ...rest } = item;
    return kind === 'jobs' ? { ...rest, procoreProject: procoreRecord } : { ...rest, procoreVendor: procoreRecord };
  };

  app.post<{ Params: { companyId: string }; Body: { kind: RefreshKind } }>(
    '/api/companies/:companyId/imports/refresh',
    {
      preValidation: requireAction('refreshFromQuickBooks'),
      schema: {
        params: companyParams,
        body: { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { type: 'string', enum: [...REFRESH_KINDS] } } },
        response: { 202: { type: 'object', properties: { kind: { type: 'string' }, outcome: { type: 'string' }, queuedAt: { type: 'string' } } }, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const company = await getCompany(db, request.params.companyId);
      const actor = resolveActor(request);
      reply.code(202);
      return queueRefresh(db, { companyId: company.id, kind: request.body.kind, actor: actor.id });
    },
  );

  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/imports/status',
    {
      schema: {
        params: companyParams,
        response: {
          200: {
            type: 'object',
            properties: {
              refreshes: {
                type: 'array',
                items: { type: 'object', properties: { kind: { type: 'string' }, everyHours: { type: 'number' }, lastRequestedAt: nullableString, lastCompletedAt: nullableString, nextDueAt: nullableString, pending: { type: 'boolean' } } },
              },
            },
          },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      resolveActor(request);
      return readRefreshStatus(db, company.id);
    },
  );

  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/imports/items',
    {
      schema: {
        params: companyParams,
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: { type: 'object', properties: { qbListId: { type: 'string' }, fullName: { type: 'string' }, itemType: nullableString, isActive: { type: 'boolean' }, procoreCostCode: { type: ['object', 'null'], properties: { id: { type: 'integer' }, code: { type: 'string' } } } } },
              },
            },
          },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      resolveActor(request);
      return listImportItems(db, company.id);
    },
  );

  // Update Job Costs' exception list: what could not be brought into Procore, and why.
  app.get<{ Params: { companyId: string }; Querystring: { limit: number; offset: number } }>(
    '/api/companies/:companyId/imports/failures',
    {
      schema: {
        params: companyParams,
        querystring: {
          type: 'object', additionalProperties: false,
          properties: { ...pageProperties },
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
                    txnType: { type: 'string' }, txnId: { type: 'string' }, refNumber: nullableString, txnDate: { type: 'string' }, payeeName: nullableString,
                    amountCents: { type: 'integer' }, errorCode: { type: 'string' }, message: { type: 'string' }, fetchedAt: { type: 'string' },
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
      resolveActor(request);
      return listImportFailures(db, company.id, request.query);
    },
  );

  app.post<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/imports/failures/retry',
    {
      preValidation: requireAction('retryJobCostPush'),
      schema: {
        params: companyParams,
        response: { 200: { type: 'object', properties: { outcome: { type: 'string' }, failed: { type: 'integer' } } }, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      const actor = resolveActor(request);
      return retryImportPush(db, { companyId: company.id, actor: actor.id });
    },
  );

  app.post<{ Params: { companyId: string; kind: ImportListKind } }>(
    '/api/companies/:companyId/imports/:kind/link-suggested',
    {
      preValidation: requireAction('linkRecords'),
      schema: {
        params: kindParams,
        response: { 200: { type: 'object', properties: { linked: { type: 'integer' }, failed: { type: 'array', items: { type: 'object', properties: { qbListId: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } } } }, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      const actor = resolveActor(request);
      return linkAllSuggested(db, { companyId: company.id, kind: request.params.kind, actor: actor.id });
    },
  );

  app.get<{ Params: { companyId: string; kind: ImportListKind }; Querystring: { status?: ImportEntryStatus; search?: string; sort?: 'name' | '-name' | 'modified' | '-modified'; limit: number; offset: number } }>(
    '/api/companies/:companyId/imports/:kind',
    {
      schema: {
        params: kindParams,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: [...IMPORT_ENTRY_STATUSES] },
            search: { type: 'string', maxLength: 100 },
            sort: { type: 'string', enum: ['name', '-name', 'modified', '-modified'] },
            ...pageProperties,
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              total: { type: 'integer' },
              counts: { type: 'object', properties: { linked: { type: 'integer' }, suggested: { type: 'integer' }, unlinked: { type: 'integer' }, archived: { type: 'integer' } } },
              items: { type: 'array', items: entryBody },
            },
          },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      resolveActor(request);
      const list = await listImportEntries(db, { companyId: company.id, kind: request.params.kind, ...request.query });
      return { ...list, items: list.items.map((i) => shape(request.params.kind, i as never)) };
    },
  );

  app.post<{ Params: { companyId: string; kind: ImportListKind; listId: string }; Body: { procoreProjectId?: number; procoreVendorId?: number } }>(
    '/api/companies/:companyId/imports/:kind/:listId/link',
    {
      preValidation: requireAction('linkRecords'),
      schema: {
        params: entryParams,
        body: { type: 'object', additionalProperties: false, properties: { procoreProjectId: { type: 'integer', minimum: 1 }, procoreVendorId: { type: 'integer', minimum: 1 } } },
        response: { 200: linkAnswer, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      const actor = resolveActor(request);
      const { kind, listId } = request.params;
      const procoreId = kind === 'jobs' ? request.body.procoreProjectId : request.body.procoreVendorId;
      if (procoreId === undefined) throw validation(kind === 'jobs' ? 'procoreProjectId is required.' : 'procoreVendorId is required.');
      const result = await linkImportEntry(db, { companyId: company.id, kind, listId, procoreId, actor: actor.id });
      return shape(kind, result);
    },
  );

  // Undoes a link (data safety): the Procore record is no longer treated as being in QuickBooks.
  app.post<{ Params: { companyId: string; kind: ImportListKind; listId: string } }>(
    '/api/companies/:companyId/imports/:kind/:listId/unlink',
    { preValidation: requireAction('linkRecords'), schema: { params: entryParams, response: { 200: linkAnswer, 403: errorBody, 404: errorBody } } },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      const actor = resolveActor(request);
      const { kind, listId } = request.params;
      return shape(kind, await unlinkImportEntry(db, { companyId: company.id, kind, listId, actor: actor.id }));
    },
  );

  for (const action of ['create-project', 'create-vendor'] as const) {
    app.post<{ Params: { companyId: string; kind: ImportListKind; listId: string } }>(
      `/api/companies/:companyId/imports/:kind/:listId/${action}`,
      { preValidation: requireAction('linkRecords'), schema: { params: entryParams, response: { 200: linkAnswer, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 502: errorBody } } },
      async (request) => {
        const company = await getCompany(db, request.params.companyId);
        const actor = resolveActor(request);
        const { kind, listId } = request.params;
        if ((kind === 'jobs') !== (action === 'create-project')) throw validation(`Use create-project for jobs and create-vendor for vendors.`);
        const client = await procore.clientFor(company.id);
        return shape(kind, await createProcoreFromEntry(db, { companyId: company.id, kind, listId, actor: actor.id, client }));
      },
    );
  }

  for (const action of ['archive', 'unarchive'] as const) {
    app.post<{ Params: { companyId: string; kind: ImportListKind; listId: string } }>(
      `/api/companies/:companyId/imports/:kind/:listId/${action}`,
      { preValidation: requireAction('linkRecords'), schema: { params: entryParams, response: { 200: { type: 'object', properties: { status: { type: 'string' } } }, 403: errorBody, 404: errorBody } } },
      async (request) => {
        const company = await getCompany(db, request.params.companyId);
        const actor = resolveActor(request);
        return archiveImportEntry(db, { companyId: company.id, kind: request.params.kind, listId: request.params.listId, archived: action === 'archive', actor: actor.id });
      },
    );
  }
}

function validation(message: string) {
  return new AppError('VALIDATION', message);
}
