// ItemServiceAdd/Mod and ItemOtherChargeAdd/Mod (map-cost-codes.ts) → QBO Item with Type "Service" (QBO has no
// Other Charge type; Intuit Item reference, developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/item:
// Type Inventory | Service | NonInventory | Category). A child code's item is a sub-item: SubItem = true with
// ParentRef (same reference). Accounts: the two-sided Desktop item (SalesAndPurchase) keeps both sides —
// Description + IncomeAccountRef, PurchaseDesc + ExpenseAccountRef. QBO requires IncomeAccountRef to create a Service
// item (Intuit Item reference, field IncomeAccountRef; the quickbooks-types crate encodes the same rule,
// docs.rs/crate/quickbooks-types/latest/source/src/models/item.rs: "for ItemType::Service: income_account_ref is
// present"); the API has no purchase-only flag (the UI's "I purchase this" is PurchaseDesc/ExpenseAccountRef being
// present) — to confirm on a sandbox: a Service item with only ExpenseAccountRef is expected to fail. So a one-sided
// Desktop item on an income account renders; one on an expense account only is refused with NO_ITEM_ACCOUNT
// naming the setting to fill, instead of QBO's 6000 "business validation error" after the call.
import type { ItemOtherChargeAddRequest, ItemOtherChargeModRequest, ItemServiceAddRequest, ItemServiceModRequest } from '@connector/qbxml';
import { assertKnownFields, missing, rendering, resolveRef, type QboRefs, type QboRendering } from './qbo-rendering.ts';
import type { QboItemPayload } from './qbo-payload-types.ts';

type ItemRequest = ItemServiceAddRequest | ItemOtherChargeAddRequest | ItemServiceModRequest | ItemOtherChargeModRequest;

const KNOWN = ['type', 'name', 'listId', 'editSequence', 'parentRef', 'salesOrPurchase', 'salesAndPurchase'];

export function renderQboItem(request: ItemRequest, refs: QboRefs): QboRendering<'Item'> {
  return rendering(() => {
    assertKnownFields(request, KNOWN);
    if (request.type === 'ItemServiceMod' || request.type === 'ItemOtherChargeMod') {
      const current =
        refs.record('Item', request.listId) ??
        missing('Id', `The QuickBooks Online item id ${request.listId} is not known; refresh the items from QuickBooks Online, then export again.`);
      // map-cost-codes.ts sends a linked item's Name only: never re-parented, never given accounts.
      const payload: QboItemPayload = { Id: current.Id, SyncToken: current.SyncToken, sparse: true };
      if (request.name !== undefined) payload.Name = request.name;
      return { ok: true, entity: 'Item', operation: 'update', payload };
    }
    const payload: QboItemPayload = { Name: request.name, Type: 'Service' };
    if (request.parentRef !== undefined) {
      payload.SubItem = true;
      payload.ParentRef = resolveRef(refs, 'Item', request.parentRef, 'ParentRef');
    }
    const both = request.salesAndPurchase;
    const one = request.salesOrPurchase;
    if (both) {
      assertKnownFields(both, ['salesDesc', 'incomeAccountRef', 'purchaseDesc', 'expenseAccountRef']);
      if (both.salesDesc !== undefined) payload.Description = both.salesDesc;
      if (both.incomeAccountRef) payload.IncomeAccountRef = resolveRef(refs, 'Account', both.incomeAccountRef, 'IncomeAccountRef');
      if (both.purchaseDesc !== undefined) payload.PurchaseDesc = both.purchaseDesc;
      if (both.expenseAccountRef) payload.ExpenseAccountRef = resolveRef(refs, 'Account', both.expenseAccountRef, 'ExpenseAccountRef');
    } else if (one?.accountRef) {
      assertKnownFields(one, ['desc', 'accountRef']);
      const side = refs.accountSide(one.accountRef);
      if (side !== 'income') {
        return {
          ok: false,
          refusal: {
            code: 'NO_ITEM_ACCOUNT',
            field: 'IncomeAccountRef',
            message: `The item "${request.name}" cannot be created in QuickBooks Online: it has ${side === 'expense' ? 'only an expense account' : 'an account the connector cannot place'}, and QuickBooks Online needs an income account on every Service item. Choose the income account for new cost-code items under Settings (the expense account stays for purchase orders and bills), then export again.`,
          },
        };
      }
      if (one.desc !== undefined) payload.Description = one.desc;
      payload.IncomeAccountRef = resolveRef(refs, 'Account', one.accountRef, 'IncomeAccountRef');
    }
    if (!payload.IncomeAccountRef) {
      return {
        ok: false,
        refusal: {
          code: 'NO_ITEM_ACCOUNT',
          field: 'IncomeAccountRef',
          message: `The item "${request.name}" cannot be created in QuickBooks Online without an income account. Choose the income account for new cost-code items under Settings, then export again.`,
        },
      };
    }
    return { ok: true, entity: 'Item', operation: 'create', payload };
  });
}
