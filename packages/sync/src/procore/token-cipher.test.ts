import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, keyIdOf, parseEncryptionKeys, TokenCipherError } from './token-cipher.ts';

const key = () => randomBytes(32).toString('base64');

describe('token cipher', () => {
  it('round-trips and never stores the plaintext', () => {
    const ring = parseEncryptionKeys(`k1:${key()}`);
    const stored = encryptSecret(ring, 'access-token-value', 'conn-1:access');
    expect(stored).not.toContain('access-token-value');
    expect(stored.startsWith('v1.k1.')).toBe(true);
    expect(decryptSecret(ring, stored, 'conn-1:access')).toBe('access-token-value');
  });

  it('uses a fresh IV each time', () => {
    const ring = parseEncryptionKeys(`k1:${key()}`);
    expect(encryptSecret(ring, 'same', 'c')).not.toBe(encryptSecret(ring, 'same', 'c'));
  });

  it('refuses a ciphertext moved to another record (AAD binds it)', () => {
    const ring = parseEncryptionKeys(`k1:${key()}`);
    const stored = encryptSecret(ring, 'secret', 'company-a:refresh');
    expect(() => decryptSecret(ring, stored, 'company-b:refresh')).toThrow(TokenCipherError);
  });

  it('detects tampering', () => {
    const ring = parseEncryptionKeys(`k1:${key()}`);
    const stored = encryptSecret(ring, 'secret', 'c');
    const parts = stored.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => decryptSecret(ring, parts.join('.'), 'c')).toThrow(/did not decrypt/);
  });

  it('rotation: old data still reads, new writes use the new key', () => {
    const oldKey = key();
    const before = parseEncryptionKeys(`old:${oldKey}`);
    const stored = encryptSecret(before, 'token', 'c');
    const after = parseEncryptionKeys(`new:${key()},old:${oldKey}`);
    expect(decryptSecret(after, stored, 'c')).toBe('token');
    const rewritten = encryptSecret(after, 'token', 'c');
    expect(keyIdOf(rewritten)).toBe('new');
    expect(keyIdOf(stored)).toBe('old');
  });

  it('names a retired key without leaking anything', () => {
    const stored = encryptSecret(parseEncryptionKeys(`gone:${key()}`), 'token', 'c');
    expect(() => decryptSecret(parseEncryptionKeys(`k2:${key()}`), stored, 'c')).toThrow(/"gone", which is no longer configured/);
  });

  it.each([
    ['', /at least one/],
    ['nokey', /keyId:base64key/],
    ['k1:c2hvcnQ=', /32 bytes/],
    [`bad id:${Buffer.alloc(32).toString('base64')}`, /letters, digits/],
    [`a:${Buffer.alloc(32).toString('base64')},a:${Buffer.alloc(32).toString('base64')}`, /twice/],
  ])('rejects key configuration %j', (value, message) => {
    expect(() => parseEncryptionKeys(value)).toThrow(message);
  });
});
