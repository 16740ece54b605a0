import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { qbwcConnectionApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { describeQbwcConnection, rebindCompanyFile, rotateQbwcPassword, unlockQbwcSignIn } from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { resolveMember } from '../plugins/resolve-member.ts';

/** The Connection screen's Web Connector side: status, the password (shown once), re-binding the company file, unblocking sign-in. */
export async function qbwcConnectionRoutes(app: FastifyInstance, options: { db: Database; now: () => Date; sessionIdleTimeoutMs: number }) {
  const { db } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/api/companies/:companyId/qbwc/connection', { schema: qbwcConnectionApi.read }, async (request) =>
    describeQbwcConnection(db, { companyId: resolveMember(request).companyId, now: options.now(), sessionIdleTimeoutMs: options.sessionIdleTimeoutMs }),
  );

  api.post(
    '/api/companies/:companyId/qbwc/password',
    {
      // The password is the answer: an Idempotency-Key replay must not keep or show it (hostile input).
      config: { answerHoldsSecret: true },
      preValidation: requireAction('manageConnection'),
      schema: qbwcConnectionApi.rotatePassword,
    },
    async (request, reply) => {
      // Shown once: never cached anywhere on the way.
      reply.header('cache-control', 'no-store');
      return rotateQbwcPassword(db, { companyId: resolveMember(request).companyId, actor: resolveActor(request).id });
    },
  );

  api.post('/api/companies/:companyId/qbwc/rebind', { preValidation: requireAction('manageConnection'), schema: qbwcConnectionApi.rebind }, async (request) => {
    await rebindCompanyFile(db, resolveMember(request).companyId, resolveActor(request).id);
    return { ok: true };
  });

  // Hostile input: failed sign-ins pause the address they came from; an admin can clear them all at once (audited).
  api.post('/api/companies/:companyId/qbwc/unlock', { preValidation: requireAction('manageConnection'), schema: qbwcConnectionApi.unlock }, async (request) =>
    unlockQbwcSignIn(db, { companyId: resolveMember(request).companyId, actor: resolveActor(request).id, now: options.now() }),
  );
}
