import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { linkAllSuggested } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/imports/:kind/link-suggested: links every entry to its suggested Procore record. */
export function linkSuggestedRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post(
      '/api/companies/:companyId/imports/:kind/link-suggested',
      { preValidation: requireAction('linkRecords'), schema: importApi.linkSuggested },
      async (request) => {
        const { companyId } = resolveMember(request);
        const actor = resolveActor(request);
        return linkAllSuggested(db, { companyId, kind: request.params.kind, actor: actor.id });
      },
    );
}
