import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../http/api-error.ts';
import type { ApiResult } from '../http/api-result.ts';
import { readRequestBody } from '../http/read-request-body.ts';
import type { RouteTable } from '../http/route-table.ts';
import { sendResult } from '../http/send-result.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { OAuthHandler } from '../oauth/oauth-context.ts';
import type { OAuthState } from '../oauth/oauth-state.ts';
import type { ApiConfig, ApiContext, ApiRoute } from './api-context.ts';
import type { FaultInjector } from './fault-injector.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { RequestStats } from './request-stats.ts';

export interface RequestDeps {
  store: ProcoreStore;
  oauth: OAuthState;
  oauthRoutes: RouteTable<OAuthHandler>;
  apiRoutes: RouteTable<ApiRoute>;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  stats: RequestStats;
  config: ApiConfig;
}

/**
 * One request through the simulated Procore front door, in this order: injected delay / dropped connection;
 * OAuth routes (login host); for the API host: bearer token (401), injected failure (503 + Retry-After),
 * rate limit per (client, company) (429), routing (404/405), Procore-Company-Id (400) and membership (403),
 * then the resource handler. API responses carry the X-Rate-Limit-* headers (API-CONTRACT.md "Conventions").
 */
export function createRequestListener(deps: RequestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      console.error('procore-simulator: unexpected error', error);
      sendResult(res, { status: 500, body: { errors: 'Internal Server Error' } });
    });
  };
}

async function handle(deps: RequestDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const target = req.url ?? '/';
  const url = new URL(target, `http://${req.headers.host ?? 'localhost'}`);
  const oauthMatch = deps.oauthRoutes.match(method, url.pathname);
  const apiMatch = oauthMatch === null ? deps.apiRoutes.match(method, url.pathname) : null;
  const matched = typeof oauthMatch === 'object' && oauthMatch !== null ? oauthMatch : typeof apiMatch === 'object' && apiMatch !== null ? apiMatch : null;
  deps.stats.recordRequest(`${method} ${matched?.template ?? url.pathname.replace(/\/\d+(?=\/|$)/g, '/{id}')}`);

  const delay = deps.faults.takeDelay(target);
  if (delay > 0) await sleep(delay);
  if (deps.faults.takeDrop(target)) {
    deps.stats.recordStatus(0);
    req.socket.destroy();
    return;
  }

  let headers: Record<string, string> = {};
  let result: ApiResult;
  try {
    if (oauthMatch !== null) {
      result = injectedFailure(deps, target) ?? (await handleOAuth(deps, req, url, oauthMatch));
    } else if (url.pathname.startsWith('/rest/')) {
      const outcome = await handleApi(deps, req, url, method, target, apiMatch);
      result = outcome.result;
      headers = outcome.headers;
    } else {
      result = { status: 404, body: { errors: 'Not Found' } };
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    result = { status: error.status, body: error.body, headers: error.headers };
  }
  deps.stats.recordStatus(result.status);
  sendResult(res, result, headers);
}

async function handleOAuth(
  deps: RequestDeps,
  req: IncomingMessage,
  url: URL,
  match: Exclude<ReturnType<RouteTable<OAuthHandler>['match']>, null>,
): Promise<ApiResult> {
  if (match === 'method-not-allowed') return { status: 405, body: { error: 'invalid_request', error_description: 'Method not allowed' } };
  const body = await readRequestBody(req);
  return match.handler({
    url,
    body,
    headers: req.headers,
    oauth: deps.oauth,
    user: deps.store.user,
    users: deps.store.users,
    serviceAccountUser: deps.store.serviceAccountUser,
  });
}

function injectedFailure(deps: RequestDeps, target: string): ApiResult | null {
  const fail = deps.faults.takeFail(target);
  if (fail === null) return null;
  const status = fail.status ?? 503;
  return {
    status,
    body: fail.body ?? { errors: status === 503 ? 'Service Unavailable' : `Injected failure (${status})` },
    headers: fail.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fail.retryAfterSeconds) },
  };
}

async function handleApi(
  deps: RequestDeps,
  req: IncomingMessage,
  url: URL,
  method: string,
  target: string,
  match: ReturnType<RouteTable<ApiRoute>['match']>,
): Promise<{ result: ApiResult; headers: Record<string, string> }> {
  const authorization = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const token = bearer === undefined ? undefined : deps.oauth.findAccessToken(bearer);
  if (token === undefined) {
    const message = bearer === undefined ? 'Authorization header with a Bearer token is required' : 'The access token is invalid, expired or revoked';
    return {
      result: { status: 401, body: { errors: message }, headers: { 'WWW-Authenticate': 'Bearer realm="Procore API", error="invalid_token"' } },
      headers: deps.rateLimiter.peek('anonymous'),
    };
  }

  const companyHeader = req.headers['procore-company-id'];
  const companyText = Array.isArray(companyHeader) ? companyHeader[0] : companyHeader;
  const rateKey = `${token.clientId}|${companyText ?? '-'}`;
  const failure = injectedFailure(deps, target);
  if (failure !== null) return { result: failure, headers: deps.rateLimiter.peek(rateKey) };
  const decision = deps.rateLimiter.consume(rateKey);
  if (!decision.allowed) return { result: { status: 429, body: { errors: 'Rate limit exceeded' } }, headers: decision.headers };
  const headers = decision.headers;

  if (match === null) return { result: { status: 404, body: { errors: 'Not Found' } }, headers };
  if (match === 'method-not-allowed') return { result: { status: 405, body: { errors: 'Method Not Allowed' } }, headers };

  let headerCompanyId: number | null = null;
  if (companyText !== undefined && companyText !== '') {
    if (!/^\d+$/.test(companyText.trim())) return { result: { status: 400, body: { errors: 'Procore-Company-Id header is invalid' } }, headers };
    headerCompanyId = Number(companyText);
  }
  if (match.handler.requiresCompany !== false) {
    if (headerCompanyId === null) return { result: { status: 400, body: { errors: 'Procore-Company-Id header is required' } }, headers };
    if (!deps.store.companies.has(headerCompanyId) || !deps.store.isMember(headerCompanyId)) {
      return { result: { status: 403, body: { errors: 'You do not have access to this company' } }, headers };
    }
  }

  const ctx: ApiContext = {
    method,
    url,
    params: match.params,
    query: url.searchParams,
    body: method === 'GET' || method === 'DELETE' ? {} : await readRequestBody(req),
    headerCompanyId,
    actor: { userId: token.userId, clientId: token.clientId },
    store: deps.store,
    config: deps.config,
  };
  try {
    return { result: await match.handler.handler(ctx), headers };
  } catch (error) {
    if (error instanceof ApiError) return { result: { status: error.status, body: error.body, headers: error.headers }, headers };
    throw error;
  }
}
