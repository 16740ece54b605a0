import { describe, expect, it } from 'vitest';
import { mapCostCodes, type CostCodeMapping } from '../map-cost-codes.ts';
import { EXPENSE_ACCOUNT, expectOk, INCOME_ACCOUNT, makeContext } from '../testing/fixtures.ts';
import { COST_CODES } from '../testing/procore-records.ts';
import { makeQboRefs, qboId } from '../testing/qbo-refs.ts';
import { renderQboItem } from './render-qbo-item.ts';

const refs = makeQboRefs({ byFullName: { '03 Concrete': '31' }, accountSides: { [INCOME_ACCOUNT.listId]: 'income', [EXPENSE_ACCOUNT.listId]: 'expense' } });
const byId = (mappings: CostCodeMapping[], id: number) => expectOk(mappings.find((m) => m.costCodeId === id)!.result);

describe('renderQboItem', () => {
  it('a two-sided Desktop item → a Service item with both accounts and descriptions', () => {
    const parent = byId(mapCostCodes(COST_CODES, makeContext({ links: {} })), 300);
    expect(renderQboItem(parent.request, refs)).toEqual({
      ok: true,
      entity: 'Item',
      operation: 'create',
      payload: {
        Name: '03 Concrete',
        Type: 'Service',
        Description: '03 Concrete',
        IncomeAccountRef: { value: qboId(INCOME_ACCOUNT.listId) },
        PurchaseDesc: '03 Concrete',
        ExpenseAccountRef: { value: qboId(EXPENSE_ACCOUNT.listId) },
      },
    });
  });

  it('a child code → a sub-item (SubItem, ParentRef) whose parent, made earlier in the batch, is found by full name', () => {
    const child = byId(mapCostCodes(COST_CODES, makeContext({ links: {} })), 301);
    expect(renderQboItem(child.request, refs)).toMatchObject({
      ok: true,
      payload: { Name: '03-300 Cast-in-Place', SubItem: true, ParentRef: { value: '31', name: '03 Concrete' } },
    });
  });

  it('refuses a sub-item whose parent is not in QBO yet', () => {
    const child = byId(mapCostCodes(COST_CODES, makeContext({ links: {} })), 301);
    expect(renderQboItem(child.request, makeQboRefs())).toMatchObject({ ok: false, refusal: { code: 'MISSING_DEPENDENCY', field: 'ParentRef' } });
  });

  it('an Other Charge item is a Service item on QBO (QBO has no Other Charge type)', () => {
    const parent = byId(mapCostCodes(COST_CODES, makeContext({ links: {}, settings: { itemType: 'other_charge' } })), 300);
    expect(parent.request.type).toBe('ItemOtherChargeAdd');
    expect(renderQboItem(parent.request, refs)).toMatchObject({ ok: true, payload: { Type: 'Service' } });
  });

  it('a name the domain abbreviated is sent as the domain wrote it', () => {
    const long = { id: 9, code: '900', full_code: '09-900', name: 'Painting and wall coverings, interior' };
    const mapped = byId(mapCostCodes([long], makeContext({ links: {}, settings: { itemNameRule: 'abbreviate' } })), 9);
    expect(renderQboItem(mapped.request, refs)).toMatchObject({ ok: true, payload: { Name: mapped.request.name } });
    expect([...(mapped.request as { name: string }).name].length).toBeLessThanOrEqual(31);
  });

  it('an income-only Desktop item → IncomeAccountRef and Description', () => {
    const mapped = byId(mapCostCodes([COST_CODES[0]!], makeContext({ links: {}, settings: { itemExpenseAccount: null } })), 300);
    expect(renderQboItem(mapped.request, refs)).toEqual({
      ok: true,
      entity: 'Item',
      operation: 'create',
      payload: { Name: '03 Concrete', Type: 'Service', Description: '03 Concrete', IncomeAccountRef: { value: qboId(INCOME_ACCOUNT.listId) } },
    });
  });

  it('an expense-only Desktop item is refused: QBO needs an income account on a Service item', () => {
    const mapped = byId(mapCostCodes([COST_CODES[0]!], makeContext({ links: {}, settings: { itemIncomeAccount: null } })), 300);
    const r = renderQboItem(mapped.request, refs);
    expect(r).toMatchObject({ ok: false, refusal: { code: 'NO_ITEM_ACCOUNT', field: 'IncomeAccountRef' } });
    if (!r.ok) expect(r.refusal.message).toMatch(/only an expense account.*income account for new cost-code items under Settings/);
    // An account whose side is not known is refused too, never guessed.
    expect(renderQboItem(mapped.request, makeQboRefs())).toMatchObject({ ok: false, refusal: { code: 'NO_ITEM_ACCOUNT' } });
  });

  it('a linked item: a sparse update of Name only, with the current SyncToken', () => {
    const links = { items: { 300: { listId: '80000099-1', fullName: '03 Concrete', editSequence: '9' } } };
    const mod = byId(mapCostCodes(COST_CODES, makeContext({ links }), { fields: ['Name'] }), 300);
    expect(renderQboItem(mod.request, refs)).toEqual({
      ok: true,
      entity: 'Item',
      operation: 'update',
      payload: { Id: qboId('80000099-1'), SyncToken: '7', sparse: true, Name: '03 Concrete' },
    });
    expect(renderQboItem(mod.request, makeQboRefs({ unknown: ['80000099-1'] }))).toMatchObject({ ok: false, refusal: { code: 'LINK_INCOMPLETE' } });
  });
});
