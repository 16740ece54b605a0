import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { healthApi } from '@connector/contract';

/** AppSupport in the .qwc must be on our domain and answer 200 (QBWC guide ch. 4), or QBWC refuses the file. */
export async function supportRoutes(app: FastifyInstance, options: { appName: string }) {
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .get('/support', { schema: healthApi.support }, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${options.appName} support</title></head>` +
            `<body><h1>${options.appName}</h1><p>Keep the Windows session where the QuickBooks Web Connector runs logged in; ` +
            `minimise the Web Connector instead of closing it; run it as a QuickBooks admin user; keep company files outside ` +
            `Dropbox/OneDrive folders. Status and errors of every sync are on the Connection and Activity pages inside Procore.</p></body></html>`,
        ),
    );
}
