// Every route takes its params, query, body and responses from @connector/contract (TypeBox), so the server, the
// services' return types (checked by tsc through the type provider) and the web app's API layer read one shape.
// A route added with a hand-written schema, without one, or reading a query or body it does not declare fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contract from '@connector/contract';
import type { RecordedRoute } from '../src/plugins/record-routes.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

/** Routes that are not the API: the embedded app's files and index page (serve-web-app.ts). */
const isWebAppFile = (route: RecordedRoute) => route.url === '/app' || route.url.startsWith('/app/');
/** Routes whose body is not JSON: the Web Connector's SOAP, read by its own parser (read-qbwc-body.ts). */
const XML_BODY = new Set(['POST /qbwc']);

/** Each route entry of the contract (`settingsApi.read`, …): objects of the `*Api` exports. */
function contractRouteSchemas(): Set<unknown> {
  const entries = new Set<unknown>();
  for (const [name, value] of Object.entries(contract)) {
    if (!name.endsWith('Api') || typeof value !== 'object' || value === null) continue;
    for (const entry of Object.values(value)) entries.add(entry);
  }
  return entries;
}

const readsFromRequest = (handler: RecordedRoute['handler'], part: 'body' | 'query') =>
  new RegExp(`request\\.${part}\\b|\\{[^}]*\\b${part}\\b[^}]*\\}\\s*=\\s*request\\b`).test(String(handler));

describe('every route has its contract', () => {
  let server: TestServer;
  let routes: RecordedRoute[];
  beforeAll(async () => {
    server = await startTestServer('pglite');
    routes = server.app.recordedRoutes.filter((route) => !isWebAppFile(route));
  });
  afterAll(async () => server?.close());

  it('records the routes (the API, the Web Connector, webhooks, health)', () => {
    const names = routes.map((route) => `${route.method} ${route.url}`);
    expect(names).toContain('GET /api/session');
    expect(names).toContain('POST /qbwc');
    expect(names).toContain('POST /webhooks/procore/:companyId');
    expect(routes.length).toBeGreaterThan(50);
  });

  it("each route's schema is an entry of @connector/contract, never written on the route", () => {
    const entries = contractRouteSchemas();
    const missing = routes.filter((route) => !entries.has(route.schema)).map((route) => `${route.method} ${route.url}`);
    expect(missing).toEqual([]);
  });

  it('each route describes its answers, and the params of its URL', () => {
    const problems: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      const response = (route.schema?.response ?? {}) as Record<string, unknown>;
      if (!Object.keys(response).some((status) => /^[23]\d\d$/.test(status))) problems.push(`${name}: no success response`);
      const urlParams = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]).sort();
      const declared = Object.keys((route.schema?.params as { properties?: object } | undefined)?.properties ?? {}).sort();
      if (JSON.stringify(urlParams) !== JSON.stringify(declared))
        problems.push(`${name}: params ${declared.join(',') || 'none'} for ${urlParams.join(',') || 'none'}`);
    }
    expect(problems).toEqual([]);
  });

  it('a route that reads a query or a body declares it', () => {
    const problems: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      if (readsFromRequest(route.handler, 'query') && !route.schema?.querystring) problems.push(`${name}: reads the query without a schema`);
      if (readsFromRequest(route.handler, 'body') && !route.schema?.body && !XML_BODY.has(name)) problems.push(`${name}: reads the body without a schema`);
    }
    expect(problems).toEqual([]);
  });
});
