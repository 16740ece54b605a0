import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { exportApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { resolveExportConflict } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/**
 * POST …/exports/:recordType/:procoreId/resolve: a 3200 exception resolved: keep QuickBooks' version, or re-send ours
 * on top of it. Keeping QuickBooks' version of an approved change order or invoice that is not in QuickBooks needs
 * `confirm: true` (else 409 CONFIRMATION_REQUIRED).
 */
export function resolveExportConflictRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post(
      '/api/companies/:companyId/exports/:recordType/:procoreId/resolve',
      { preValidation: requireAction('resolveException'), schema: exportApi.resolve },
      async (request) => {
        const { companyId } = resolveMember(request);
        return resolveExportConflict(db, {
          companyId,
          recordType: request.params.recordType,
          procoreId: request.params.procoreId,
          resolution: request.body.resolution,
          actor: resolveActor(request),
          confirm: request.body.confirm === true,
        });
      },
    );
}
