import type { FastifyInstance } from 'fastify';
import type { ProcoreService } from '@connector/sync';
import { completeSignInRoute } from './procore/complete-sign-in-route.ts';
import { connectServiceAccountRoute } from './procore/connect-service-account-route.ts';
import { disconnectProcoreRoute } from './procore/disconnect-procore-route.ts';
import { queueReconciliationRoute } from './procore/queue-reconciliation-route.ts';
import { readProcoreConnectionRoute } from './procore/read-procore-connection-route.ts';
import { registerWebhooksRoute } from './procore/register-webhooks-route.ts';
import { serveIframeHelpersRoute } from './procore/serve-iframe-helpers-route.ts';
import { startSignInRedirectRoute } from './procore/start-sign-in-redirect-route.ts';
import { startSignInRoute } from './procore/start-sign-in-route.ts';

/**
 * Connecting a company to Procore: the sign-in popup (start → Procore → callback page), the service
 * account alternative, status, disconnect (revokes), webhook registration and an on-demand reconcile.
 * Thin: each route calls one service function. Changing the connection is for admins; reading it for any member.
 * One route per file in routes/procore/, registered here in this order, in this plugin's context.
 */
export async function procoreRoutes(app: FastifyInstance, options: { procore: ProcoreService }) {
  startSignInRedirectRoute(app, options);
  startSignInRoute(app, options);
  completeSignInRoute(app, options);
  await serveIframeHelpersRoute(app);
  connectServiceAccountRoute(app, options);
  readProcoreConnectionRoute(app, options);
  disconnectProcoreRoute(app, options);
  registerWebhooksRoute(app, options);
  queueReconciliationRoute(app, options);
}
