import type { Rng } from './create-rng.ts';

// ULID spec (github.com/ulid/spec): 48-bit millisecond timestamp + 80 random bits, Crockford base32,
// 26 characters. Procore identifies each webhook delivery by a ULID and retries keep it.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAX_TIME = 2 ** 48 - 1;

/** A ULID factory; monotonic within one millisecond (the spec's "monotonicity" section). */
export function createUlidFactory(rng: Rng): (timeMs: number) => string {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return (timeMs) => {
    const time = Math.floor(timeMs);
    if (!Number.isFinite(time) || time < 0 || time > MAX_TIME) throw new RangeError(`ULID time out of range: ${timeMs}`);
    if (time === lastTime) {
      lastRandom = incrementBase32(lastRandom);
    } else {
      lastTime = time;
      lastRandom = Array.from({ length: 16 }, () => Math.floor(rng.next() * 32));
    }
    return encodeTime(time) + lastRandom.map((d) => CROCKFORD[d]).join('');
  };
}

function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function incrementBase32(digits: readonly number[]): number[] {
  const out = [...digits];
  for (let i = out.length - 1; i >= 0; i--) {
    const d = out[i] ?? 0;
    if (d < 31) {
      out[i] = d + 1;
      return out;
    }
    out[i] = 0;
  }
  throw new Error('ULID random part overflow within one millisecond');
}

/** The millisecond timestamp encoded in a ULID. */
export function decodeUlidTime(ulid: string): number {
  let time = 0;
  for (const ch of ulid.slice(0, 10)) {
    const d = CROCKFORD.indexOf(ch);
    if (d < 0) throw new Error(`not a ULID: ${ulid}`);
    time = time * 32 + d;
  }
  return time;
}

export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
