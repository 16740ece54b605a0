import { describe, expect, it } from 'vitest';
import { classForCostCode } from './class-for-cost-code.ts';
import { SETTINGS } from './testing/fixtures.ts';

const CLASS = { listId: '80000050-1700000000', fullName: 'Commercial' };

describe('classForCostCode', () => {
  it('finds the class mapped to the cost code id', () => {
    expect(classForCostCode({ ...SETTINGS, classByCostCode: { '301': CLASS } }, 301)).toEqual(CLASS);
  });

  it('is undefined without a mapping, for other codes, and for inherited object keys', () => {
    expect(classForCostCode(SETTINGS, 301)).toBeUndefined();
    expect(classForCostCode({ ...SETTINGS, classByCostCode: { '301': CLASS } }, 302)).toBeUndefined();
    expect(classForCostCode({ ...SETTINGS, classByCostCode: {} }, Number('NaN'))).toBeUndefined();
    const settings = { ...SETTINGS, classByCostCode: Object.create({ '7': CLASS }) as Record<string, typeof CLASS> };
    expect(classForCostCode(settings, 7)).toBeUndefined();
  });
});
