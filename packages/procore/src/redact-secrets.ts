// Removes secret values (access/refresh tokens, client secrets, authorization codes) from text that may
// end up in an error message or a log line. Procore's error bodies are not supposed to echo them, but a
// proxy or a future change could; we never rely on that.

const MASK = '[REDACTED]';

export function redactSecrets(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would mask ordinary words; real tokens and secrets are long.
    if (secret && secret.length >= 6) out = out.split(secret).join(MASK);
  }
  // A bearer credential in any form, whatever its value.
  return out.replace(/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, `$1${MASK}`);
}
