// A scripted fetch for the tests of this package: records every request and answers what the test's
// handler says (JSON body and headers, a network error, or no answer until the request's signal aborts).

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  json: unknown;
}

export type FakeReply =
  | { status?: number; headers?: Record<string, string>; body?: unknown }
  | { networkError: true }
  | { hang: true }
  | Promise<{ status?: number; headers?: Record<string, string>; body?: unknown }>;

export interface FakeFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
}

export function createFakeFetch(handler: (request: RecordedRequest, index: number) => FakeReply): FakeFetch {
  const requests: RecordedRequest[] = [];
  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = Object.fromEntries(Object.entries((init?.headers as Record<string, string> | undefined) ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof init?.body === 'string' ? init.body : undefined;
    let json: unknown;
    try {
      json = body === undefined ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    const recorded: RecordedRequest = { method: init?.method ?? 'GET', url, headers, body, json };
    requests.push(recorded);
    const reply = await handler(recorded, requests.length - 1);
    if ('networkError' in reply) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    if ('hang' in reply) {
      const signal = init?.signal;
      return new Promise<Response>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return new Response(text, { status: reply.status ?? 200, headers: { 'Content-Type': 'application/json', ...reply.headers } });
  };
  return { fetch: fakeFetch as typeof fetch, requests };
}

/** Intuit's error envelope (Handling common errors page). */
export function fault(code: string, message: string, detail = '', type = 'ValidationFault'): { Fault: unknown; time: string } {
  return { Fault: { Error: [{ Message: message, Detail: detail, code, element: '' }], type }, time: '2026-12-07T02:00:00.000-08:00' };
}
