/** What a route handler answers: a status, an optional JSON body and extra headers. */
export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown, headers?: Record<string, string>): ApiResult {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

export function created(body: unknown): ApiResult {
  return { status: 201, body };
}

export function noContent(): ApiResult {
  return { status: 204 };
}
