import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { buildJobCostReport, getCompany, jobCostReportCsv, listJobCostProjects, listUnattributedCostLines, type ProcoreService } from '@connector/sync';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { errorBody, nullableString, pageProperties } from './route-schemas.ts';

const projectParams = {
  type: 'object', required: ['companyId', 'projectId'],
  properties: { companyId: { type: 'string', format: 'uuid' }, projectId: { type: 'string', pattern: '^[0-9]+(\\.csv)?$' } },
} as const;
const centsField = { type: 'integer' } as const;
const nullableCents = { type: ['integer', 'null'] } as const;
const unattributedLine = {
  type: 'object',
  properties: {
    txnType: { type: 'string' }, txnId: { type: 'string' }, txnLineId: { type: 'string' }, refNumber: nullableString, txnDate: { type: 'string' }, payeeName: nullableString,
    amountCents: centsField, memo: nullableString, jobName: nullableString, itemName: nullableString,
    procoreProjectId: { type: ['integer', 'null'] }, standardCostCodeId: { type: ['integer', 'null'] },
    code: { type: 'string' }, reason: { type: 'string' }, action: { type: 'string' }, fix: { type: 'string' },
  },
} as const;
const rowBody = {
  type: 'object',
  properties: {
    costCode: { type: 'object', properties: { standardCostCodeId: { type: ['integer', 'null'] }, code: nullableString, name: nullableString } },
    committedCents: centsField, invoicedCents: centsField, billedCents: centsField, billedFromCommitmentsCents: centsField,
    jobToDateCents: centsField, paidCents: centsField, unattributedCents: centsField, retainageCents: centsField,
    differences: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, message: { type: 'string' } } } },
  },
} as const;

/** Job costs and the reconciliation report (QuickBooks to Procore): JSON and CSV. Any member of the company may read them. */
export async function jobCostRoutes(app: FastifyInstance, options: { db: Database; procore: ProcoreService }) {
  const { db, procore } = options;

  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/job-costs',
    {
      schema: {
        params: { type: 'object', required: ['companyId'], properties: { companyId: { type: 'string', format: 'uuid' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              asOf: { type: 'string' }, failedTransactions: { type: 'integer' },
              projects: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    procoreProjectId: { type: 'integer' }, name: { type: 'string' }, qbJob: nullableString, jobToDateCents: centsField, billedCents: centsField, unattributedCents: centsField,
                    unattributedLines: { type: 'integer' },
                    // Procore's side and what depends on it: null (not zero) when Procore could not be read, with procoreError saying why.
                    committedCents: nullableCents, invoicedCents: nullableCents, paidCents: nullableCents, retainageCents: nullableCents, billedFromCommitmentsCents: nullableCents,
                    differenceCount: { type: ['integer', 'null'] }, procoreError: nullableString,
                  },
                },
              },
              withoutProject: { type: 'object', properties: { unattributedCents: centsField, unattributedLines: { type: 'integer' } } },
            },
          },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      resolveActor(request);
      return listJobCostProjects(db, company.id, () => procore.clientFor(company.id));
    },
  );

  // The lines behind "Cost not in Procore", with what to do about each: one project's, those on no project ('none'), or all.
  app.get<{ Params: { companyId: string }; Querystring: { projectId?: string; limit: number; offset: number } }>(
    '/api/companies/:companyId/job-costs/unattributed-lines',
    {
      schema: {
        params: { type: 'object', required: ['companyId'], properties: { companyId: { type: 'string', format: 'uuid' } } },
        querystring: { type: 'object', additionalProperties: false, properties: { projectId: { type: 'string', pattern: '^([0-9]+|none)$' }, ...pageProperties } },
        response: {
          200: { type: 'object', properties: { total: { type: 'integer' }, totalCents: centsField, items: { type: 'array', items: unattributedLine } } },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      resolveActor(request);
      const { projectId, limit, offset } = request.query;
      return listUnattributedCostLines(db, { companyId: company.id, ...(projectId !== undefined ? { projectId } : {}), limit, offset });
    },
  );

  // One route for the report and its CSV (`…/job-costs/123.csv`): the same figures, two renderings.
  app.get<{ Params: { companyId: string; projectId: string } }>(
    '/api/companies/:companyId/job-costs/:projectId',
    {
      schema: {
        params: projectParams,
        response: {
          200: {
            anyOf: [
              { type: 'string' },
              {
                type: 'object',
                properties: {
                  asOf: { type: 'string' }, procoreProjectId: { type: 'integer' }, projectName: nullableString,
                  rows: { type: 'array', items: rowBody },
                  totals: { type: 'object', additionalProperties: { type: 'integer' } },
                },
              },
            ],
          },
          404: errorBody, 502: errorBody,
        },
      },
    },
    async (request, reply) => {
      const company = await getCompany(db, request.params.companyId);
      resolveActor(request);
      const csv = request.params.projectId.endsWith('.csv');
      const projectId = request.params.projectId.replace(/\.csv$/, '');
      const report = await buildJobCostReport(db, { companyId: company.id, procoreProjectId: projectId, client: await procore.clientFor(company.id) });
      if (!csv) return report;
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="job-costs-${projectId}.csv"`);
      return jobCostReportCsv(report);
    },
  );
}
