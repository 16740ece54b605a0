/**
 * The one way the app talks to the server: same-origin fetch with the session cookie, the CSRF token on
 * every mutating call, an Idempotency-Key per person's action (reused when that action is retried, so a
 * click that met a network error is never done twice), and every failure turned into an ApiError whose
 * message a person can act on.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A failed call, as people see it: our code, a message, and the raw codes of QuickBooks/Procore when known. */
export class ApiError extends Error {
  readonly code: string;
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly details: unknown;
  readonly qbStatusCode: number | null;
  readonly procoreStatus: number | null;

  constructor(input: { code: string; message: string; status: number; details?: unknown; qbStatusCode?: number | null; procoreStatus?: number | null }) {
    super(input.message);
    this.name = 'ApiError';
    this.code = input.code;
    this.status = input.status;
    this.details = input.details ?? null;
    this.qbStatusCode = input.qbStatusCode ?? null;
    this.procoreStatus = input.procoreStatus ?? null;
  }

  /** Worth trying again with the same idempotency key: the server may not have seen it, or was briefly unable. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Fields that failed validation, when the server named them ({ fields: { name: problem } }). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error) || typeof error.details !== 'object' || error.details === null) return {};
  const fields = (error.details as { fields?: unknown }).fields;
  return typeof fields === 'object' && fields !== null ? (fields as Record<string, string>) : {};
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  /** One key per person's action; pass the same key when retrying that action. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** The CSRF token from GET /api/session; null before sign-in. */
  getCsrfToken: () => string | null;
  /** Called when the server answers CSRF_TOKEN_INVALID: fetch a fresh token (the session rotated). */
  refreshCsrfToken?: () => Promise<string | null>;
  /** Called on 401: the session ended (idle or absolute timeout, sign-out in another tab). */
  onUnauthorized?: () => void;
}

const MUTATING: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function attempt(method: HttpMethod, path: string, request: RequestOptions, csrfToken: string | null): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (MUTATING.has(method)) {
      if (csrfToken) headers['x-csrf-token'] = csrfToken;
      if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    }
    try {
      return await doFetch(buildUrl(path, request.query), {
        method,
        headers,
        credentials: 'include',
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError') throw error;
      throw new ApiError({
        code: 'NETWORK',
        status: 0,
        message: 'Could not reach the server. Check the connection and try again; nothing is lost, the same action is retried.',
      });
    }
  }

  async function request<T>(method: HttpMethod, path: string, request: RequestOptions = {}): Promise<T> {
    let response = await attempt(method, path, request, options.getCsrfToken());
    if (response.status === 403 && MUTATING.has(method) && options.refreshCsrfToken) {
      const body = await readBody(response.clone());
      if (errorCode(body) === 'CSRF_TOKEN_INVALID') {
        // The session was rotated since the token was read: read the new one and send the same action again.
        const token = await options.refreshCsrfToken();
        response = await attempt(method, path, request, token);
      }
    }
    if (response.status === 401) options.onUnauthorized?.();
    if (!response.ok) throw await toApiError(response);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('content-type') ?? '';
    return (type.includes('json') ? await response.json() : await response.text()) as T;
  }

  return {
    request,
    get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => request<T>('GET', path, { query, ...(signal ? { signal } : {}) }),
    post: <T>(path: string, body?: unknown, extra: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...extra, body: body ?? {} }),
  };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorShape(body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null) return null;
  // The server's error handler answers { error: { code, message, details } }; the newer APIs { code, message }.
  const nested = (body as { error?: unknown }).error;
  if (typeof nested === 'object' && nested !== null) return nested as Record<string, unknown>;
  return body as Record<string, unknown>;
}

function errorCode(body: unknown): string | null {
  const shape = errorShape(body);
  return typeof shape?.code === 'string' ? shape.code : null;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'The server could not accept this request.',
  401: 'Your session has ended. Sign in with Procore again.',
  403: 'You do not have permission to do this.',
  404: 'Not found: it may have been removed, or you are not a member of this company.',
  409: 'Someone else changed this at the same time. Reload and try again.',
  429: 'Too many requests at once. Wait a moment and try again.',
  500: 'Something went wrong on our side. It has been logged; try again.',
  502: 'An upstream service (Procore) did not answer properly. Try again in a moment.',
  503: 'The service is briefly unavailable. Try again in a moment.',
  504: 'The server took too long to answer. Try again; the same action is retried, not repeated.',
};

export async function toApiError(response: Response): Promise<ApiError> {
  const body = await readBody(response);
  const shape = errorShape(body);
  const message =
    typeof shape?.message === 'string' && shape.message ? shape.message : (STATUS_MESSAGES[response.status] ?? `The server answered ${response.status}.`);
  return new ApiError({
    code: typeof shape?.code === 'string' ? shape.code : `HTTP_${response.status}`,
    message,
    status: response.status,
    details: shape?.details ?? null,
    qbStatusCode: typeof shape?.qbStatusCode === 'number' ? shape.qbStatusCode : null,
    procoreStatus: typeof shape?.procoreStatus === 'number' ? shape.procoreStatus : null,
  });
}
