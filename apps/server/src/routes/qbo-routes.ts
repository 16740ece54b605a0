import type { FastifyInstance } from 'fastify';
import type { QboService } from '@connector/sync';
import { completeQboConnectRoute } from './qbo/complete-qbo-connect-route.ts';
import { disconnectQboRoute } from './qbo/disconnect-qbo-route.ts';
import { readQboConnectionRoute } from './qbo/read-qbo-connection-route.ts';
import { setAccountingEditionRoute } from './qbo/set-accounting-edition-route.ts';
import { startQboConnectRedirectRoute } from './qbo/start-qbo-connect-redirect-route.ts';
import { startQboConnectRoute } from './qbo/start-qbo-connect-route.ts';

/**
 * QuickBooks Online (issue 22, the connection piece): the accounting edition of the company, the connect popup
 * (start → Intuit → callback page, as Procore's), status and disconnect (revokes). Each route calls one service
 * function; changing anything is for admins (manageConnection), reading for any member.
 */
export async function qboRoutes(app: FastifyInstance, options: { qbo: QboService }) {
  startQboConnectRedirectRoute(app, options);
  startQboConnectRoute(app, options);
  completeQboConnectRoute(app, options);
  readQboConnectionRoute(app, options);
  disconnectQboRoute(app, options);
  setAccountingEditionRoute(app, options);
}
