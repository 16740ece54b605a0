import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { getCompany, getCompanySettings, updateCompanySettings } from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { companyParams, errorBody } from './route-schemas.ts';

const qbRef = { type: 'object', properties: { listId: { type: 'string' }, fullName: { type: 'string' } } } as const;
const settingsBody = {
  type: 'object',
  properties: {
    useProcoreContractNumber: { type: 'boolean' },
    autoAddCostCodesToBudgets: { type: 'boolean' },
    directCostColumn: { type: 'string' },
    hideJobToDateCosts: { type: 'boolean' },
    vendorUpdatePolicy: { type: 'string' },
    invoiceRetainageItem: { type: ['object', 'null'], properties: qbRef.properties },
    itemExpenseAccount: { type: ['object', 'null'], properties: qbRef.properties },
    itemIncomeAccount: { type: ['object', 'null'], properties: qbRef.properties },
    classByCostCode: { type: 'object', additionalProperties: qbRef },
    approvalRequired: { type: 'boolean' },
    itemType: { type: 'string' },
    itemNameRule: { type: 'string' },
    refreshJobsAndVendorsEveryHours: { type: 'integer' },
    refreshJobCostsEveryHours: { type: 'integer' },
    qbwcRunEveryMinutes: { type: 'integer' },
  },
} as const;

/** Company settings (docs/integration-map.md#settings): read, and change (admins only; validated whole, audited). */
export async function settingsRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;

  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/settings',
    { schema: { params: companyParams, response: { 200: settingsBody, 404: errorBody } } },
    async (request) => getCompanySettings(db, (await getCompany(db, request.params.companyId)).id),
  );

  // A change (some or all settings), validated whole. PUT is the same call: the web app's contract names PUT.
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { companyId: string }; Body: Record<string, unknown> }>({
      method,
      url: '/api/companies/:companyId/settings',
      preValidation: requireAction('editSettings'),
      schema: { params: companyParams, body: { type: 'object', minProperties: 1 }, response: { 200: settingsBody, 400: errorBody, 403: errorBody, 404: errorBody } },
      handler: async (request) => {
        const actor = resolveActor(request);
        const company = await getCompany(db, request.params.companyId);
        return updateCompanySettings(db, company.id, request.body, actor.id);
      },
    });
  }
}
