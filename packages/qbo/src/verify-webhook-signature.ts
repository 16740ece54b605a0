// Is this webhook delivery from Intuit? Intuit signs each notification with the app's webhook Verifier Token:
// "Hash the notification payload with HMAC_SHA256_ALGORITHM using your verifier token as the key. Convert the
// intuit-signature header from base-64 to base-16. Compare the value from step 1 to the intuit-signature
// header" ("Managing webhooks notifications", Validating the notification,
// https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications).
// We compare bytes (the decoded header against the raw HMAC), in constant time, over the RAW body bytes as
// received — a body parsed and re-serialised is not what Intuit signed.
// The Verifier Token is not the OAuth client secret (two different values on the app's settings).

import { createHmac, timingSafeEqual } from 'node:crypto';

export const INTUIT_SIGNATURE_HEADER = 'intuit-signature';

export function computeWebhookSignature(rawBody: Uint8Array | string, verifierToken: string): string {
  return createHmac('sha256', verifierToken).update(rawBody).digest('base64');
}

/** True only when `signatureHeader` is the base64 HMAC-SHA256 of `rawBody` under `verifierToken`. */
export function verifyWebhookSignature(rawBody: Uint8Array | string, signatureHeader: string | null | undefined, verifierToken: string): boolean {
  if (!verifierToken) throw new TypeError('verifierToken is required');
  if (typeof signatureHeader !== 'string') return false;
  const trimmed = signatureHeader.trim();
  // Strict base64 of 32 bytes: 43 characters and one "=" — anything else is not Intuit's signature.
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return false;
  const received = Buffer.from(trimmed, 'base64');
  const expected = createHmac('sha256', verifierToken).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}
