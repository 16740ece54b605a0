import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import {
  completeProcoreSignIn,
  connectServiceAccount,
  disconnectProcore,
  getCompany,
  isAppError,
  startProcoreSignIn,
  type ProcoreService,
} from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { renderSignInResultPage } from '../procore/render-sign-in-result-page.ts';
import { companyParams, errorBody } from './route-schemas.ts';

const connectionBody = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['not_connected', 'connected', 'needs_sign_in', 'disconnected'] },
    statusMessage: { type: ['string', 'null'] },
    environment: { type: 'string' },
    grantType: { type: 'string' },
    procoreUser: { type: ['string', 'null'] },
    connectedAt: { type: ['string', 'null'] },
    connectedBy: { type: ['string', 'null'] },
    accessTokenExpiresAt: { type: ['string', 'null'] },
    lastRefreshedAt: { type: ['string', 'null'] },
    encryptionKeyId: { type: ['string', 'null'] },
    webhooks: {
      type: ['object', 'null'],
      properties: { destinationUrl: { type: 'string' }, triggers: { type: 'integer' }, lastDeliveryAt: { type: ['string', 'null'] } },
    },
    lastReconciledAt: { type: ['string', 'null'] },
  },
} as const;

/**
 * Connecting a company to Procore: the sign-in popup (start → Procore → callback page), the service
 * account alternative, status, disconnect (revokes), webhook registration and an on-demand reconcile.
 * Thin: each route calls one service function. Changing the connection is for admins; reading it for any member.
 */
export async function procoreRoutes(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  const { db, settings } = procore;

  // The popup's first page: a redirect to Procore's authorize URL with a single-use state. Needs the session
  // cookie in the popup, which a partitioned cookie set inside Procore's iframe is not (CHIPS): from the
  // iframe, POST below and open the popup at the authorizeUrl it answers instead.
  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/procore/connect',
    { preValidation: requireAction('manageConnection'), schema: { params: companyParams, response: { 302: { type: 'null' }, 403: errorBody, 404: errorBody, 503: errorBody } } },
    async (request, reply) => {
      const { authorizeUrl } = await startProcoreSignIn(db, settings, { companyId: request.params.companyId, actor: resolveActor(request).id });
      return reply.redirect(authorizeUrl, 302);
    },
  );

  // The same from the iframe (cookie + X-CSRF-Token): Procore's authorize URL to open in the popup.
  app.post<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/procore/connect',
    {
      // The authorize URL carries the OAuth state, a single-use secret stored only hashed (hostile input).
      config: { answerHoldsSecret: true },
      preValidation: requireAction('manageConnection'),
      schema: { params: companyParams, response: { 200: { type: 'object', required: ['authorizeUrl'], properties: { authorizeUrl: { type: 'string' } } }, 403: errorBody, 404: errorBody, 503: errorBody } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return startProcoreSignIn(db, settings, { companyId: request.params.companyId, actor: resolveActor(request).id });
    },
  );

  // Procore redirects here; the page notifies the opener and closes (procore-iframe-helpers).
  app.get<{ Querystring: { code?: string; state?: string; error?: string; error_description?: string } }>(
    '/oauth/procore/callback',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { code: { type: 'string', maxLength: 2048 }, state: { type: 'string', maxLength: 256 }, error: { type: 'string', maxLength: 256 }, error_description: { type: 'string', maxLength: 2048 } },
        },
      },
    },
    async (request, reply) => {
      let page;
      try {
        const { companyId, user } = await completeProcoreSignIn(db, settings, { ...request.query, fetch: procore.fetch });
        page = renderSignInResultPage({ ok: true, companyId, message: `Connected to Procore as ${user.login ?? user.name ?? 'the signed-in user'}.` });
      } catch (error) {
        if (!isAppError(error) || error.status >= 500) request.log.error({ err: error }, 'Procore sign-in failed');
        const message = isAppError(error) ? error.message : 'Something went wrong on our side while finishing the Procore sign-in. It has been logged; try again.';
        page = renderSignInResultPage({ ok: false, message });
        reply.status(isAppError(error) ? error.status : 500);
      }
      return reply
        .header('content-security-policy', page.contentSecurityPolicy)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(page.html);
    },
  );

  // The helper library the callback page loads, from our origin (its UMD global is ProcoreIframeHelpers).
  const require = createRequire(import.meta.url);
  const helpersPath = require.resolve('@procore/procore-iframe-helpers/dist/index.min.js');
  const helpersSource = await readFile(helpersPath, 'utf8');
  app.get('/static/procore-iframe-helpers.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(helpersSource),
  );

  app.post<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/procore/service-account',
    { preValidation: requireAction('manageConnection'), schema: { params: companyParams, response: { 200: connectionBody, 400: errorBody, 403: errorBody, 404: errorBody, 502: errorBody, 503: errorBody } } },
    async (request) => {
      await connectServiceAccount(db, settings, { companyId: request.params.companyId, actor: resolveActor(request).id, fetch: procore.fetch });
      return procore.describeConnection(request.params.companyId);
    },
  );

  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/procore/connection',
    { schema: { params: companyParams, response: { 200: connectionBody, 404: errorBody } } },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      return procore.describeConnection(company.id);
    },
  );

  app.delete<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/procore/connection',
    {
      preValidation: requireAction('manageConnection'),
      schema: {
        params: companyParams,
        response: {
          200: { type: 'object', properties: { revoked: { type: 'array', items: { type: 'string' } }, revokeFailed: { type: 'array', items: { type: 'string' } } } },
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      const actor = resolveActor(request).id;
      await procore.unregisterWebhooks(company.id, actor).catch((error) => request.log.warn({ err: error }, 'could not remove the Procore webhook hook'));
      return disconnectProcore(db, settings, { companyId: company.id, actor, fetch: procore.fetch });
    },
  );

  app.post<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/procore/webhooks',
    {
      preValidation: requireAction('manageConnection'),
      schema: {
        params: companyParams,
        response: {
          200: { type: 'object', properties: { procoreHookId: { type: 'string' }, destinationUrl: { type: 'string' }, triggers: { type: 'integer' } } },
          404: errorBody,
          409: errorBody,
          502: errorBody,
        },
      },
    },
    async (request) => {
      const company = await getCompany(db, request.params.companyId);
      return procore.registerWebhooks(company.id, resolveActor(request).id);
    },
  );

  app.post<{ Params: { companyId: string }; Body: { full?: boolean } | undefined }>(
    '/api/companies/:companyId/procore/reconcile',
    {
      preValidation: requireAction('manageConnection'),
      schema: {
        params: companyParams,
        body: { type: ['object', 'null'], properties: { full: { type: 'boolean' } }, additionalProperties: false },
        response: { 202: { type: 'object', properties: { jobId: { type: 'string' }, alreadyQueued: { type: 'boolean' } } }, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const company = await getCompany(db, request.params.companyId);
      const job = await procore.queueReconciliation(company.id, { full: request.body?.full ?? false, actor: resolveActor(request).id });
      return reply.status(202).send({ jobId: job.id, alreadyQueued: !job.created });
    },
  );
}
