import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreApi } from '@connector/contract';

/** GET /static/procore-iframe-helpers.js: the helper library the callback page loads, from our origin (its UMD global is ProcoreIframeHelpers). */
export async function serveIframeHelpersRoute(app: FastifyInstance) {
  const require = createRequire(import.meta.url);
  const helpersPath = require.resolve('@procore/procore-iframe-helpers/dist/index.min.js');
  const helpersSource = await readFile(helpersPath, 'utf8');
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .get('/static/procore-iframe-helpers.js', { schema: procoreApi.iframeHelpers }, async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(helpersSource),
    );
}
