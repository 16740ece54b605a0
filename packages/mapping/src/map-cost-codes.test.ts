import type { StandardCostCode } from '@connector/procore';
import { describe, expect, it } from 'vitest';
import { itemNameForCostCode, mapCostCodes, type CostCodeMapping } from './map-cost-codes.ts';
import type { MappingContext } from './mapping-types.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import { EXPENSE_ACCOUNT, expectOk, expectRefusal, INCOME_ACCOUNT, ITEM_LINKS, CC_CONCRETE, makeContext, previewValue } from './testing/fixtures.ts';
import { COST_CODES } from './testing/procore-records.ts';

const xsd = createXsdCheck();
const ctx = makeContext({ links: {} });
const abbreviate = makeContext({ links: {}, settings: { itemNameRule: 'abbreviate' } });

function byId(mappings: CostCodeMapping[], id: number): CostCodeMapping {
  const m = mappings.find((x) => x.costCodeId === id);
  if (!m) throw new Error(`no mapping for ${id}`);
  return m;
}

function addAll(name: string, mappings: CostCodeMapping[]): void {
  for (const m of mappings) if (m.result.ok) xsd.add(`${name} ${m.costCodeId}`, m.result.request);
}

const code = (id: number, full_code: string, name: string, parent_id: number | null = null): StandardCostCode => ({
  id,
  parent_id,
  code: full_code.split('-').at(-1)!,
  full_code,
  name,
});

describe('mapCostCodes: hierarchy', () => {
  it('creates parents first, children under them by ParentRef full name ("Parent:Child")', () => {
    const mappings = mapCostCodes([COST_CODES[1]!, COST_CODES[2]!, COST_CODES[0]!], ctx);
    expect(mappings.map((m) => [m.costCodeId, m.itemFullName])).toEqual([
      [300, '03 Concrete'],
      [302, '03 Concrete:03-200 Reinforcing'],
      [301, '03 Concrete:03-300 Cast-in-Place'],
    ]);
    const parent = expectOk(byId(mappings, 300).result);
    expect(parent.request).toEqual({
      type: 'ItemServiceAdd',
      name: '03 Concrete',
      salesAndPurchase: {
        salesDesc: '03 Concrete',
        incomeAccountRef: { listId: INCOME_ACCOUNT.listId },
        purchaseDesc: '03 Concrete',
        expenseAccountRef: { listId: EXPENSE_ACCOUNT.listId },
      },
    });
    expect(parent.dependencies).toEqual([]);
    const child = expectOk(byId(mappings, 301).result);
    expect(child.request).toMatchObject({ type: 'ItemServiceAdd', name: '03-300 Cast-in-Place', parentRef: { fullName: '03 Concrete' } });
    expect(child.dependencies).toEqual([{ kind: 'item', procoreId: 300, label: 'the item for the parent cost code (Procore cost code 300)' }]);
    expect(child.preview).toEqual([
      { field: 'Name', value: '03-300 Cast-in-Place', source: 'full_code + name' },
      { field: 'Parent', value: '03 Concrete', source: 'parent_id' },
      { field: 'Full name', value: '03 Concrete:03-300 Cast-in-Place' },
      { field: 'Type', value: 'Service', source: 'setting: item type' },
      { field: 'Description', value: '03-300 Cast-in-Place', source: 'full_code + name' },
      { field: 'Expense account', value: EXPENSE_ACCOUNT.fullName, source: 'setting' },
      { field: 'Income account', value: INCOME_ACCOUNT.fullName, source: 'setting' },
    ]);
    addAll('hierarchy', mappings);
    expect(xsd.add('child xml', child.request)).toContain('<ParentRef><FullName>03 Concrete</FullName></ParentRef>');
  });

  it('keeps three levels', () => {
    const mappings = mapCostCodes([code(3, '01-100-10', 'Permits', 2), code(2, '01-100', 'Fees', 1), code(1, '01', 'General')], ctx);
    expect(mappings.map((m) => m.itemFullName)).toEqual(['01 General', '01 General:01-100 Fees', '01 General:01-100 Fees:01-100-10 Permits']);
    expect(expectOk(byId(mappings, 3).result).request).toMatchObject({ parentRef: { fullName: '01 General:01-100 Fees' } });
    addAll('three levels', mappings);
  });

  it('points at a parent already in QuickBooks by ListID, and needs nothing sent first', () => {
    const links = { items: { 300: { listId: '80000099-1', fullName: '03 Concrete', editSequence: '9' } } };
    const [only] = mapCostCodes([COST_CODES[1]!], makeContext({ links }));
    const result = expectOk(only!.result);
    expect(result.request).toMatchObject({ parentRef: { listId: '80000099-1' } });
    expect(result.dependencies).toEqual([]);
    expect(only!.itemFullName).toBe('03 Concrete:03-300 Cast-in-Place');
    xsd.add('child of linked parent', result.request);
  });

  it('a linked parent in the set is changed only when a field is chosen, and its child points at it by ListID', () => {
    const links = { items: { 300: { listId: '80000099-1', fullName: '03 Concrete', editSequence: '9' } } };
    expect(expectRefusal(byId(mapCostCodes(COST_CODES, makeContext({ links })), 300).result, 'NO_CHANGES').message).toContain('"03 Concrete"');
    const mappings = mapCostCodes(COST_CODES, makeContext({ links }), { fields: ['Name'] });
    expect(expectOk(byId(mappings, 300).result).request.type).toBe('ItemServiceMod');
    const child = expectOk(byId(mappings, 301).result);
    expect(child.request).toMatchObject({ parentRef: { listId: '80000099-1' } });
    expect(child.dependencies).toEqual([]);
    addAll('linked parent in set', mappings);
  });

  it('refuses a child whose parent is neither in the set nor in QuickBooks', () => {
    const [only] = mapCostCodes([COST_CODES[1]!], ctx);
    const refusal = expectRefusal(only!.result, 'MISSING_DEPENDENCY');
    expect(refusal.dependencies).toEqual([
      { kind: 'item', procoreId: 300, label: 'the item for the parent cost code of cost code 03-300 "Cast-in-Place" (Procore cost code 300)' },
    ]);
    expect(only!.itemFullName).toBeNull();
  });

  it('refuses the children of a refused parent, saying why', () => {
    const mappings = mapCostCodes([code(1, '01', 'General Requirements and Conditions of the Contract'), code(2, '01-100', 'Fees', 1)], ctx);
    expectRefusal(byId(mappings, 1).result, 'NAME_TOO_LONG');
    const refusal = expectRefusal(byId(mappings, 2).result, 'PARENT_NOT_MAPPED');
    expect(refusal.message).toMatch(
      /^Cost code 01-100 "Fees" cannot be exported because its parent, cost code 01 "General Requirements and Conditions of the Contract", cannot be: Cost code 01 /,
    );
    expect(refusal.field).toBe('ParentRef');
  });

  it('refuses codes whose parents loop back to them', () => {
    const mappings = mapCostCodes([code(1, 'A', 'Alpha', 2), code(2, 'B', 'Beta', 1), code(3, 'C', 'Gamma'), code(4, 'D', 'Delta', 1)], ctx);
    expect(mappings.map((m) => m.costCodeId)).toEqual([3, 1, 2, 4]);
    expect(expectRefusal(byId(mappings, 1).result, 'INCOMPLETE_RECORD').message).toBe(
      'The parent codes of cost code A "Alpha" loop in Procore (a code is its own ancestor), so it cannot be placed in QuickBooks\' item list; correct the parent codes in Procore and export again.',
    );
    expectRefusal(byId(mappings, 2).result, 'INCOMPLETE_RECORD');
    expectRefusal(byId(mappings, 4).result, 'INCOMPLETE_RECORD'); // below the loop
    expectOk(byId(mappings, 3).result);
    expectRefusal(mapCostCodes([code(5, 'E', 'Self', 5)], ctx)[0]!.result, 'INCOMPLETE_RECORD'); // its own parent
  });

  it('maps a duplicated id once, and an empty set to nothing', () => {
    expect(mapCostCodes([COST_CODES[0]!, { ...COST_CODES[0]!, name: 'Other' }], ctx).map((m) => m.itemFullName)).toEqual(['03 Concrete']);
    expect(mapCostCodes([], ctx)).toEqual([]);
  });

  it('refuses a full name over 159 characters (ItemRef FullName)', () => {
    const chain = Array.from({ length: 6 }, (_, i) => code(i + 1, `${i}`.repeat(2), 'x'.repeat(28), i === 0 ? null : i)); // 6 × 31 + 5 = 191
    const mappings = mapCostCodes(chain, ctx);
    expect(expectOk(byId(mappings, 5).result)).toBeTruthy(); // 5 × 31 + 4 = 159
    expect(byId(mappings, 5).itemFullName).toHaveLength(159);
    expect(expectRefusal(byId(mappings, 6).result, 'NAME_TOO_LONG').message).toContain('at most 159 characters for a full name');
    addAll('deep chain', mappings);
  });
});

describe('mapCostCodes: item type and accounts', () => {
  it('creates Other Charge items when the setting says so', () => {
    const [only] = mapCostCodes([COST_CODES[0]!], makeContext({ links: {}, settings: { itemType: 'other_charge' } }));
    const result = expectOk(only!.result);
    expect(result.request.type).toBe('ItemOtherChargeAdd');
    expect(previewValue(result, 'Type')).toBe('Other Charge');
    xsd.add('other charge', result.request);
  });

  it('makes a one-sided item on the only account set', () => {
    const expenseOnly = expectOk(mapCostCodes([COST_CODES[0]!], makeContext({ links: {}, settings: { itemIncomeAccount: null } }))[0]!.result);
    expect(expenseOnly.request).toEqual({
      type: 'ItemServiceAdd',
      name: '03 Concrete',
      salesOrPurchase: { desc: '03 Concrete', accountRef: { listId: EXPENSE_ACCOUNT.listId } },
    });
    expect(previewValue(expenseOnly, 'Account')).toBe(EXPENSE_ACCOUNT.fullName);
    xsd.add('expense only', expenseOnly.request);
    const incomeOnly = expectOk(
      mapCostCodes([COST_CODES[0]!], makeContext({ links: {}, settings: { itemExpenseAccount: null, itemType: 'other_charge' } }))[0]!.result,
    );
    expect(incomeOnly.request).toMatchObject({ salesOrPurchase: { accountRef: { listId: INCOME_ACCOUNT.listId } } });
    xsd.add('income only', incomeOnly.request);
  });

  it('refuses to create an item without any account', () => {
    const noAccounts = makeContext({ links: {}, settings: { itemExpenseAccount: null, itemIncomeAccount: null } });
    const refusal = expectRefusal(mapCostCodes([COST_CODES[0]!], noAccounts)[0]!.result, 'NO_ITEM_ACCOUNT');
    expect(refusal.message).toBe(
      'The item for cost code 03 "Concrete" cannot be created: no QuickBooks account is set for new cost-code items, and QuickBooks needs one for every item. Choose the expense (job cost) account, and the income account if estimates are used, under Settings, then export again.',
    );
  });

  it('changes a linked item with a Mod of its own type (no account needed), renamed only when chosen and never re-parented', () => {
    const links = {
      items: {
        [CC_CONCRETE]: { ...ITEM_LINKS[CC_CONCRETE]!, itemType: 'other_charge' as const },
        300: { listId: 'P-1', fullName: '03 Concrete', editSequence: '5' },
      },
    };
    const noAccounts: MappingContext = makeContext({ links, settings: { itemExpenseAccount: null, itemIncomeAccount: null } });
    const mappings = mapCostCodes([COST_CODES[1]!], noAccounts, { fields: ['Name'] });
    const result = expectOk(mappings[0]!.result);
    expect(result.action).toBe('change');
    expect(result.request).toEqual({
      type: 'ItemOtherChargeMod',
      listId: ITEM_LINKS[CC_CONCRETE]!.listId,
      editSequence: ITEM_LINKS[CC_CONCRETE]!.editSequence,
      name: '03-300 Cast-in-Place',
    });
    xsd.add('item mod other charge', result.request);
    const top = expectOk(
      mapCostCodes([COST_CODES[0]!], makeContext({ links: { items: { 300: { listId: 'P-1', fullName: '03 Concrete', editSequence: '5' } } } }), {
        fields: ['Name'],
      })[0]!.result,
    );
    expect(top.request).toEqual({ type: 'ItemServiceMod', listId: 'P-1', editSequence: '5', name: '03 Concrete' });
    xsd.add('item mod service', top.request);
  });
});

describe('mapCostCodes: 31-character names, rule "refuse"', () => {
  it('accepts exactly 31 characters', () => {
    const name = 'x'.repeat(24); // "03-300 " + 24 = 31
    const result = expectOk(mapCostCodes([code(1, '03-300', name)], ctx)[0]!.result);
    expect(result.request).toMatchObject({ name: `03-300 ${name}` });
    xsd.add('name 31', result.request);
  });

  it('refuses 32 characters naming the code, the name, the limit and both fixes', () => {
    const refusal = expectRefusal(mapCostCodes([code(1, '03-300', 'x'.repeat(25))], ctx)[0]!.result, 'NAME_TOO_LONG');
    expect(refusal.message).toBe(
      `Cost code 03-300 "${'x'.repeat(25)}" would become the QuickBooks item name "03-300 ${'x'.repeat(25)}" (32 characters); QuickBooks allows at most 31 characters for an item name. Shorten the cost code description in Procore, or switch the item naming rule to "abbreviate" in Settings.`,
    );
    expect(refusal.field).toBe('Name');
  });

  it('refuses a colon', () => {
    expect(expectRefusal(mapCostCodes([code(1, '03-300', 'Concrete: slabs')], ctx)[0]!.result, 'INVALID_NAME').message).toContain('contains ":"');
  });

  it('names a code without description by its code, and a description without code by itself', () => {
    expect(mapCostCodes([{ id: 1, code: '03', full_code: null, name: '' }], ctx)[0]!.itemFullName).toBe('03');
    expect(mapCostCodes([{ id: 1, code: '', full_code: null, name: 'Concrete' }], ctx)[0]!.itemFullName).toBe('Concrete');
    expectRefusal(mapCostCodes([{ id: 1, code: ' ', full_code: null, name: '' }], ctx)[0]!.result, 'INCOMPLETE_RECORD');
    expectRefusal(mapCostCodes([{ id: 1, code: ' ', full_code: null, name: '' }], abbreviate)[0]!.result, 'INCOMPLETE_RECORD');
  });

  it('counts unicode by characters', () => {
    const decomposed = 'É'.repeat(28).normalize('NFD'); // 56 UTF-16 units, 28 characters once NFC
    const result = expectOk(mapCostCodes([code(1, '09', decomposed)], ctx)[0]!.result); // "09 " + 28 = 31
    expect(result.request).toMatchObject({ name: `09 ${'É'.repeat(28)}` });
    xsd.add('unicode 31', result.request);
    expectRefusal(mapCostCodes([code(1, '09', '𝐀'.repeat(29))], ctx)[0]!.result, 'NAME_TOO_LONG');
  });
});

describe('mapCostCodes: rule "abbreviate"', () => {
  it('abbreviates deterministically and says so in the preview; the full text stays in the description', () => {
    const long = code(1, '02-300', 'Excavation and Backfill for Foundations and Utilities');
    const result = expectOk(mapCostCodes([long], abbreviate)[0]!.result);
    expect(result.request).toMatchObject({ name: '02-300 Excvtn Bckfll Fndtns' });
    expect(result.preview[0]).toEqual({ field: 'Name', value: '02-300 Excvtn Bckfll Fndtns', source: 'full_code + name (abbreviated)' });
    expect(previewValue(result, 'Description')).toBe('02-300 Excavation and Backfill for Foundations and Utilities');
    expect(mapCostCodes([long], abbreviate)).toEqual(mapCostCodes([long], abbreviate));
    xsd.add('abbreviated', result.request);
    expect(expectOk(mapCostCodes([code(1, '03', 'Concrete')], abbreviate)[0]!.result).preview[0]!.source).toBe('full_code + name');
  });

  it('replaces ":" by "-" instead of refusing', () => {
    const result = expectOk(mapCostCodes([code(1, '03:300', 'Concrete: slabs')], abbreviate)[0]!.result);
    expect(result.request).toMatchObject({ name: '03-300 Concrete- slabs' });
    xsd.add('colon replaced', result.request);
  });

  it('refuses a code that alone is over 31 characters', () => {
    const longCode = '1'.repeat(32);
    const refusal = expectRefusal(mapCostCodes([{ id: 1, code: longCode, full_code: longCode, name: 'Concrete' }], abbreviate)[0]!.result, 'NAME_TOO_LONG');
    expect(refusal.message).toContain(
      `the code "${longCode}" alone is 32 characters; QuickBooks allows at most 31 characters for an item name and a code is never abbreviated`,
    );
    const longDescription = expectRefusal(mapCostCodes([{ id: 2, code: '', full_code: null, name: 'd'.repeat(40) }], abbreviate)[0]!.result, 'NAME_TOO_LONG');
    expect(longDescription.message).toContain('alone is 40 characters');
  });

  it('refuses two codes that would get the same item, naming both', () => {
    // Same full code in two places (e.g. one list imported twice): abbreviation cannot tell them apart.
    const a = code(1, '02-300', 'Excavation and Backfill for Foundations and Utilities East');
    const b = code(2, '02-300', 'Excavation and Backfill for Foundations and Utilities West');
    const c = code(3, '02-400', 'Excavation and Backfill for Foundations and Utilities East');
    const mappings = mapCostCodes([a, b, c], abbreviate);
    for (const id of [1, 2]) {
      const refusal = expectRefusal(byId(mappings, id).result, 'ITEM_NAME_COLLISION');
      expect(refusal.message).toBe(
        'Cost code 02-300 "Excavation and Backfill for Foundations and Utilities East" and cost code 02-300 "Excavation and Backfill for Foundations and Utilities West" would all become the QuickBooks item "02-300 Excvtn Bckfll Fndtns"; QuickBooks item names must be unique. Change the code or description of one of them in Procore so that their abbreviated names differ, and export again.',
      );
    }
    expectOk(byId(mappings, 3).result);
  });

  it('treats names that differ only in case as the same item (QuickBooks names ignore case)', () => {
    const mappings = mapCostCodes([code(1, 'A1', 'Concrete'), code(2, 'a1', 'CONCRETE')], ctx);
    const refusal = expectRefusal(byId(mappings, 1).result, 'ITEM_NAME_COLLISION');
    expect(refusal.message).toContain('Change the code or description of one of them in Procore, and export again.');
    expectRefusal(byId(mappings, 2).result, 'ITEM_NAME_COLLISION');
  });

  it('refuses the children of colliding parents, and allows one child name under two parents', () => {
    const mappings = mapCostCodes(
      [
        code(1, '01', 'General'),
        code(2, '01', 'General'),
        code(3, '01-100', 'Fees', 1),
        code(4, '02', 'Site'),
        code(5, '03', 'Concrete'),
        code(6, 'X', 'Misc', 4),
        code(7, 'X', 'Misc', 5),
      ],
      abbreviate,
    );
    expectRefusal(byId(mappings, 1).result, 'ITEM_NAME_COLLISION');
    expectRefusal(byId(mappings, 3).result, 'PARENT_NOT_MAPPED');
    expect(byId(mappings, 6).itemFullName).toBe('02 Site:X Misc');
    expect(byId(mappings, 7).itemFullName).toBe('03 Concrete:X Misc');
    addAll('same child name under two parents', mappings);
  });
});

describe('itemNameForCostCode', () => {
  it('prefers the full code and falls back to the code', () => {
    expect(itemNameForCostCode({ id: 1, code: '300', full_code: '03-300', name: 'Concrete' }, 'refuse')).toEqual({
      ok: true,
      name: '03-300 Concrete',
      abbreviated: false,
    });
    expect(itemNameForCostCode({ id: 1, code: '300', full_code: null, name: 'Concrete' }, 'refuse')).toEqual({
      ok: true,
      name: '300 Concrete',
      abbreviated: false,
    });
    expect(itemNameForCostCode({ id: 1, code: '300', name: '  Cast  in\tPlace ' }, 'abbreviate')).toEqual({
      ok: true,
      name: '300 Cast in Place',
      abbreviated: false,
    });
  });

  it('truncates a very long description in the item description (4095)', () => {
    const result = expectOk(mapCostCodes([code(1, '03', 'd'.repeat(5000))], abbreviate)[0]!.result);
    expect(previewValue(result, 'Description')).toHaveLength(4095);
    xsd.add('description 4095', result.request);
  });
});

describe('mapCostCodes: qbXML', () => {
  it('every request above validates against the qbXML 13.0 XSD', async () => {
    expect(xsd.count()).toBeGreaterThan(20);
    await xsd.verifyAll();
  });
});
