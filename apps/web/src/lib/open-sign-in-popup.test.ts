import { describe, expect, it, vi } from 'vitest';
import { openSignInPopup } from './open-sign-in-popup.ts';

/** A window whose popup we control: messages are dispatched as the popup page would post them. */
function fakeWindow(popupOpens = true) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const popup = { closed: false, close: vi.fn(() => (popup.closed = true)), location: { href: '' } };
  const win = {
    location: { origin: 'https://connector.example' },
    screen: { width: 1000, height: 800 },
    open: vi.fn(() => (popupOpens ? popup : null)),
    addEventListener: (_: string, fn: (event: MessageEvent) => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: (event: MessageEvent) => void) => listeners.delete(fn),
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (id: number) => clearInterval(id),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  };
  const post = (data: unknown, origin = 'https://connector.example') => listeners.forEach((fn) => fn({ data, origin } as MessageEvent));
  return { win: win as unknown as Window, popup, post, listeners };
}

describe('the Procore sign-in popup', () => {
  it('answers the message from our own origin only, with the handoff code, and closes the popup', async () => {
    const { win, popup, post, listeners } = fakeWindow();
    const outcome = openSignInPopup('/auth/sign-in?procoreCompanyId=42', { win, pollMs: 10 });
    expect((win.open as ReturnType<typeof vi.fn>).mock.calls[0]![0]).toBe('/auth/sign-in?procoreCompanyId=42');
    post({ type: 'procore:auth', ok: true, handoff: 'stolen' }, 'https://evil.example');
    post({ type: 'something-else' });
    post({ type: 'procore:auth', ok: true, handoff: 'h-123' });
    expect(await outcome).toEqual({ ok: true, handoff: 'h-123' });
    expect(popup.close).toHaveBeenCalled();
    expect(listeners.size).toBe(0);
  });

  it('reads a failure, and @procore/procore-iframe-helpers messages', async () => {
    const first = fakeWindow();
    const failed = openSignInPopup('/auth/sign-in', { win: first.win, pollMs: 10 });
    first.post({ type: 'procore:auth', ok: false, error: 'You are not a member of this company.' });
    expect(await failed).toEqual({ ok: false, message: 'You are not a member of this company.' });
    const second = fakeWindow();
    const helpers = openSignInPopup('/connect', { win: second.win, pollMs: 10 });
    second.post({ type: 'authentication.success', payload: { ok: true, message: 'Connected to Procore as pat.' } });
    expect(await helpers).toEqual({ ok: true, message: 'Connected to Procore as pat.' });
  });

  it('opens blank first and goes to a URL found by a POST (popup blockers), or says the popup was blocked or closed', async () => {
    const { win, popup, post } = fakeWindow();
    const outcome = openSignInPopup(async () => 'https://login.procore.com/oauth/authorize?x=1', { win, pollMs: 10 });
    expect((win.open as ReturnType<typeof vi.fn>).mock.calls[0]![0]).toBe('about:blank');
    await vi.waitFor(() => expect(popup.location.href).toBe('https://login.procore.com/oauth/authorize?x=1'));
    post({ type: 'authentication.failure', payload: {} });
    expect(await outcome).toEqual({ ok: false });

    await expect(openSignInPopup('/auth/sign-in', { win: fakeWindow(false).win })).rejects.toThrow(/blocked the sign-in window/);
    const closing = fakeWindow();
    const closed = openSignInPopup('/auth/sign-in', { win: closing.win, pollMs: 5 });
    closing.popup.closed = true;
    await expect(closed).rejects.toThrow(/closed before signing in finished/);
  });
});
