import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { settingsApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { createRetainageReceivableItem, getCompanySettings, updateCompanySettings } from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { resolveMember } from '../plugins/resolve-member.ts';

/** Company settings (docs/integration-map.md#settings): read, and change (admins only; validated whole, audited). */
export async function settingsRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/api/companies/:companyId/settings', { schema: settingsApi.read }, async (request) => getCompanySettings(db, resolveMember(request).companyId));

  // A change (some or all settings), validated whole. PUT is the same call: the web app's contract names PUT.
  for (const method of ['PATCH', 'PUT'] as const) {
    api.route({
      method,
      url: '/api/companies/:companyId/settings',
      preValidation: requireAction('editSettings'),
      schema: settingsApi.change,
      handler: async (request) => {
        const actor = resolveActor(request);
        return updateCompanySettings(db, resolveMember(request).companyId, request.body, actor.id);
      },
    });
  }

  // The Retainage Receivable item created in QuickBooks when the company has none (issue 21; the service says what happens).
  api.post(
    '/api/companies/:companyId/settings/retainage-receivable-item',
    { preValidation: requireAction('editSettings'), schema: settingsApi.createRetainageReceivableItem },
    async (request) => createRetainageReceivableItem(db, resolveMember(request).companyId, request.body, resolveActor(request).id),
  );
}
