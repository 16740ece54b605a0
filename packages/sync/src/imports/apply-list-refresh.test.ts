import { describe, expect, it } from 'vitest';
import { splitItemName } from './apply-list-refresh.ts';

describe('splitItemName', () => {
  it('takes a leading cost code and keeps the rest as the name', () => {
    expect(splitItemName('03-300 Cast-in-Place Concrete')).toEqual({ code: '03-300', name: 'Cast-in-Place Concrete' });
    expect(splitItemName('  01 General Requirements ')).toEqual({ code: '01', name: 'General Requirements' });
  });
  it('makes a code Procore accepts from a name without one', () => {
    expect(splitItemName('Permits & Fees')).toEqual({ code: 'PERMITSFEES', name: 'Permits & Fees' });
    expect(splitItemName('Équipement rental, long-term (2026)').code).toBe('QUIPEMENTRENTALLONGT');
    expect(splitItemName('&&&')).toEqual({ code: 'ITEM', name: '&&&' });
  });
});
