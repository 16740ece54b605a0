import { describe, expect, it } from 'vitest';
import { isAtLeastBytes } from './parse-response-off-thread.ts';

// Issue 19: the off-thread decision no longer encodes every answer on the event loop. It must still be the decision
// Buffer.byteLength made, for every text and threshold — one-byte, two-byte, three-byte characters and surrogate pairs.
describe('isAtLeastBytes', () => {
  it('decides exactly as Buffer.byteLength(text) >= bytes', () => {
    const alphabet = ['a', '<', 'é', '€', '😀'];
    let seed = 19;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      let text = '';
      const length = random(60);
      for (let j = 0; j < length; j++) text += alphabet[random(alphabet.length)];
      const size = Buffer.byteLength(text);
      for (const bytes of [0, 1, size - 1, size, size + 1, text.length, text.length * 3, text.length * 3 + 1, random(200)]) {
        expect(isAtLeastBytes(text, bytes)).toBe(size >= bytes);
      }
    }
  });
});
