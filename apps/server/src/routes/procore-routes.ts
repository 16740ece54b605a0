import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';
import { completeProcoreSignIn, connectServiceAccount, disconnectProcore, isAppError, startProcoreSignIn, type ProcoreService } from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { resolveMember } from '../plugins/resolve-member.ts';
import { renderSignInResultPage } from '../procore/render-sign-in-result-page.ts';

/**
 * Connecting a company to Procore: the sign-in popup (start → Procore → callback page), the service
 * account alternative, status, disconnect (revokes), webhook registration and an on-demand reconcile.
 * Thin: each route calls one service function. Changing the connection is for admins; reading it for any member.
 */
export async function procoreRoutes(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  const { db, settings } = procore;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const describeConnection = (companyId: string) => procore.describeConnection(companyId);

  // The popup's first page: a redirect to Procore's authorize URL with a single-use state. Needs the session
  // cookie in the popup, which a partitioned cookie set inside Procore's iframe is not (CHIPS): from the
  // iframe, POST below and open the popup at the authorizeUrl it answers instead.
  api.get(
    '/api/companies/:companyId/procore/connect',
    { preValidation: requireAction('manageConnection'), schema: procoreApi.connectRedirect },
    async (request, reply) => {
      const { authorizeUrl } = await startProcoreSignIn(db, settings, { companyId: resolveMember(request).companyId, actor: resolveActor(request).id });
      return reply.redirect(authorizeUrl, 302);
    },
  );

  // The same from the iframe (cookie + X-CSRF-Token): Procore's authorize URL to open in the popup.
  api.post(
    '/api/companies/:companyId/procore/connect',
    {
      // The authorize URL carries the OAuth state, a single-use secret stored only hashed (hostile input).
      config: { answerHoldsSecret: true },
      preValidation: requireAction('manageConnection'),
      schema: procoreApi.connect,
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return startProcoreSignIn(db, settings, { companyId: resolveMember(request).companyId, actor: resolveActor(request).id });
    },
  );

  // Procore redirects here; the page notifies the opener and closes (procore-iframe-helpers).
  api.get('/oauth/procore/callback', { schema: procoreApi.callback }, async (request, reply) => {
    let page;
    try {
      const { companyId, user } = await completeProcoreSignIn(db, settings, { ...request.query, fetch: procore.fetch });
      page = renderSignInResultPage({ ok: true, companyId, message: `Connected to Procore as ${user.login ?? user.name ?? 'the signed-in user'}.` });
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) request.log.error({ err: error }, 'Procore sign-in failed');
      const message = isAppError(error)
        ? error.message
        : 'Something went wrong on our side while finishing the Procore sign-in. It has been logged; try again.';
      page = renderSignInResultPage({ ok: false, message });
      // The page carries the error's status; only the 200 page is in the contract (text is not serialized either way).
      (reply as FastifyReply).status(isAppError(error) ? error.status : 500);
    }
    return reply
      .header('content-security-policy', page.contentSecurityPolicy)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(page.html);
  });

  // The helper library the callback page loads, from our origin (its UMD global is ProcoreIframeHelpers).
  const require = createRequire(import.meta.url);
  const helpersPath = require.resolve('@procore/procore-iframe-helpers/dist/index.min.js');
  const helpersSource = await readFile(helpersPath, 'utf8');
  api.get('/static/procore-iframe-helpers.js', { schema: procoreApi.iframeHelpers }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(helpersSource),
  );

  api.post(
    '/api/companies/:companyId/procore/service-account',
    { preValidation: requireAction('manageConnection'), schema: procoreApi.serviceAccount },
    async (request) => {
      const { companyId } = resolveMember(request);
      await connectServiceAccount(db, settings, { companyId, actor: resolveActor(request).id, fetch: procore.fetch });
      return describeConnection(companyId);
    },
  );

  api.get('/api/companies/:companyId/procore/connection', { schema: procoreApi.read }, async (request) => describeConnection(resolveMember(request).companyId));

  api.delete(
    '/api/companies/:companyId/procore/connection',
    { preValidation: requireAction('manageConnection'), schema: procoreApi.disconnect },
    async (request) => {
      const { companyId } = resolveMember(request);
      const actor = resolveActor(request).id;
      await procore.unregisterWebhooks(companyId, actor).catch((error) => request.log.warn({ err: error }, 'could not remove the Procore webhook hook'));
      return disconnectProcore(db, settings, { companyId, actor, fetch: procore.fetch });
    },
  );

  api.post('/api/companies/:companyId/procore/webhooks', { preValidation: requireAction('manageConnection'), schema: procoreApi.webhooks }, async (request) => {
    const { companyId } = resolveMember(request);
    return procore.registerWebhooks(companyId, resolveActor(request).id);
  });

  api.post(
    '/api/companies/:companyId/procore/reconcile',
    { preValidation: requireAction('manageConnection'), schema: procoreApi.reconcile },
    async (request, reply) => {
      const { companyId } = resolveMember(request);
      const job = await procore.queueReconciliation(companyId, { full: request.body?.full ?? false, actor: resolveActor(request).id });
      return reply.status(202).send({ jobId: job.id, alreadyQueued: !job.created });
    },
  );
}
