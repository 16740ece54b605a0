import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { EXPORT_ACTIONS, exportApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { applyExportAction, guardOf } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/exports/:recordType/<action>, one per export action (send, approve, reject, retry, dismiss): a person's action on some records. */
export function applyExportActionRoute(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const action of EXPORT_ACTIONS) {
    api.post(
      `/api/companies/:companyId/exports/:recordType/${action}`,
      // Who may: the same role-table action the export workflow checks (guardOf), so they cannot disagree.
      { preValidation: requireAction(guardOf(action)!), schema: exportApi.action },
      async (request) => {
        const { companyId } = resolveMember(request);
        const results = await applyExportAction(db, {
          companyId,
          recordType: request.params.recordType,
          procoreIds: request.body.procoreIds,
          action,
          actor: resolveActor(request),
          comment: request.body.comment ?? null,
          exportOptions: request.body.options,
        });
        return { results };
      },
    );
  }
}
