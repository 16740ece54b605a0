import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

/** One registered route as declared: what the contract test (test/route-contract.test.ts) checks. */
export interface RecordedRoute {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  handler: RouteOptions['handler'];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after this plugin, with its schema (HEAD, which Fastify adds to each GET, left out). */
    recordedRoutes: RecordedRoute[];
  }
}

/**
 * Keeps what each route was registered with (Fastify lists routes only as text, `printRoutes`), so a test can prove
 * that every route takes its params, query, body and responses from @connector/contract. Registered first.
 */
export const recordRoutes = fp(async (app: FastifyInstance) => {
  app.decorate('recordedRoutes', [] as RecordedRoute[]);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.recordedRoutes.push({ method, url: route.url, schema: route.schema, handler: route.handler });
    }
  });
});
