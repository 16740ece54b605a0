import { describe, expect, it } from 'vitest';
import { checkField } from './check-field.ts';

const OWNER = 'the vendor "ABC Concrete" (Procore company 12)';

describe('checkField', () => {
  it('cleans the value and treats blank as absent', () => {
    expect(checkField('  (555) 010-0000 ', 21, 'Phone', 'phone number', OWNER)).toEqual({ ok: true, value: '(555) 010-0000' });
    expect(checkField('', 21, 'Phone', 'phone number', OWNER)).toEqual({ ok: true, value: undefined });
    expect(checkField(null, 21, 'Phone', 'phone number', OWNER)).toEqual({ ok: true, value: undefined });
  });

  it('accepts the limit and refuses one more, naming field and limit', () => {
    expect(checkField('1'.repeat(21), 21, 'Phone', 'phone number', OWNER).ok).toBe(true);
    expect(checkField('1'.repeat(22), 21, 'Phone', 'phone number', OWNER)).toEqual({
      ok: false,
      refusal: {
        code: 'FIELD_TOO_LONG',
        field: 'Phone',
        message: `The phone number "${'1'.repeat(22)}" of ${OWNER} is 22 characters; QuickBooks allows at most 21 characters for a phone number. Correct it in Procore and export again.`,
      },
    });
  });
});
