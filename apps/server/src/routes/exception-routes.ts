import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { exceptionApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { dismissFailedJob, listExceptions, retryFailedJob } from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { resolveMember } from '../plugins/resolve-member.ts';

/**
 * The Exceptions screen for both directions: failed exports to QuickBooks and QuickBooks transactions not brought
 * into Procore, one list, with background jobs that failed for good. Any member may read it; the actions of exports
 * and imports stay on their own routes (and roles): the export routes' retry/dismiss/resolve and POST
 * …/imports/failures/retry. A failed job's retry and dismiss are here (retryOrDismiss, as an export's), audited.
 */
export async function exceptionRoutes(app: FastifyInstance, options: { db: Database }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/companies/:companyId/exceptions', { schema: exceptionApi.list }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    const { limit, offset, direction } = request.query;
    return listExceptions(db, { companyId, limit, offset, ...(direction ? { direction } : {}) });
  });
  api.post(
    '/api/companies/:companyId/exceptions/jobs/:jobId/retry',
    { preValidation: requireAction('retryOrDismiss'), schema: exceptionApi.retryJob },
    async (request) => {
      const { companyId } = resolveMember(request);
      const actor = resolveActor(request);
      return retryFailedJob(db, { companyId, jobId: request.params.jobId, actor: actor.id });
    },
  );
  api.post(
    '/api/companies/:companyId/exceptions/jobs/:jobId/dismiss',
    { preValidation: requireAction('retryOrDismiss'), schema: exceptionApi.dismissJob },
    async (request) => {
      const { companyId } = resolveMember(request);
      const actor = resolveActor(request);
      return dismissFailedJob(db, { companyId, jobId: request.params.jobId, actor: actor.id });
    },
  );
}
