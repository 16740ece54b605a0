import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { buildJobCostReport, getCompany, jobCostReportCsv, listJobCostProjects, type ProcoreService } from '@connector/sync';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { errorBody, nullableString } from './route-schemas.ts';

const projectParams = {
  type: 'object', required: ['companyId', 'projectId'],
  properties: { companyId: { type: 'string', format: 'uuid' }, projectId: { type: 'string', pattern: '^[0-9]+(\\.csv)?$' } },
} as const;
const centsField = { type: 'integer' } as const;
const rowBody = {
  type: 'object',
  properties: {
    costCode: { type: 'object', properties: { standardCostCodeId: { type: ['integer', 'null'] }, code: nullableString, name: nullableString } },
    committedCents: centsField, invoicedCents: centsField, billedCents: centsField, billedFromCommitmentsCents: centsField,
    jobToDateCents: centsField, paidCents: centsField, unattributedCents: centsField,
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
              projects: { type: 'array', items: { type: 'object', properties: { procoreProjectId: { type: 'integer' }, name: { type: 'string' }, qbJob: nullableString, jobToDateCents: centsField, billedCents: centsField, unattributedCents: centsField } } },
            },
          },
          404: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      resolveActor(request);
      return listJobCostProjects(db, company.id);
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
