import { describe, expect, it } from 'vitest';
import { refuse, refuseUnknownLines, succeed } from './make-result.ts';

describe('make-result', () => {
  it('refuse leaves out what was not given', () => {
    expect(refuse('NOT_APPROVED', 'No.')).toEqual({ ok: false, refusal: { code: 'NOT_APPROVED', message: 'No.' } });
    expect(refuse('NAME_TOO_LONG', 'Long.', { field: 'Name' }).refusal.field).toBe('Name');
  });

  it('succeed says create for an Add and change for a Mod', () => {
    expect(succeed({ type: 'VendorAdd', name: 'A' }, []).action).toBe('create');
    expect(succeed({ type: 'VendorMod', listId: '1', editSequence: '2' }, []).action).toBe('change');
    expect(succeed({ type: 'VendorAdd', name: 'A' }, [], { lineKeys: ['k'] })).toEqual({
      ok: true,
      request: { type: 'VendorAdd', name: 'A' },
      action: 'create',
      dependencies: [],
      preview: [],
      lineKeys: ['k'],
    });
  });

  it('refuseUnknownLines explains why a Mod without known lines is not sent', () => {
    const r = refuseUnknownLines('purchase order SC-1');
    expect(r.refusal.code).toBe('LINK_INCOMPLETE');
    expect(r.refusal.message).toContain('changing it without them would delete them');
  });
});
