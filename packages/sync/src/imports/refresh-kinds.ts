import type { ListDelType, QbxmlRequest } from '@connector/qbxml';

/**
 * What one refresh reads from QuickBooks (docs/integration-map.md#refresh "QuickBooks → Procore"). Jobs and vendors are
 * refreshed hourly, job costs every two hours by default (company settings); items ride with jobs, and the chart of
 * accounts and the classes ride with items (issue 18 item 4: the Settings pickers for item accounts and cost-code
 * classes read them — one "Refresh items, accounts and classes" fills every QuickBooks list the settings choose from).
 * Each query is one queued request whose dedupe key is `import:<kind>:<query>`, so a second click or
 * a schedule firing while one is open is answered "already queued".
 */
// The kinds are the API's (@connector/contract import-api.ts): the route's body and the refresh read one list.
export { REFRESH_KINDS, type RefreshKind } from '@connector/contract';
import type { RefreshKind } from '@connector/contract';

/** Transactions per iterator round (docs/qbxml.md#iterators: large reads through iterators, a few hundred at a time). */
export const TXN_PAGE_SIZE = 500;
export const LIST_PAGE_SIZE = 1000;
/** Re-read this much before the last modified time seen: clock steps (DST) and same-second edits. Dedupe is by TxnID + EditSequence. */
export const CURSOR_OVERLAP_MINUTES = 60;

export type ImportQueryType =
  | 'CustomerQuery'
  | 'VendorQuery'
  | 'ItemQuery'
  | 'AccountQuery'
  | 'ClassQuery'
  | 'ListDeletedQuery'
  | 'BillQuery'
  | 'CheckQuery'
  | 'CreditCardChargeQuery'
  | 'BillPaymentCheckQuery'
  | 'ReceivePaymentQuery'
  | 'DepositQuery'
  | 'TxnDeletedQuery';

export function importDedupeKey(kind: RefreshKind, query: ImportQueryType): string {
  return `import:${kind}:${query}`;
}

export function parseImportDedupeKey(key: string): { kind: RefreshKind; query: ImportQueryType } | null {
  const match = /^import:(jobs|vendors|items|job_costs):(\w+)$/.exec(key);
  return match ? { kind: match[1] as RefreshKind, query: match[2] as ImportQueryType } : null;
}

/** sync_cursors name holding the last QuickBooks modified (or deleted) time read by a query. */
export function cursorName(kind: RefreshKind, query: ImportQueryType): string {
  return `qb:${kind}:${query}`;
}

/**
 * Every item type ItemQuery returns (qbxmlops130.xsd ItemQueryRs), as ListDelType values: an item of any of
 * them that is deleted must leave our copy too — a group, discount or payment item read once would otherwise
 * stay on the Items list (and selectable, e.g. as the Invoice Retainage Item) after QuickBooks deleted it.
 */
export const ITEM_DEL_TYPES = [
  'ItemService',
  'ItemOtherCharge',
  'ItemNonInventory',
  'ItemInventory',
  'ItemInventoryAssembly',
  'ItemFixedAsset',
  'ItemGroup',
  'ItemDiscount',
  'ItemSubtotal',
  'ItemPayment',
  'ItemSalesTax',
  'ItemSalesTaxGroup',
] as const satisfies readonly ListDelType[];

/**
 * Lists read whole with each refresh of a kind, beside its own list: AccountQuery and ClassQuery take no iterator
 * (qbxmlops130.xsd AccountQueryRqType / ClassQueryRqType have no `iterator` attribute, unlike CustomerQuery), so
 * they are read in one answer — without MaxReturned, which would cut the list short — incrementally from the
 * last TimeModified seen, like the others. A chart of accounts is hundreds of entries, not thousands.
 */
const COMPANION_LISTS: Partial<Record<Exclude<RefreshKind, 'job_costs'>, Array<{ query: 'AccountQuery' | 'ClassQuery'; deleted: ListDelType }>>> = {
  items: [
    { query: 'AccountQuery', deleted: 'Account' },
    { query: 'ClassQuery', deleted: 'Class' },
  ],
};

const LIST_QUERY: Record<Exclude<RefreshKind, 'job_costs'>, { query: 'CustomerQuery' | 'VendorQuery' | 'ItemQuery'; deleted: ListDelType[] }> = {
  jobs: { query: 'CustomerQuery', deleted: ['Customer'] },
  vendors: { query: 'VendorQuery', deleted: ['Vendor'] },
  items: { query: 'ItemQuery', deleted: [...ITEM_DEL_TYPES] },
};

/**
 * The requests of one refresh. `since(query)` is the cursor with its overlap already applied, or null
 * for a first (full) read.
 */
export function refreshRequests(kind: RefreshKind, since: (query: ImportQueryType) => string | null): Array<{ query: ImportQueryType; request: QbxmlRequest }> {
  if (kind === 'job_costs') {
    const txnFilter = (query: ImportQueryType) => {
      const from = since(query);
      return from ? { modifiedDateRangeFilter: { fromModifiedDate: from } } : {};
    };
    const deletedFrom = since('TxnDeletedQuery');
    return [
      {
        query: 'BillQuery',
        request: {
          type: 'BillQuery',
          iterator: 'Start',
          maxReturned: TXN_PAGE_SIZE,
          includeLineItems: true,
          includeLinkedTxns: true,
          ...txnFilter('BillQuery'),
        },
      },
      {
        query: 'CheckQuery',
        request: { type: 'CheckQuery', iterator: 'Start', maxReturned: TXN_PAGE_SIZE, includeLineItems: true, ...txnFilter('CheckQuery') },
      },
      {
        query: 'CreditCardChargeQuery',
        request: {
          type: 'CreditCardChargeQuery',
          iterator: 'Start',
          maxReturned: TXN_PAGE_SIZE,
          includeLineItems: true,
          ...txnFilter('CreditCardChargeQuery'),
        },
      },
      {
        query: 'BillPaymentCheckQuery',
        request: {
          type: 'BillPaymentCheckQuery',
          iterator: 'Start',
          maxReturned: TXN_PAGE_SIZE,
          includeLineItems: true,
          ...txnFilter('BillPaymentCheckQuery'),
        },
      },
      // Payments received on owner invoices (issue 21) ride with the bill payments: the same schedule and button.
      {
        query: 'ReceivePaymentQuery',
        request: { type: 'ReceivePaymentQuery', iterator: 'Start', maxReturned: TXN_PAGE_SIZE, ...txnFilter('ReceivePaymentQuery') },
      },
      // When those payments reached the bank (Make Deposits): kept on each payment as its deposit date (store-deposits.ts).
      // After the payments, so a deposit read in the same refresh finds the payments it names already stored.
      {
        query: 'DepositQuery',
        request: { type: 'DepositQuery', iterator: 'Start', maxReturned: TXN_PAGE_SIZE, includeLineItems: true, ...txnFilter('DepositQuery') },
      },
      {
        query: 'TxnDeletedQuery',
        request: {
          type: 'TxnDeletedQuery',
          txnDelTypes: ['Bill', 'Check', 'CreditCardCharge', 'BillPaymentCheck', 'ReceivePayment', 'Deposit'],
          ...(deletedFrom ? { deletedDateRangeFilter: { fromDeletedDate: deletedFrom } } : {}),
        },
      },
    ];
  }
  const spec = LIST_QUERY[kind];
  const from = since(spec.query);
  const deletedFrom = since('ListDeletedQuery');
  const companions = COMPANION_LISTS[kind] ?? [];
  return [
    {
      query: spec.query,
      request: {
        type: spec.query,
        iterator: 'Start',
        maxReturned: LIST_PAGE_SIZE,
        activeStatus: 'All',
        ...(from ? { fromModifiedDate: from } : {}),
      } as QbxmlRequest,
    },
    ...companions.map(({ query }) => {
      const companionFrom = since(query);
      return { query, request: { type: query, activeStatus: 'All', ...(companionFrom ? { fromModifiedDate: companionFrom } : {}) } as QbxmlRequest };
    }),
    {
      query: 'ListDeletedQuery',
      request: {
        type: 'ListDeletedQuery',
        listDelTypes: [...spec.deleted, ...companions.map((c) => c.deleted)],
        ...(deletedFrom ? { deletedDateRangeFilter: { fromDeletedDate: deletedFrom } } : {}),
      },
    },
  ];
}
