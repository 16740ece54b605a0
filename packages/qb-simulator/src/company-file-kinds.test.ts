import { describe, expect, it } from 'vitest';
import { COMPANY_FILE_KINDS, companyFileKindOptions, parseCompanyFileKind } from './generate/company-file-kinds.ts';
import { generateCompanyFile } from './generate/generate-company-file.ts';

describe('kinds of company file (the journeys and DEMO_QB_FILE)', () => {
  it('each kind gives the file its name says: clean has no mess and one currency, messy has mess, multi-currency has currencies', () => {
    const file = (kind: (typeof COMPANY_FILE_KINDS)[number]) =>
      generateCompanyFile({ seed: 5, vendors: 12, bills: 20, purchaseOrders: 4, ...companyFileKindOptions(kind) });
    const clean = file('clean');
    expect(clean.isMultiCurrencyOn).toBeFalsy();
    expect(clean.vendors.filter((v) => v.name !== v.name.trim() || /[<>"]|[^\x00-\x7f]/.test(v.name))).toEqual([]);
    // The messy file: the same company with some names made messy.
    const renamed = file('messy').vendors.filter((v) => clean.vendors.find((c) => c.listId === v.listId)?.name !== v.name);
    expect(renamed.length).toBeGreaterThan(0);
    for (const v of renamed) expect(v.name).toMatch(/[&"'<>]|[^\x00-\x7f]|\s$/);
    const multi = file('multi-currency');
    expect(multi.isMultiCurrencyOn).toBe(true);
    expect(multi.bills.some((b) => b.currencyId !== undefined && b.currencyId !== multi.homeCurrencyId)).toBe(true);
  });

  it('reads a kind from the environment, unset meaning clean, and names the choices for anything else', () => {
    expect(parseCompanyFileKind(undefined, 'DEMO_QB_FILE')).toBe('clean');
    expect(parseCompanyFileKind('', 'DEMO_QB_FILE')).toBe('clean');
    for (const kind of COMPANY_FILE_KINDS) expect(parseCompanyFileKind(kind, 'DEMO_QB_FILE')).toBe(kind);
    expect(() => parseCompanyFileKind('multicurrency', 'DEMO_QB_FILE')).toThrow(
      'DEMO_QB_FILE="multicurrency" is not a kind of company file: use one of clean, messy, multi-currency.',
    );
  });
});
