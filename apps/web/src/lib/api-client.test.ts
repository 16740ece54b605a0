import { describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, createApiClient, fieldErrors } from './api-client.ts';

function recorder(answers: Array<Response | Error>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls, header: (i: number, name: string) => new Headers(calls[i]!.init.headers).get(name) };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('api client', () => {
  it('sends the CSRF token and the idempotency key on mutating calls only, with the cookie', async () => {
    const r = recorder([json({ ok: 1 }), json({ ok: 2 })]);
    const api = createApiClient({ fetch: r.fetch, getCsrfToken: () => 'csrf-1' });
    await api.get('/api/things', { status: 'failed', empty: '', none: undefined });
    await api.post('/api/things/send', { procoreIds: ['1'] }, { idempotencyKey: 'key-1' });
    expect(r.calls[0]!.url).toBe('/api/things?status=failed');
    expect(r.header(0, 'x-csrf-token')).toBeNull();
    expect(r.header(0, 'idempotency-key')).toBeNull();
    expect(r.calls[0]!.init.credentials).toBe('include');
    expect(r.header(1, 'x-csrf-token')).toBe('csrf-1');
    expect(r.header(1, 'idempotency-key')).toBe('key-1');
    expect(r.calls[1]!.init.body).toBe('{"procoreIds":["1"]}');
    expect(r.calls[1]!.init.credentials).toBe('include');
  });

  it('on CSRF_TOKEN_INVALID reads a fresh token and sends the same action again with the same key', async () => {
    const r = recorder([json({ code: 'CSRF_TOKEN_INVALID', message: 'stale' }, 403), json({ done: true })]);
    const refresh = vi.fn(async () => 'csrf-2');
    const api = createApiClient({ fetch: r.fetch, getCsrfToken: () => 'csrf-1', refreshCsrfToken: refresh });
    expect(await api.post('/api/x', {}, { idempotencyKey: 'k' })).toEqual({ done: true });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect([r.header(0, 'x-csrf-token'), r.header(1, 'x-csrf-token')]).toEqual(['csrf-1', 'csrf-2']);
    expect([r.header(0, 'idempotency-key'), r.header(1, 'idempotency-key')]).toEqual(['k', 'k']);
  });

  it('a FORBIDDEN_ROLE 403 is not retried', async () => {
    const r = recorder([json({ code: 'FORBIDDEN_ROLE', message: 'Needs the accountant role.' }, 403)]);
    const refresh = vi.fn(async () => 'csrf-2');
    const api = createApiClient({ fetch: r.fetch, getCsrfToken: () => 'csrf-1', refreshCsrfToken: refresh });
    await expect(api.post('/api/x', {})).rejects.toMatchObject({ code: 'FORBIDDEN_ROLE', status: 403, message: 'Needs the accountant role.' });
    expect(refresh).not.toHaveBeenCalled();
  });

  it('maps both error shapes, raw QuickBooks/Procore codes and validation fields', async () => {
    const r = recorder([
      json(
        {
          error: {
            code: 'VALIDATION',
            message: 'Settings not saved: qbwcRunEveryMinutes …',
            details: { fields: { qbwcRunEveryMinutes: 'must be a whole number from 1 to 1440' } },
          },
        },
        400,
      ),
      json({ code: 'QB_REFUSED', message: 'QuickBooks refused it.', qbStatusCode: 3140, procoreStatus: 422 }, 409),
      new Response('<html>bad gateway</html>', { status: 502 }),
    ]);
    const api = createApiClient({ fetch: r.fetch, getCsrfToken: () => null });
    const first = await api.get('/a').catch((e: unknown) => e as ApiError);
    expect(first).toMatchObject({ code: 'VALIDATION', status: 400, retryable: false });
    expect(fieldErrors(first)).toEqual({ qbwcRunEveryMinutes: 'must be a whole number from 1 to 1440' });
    const second = await api.get('/b').catch((e: unknown) => e as ApiError);
    expect(second).toMatchObject({ code: 'QB_REFUSED', qbStatusCode: 3140, procoreStatus: 422 });
    const third = (await api.get('/c').catch((e: unknown) => e)) as ApiError;
    expect(third).toBeInstanceOf(ApiError);
    expect(third).toMatchObject({ code: 'HTTP_502', status: 502, retryable: true });
    expect(third.message).toMatch(/did not answer properly/);
  });

  it('a network failure is a retryable NETWORK error; a 401 tells the app the session ended', async () => {
    const onUnauthorized = vi.fn();
    const r = recorder([new TypeError('Failed to fetch'), json({ code: 'NOT_SIGNED_IN', message: 'Sign in.' }, 401)]);
    const api = createApiClient({ fetch: r.fetch, getCsrfToken: () => null, onUnauthorized });
    await expect(api.get('/a')).rejects.toMatchObject({ code: 'NETWORK', status: 0, retryable: true });
    await expect(api.get('/b')).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('answers 204 as undefined and text as text', async () => {
    const r = recorder([new Response(null, { status: 204 }), new Response('a,b\n', { status: 200, headers: { 'content-type': 'text/csv' } })]);
    const api = createApiClient({ fetch: r.fetch, getCsrfToken: () => 't' });
    expect(await api.post('/auth/sign-out')).toBeUndefined();
    expect(await api.get('/x.csv')).toBe('a,b\n');
  });

  it('builds query strings without empty values', () => {
    expect(buildUrl('/p', { a: 1, b: '', c: null, d: undefined, e: false, f: 'x y' })).toBe('/p?a=1&e=false&f=x+y');
    expect(buildUrl('/p')).toBe('/p');
  });
});
