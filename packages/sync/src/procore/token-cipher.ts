import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest (Procore tokens). Keys come from configuration as a ring: the first
 * key encrypts, every key decrypts, so rotating means putting a new key first and keeping the old one
 * until `pnpm admin reencrypt-tokens` (or the next refresh) has rewritten what it encrypted.
 *
 * Stored form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). The additional authenticated data binds
 * a ciphertext to its row and column, so a token copied into another company's row does not decrypt.
 */
export interface EncryptionKeyRing {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class TokenCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenCipherError';
  }
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `TOKEN_ENCRYPTION_KEYS`: comma-separated `keyId:base64key` pairs, newest first; each key is
 * 32 bytes (e.g. `openssl rand -base64 32`).
 */
export function parseEncryptionKeys(value: string): EncryptionKeyRing {
  const keys = new Map<string, Buffer>();
  let currentKeyId: string | undefined;
  for (const part of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    if (colon <= 0) throw new TokenCipherError('each encryption key is written keyId:base64key');
    const keyId = part.slice(0, colon);
    if (!KEY_ID.test(keyId)) throw new TokenCipherError(`encryption key id "${keyId}" may use only letters, digits, - and _ (max 32)`);
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (key.length !== 32) throw new TokenCipherError(`encryption key "${keyId}" must be 32 bytes of base64 (got ${key.length} bytes)`);
    if (keys.has(keyId)) throw new TokenCipherError(`encryption key id "${keyId}" appears twice`);
    keys.set(keyId, key);
    currentKeyId ??= keyId;
  }
  if (!currentKeyId) throw new TokenCipherError('at least one encryption key is needed');
  return { currentKeyId, keys };
}

export function encryptSecret(ring: EncryptionKeyRing, plaintext: string, context: string): string {
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new TokenCipherError('the current encryption key is missing from the ring');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ['v1', ring.currentKeyId, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function decryptSecret(ring: EncryptionKeyRing, stored: string, context: string): string {
  const parts = stored.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') throw new TokenCipherError('stored secret is not in the v1 format');
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key) {
    throw new TokenCipherError(`stored secret was encrypted with key "${keyId}", which is no longer configured in TOKEN_ENCRYPTION_KEYS`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // Never echo the ciphertext or the key: just say it did not authenticate.
    throw new TokenCipherError('stored secret did not decrypt (wrong key, or it belongs to another record)');
  }
}

/** The key id a stored secret was encrypted with (to find what still needs re-encrypting after a rotation). */
export function keyIdOf(stored: string): string | undefined {
  const parts = stored.split('.');
  return parts.length === 5 && parts[0] === 'v1' ? parts[1] : undefined;
}
