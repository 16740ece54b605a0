import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { settingsChoicesApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { listProcoreCostCodes, listQuickBooksLists } from '@connector/sync';
import { resolveMember } from '../plugins/resolve-member.ts';

/**
 * What the Settings pickers choose from (issue 18 item 4): QuickBooks accounts and classes, Procore cost codes, from
 * the connector's copies. Read-only, open to every member of the company (as the settings themselves are).
 */
export async function settingsChoiceRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/api/companies/:companyId/settings/quickbooks-lists', { schema: settingsChoicesApi.quickBooksLists }, async (request) =>
    listQuickBooksLists(db, resolveMember(request).companyId, request.query.accountType ? { accountType: request.query.accountType } : {}),
  );

  api.get('/api/companies/:companyId/settings/cost-codes', { schema: settingsChoicesApi.costCodes }, async (request) =>
    listProcoreCostCodes(db, resolveMember(request).companyId),
  );
}
