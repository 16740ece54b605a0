import { describe, expect, it } from 'vitest';
import { looksLikeDuplicate, normalizeVendorName, vendorDuplicateKey, vendorNamesMatch } from './match-vendor-name.ts';

describe('normalizeVendorName', () => {
  it('trims, collapses whitespace and normalises unicode, keeping case and punctuation', () => {
    expect(normalizeVendorName('  ABC   Concrete,  Inc. ')).toBe('ABC Concrete, Inc.');
    expect(normalizeVendorName('ABC\u00A0Concrete\t\nLLC')).toBe('ABC Concrete LLC');
    expect(normalizeVendorName('Cafe\u0301')).toBe('Café');
    expect(normalizeVendorName('   ')).toBe('');
  });
});

describe('vendorNamesMatch (exact name, case-insensitive)', () => {
  it('matches regardless of case and spacing', () => {
    expect(vendorNamesMatch('ABC Concrete', 'abc concrete')).toBe(true);
    expect(vendorNamesMatch(' ABC  Concrete ', 'ABC Concrete')).toBe(true);
    expect(vendorNamesMatch('ÉCLAIR Électrique', 'éclair électrique')).toBe(true);
    expect(vendorNamesMatch('Café', 'Cafe\u0301')).toBe(true);
  });

  it('does not match when punctuation, suffixes, accents or words differ', () => {
    expect(vendorNamesMatch('ABC Concrete', 'ABC Concrete, Inc.')).toBe(false);
    expect(vendorNamesMatch('ABC Concrete', 'A.B.C. Concrete')).toBe(false);
    expect(vendorNamesMatch('Café', 'Cafe')).toBe(false);
    expect(vendorNamesMatch('ABC Concrete', 'ABC Concretes')).toBe(false);
  });
});

describe('looksLikeDuplicate', () => {
  it.each([
    ['ABC Concrete', 'ABC Concrete'],
    ['ABC Concrete', 'abc concrete'],
    ['ABC Concrete', 'ABC Concrete, Inc.'],
    ['ABC Concrete Inc', 'ABC Concrete LLC'],
    ['ABC Concrete', 'ABC Concrete L.L.C.'],
    ['ABC Concrete', 'A.B.C. Concrete'],
    ['ABC Concrete', 'A B C Concrete'],
    ['Smith-Jones Electric', 'Smith Jones Electric'],
    ["O'Brien Plumbing", 'OBrien Plumbing, Corp.'],
    ['Smith & Co., Inc.', 'Smith'],
    ['ABC Concrete Company', 'ABC Concrete'],
    ['ABC Concrete Ltd.', 'ABC Concrete Limited'],
    ['ABC Concrete (PLLC)', 'ABC Concrete'],
    ['ABC Concrete Incorporated', 'ABC Concrete, LP'],
  ])('"%s" and "%s" differ only by case, punctuation or a legal suffix', (a, b) => {
    expect(looksLikeDuplicate(a, b)).toBe(true);
    expect(looksLikeDuplicate(b, a)).toBe(true);
  });

  it.each([
    ['ABC Concrete', 'ABC Concrete West'],
    ['ABC Concrete', 'XYZ Concrete'],
    ['Café Concrete', 'Cafe Concrete'],
    ['ABC Concrete', ''],
    ['', ''],
    ['Inc', 'LLC'],
  ])('"%s" and "%s" are different companies', (a, b) => {
    expect(looksLikeDuplicate(a, b)).toBe(false);
  });

  it('never strips a name down to nothing', () => {
    expect(vendorDuplicateKey('Inc')).toBe('inc');
    expect(vendorDuplicateKey('Co Inc')).toBe('co');
    expect(vendorDuplicateKey('!!!')).toBe('');
  });
});
