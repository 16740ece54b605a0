import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';
import type { ProcoreService } from '@connector/sync';
import { requireAction } from '../../plugins/require-role.ts';
import { resolveActor } from '../../plugins/resolve-actor.ts';
import { resolveMember } from '../../plugins/resolve-member.ts';

/** POST …/procore/reconcile: queues an on-demand reconciliation with Procore (202 with the job). */
export function queueReconciliationRoute(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post(
      '/api/companies/:companyId/procore/reconcile',
      { preValidation: requireAction('manageConnection'), schema: procoreApi.reconcile },
      async (request, reply) => {
        const { companyId } = resolveMember(request);
        const job = await procore.queueReconciliation(companyId, { full: request.body?.full ?? false, actor: resolveActor(request).id });
        return reply.status(202).send({ jobId: job.id, alreadyQueued: !job.created });
      },
    );
}
