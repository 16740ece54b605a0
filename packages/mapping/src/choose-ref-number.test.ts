import { describe, expect, it } from 'vitest';
import { chooseRefNumber } from './choose-ref-number.ts';

const WHAT = 'commitment SC-1 "Concrete" (Procore commitment 40)';

describe('chooseRefNumber (PO RefNumber ≤ 11)', () => {
  it('uses the Procore contract number when the setting is on, ignoring what was typed', () => {
    expect(chooseRefNumber({ useProcoreContractNumber: true, contractNumber: ' SC-001 ', typedRefNumber: '999', what: WHAT })).toEqual({
      ok: true,
      refNumber: 'SC-001',
      source: 'number',
    });
  });

  it('accepts a contract number of exactly 11 and refuses 12, naming it and the setting', () => {
    expect(chooseRefNumber({ useProcoreContractNumber: true, contractNumber: 'SC-00000001', typedRefNumber: null, what: WHAT }).ok).toBe(true);
    const r = chooseRefNumber({ useProcoreContractNumber: true, contractNumber: 'SC-2026-0001', typedRefNumber: null, what: WHAT });
    expect(r).toEqual({
      ok: false,
      refusal: {
        code: 'REF_NUMBER_TOO_LONG',
        field: 'RefNumber',
        message: `The contract number "SC-2026-0001" of ${WHAT} is 12 characters; a QuickBooks purchase order number (RefNumber) holds at most 11 characters. Shorten the contract number in Procore, or turn off "Use Procore contract # as the QuickBooks RefNumber" and type a number of at most 11 characters at export.`,
      },
    });
  });

  it('refuses a missing contract number when the setting is on', () => {
    const r = chooseRefNumber({ useProcoreContractNumber: true, contractNumber: '  ', typedRefNumber: '1', what: WHAT });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('INCOMPLETE_RECORD');
      expect(r.refusal.message).toMatch(/^Commitment SC-1 .* has no contract number in Procore/);
    }
  });

  it('uses the typed number when the setting is off; none typed lets QuickBooks number the PO', () => {
    expect(chooseRefNumber({ useProcoreContractNumber: false, contractNumber: 'SC-2026-0001', typedRefNumber: ' 4410 ', what: WHAT })).toEqual({
      ok: true,
      refNumber: '4410',
      source: 'typed at export',
    });
    expect(chooseRefNumber({ useProcoreContractNumber: false, contractNumber: 'SC-1', typedRefNumber: null, what: WHAT })).toEqual({
      ok: true,
      refNumber: undefined,
      source: undefined,
    });
  });

  it('refuses a typed number over 11', () => {
    expect(chooseRefNumber({ useProcoreContractNumber: false, contractNumber: null, typedRefNumber: '12345678901', what: WHAT }).ok).toBe(true);
    const r = chooseRefNumber({ useProcoreContractNumber: false, contractNumber: null, typedRefNumber: '123456789012', what: WHAT });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('REF_NUMBER_TOO_LONG');
      expect(r.refusal.message).toContain('"123456789012" typed for');
      expect(r.refusal.message).toContain('at most 11 characters');
    }
  });

  it('counts unicode by code points', () => {
    expect(chooseRefNumber({ useProcoreContractNumber: true, contractNumber: 'Nº-ÉÉÉÉÉÉÉÉ', typedRefNumber: null, what: WHAT }).ok).toBe(true);
  });
});
