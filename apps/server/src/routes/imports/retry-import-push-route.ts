import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { importApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { retryImportPush } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/imports/failures/retry: Retry now for the job-cost push's failures. */
export function retryImportPushRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post(
      '/api/companies/:companyId/imports/failures/retry',
      { preValidation: requireAction('retryJobCostPush'), schema: importApi.retryFailures },
      async (request) => {
        const { companyId } = resolveMember(request);
        const actor = resolveActor(request);
        return retryImportPush(db, { companyId, actor: actor.id });
      },
    );
}
