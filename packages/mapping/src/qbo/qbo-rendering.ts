// What a QBO renderer needs besides the Desktop request, and what it answers. The Desktop request already carries
// every mapping decision (names cleaned and shortened, lines, amounts, refs, memo, ref number); a renderer only
// re-spells it for QuickBooks Online and looks up, through QboRefs, what only the QBO side knows.
import type { ListRef } from '@connector/qbxml';
import type { Refusal } from '../mapping-types.ts';
import type { QboExpenseLine, QboPayloadMap, QboRef, QboSalesLine, QboWriteEntity } from './qbo-payload-types.ts';

export type QboListKind = 'Vendor' | 'Customer' | 'Item' | 'Class' | 'Account';
export type QboTxnKind = 'PurchaseOrder' | 'Invoice' | 'Estimate';

/** A QBO record as last read: a sparse update needs its current SyncToken (5010 when stale). */
export interface QboCurrentRecord {
  Id: string;
  SyncToken: string;
}

/** A QBO transaction as last read, with every line: an update that carries Line replaces the whole array. */
export interface QboCurrentTxn<L> extends QboCurrentRecord {
  Line: readonly L[];
}

/**
 * The QBO side of the links. The mappers name QuickBooks records by the ids their LinkLookup gave them (or by
 * full name for a record created earlier in the same batch, e.g. a parent item); on a QBO company the
 * accounting-backend seam answers these from its own links. null = not in QuickBooks Online (yet).
 */
export interface QboRefs {
  /** The QBO entity a mapper's reference stands for. */
  list(kind: QboListKind, ref: ListRef): QboRef | null;
  /** Which side an account is on: decides a one-account item's IncomeAccountRef vs ExpenseAccountRef. */
  accountSide(ref: ListRef): 'income' | 'expense' | null;
  /** The list record a *Mod changes (VendorMod/CustomerMod/Item*Mod listId), as last read. */
  record(kind: 'Vendor' | 'Customer' | 'Item', listId: string): QboCurrentRecord | null;
  /** The transaction a *Mod changes, or a bill links to, as last read, every line included. */
  purchaseOrder(txnId: string): QboCurrentTxn<QboExpenseLine> | null;
  salesTxn(kind: 'Invoice' | 'Estimate', txnId: string): QboCurrentTxn<QboSalesLine> | null;
}

export type QboRendering<E extends QboWriteEntity = QboWriteEntity> =
  { ok: true; entity: E; operation: 'create' | 'update'; payload: QboPayloadMap[E] } | { ok: false; refusal: Refusal };

/** Thrown for a request a renderer cannot read: a programming error (a Desktop field added without its QBO rendering), never data. */
export class QboRenderError extends Error {
  override name = 'QboRenderError';
}

/** Raised inside a renderer for a reference QBO does not have; renderers catch it and answer a refusal. */
export class MissingQboRef extends Error {
  // A plain field, not a parameter property: the parse worker loads this package through Node's type stripping, which
  // refuses parameter properties (ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX) — tsconfig's erasableSyntaxOnly keeps it so.
  readonly refusal: Refusal;
  constructor(refusal: Refusal) {
    super(refusal.message);
    this.refusal = refusal;
  }
}

export function describeListRef(ref: ListRef): string {
  return ref.listId !== undefined ? `id ${ref.listId}` : `"${ref.fullName}"`;
}

export function resolveRef(refs: QboRefs, kind: QboListKind, ref: ListRef, field: string): QboRef {
  const found = refs.list(kind, ref);
  if (found) return found;
  throw new MissingQboRef({
    code: 'MISSING_DEPENDENCY',
    field,
    message: `The QuickBooks Online ${kind.toLowerCase()} ${describeListRef(ref)} (${field}) is not in QuickBooks Online yet, or the connector has not linked it. Export it first (or refresh the QuickBooks Online lists), then export again.`,
  });
}

export function missing(field: string, message: string): never {
  throw new MissingQboRef({ code: 'LINK_INCOMPLETE', field, message });
}

/** Runs a renderer body, turning a missing reference into the refusal it carries. */
export function rendering<E extends QboWriteEntity>(body: () => QboRendering<E>): QboRendering<E> {
  try {
    return body();
  } catch (e) {
    if (e instanceof MissingQboRef) return { ok: false, refusal: e.refusal };
    throw e;
  }
}

/** Fails loudly for a Desktop field no QBO renderer reads, so a new mapping field cannot vanish on QBO. */
export function assertKnownFields(request: object, known: readonly string[]): void {
  for (const key of Object.keys(request)) {
    if (!known.includes(key) && (request as Record<string, unknown>)[key] !== undefined) {
      throw new QboRenderError(
        `${(request as { type?: string }).type ?? 'line'}: field "${key}" has no QuickBooks Online rendering (packages/mapping/src/qbo)`,
      );
    }
  }
}

const AMOUNT = /^-?\d{1,13}(\.\d{1,2})?$/;

/**
 * The mappers write money as qbXML AMTTYPE text built from integer cents (format-cents.ts: "1250.00", "-0.05");
 * QBO takes a JSON number ("Amount": 1250.0 in Intuit's samples). A decimal with ≤ 15 significant digits
 * survives the trip to a double and back to its shortest text (ECMAScript Number::toString), and AMTTYPE has at
 * most 13 + 2, so the amount is exact: checked here rather than assumed.
 */
export function toQboAmount(value: string | number): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (!AMOUNT.test(text)) throw new QboRenderError(`amount "${text}" is not a qbXML AMTTYPE`);
  const [whole, fraction = ''] = text.replace('-', '').split('.') as [string, string?];
  const cents = (BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'))) * (text.startsWith('-') ? -1n : 1n);
  const n = Number(text);
  if (BigInt(Math.round(n * 100)) !== cents) throw new QboRenderError(`amount "${text}" does not survive the conversion to a number`);
  return n;
}

/** Quantities and rates (qbXML QUANTYPE / PRICETYPE text) → JSON numbers; ≤ 15 significant digits or refused. */
export function toQboDecimal(value: string | number): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (!/^-?\d+(\.\d+)?$/.test(text) || text.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) {
    throw new QboRenderError(`decimal "${text}" cannot be carried exactly as a QuickBooks Online number`);
  }
  return Number(text);
}
