// A Desktop request → its QuickBooks Online write, with QboRefs answered from what the connector knows and, for what it
// does not, from QuickBooks Online itself (issue 22: "QboRefs built from links").
//
// What needs no call: a reference by id. On an Online company every ListID/TxnID the mappers use came from QuickBooks
// Online (links store the Id readQboAnswer gave as ListID/TxnID; settings are chosen from its lists), so a ref
// {listId} is {value: listId}. A Mod's SyncToken is the request's own EditSequence: the version our link last saw,
// so a record changed in QuickBooks Online since is refused with 5010 (→ 3200: re-read, diff, never clobber), never
// overwritten with a token read just now.
// What needs a call: a reference by name (a parent created earlier in the same batch), an account's side (income or
// expense, for a one-account item), and a transaction's current lines (a purchase order update replaces every line;
// a bill line links to its PO line by TxnLineId). Renderers are synchronous, so rendering runs in rounds: a round
// notes what it lacked, the lacking is read (reads are metered by Intuit: names and accounts are cached for the
// delivery run), and the request is rendered again, until nothing new is lacking.
import {
  isQboRenderable,
  renderForQbo,
  type QboCurrentTxn,
  type QboExpenseLine,
  type QboListKind,
  type QboRef,
  type QboRefs,
  type QboRendering,
  type QboSalesLine,
} from '@connector/mapping';
import { QboApiError, quoteQueryValue, type QboClient } from '@connector/qbo';
import type { ListRef, QbxmlRequest } from '@connector/qbxml';

/** Names and account sides read during one delivery run (they do not change under our feet the way transactions do). */
export interface QboRefCache {
  names: Map<string, QboRef | null>;
  accountSides: Map<string, 'income' | 'expense' | null>;
}

export function createQboRefCache(): QboRefCache {
  return { names: new Map(), accountSides: new Map() };
}

/** The QBO field a list record's Desktop full name is compared with (DisplayName for vendors: QBO's unique name). */
const NAME_FIELD: Record<QboListKind, string> = {
  Vendor: 'DisplayName',
  Customer: 'FullyQualifiedName',
  Item: 'FullyQualifiedName',
  Class: 'FullyQualifiedName',
  Account: 'FullyQualifiedName',
};

type Need =
  | { kind: 'name'; entity: QboListKind; fullName: string; key: string }
  | { kind: 'account'; id: string }
  | { kind: 'parent'; id: string; key: string }
  | { kind: 'txn'; entity: 'PurchaseOrder' | 'Invoice' | 'Estimate'; id: string; key: string };

const MAX_ROUNDS = 6;

/** Renders `request` for QuickBooks Online, reading what the references need. Throws QboApiError when a read cannot be answered. */
export async function renderWithQboRefs(client: QboClient, request: QbxmlRequest, cache: QboRefCache): Promise<QboRendering> {
  if (!isQboRenderable(request)) throw new TypeError(`${request.type} has no QuickBooks Online write`);
  // Transactions as read for this request only: our own writes change them between requests.
  const txns = new Map<string, QboCurrentTxn<QboExpenseLine> | QboCurrentTxn<QboSalesLine> | null>();
  const ownEditSequence = (id: string): string | undefined => {
    const r = request as { listId?: string; txnId?: string; editSequence?: string };
    return r.editSequence !== undefined && (r.listId === id || r.txnId === id) ? r.editSequence : undefined;
  };
  const parentId = request.type === 'CustomerAdd' || request.type === 'CustomerMod' ? request.parentRef?.listId : undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const needs = new Map<string, Need>();
    const nameRef = (entity: QboListKind, ref: ListRef): QboRef | null => {
      if (ref.listId !== undefined) {
        if (!(entity === 'Customer' && ref.listId === parentId)) return { value: ref.listId };
        // A job's parent by id: its name decides the job's DisplayName (render-qbo-customer.ts qboCustomerDisplayName).
        const key = `Customer#${ref.listId}`;
        if (cache.names.has(key)) return cache.names.get(key) ?? { value: ref.listId };
        needs.set(key, { kind: 'parent', id: ref.listId, key });
        return null;
      }
      const key = `${entity}:${ref.fullName}`;
      if (cache.names.has(key)) return cache.names.get(key)!;
      needs.set(key, { kind: 'name', entity, fullName: ref.fullName!, key });
      return null;
    };
    const txn = <L>(entity: 'PurchaseOrder' | 'Invoice' | 'Estimate', id: string): QboCurrentTxn<L> | null => {
      const key = `${entity}:${id}`;
      if (!txns.has(key)) {
        needs.set(key, { kind: 'txn', entity, id, key });
        return null;
      }
      const current = txns.get(key) as QboCurrentTxn<L> | null;
      const own = ownEditSequence(id);
      return current && own !== undefined ? { ...current, SyncToken: own } : current;
    };
    const refs: QboRefs = {
      list: nameRef,
      accountSide(ref) {
        const account = nameRef('Account', ref);
        if (!account) return null;
        if (cache.accountSides.has(account.value)) return cache.accountSides.get(account.value)!;
        needs.set(`account:${account.value}`, { kind: 'account', id: account.value });
        return null;
      },
      record(_kind, listId) {
        const own = ownEditSequence(listId);
        return own === undefined ? null : { Id: listId, SyncToken: own };
      },
      purchaseOrder: (txnId) => txn<QboExpenseLine>('PurchaseOrder', txnId),
      salesTxn: (kind, txnId) => txn<QboSalesLine>(kind, txnId),
    };
    const rendered = renderForQbo(request, refs);
    if (needs.size === 0) return rendered;
    for (const need of needs.values()) await read(client, need, cache, txns);
  }
  throw new Error(`rendering ${request.type} for QuickBooks Online kept lacking references after ${MAX_ROUNDS} rounds`);
}

async function read(
  client: QboClient,
  need: Need,
  cache: QboRefCache,
  txns: Map<string, QboCurrentTxn<QboExpenseLine> | QboCurrentTxn<QboSalesLine> | null>,
): Promise<void> {
  switch (need.kind) {
    case 'name': {
      // QBO queries return active records only, as a Desktop name look-up sees the active list.
      const found = await client.queryAll(need.entity, `select * from ${need.entity} where ${NAME_FIELD[need.entity]} = ${quoteQueryValue(need.fullName)}`);
      const record = found[0] as { Id: string; DisplayName?: string; FullyQualifiedName?: string; Name?: string } | undefined;
      cache.names.set(need.key, record ? { value: record.Id, name: record.FullyQualifiedName ?? record.DisplayName ?? record.Name ?? need.fullName } : null);
      return;
    }
    case 'parent': {
      const parent = await readOrNull(() => client.read('Customer', need.id));
      cache.names.set(need.key, parent ? { value: need.id, name: parent.FullyQualifiedName ?? parent.DisplayName ?? '' } : null);
      return;
    }
    case 'account': {
      const account = await readOrNull(() => client.read('Account', need.id));
      cache.accountSides.set(need.id, account ? sideOfAccount(account) : null);
      return;
    }
    case 'txn': {
      const current = await readOrNull(() => client.read(need.entity, need.id));
      txns.set(
        need.key,
        current ? ({ Id: current.Id!, SyncToken: current.SyncToken!, Line: (current.Line ?? []) as never } as QboCurrentTxn<QboExpenseLine>) : null,
      );
      return;
    }
  }
}

/**
 * Income or expense, from Intuit's Account.AccountType (always present: Income, Other Income, Expense, Other Expense,
 * Cost of Goods Sold, …), else its Classification (Revenue | Expense | Asset | Liability | Equity). Accounting API
 * reference, Account.
 */
export function sideOfAccount(account: { AccountType?: string; Classification?: string }): 'income' | 'expense' | null {
  const type = (account.AccountType ?? '').replace(/\s+/g, '').toLowerCase();
  if (type === 'income' || type === 'otherincome') return 'income';
  if (type === 'expense' || type === 'otherexpense' || type === 'costofgoodssold') return 'expense';
  if (account.Classification === 'Revenue') return 'income';
  if (account.Classification === 'Expense') return 'expense';
  return null;
}

/** The record, or null when QuickBooks Online says it is not there (610, or 404 on the record's address). */
export async function readOrNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof QboApiError && (error.code === 'QBO_OBJECT_NOT_FOUND' || error.code === 'QBO_NOT_FOUND')) return null;
    throw error;
  }
}
