import { describe, expect, it } from 'vitest';
import { countChars } from './clean-text.ts';
import { dropVowels, shortenName } from './shorten-name.ts';

describe('shortenName (itemNameRule "abbreviate")', () => {
  it('keeps a name that fits, exactly at the limit too', () => {
    expect(shortenName('03-300', 'Concrete', 31)).toBe('03-300 Concrete');
    const exact = `03-300 ${'x'.repeat(24)}`;
    expect(countChars(exact)).toBe(31);
    expect(shortenName('03-300', 'x'.repeat(24), 31)).toBe(exact);
  });

  it('is the code alone when there is no description', () => {
    expect(shortenName('03-300', '', 31)).toBe('03-300');
  });

  it('step 1: drops filler words first', () => {
    // "02-300 Excavation and Backfill Work" is 35; without "and" it is 31.
    expect(shortenName('02-300', 'Excavation and Backfill Work', 31)).toBe('02-300 Excavation Backfill Work');
    expect(shortenName('09-900', 'Painting & Coating of the Walls', 31)).toBe('09-900 Painting Coating Walls');
  });

  it('never drops every word, even when all are filler words', () => {
    // Nothing but filler: the words stay and go through steps 2 and 3 like any other.
    expect(shortenName('01-000', 'and of the for to in on at with by or a an', 31)).toBe('01-000 and of th fr t in on at');
  });

  it('step 2: removes lower-case vowels word by word from the last word, then step 3 keeps what fits', () => {
    // Fillers gone: "Excavation Backfill Foundations Utilities" (41) > 24; every word devowelled:
    // "Excvtn Bckfll Fndtns Utlts" (26) > 24; whole words from the left: "Excvtn Bckfll Fndtns".
    expect(shortenName('02-300', 'Excavation and Backfill for Foundations and Utilities', 31)).toBe('02-300 Excvtn Bckfll Fndtns');
  });

  it('stops removing vowels as soon as the name fits', () => {
    const name = shortenName('02-300', 'Excavation Backfill Foundations', 31);
    expect(name).toBe('02-300 Excavation Bckfll Fndtns');
    expect(countChars(name!)).toBe(31);
  });

  it('keeps capitals, digits and accented letters (acronyms stay readable)', () => {
    expect(dropVowels('HVAC')).toBe('HVAC');
    expect(dropVowels('Électricité')).toBe('Élctrcté');
    expect(dropVowels('Level3')).toBe('Lvl3');
    expect(dropVowels('a')).toBe('a');
    expect(dropVowels('')).toBe('');
  });

  it('step 3: keeps whole words from the left when removing vowels is not enough', () => {
    const name = shortenName('23-0000', 'Heating Ventilating Air Conditioning Equipment Installation', 31);
    expect(name).toBe('23-0000 Htng Vntltng Ar Cndtnng');
    expect(countChars(name!)).toBeLessThanOrEqual(31);
  });

  it('cuts the first word when not even it fits', () => {
    expect(shortenName('26-05-19.13-0001', 'Supercalifragilisticexpialidocious', 31)).toBe('26-05-19.13-0001 Sprclfrglstcxp');
  });

  it('is the code alone when the code leaves no room, and null when the code itself is too long', () => {
    expect(shortenName('x'.repeat(30), 'Concrete', 31)).toBe('x'.repeat(30));
    expect(shortenName('x'.repeat(31), 'Concrete', 31)).toBe('x'.repeat(31));
    expect(shortenName('x'.repeat(29), 'Concrete', 31)).toBe(`${'x'.repeat(29)} C`);
    expect(shortenName('x'.repeat(32), 'Concrete', 31)).toBeNull();
  });

  it('counts and cuts unicode by code points', () => {
    const name = shortenName('03', '𝐀'.repeat(40), 31);
    expect(name).toBe(`03 ${'𝐀'.repeat(28)}`);
    expect(countChars(name!)).toBe(31);
  });

  it('is deterministic and never exceeds the limit', () => {
    const words = ['Concrete', 'and', 'Masonry', 'Foundations', 'HVAC', 'Électricité', 'of', 'Roofing', 'Supercalifragilistic', 'Site'];
    for (let n = 0; n < 200; n++) {
      const description = Array.from({ length: (n % 9) + 1 }, (_, i) => words[(n * 7 + i * 3) % words.length]).join(' ');
      const code = '0'.repeat(n % 12) + String(n);
      const a = shortenName(code, description, 31);
      expect(a).toBe(shortenName(code, description, 31));
      expect(a).not.toBeNull();
      expect(countChars(a!)).toBeLessThanOrEqual(31);
      expect(a!.startsWith(code)).toBe(true);
      expect(a).toBe(a!.trim());
    }
  });
});
