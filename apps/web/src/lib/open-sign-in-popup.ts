/**
 * The Procore sign-in popup (docs/procore-api.md#embedded-app-sign-in: Procore's login page will not render in an iframe). Opens our
 * sign-in start page in a popup, then waits for the page it ends on to post the outcome to this window —
 * `{ type: "procore:auth", ok, error? }`, or @procore/procore-iframe-helpers' `authentication.success` /
 * `authentication.failure` — from our own origin only. Closing the popup early ends the wait.
 */
export interface PopupOutcome {
  ok: boolean;
  message?: string;
  /**
   * One-time code the iframe trades for its own session cookie (POST /auth/session): inside Procore the
   * iframe's cookies are partitioned apart from the popup's.
   */
  handoff?: string;
}

export class SignInPopupError extends Error {}

/**
 * `url` may be a function that finds the URL (a POST that answers Procore's authorize URL): the popup is
 * opened blank first, while the click still counts as a user gesture (popup blockers), then sent there.
 */
export function openSignInPopup(url: string | (() => Promise<string>), options: { win?: Window; pollMs?: number; name?: string } = {}): Promise<PopupOutcome> {
  const win = options.win ?? window;
  const width = 520;
  const height = 680;
  const left = Math.max(0, (win.screen?.width ?? width) / 2 - width / 2);
  const top = Math.max(0, (win.screen?.height ?? height) / 2 - height / 2);
  const popup = win.open(
    typeof url === 'string' ? url : 'about:blank',
    options.name ?? 'procore-sign-in',
    `width=${width},height=${height},left=${left},top=${top}`,
  );
  if (!popup) {
    return Promise.reject(new SignInPopupError('The browser blocked the sign-in window. Allow pop-ups for this site, then try again.'));
  }
  return new Promise<PopupOutcome>((resolve, reject) => {
    if (typeof url !== 'string') {
      url().then(
        (target) => {
          popup.location.href = target;
        },
        (error: unknown) => {
          popup.close();
          finish(error instanceof Error ? error : new SignInPopupError(String(error)));
        },
      );
    }
    let settled = false;
    const finish = (outcome: PopupOutcome | Error) => {
      if (settled) return;
      settled = true;
      win.removeEventListener('message', onMessage);
      win.clearInterval(monitor);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== win.location.origin) return;
      const data = event.data as { type?: string; ok?: boolean; error?: unknown; handoff?: unknown; payload?: { message?: string } } | null;
      if (!data || typeof data !== 'object') return;
      if (data.type === 'procore:auth') {
        finish({
          ok: data.ok === true,
          ...(typeof data.error === 'string' ? { message: data.error } : {}),
          ...(typeof data.handoff === 'string' ? { handoff: data.handoff } : {}),
        });
      } else if (data.type === 'authentication.success' || data.type === 'authentication.failure') {
        finish({ ok: data.type === 'authentication.success', ...(typeof data.payload?.message === 'string' ? { message: data.payload.message } : {}) });
      } else {
        return;
      }
      try {
        popup.close();
      } catch {
        // already closed
      }
    };
    win.addEventListener('message', onMessage);
    const monitor = win.setInterval(() => {
      if (popup.closed) {
        // A message posted just before closing is dispatched first; give it that turn.
        win.setTimeout(() => finish(new SignInPopupError('The sign-in window was closed before signing in finished.')), 300);
      }
    }, options.pollMs ?? 500);
  });
}
