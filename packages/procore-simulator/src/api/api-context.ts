import type { ApiResult } from '../http/api-result.ts';
import type { Actor, ProcoreStore } from '../model/procore-store.ts';

export interface ApiConfig {
  maxPerPage: number;
  syncMaxItems: number;
}

/** Everything a resource handler sees of one authenticated API request. */
export interface ApiContext {
  method: string;
  /** Absolute request URL (http://host/path?query). */
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The Procore-Company-Id header, already checked against the token's companies; null on /me and /companies. */
  headerCompanyId: number | null;
  actor: Actor;
  store: ProcoreStore;
  config: ApiConfig;
}

export type ApiHandler = (ctx: ApiContext) => ApiResult | Promise<ApiResult>;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  template: string;
  handler: ApiHandler;
  /** false only for GET /rest/v1.0/me and /companies (API-CONTRACT.md "Conventions"). */
  requiresCompany?: boolean;
}
