import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeServer, json } from '../test/render-with-app.tsx';
import { api } from './api.ts';
import { createQueryClient } from './query-client.ts';
import { useAction } from './use-action.ts';

function wrapper() {
  const client = createQueryClient();
  // Keep the retry policy, without the real back-off delays.
  client.setDefaultOptions({ ...client.getDefaultOptions(), mutations: { ...client.getDefaultOptions().mutations, retryDelay: 1 } });
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('useAction: one idempotency key per click', () => {
  it('retries a network failure automatically with the same key', async () => {
    let attempt = 0;
    const server = fakeServer(() => {
      attempt += 1;
      if (attempt === 1) throw new TypeError('Failed to fetch');
      return json({ results: [] });
    });
    const { result } = renderHook(() => useAction((input: { ids: string[] }, key: string) => api.post('/api/send', input, { idempotencyKey: key })), {
      wrapper: wrapper(),
    });
    await act(async () => {
      await result.current.run({ ids: ['1'] });
    });
    expect(server.calls).toHaveLength(2);
    const keys = server.calls.map((c) => c.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(result.current.error).toBeNull();
  });

  it('after retries give up, "try again" sends the same key; a new click sends a new one', async () => {
    let attempt = 0;
    const server = fakeServer(() => {
      attempt += 1;
      return attempt <= 3 ? json({ code: 'UNAVAILABLE', message: 'Briefly unavailable.' }, 503) : json({ ok: true });
    });
    const { result } = renderHook(() => useAction((_: void, key: string) => api.post('/api/approve', {}, { idempotencyKey: key })), { wrapper: wrapper() });
    await act(async () => {
      await result.current.run();
    });
    await waitFor(() => expect(result.current.error?.code).toBe('UNAVAILABLE'));
    expect(server.calls).toHaveLength(3); // the first try and two automatic retries
    await act(async () => {
      await result.current.retry();
    });
    await waitFor(() => expect(result.current.error).toBeNull());
    expect(result.current.data).toEqual({ ok: true });
    await act(async () => {
      await result.current.run();
    });
    const keys = server.calls.map((c) => c.headers.get('idempotency-key'));
    expect(new Set(keys.slice(0, 4)).size).toBe(1);
    expect(keys[4]).not.toBe(keys[0]);
  });

  it('does not retry a refusal (4xx)', async () => {
    const server = fakeServer(() => json({ code: 'FORBIDDEN_ROLE', message: 'Needs the accountant role.' }, 403));
    const { result } = renderHook(() => useAction((_: void, key: string) => api.post('/api/approve', {}, { idempotencyKey: key })), { wrapper: wrapper() });
    await act(async () => {
      await result.current.run();
    });
    await waitFor(() => expect(result.current.error?.message).toBe('Needs the accountant role.'));
    expect(server.calls).toHaveLength(1);
  });
});
