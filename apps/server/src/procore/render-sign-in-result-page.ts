import { randomBytes } from 'node:crypto';

export interface SignInResult {
  ok: boolean;
  companyId?: string;
  message: string;
}

/**
 * The page Procore's OAuth redirect lands on, in the popup the embedded app opened. It tells the
 * opener (our iframe) how the sign-in ended through @procore/procore-iframe-helpers, which posts to
 * the opener on our own origin only and closes the popup (docs/procore-api.md#embedded-app-sign-in). Opened outside a popup, it
 * still says in words what happened.
 */
export function renderSignInResultPage(
  result: SignInResult,
  titles: { ok: string; failed: string } = { ok: 'Connected to Procore', failed: 'Procore sign-in did not complete' },
): { html: string; contentSecurityPolicy: string } {
  const nonce = randomBytes(16).toString('base64');
  // JSON inside <script>: escape "<" so a message can never close the script element.
  const payload = JSON.stringify(result).replace(/</g, '\\u003c');
  // The same page ends the QuickBooks Online connect popup (routes/qbo/complete-qbo-connect-route.ts), with its own titles.
  const title = result.ok ? titles.ok : titles.failed;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;margin:2rem;color:#232729}h1{font-size:1.25rem}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p role="status">${escapeHtml(result.message)}</p>
<p>You can close this window.</p>
</main>
<script src="/static/procore-iframe-helpers.js"></script>
<script nonce="${nonce}">
(function () {
  var result = ${payload};
  if (!window.opener || typeof ProcoreIframeHelpers === 'undefined') return;
  var context = ProcoreIframeHelpers.initialize();
  if (result.ok) context.authentication.notifySuccess(result);
  else context.authentication.notifyFailure(result);
})();
</script>
</body>
</html>`;
  return {
    html,
    contentSecurityPolicy: `default-src 'none'; script-src 'self' 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
