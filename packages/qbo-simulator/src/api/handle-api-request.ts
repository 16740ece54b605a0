// The request pipeline of the simulated Accounting API, in Intuit's order:
//   intuit_tid on every answer → OAuth paths → /v3/company/<realmId>/… → bearer token (401 `fault` 3200) →
//   token's realm (403 3100) → minorversion → injected faults → throttle (429 3001) → requestid replay →
//   the operation → store the answer under the requestid → *-after-write faults.
// requestid: "If the service receives another request with the same requestid, instead of performing the
// operation again … the service sends back the same response it sent for the original request" ("Request ID
// update", blogs.intuit.com 2015-04-06) — so the first answer is kept per realm and replayed even after the
// record changed or was deleted.
// minorversion: Intuit ignores values below 75 since 1 Aug 2025 and serves 75 ("Changes to our Accounting API
// that may impact your application", blogs.intuit.com 2025-01-21). policy 'intuit' does that; the default
// 'reject' answers 400 so a client that forgets to pin it is caught in tests (simulator's choice, README).

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { QboSimFault, authenticationFaultBody, objectNotFound, throttleExceeded, unsupportedProperty, validationFault } from '../http/qbo-fault.ts';
import { entityFromName } from '../model/entity-rules.ts';
import { formatResponseTime } from '../model/format-qbo-time.ts';
import { handleOAuthRequest } from '../oauth/handle-oauth-request.ts';
import type { OAuthState } from '../oauth/oauth-state.ts';
import { parseQuery } from '../query/parse-query.ts';
import { resolveQueryEntity, runQuery } from '../query/run-query.ts';
import type { FaultInjector, InjectedFault } from './fault-injector.ts';
import { readCdc } from './read-cdc.ts';
import type { RealmState, StoredAnswer } from './realm-state.ts';
import { runBatch } from './run-batch.ts';
import { runEntityOperation } from './run-entity-operation.ts';

export const MIN_MINOR_VERSION = 75;

export interface ApiContext {
  oauth: OAuthState;
  realms: Map<string, RealmState>;
  defaultRealmId: () => string;
  faults: FaultInjector;
  now: () => number;
  minorVersionPolicy: 'reject' | 'intuit';
  stats: { requests: number; throttled: number; replayed: number; byResource: Map<string, number> };
}

const COMPANY_PATH = /^\/v3\/company\/([^/]+)\/([^?]*)$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function faultAnswer(fault: QboSimFault, nowMs: number): StoredAnswer {
  return { status: fault.status, body: JSON.stringify({ Fault: fault.toFault(), time: formatResponseTime(nowMs) }) };
}

function send(res: ServerResponse, answer: StoredAnswer, headers: Record<string, string> = {}): void {
  res.writeHead(answer.status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  res.end(answer.body);
}

function systemFault(status: number, nowMs: number): StoredAnswer {
  return faultAnswer(
    new QboSimFault(status, 'SystemFault', [
      { Message: 'An application error has occurred while processing your request', Detail: 'System Failure Error: simulated', code: '10000' },
    ]),
    nowMs,
  );
}

export function createApiListener(ctx: ApiContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    // Every Intuit answer carries intuit_tid, the id support asks for ("Handling common errors" page).
    res.setHeader('intuit_tid', `1-${randomUUID()}`);
    readBody(req).then(
      (body) => {
        try {
          handle(ctx, req, res, body);
        } catch (error) {
          // A simulator bug, not an Intuit answer: say so plainly.
          if (!res.headersSent) send(res, { status: 500, body: JSON.stringify({ error: 'simulator error', message: String(error) }) });
        }
      },
      () => res.destroy(),
    );
  };
}

function handle(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  if (handleOAuthRequest(ctx.oauth, ctx.defaultRealmId, req, url, body, res)) return;
  const match = COMPANY_PATH.exec(url.pathname);
  if (!match) {
    send(res, { status: 404, body: JSON.stringify({ error: 'not found' }) });
    return;
  }
  const realmId = decodeURIComponent(match[1] as string);
  const rest = (match[2] as string).replace(/\/+$/, '');
  const resource = rest.split('/')[0] ?? '';
  const method = req.method ?? 'GET';
  const t = ctx.now();
  ctx.stats.requests++;
  ctx.stats.byResource.set(resource, (ctx.stats.byResource.get(resource) ?? 0) + 1);

  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const grant = bearer === undefined ? { refused: 'Token missing' } : ctx.oauth.checkAccessToken(bearer);
  if ('refused' in grant) {
    send(
      res,
      { status: 401, body: JSON.stringify(authenticationFaultBody(grant.refused)) },
      { 'WWW-Authenticate': 'Bearer realm="Intuit", error="invalid_token"' },
    );
    return;
  }
  const realm = ctx.realms.get(realmId);
  if (grant.realmId !== realmId || !realm) {
    send(
      res,
      faultAnswer(
        new QboSimFault(403, 'AuthorizationFault', [
          { Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', Detail: 'the token is not for this company', code: '3100' },
        ]),
        t,
      ),
    );
    return;
  }
  const minor = Number(url.searchParams.get('minorversion') ?? NaN);
  if (ctx.minorVersionPolicy === 'reject' && !(minor >= MIN_MINOR_VERSION)) {
    send(
      res,
      faultAnswer(
        unsupportedProperty(
          `minorversion must be ${MIN_MINOR_VERSION} or later (Intuit ignores lower ones since 1 Aug 2025); got ${url.searchParams.get('minorversion') ?? 'none'}`,
          'minorversion',
        ),
        t,
      ),
    );
    return;
  }

  const injected = ctx.faults.take({ method, resource, realmId });
  if (injected && answerInjectedBefore(injected, res, t)) return;

  const decision = realm.limiter.take(resource === 'batch');
  if (!decision.allowed) {
    ctx.stats.throttled++;
    send(res, faultAnswer(throttleExceeded(), t), realm.limiter.retryAfterHeader ? { 'Retry-After': String(decision.retryAfterSeconds) } : {});
    return;
  }

  const requestId = method === 'POST' ? url.searchParams.get('requestid') : null;
  if (requestId !== null && requestId !== '') {
    const first = realm.answers.get(requestId);
    if (first) {
      ctx.stats.replayed++;
      send(res, first);
      return;
    }
  }

  const answer = run(ctx, realm, method, rest, url, body, t);
  if (requestId !== null && requestId !== '' && answer.status < 500) realm.answers.set(requestId, answer);
  if (injected?.kind === 'drop-after-write') {
    res.socket?.destroy();
    return;
  }
  if (injected?.kind === 'status-after-write') {
    send(res, systemFault(injected.status ?? 500, t));
    return;
  }
  send(res, answer);
}

/** Faults answered before anything is done; true when answered. */
function answerInjectedBefore(fault: InjectedFault, res: ServerResponse, t: number): boolean {
  switch (fault.kind) {
    case 'status':
      send(res, systemFault(fault.status ?? 503, t));
      return true;
    case 'drop':
      res.socket?.destroy();
      return true;
    case 'auth-3200':
      send(res, { status: 401, body: JSON.stringify(authenticationFaultBody('Token revoked (simulated)')) });
      return true;
    case 'throttle': {
      const retryAfter = fault.retryAfterSeconds === undefined ? 1 : fault.retryAfterSeconds;
      send(res, faultAnswer(throttleExceeded(), t), retryAfter === null ? {} : { 'Retry-After': String(retryAfter) });
      return true;
    }
    default:
      return false;
  }
}

function run(ctx: ApiContext, realm: RealmState, method: string, rest: string, url: URL, body: string, t: number): StoredAnswer {
  try {
    const result = dispatch(realm, method, rest, url, body, t);
    return { status: 200, body: JSON.stringify({ ...result, time: formatResponseTime(t) }) };
  } catch (error) {
    if (error instanceof QboSimFault) return faultAnswer(error, t);
    throw error;
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw validationFault('2010', 'Request has invalid or unsupported property', 'the request body is not JSON');
  }
}

function dispatch(realm: RealmState, method: string, rest: string, url: URL, body: string, t: number): Record<string, unknown> {
  const [resource = '', id, extra] = rest.split('/');
  if (resource === 'query' && (method === 'GET' || method === 'POST')) {
    // GET …/query?query=<statement>, or POST …/query with the statement as the body (Content-Type application/text).
    const statement = method === 'GET' ? (url.searchParams.get('query') ?? '') : body;
    const query = parseQuery(statement);
    return { QueryResponse: runQuery(query, realm.store.list(resolveQueryEntity(query))) };
  }
  if (resource === 'batch' && method === 'POST') return { BatchItemResponse: runBatch(realm.store, parseJson(body)) };
  if (resource === 'cdc' && method === 'GET') return readCdc(realm.store, url.searchParams, t);
  if (resource === 'companyinfo' && method === 'GET' && id !== undefined && extra === undefined) return { CompanyInfo: companyInfoOf(realm, id) };
  const entity = entityFromName(resource);
  if (!entity || resource !== entity.toLowerCase() || extra !== undefined) throw unsupportedProperty(`unsupported resource ${method} ${rest}`);
  if (method === 'GET' && id !== undefined) {
    if (!/^\d+$/.test(id)) throw objectNotFound(entity, id);
    return { [entity]: realm.store.read(entity, id) };
  }
  if (method === 'POST' && id === undefined) {
    const operation = url.searchParams.get('operation');
    if (operation !== null && operation !== 'update' && operation !== 'delete')
      throw unsupportedProperty(`operation=${operation} is not supported`, 'operation');
    return { [entity]: runEntityOperation(realm.store, entity, operation, parseJson(body)) };
  }
  throw unsupportedProperty(`unsupported method ${method} on ${rest}`);
}

/**
 * GET /v3/company/<realmId>/companyinfo/<realmId>: the CompanyInfo entity, read-only here ("The CompanyInfo object
 * contains basic company information", Accounting API reference); its Id is the realm id. Only the fields a client
 * reads to name the company; Intuit's answer has addresses, dates and NameValue preferences besides.
 */
function companyInfoOf(realm: RealmState, id: string): Record<string, unknown> {
  if (id !== realm.store.realmId) throw objectNotFound('CompanyInfo', id);
  return {
    CompanyName: realm.companyName,
    LegalName: realm.companyName,
    Country: 'US',
    Id: realm.store.realmId,
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
  };
}
