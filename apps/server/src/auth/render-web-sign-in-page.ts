import { randomBytes } from 'node:crypto';

/** What the popup tells the iframe that opened it (the contract with the web app). */
export interface WebSignInMessage {
  type: 'procore:auth';
  ok: boolean;
  /** A sentence for the person when ok is false. */
  error?: string;
  /** Our error code when ok is false (NOT_SIGNED_IN, PROCORE_SIGN_IN_FAILED, COMPANY_NOT_FOUND, …). */
  code?: string;
  /**
   * One-time code (2 minutes) for POST /auth/session from the iframe: inside Procore the iframe's cookies are
   * partitioned apart from the popup's, so the session cookie must be set on a response to the iframe itself.
   */
  handoff?: string;
}

/**
 * The page the sign-in popup ends on (/auth/callback, or /auth/sign-in when it cannot start): it posts the
 * result to window.opener — only to our own origin (PUBLIC_URL), so no other page can read the handoff code
 * — and closes. Opened without an opener it says in words what happened.
 */
export function renderWebSignInPage(message: WebSignInMessage, targetOrigin: string): { html: string; contentSecurityPolicy: string } {
  const nonce = randomBytes(16).toString('base64');
  // JSON inside <script>: "<" escaped so no value can close the script element.
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  const title = message.ok ? 'Signed in with Procore' : 'Sign-in did not complete';
  const text = message.ok
    ? 'You are signed in. This window closes by itself; if it does not, close it and return to the app.'
    : (message.error ?? 'Close this window and try again.');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;margin:2rem;color:#232729}h1{font-size:1.25rem}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p role="status">${escapeHtml(text)}</p>
</main>
<script nonce="${nonce}">
(function () {
  var message = ${json(message)};
  if (!window.opener) return;
  try { window.opener.postMessage(message, ${json(targetOrigin)}); } catch (e) {}
  window.close();
})();
</script>
</body>
</html>`;
  return {
    html,
    contentSecurityPolicy: `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
