import type { StoredNode, TxnBase } from '../model/company-file.ts';
import { localDate } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { textOf } from '../xml/xml-node.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError } from './request-context.ts';

function checkDate(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new StatusError(STATUS.invalidDate(value, field));
  return value;
}

/**
 * 3171 when the transaction is dated on or before the company's closing date: QuickBooks refuses to add, or change,
 * a transaction in the closed period (status-codes.ts closedPeriod). `objectName` is e.g. "PurchaseOrder".
 */
export function checkOpenPeriod(ctx: RequestContext, txnDate: string, objectName: string): void {
  const closing = ctx.store.company.closingDate;
  if (closing !== undefined && txnDate <= closing) throw new StatusError(STATUS.closedPeriod(objectName));
}

/** TxnDate (defaults to today in the company's local time), RefNumber, Memo of a new transaction; 3171 inside the closed period. */
export function newTxnBase(ctx: RequestContext, add: XmlNode, defaultRefNumber?: string): TxnBase {
  const base: TxnBase = {
    txnId: ctx.store.newTxnId(),
    txnNumber: ctx.store.newTxnNumber(),
    ...ctx.store.stampNew(),
    txnDate: checkDate(textOf(add, 'TxnDate'), 'TxnDate') ?? localDate(ctx.store.now(), ctx.store.company.utcOffset),
  };
  checkOpenPeriod(ctx, base.txnDate, add.name.replace(/Add$/, ''));
  const ref = textOf(add, 'RefNumber') ?? defaultRefNumber;
  if (ref !== undefined) base.refNumber = ref;
  const memo = textOf(add, 'Memo');
  if (memo !== undefined) base.memo = memo;
  return base;
}

/** Header fields a Mod may change on any transaction; 3171 when the transaction is, or would move, inside the closed period. */
export function modTxnBase(ctx: RequestContext, mod: XmlNode, rec: TxnBase): void {
  const date = checkDate(textOf(mod, 'TxnDate'), 'TxnDate');
  const objectName = mod.name.replace(/Mod$/, '');
  checkOpenPeriod(ctx, rec.txnDate, objectName);
  if (date !== undefined) checkOpenPeriod(ctx, date, objectName);
  if (date !== undefined) rec.txnDate = date;
  const ref = textOf(mod, 'RefNumber');
  if (ref !== undefined) rec.refNumber = ref;
  const memo = textOf(mod, 'Memo');
  if (memo !== undefined) rec.memo = memo;
}

export function optionalDate(node: XmlNode, field: string): string | undefined {
  return checkDate(textOf(node, field), field);
}

/** Next number QuickBooks would print on a new PO / estimate when RefNumber is omitted. */
export function nextRefNumber(existing: { refNumber?: string }[]): string {
  let max = 0;
  for (const t of existing) {
    const n = Number(t.refNumber);
    if (Number.isInteger(n) && n > max) max = n;
  }
  return String(max + 1);
}

/** The ListID a stored *Ref field points at (captureExtras keeps references as ListIDs). */
export function storedRefId(extra: StoredNode[] | undefined, refName: string): string | undefined {
  return extra?.find((n) => n.name === refName)?.children?.find((c) => c.name === 'ListID')?.text;
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * DueDate QuickBooks computes from terms (StandardTermsRet StdDueDays after the transaction date;
 * DateDrivenTermsRet: DayOfMonthDue of this month, or of next month when the date is within
 * DueNextMonthDays of it), or the transaction date without terms.
 */
export function termsDueDate(ctx: RequestContext, txnDate: string, termsId: string | undefined): string {
  const terms = termsId ? ctx.store.list('terms', termsId) : undefined;
  if (!terms) return txnDate;
  if (terms.termsType === 'Standard') return shiftDays(txnDate, terms.stdDueDays ?? 0);
  const day = terms.dayOfMonthDue ?? 1;
  const d = new Date(`${txnDate}T00:00:00Z`);
  const sameMonth = d.getUTCDate() <= day - (terms.dueNextMonthDays ?? 0);
  const due = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (sameMonth ? 0 : 1), 1));
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(day, lastDay));
  return due.toISOString().slice(0, 10);
}
