import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';
import { completeProcoreSignIn, isAppError, type ProcoreService } from '@connector/sync';
import { renderSignInResultPage } from '../../procore/render-sign-in-result-page.ts';

/** GET /oauth/procore/callback: Procore redirects here; the page notifies the opener and closes (procore-iframe-helpers). */
export function completeSignInRoute(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  const { db, settings } = procore;
  app.withTypeProvider<TypeBoxTypeProvider>().get('/oauth/procore/callback', { schema: procoreApi.callback }, async (request, reply) => {
    let page;
    try {
      const { companyId, user } = await completeProcoreSignIn(db, settings, { ...request.query, fetch: procore.fetch });
      // The new sign-in may be another environment or user: no call of this process keeps the old token.
      procore.tokens.forget(companyId);
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
}
