import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { qboApi } from '@connector/contract';
import { completeQboConnect, isAppError, type QboService } from '@connector/sync';
import { renderSignInResultPage } from '../../procore/render-sign-in-result-page.ts';

const TITLES = { ok: 'Connected to QuickBooks Online', failed: 'QuickBooks Online was not connected' };

/** GET /oauth/qbo/callback: Intuit redirects here (the Redirect URI of the Intuit app); the page tells the opener and closes. */
export function completeQboConnectRoute(app: FastifyInstance, options: { qbo: QboService }) {
  const { qbo } = options;
  app.withTypeProvider<TypeBoxTypeProvider>().get('/oauth/qbo/callback', { schema: qboApi.callback }, async (request, reply) => {
    let page;
    try {
      const { companyId, companyName, realmId } = await completeQboConnect(qbo.db, qbo.settings, {
        ...request.query,
        fetch: qbo.fetch,
        onCall: (companyId, event) => qbo.calls.record(companyId, event),
      });
      page = renderSignInResultPage({ ok: true, companyId, message: `Connected to QuickBooks Online company ${companyName ?? realmId}.` }, TITLES);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) request.log.error({ err: error }, 'QuickBooks Online connect failed');
      const message = isAppError(error) ? error.message : 'Something went wrong on our side while connecting QuickBooks Online. It has been logged; try again.';
      page = renderSignInResultPage({ ok: false, message }, TITLES);
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
}
