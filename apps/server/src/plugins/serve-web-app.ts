import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `pnpm --filter @connector/web build` writes the embedded app. */
export const DEFAULT_WEB_APP_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Procore hosts the app is embedded from (its iframe on app.procore.com and the sandboxes). */
const PROCORE_FRAME_ANCESTORS = ['https://*.procore.com', 'https://*.procoretech.com'];

export interface ServeWebAppOptions {
  /** Built app; default apps/web/dist. */
  distDir?: string;
  /**
   * The configured Procore environments: any whose hosts are not Procore's own (the simulator in demo mode)
   * may frame the app too.
   */
  procoreEnvironments?: Partial<Record<string, { loginBaseUrl: string; apiBaseUrl: string }>>;
}

/**
 * The embedded app at /app/: hashed assets cached for a year, every other path answered with
 * index.html (the app routes on the client), and headers that let Procore's iframe show it. Procore embeds
 * the app in an iframe, so X-Frame-Options must not be sent; CSP frame-ancestors names who may frame it.
 * Without a build, /app/ says how to make one (503) instead of a bare 404.
 */
export async function serveWebApp(app: FastifyInstance, options: ServeWebAppOptions) {
  const distDir = options.distDir ?? DEFAULT_WEB_APP_DIST;
  const frameAncestors = ["'self'", ...PROCORE_FRAME_ANCESTORS, ...simulatorOrigins(options.procoreEnvironments ?? {})];
  const contentSecurityPolicy = [
    "default-src 'self'",
    "script-src 'self'",
    // styled-components (used by @procore/core-react) injects <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
  const embeddingHeaders = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', contentSecurityPolicy)
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .header('x-content-type-options', 'nosniff');

  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ distDir }, 'the embedded app is not built: /app/ answers 503 until `pnpm --filter @connector/web build` runs');
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      embeddingHeaders(reply).status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    app.get('/app', notBuilt);
    app.get('/app/*', notBuilt);
    return;
  }

  const indexHtml = await readFile(indexFile, 'utf8');
  const sendIndex = async (_request: unknown, reply: FastifyReply) =>
    // index.html names the current hashed bundles: always revalidated, so a deploy is picked up at once.
    embeddingHeaders(reply).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);

  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: distDir,
      prefix: '/app/',
      index: false,
      wildcard: false,
      decorateReply: false,
      setHeaders(reply, filePath) {
        embeddingHeaders(reply);
        // Vite names bundles by content hash (assets/index-Ij9ULUeP.js): safe to cache for good.
        reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    scope.get('/app', async (_request, reply) => reply.redirect('/app/', 301));
    scope.get('/app/', sendIndex);
    // Client-side routes (/app/exports, /app/settings?company_id=…): the app itself. A missing asset stays a 404.
    scope.get('/app/*', async (request, reply) => {
      if (request.url.startsWith('/app/assets/')) {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No such file ${request.url.split('?')[0]}`, details: null } });
      }
      return sendIndex(request, reply);
    });
  });
}

/** Origins of configured Procore hosts that are not Procore's (the simulator in demo mode and tests). */
function simulatorOrigins(environments: NonNullable<ServeWebAppOptions['procoreEnvironments']>): string[] {
  const origins = new Set<string>();
  for (const environment of Object.values(environments)) {
    for (const url of [environment?.loginBaseUrl, environment?.apiBaseUrl]) {
      if (!url) continue;
      const { origin, hostname } = new URL(url);
      if (!hostname.endsWith('.procore.com') && !hostname.endsWith('.procoretech.com')) origins.add(origin);
    }
  }
  return [...origins];
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>The app is not built</title></head>
<body>
<main>
<h1>The embedded app is not built yet</h1>
<p>This server serves the ERP Integrations app from <code>apps/web/dist</code>, which does not exist.
Build it with <code>pnpm --filter @connector/web build</code> (or run <code>pnpm install</code>, which builds it), then reload.</p>
</main>
</body>
</html>
`;
