// A stable fingerprint of what we would send to Procore, so the caller stores it and re-sends only what
// changed (QuickBooks to Procore: "re-running changes nothing"). Pure and portable: no node:crypto, runs anywhere.
// FNV-1a, 64-bit (http://www.isthe.com/chongo/tech/comp/fnv/: offset basis 0xcbf29ce484222325,
// prime 0x100000001b3) over the UTF-8 bytes of a canonical JSON text. Not a security hash: it only has to
// notice changes to one record, where 64 bits make an unnoticed change vanishingly unlikely.

const encoder = new TextEncoder();

/**
 * FNV-1a 64 of the text's UTF-8 bytes, as 16 lower-case hex digits. The 64-bit state is kept in four 16-bit
 * limbs of plain numbers — BigInt per byte took 1.27 s against 0.44 s for 30,000 direct-cost payloads of 472
 * bytes (Node 24, one run on the dev machine). Multiplying by the prime 2^40 + 0x1b3 is h·0x1b3 + (h << 40),
 * carried limb by limb and cut to 64 bits; hash-content.test.ts checks it against a BigInt reference.
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, low limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of encoder.encode(text)) {
    h0 ^= byte;
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

/**
 * JSON with object keys sorted at every level and undefined properties left out, so two equal values give
 * the same text whatever order their keys were built in. Arrays keep their order (line order matters).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`cannot fingerprint ${String(value)}`);
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') throw new TypeError(`cannot fingerprint a ${typeof value}`);
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** fnv1a64(canonicalJson(value)). */
export function hashContent(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}
