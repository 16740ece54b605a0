import { describe, expect, it } from 'vitest';
import { checkFullName, checkListName } from './check-list-name.ts';

const RULE = { what: 'vendor name', record: 'Procore company 12', limit: 41, fix: 'Shorten it in Procore.' };

describe('checkListName', () => {
  it('returns the cleaned name', () => {
    expect(checkListName('  ABC   Concrete ', RULE)).toEqual({ ok: true, name: 'ABC Concrete' });
  });

  it('accepts exactly the limit and refuses one more, naming the limit', () => {
    expect(checkListName('x'.repeat(41), RULE).ok).toBe(true);
    const r = checkListName('x'.repeat(42), RULE);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal).toEqual({
        code: 'NAME_TOO_LONG',
        field: 'Name',
        message: `The vendor name "${'x'.repeat(42)}" (Procore company 12) is 42 characters; QuickBooks allows at most 41 characters for a vendor name. Shorten it in Procore.`,
      });
    }
  });

  it('counts characters after cleaning (spaces collapsed) and as code points', () => {
    expect(checkListName(`${'x'.repeat(20)}     ${'y'.repeat(20)}`, RULE).ok).toBe(true); // 41 once collapsed
    expect(checkListName('é'.repeat(41), RULE).ok).toBe(true);
    expect(checkListName('e\u0301'.repeat(41), RULE).ok).toBe(true); // decomposed, NFC → 41
    expect(checkListName('𝐀'.repeat(41), RULE).ok).toBe(true);
    expect(checkListName('𝐀'.repeat(42), RULE).ok).toBe(false);
  });

  it('refuses a colon: QuickBooks separates parent and child with it', () => {
    const r = checkListName('ABC: Concrete', RULE);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('INVALID_NAME');
      expect(r.refusal.message).toContain('contains ":"');
    }
  });

  it('refuses a blank name as an incomplete record', () => {
    for (const blank of ['', '   ', null, undefined, '\u0000']) {
      const r = checkListName(blank, RULE);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.refusal.code).toBe('INCOMPLETE_RECORD');
        expect(r.refusal.message).toBe(
          'Procore company 12 has no name in Procore, so it has no vendor name in QuickBooks; enter a name in Procore and export again.',
        );
      }
    }
  });
});

describe('checkFullName', () => {
  it('passes up to the limit, refuses beyond with the limit named', () => {
    expect(checkFullName('x'.repeat(209), 209, 'job', 'Procore project 7')).toBeNull();
    const r = checkFullName('x'.repeat(210), 209, 'job', 'Procore project 7');
    expect(r?.refusal.code).toBe('NAME_TOO_LONG');
    expect(r?.refusal.message).toContain('is 210 characters; QuickBooks allows at most 209 characters for a full name');
  });
});
