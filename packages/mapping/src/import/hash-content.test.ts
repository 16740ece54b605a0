import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv1a64, hashContent } from './hash-content.ts';

describe('fnv1a64', () => {
  // Reference vectors of FNV-1a 64 (http://www.isthe.com/chongo/tech/comp/fnv/).
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('hashes %j to %s', (text, hash) => {
    expect(fnv1a64(text)).toBe(hash);
  });

  it('agrees with a straightforward BigInt FNV-1a 64 on varied text (the limb arithmetic carries right)', () => {
    const encoder = new TextEncoder();
    const reference = (text: string): string => {
      let hash = 0xcbf29ce484222325n;
      for (const byte of encoder.encode(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return hash.toString(16).padStart(16, '0');
    };
    // Deterministic pseudo-random texts: every byte value, lengths 0–299, multi-byte characters.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const alphabet = ['\u0000', '\u00ff', 'a', 'Z', '9', ' ', '"', 'é', '—', '€', '😀', '\u0080', '\u07ff'];
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: n }, () => alphabet[next() % alphabet.length]).join('') + String.fromCharCode(next() % 256);
      expect(fnv1a64(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it('hashes the UTF-8 bytes, so accented text differs from its unaccented form', () => {
    expect(fnv1a64('Café')).not.toBe(fnv1a64('Cafe'));
    expect(fnv1a64('Café')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
  });

  it('writes null, booleans and strings as JSON', () => {
    expect(canonicalJson([null, true, 'a"b'])).toBe('[null,true,"a\\"b"]');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow('cannot fingerprint NaN');
    expect(() => canonicalJson({ a: 1n })).toThrow('cannot fingerprint a bigint');
  });
});

describe('hashContent', () => {
  it('is the same for equal content built in another key order', () => {
    expect(hashContent({ a: 1, b: [{ x: 1, y: 2 }] })).toBe(hashContent({ b: [{ y: 2, x: 1 }], a: 1 }));
  });

  it('changes when any value changes, including line order', () => {
    const base = hashContent({ lines: [{ amount: '1.00' }, { amount: '2.00' }] });
    expect(hashContent({ lines: [{ amount: '1.00' }, { amount: '2.01' }] })).not.toBe(base);
    expect(hashContent({ lines: [{ amount: '2.00' }, { amount: '1.00' }] })).not.toBe(base);
  });
});
