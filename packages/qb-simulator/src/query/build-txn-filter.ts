import type { RequestContext } from '../handlers/request-context.ts';
import { StatusError } from '../handlers/request-context.ts';
import type { TxnBase } from '../model/company-file.ts';
import { localDate } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, textOf, textsOf } from '../xml/xml-node.ts';
import { matchesCriterion, parseDateBound } from './build-list-filter.ts';

export interface TxnFilterAccessors<T> {
  /** ListIDs of the transaction's entity (vendor, payee, customer) for EntityFilter. */
  entityIds(rec: T): (string | undefined)[];
  /** ListIDs of the transaction's accounts for AccountFilter. */
  accountIds?(rec: T): (string | undefined)[];
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** DateMacro (qbxml130.xsd) -> [from, to] local dates. */
function dateMacroRange(macro: string, today: string): [string | undefined, string | undefined] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const monthStart = `${today.slice(0, 7)}-01`;
  const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const lastMonthStart = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
  switch (macro) {
    case 'All':
      return [undefined, undefined];
    case 'Today':
      return [today, today];
    case 'Yesterday':
      return [addDays(today, -1), addDays(today, -1)];
    case 'ThisWeek':
      return [addDays(today, -dow), addDays(today, 6 - dow)];
    case 'ThisWeekToDate':
      return [addDays(today, -dow), today];
    case 'LastWeek':
      return [addDays(today, -dow - 7), addDays(today, -dow - 1)];
    case 'ThisMonth':
      return [monthStart, addDays(nextMonth, -1)];
    case 'ThisMonthToDate':
      return [monthStart, today];
    case 'LastMonth':
      return [lastMonthStart, addDays(monthStart, -1)];
    case 'ThisYear':
      return [`${y}-01-01`, `${y}-12-31`];
    case 'ThisYearToDate':
      return [`${y}-01-01`, today];
    case 'LastYear':
      return [`${y - 1}-01-01`, `${y - 1}-12-31`];
    default:
      return [undefined, undefined];
  }
}

function idsFromListFilter(ctx: RequestContext, f: XmlNode | undefined): Set<string> | undefined {
  if (!f) return undefined;
  const out = new Set<string>();
  for (const id of textsOf(f, 'ListID')) out.add(id);
  for (const name of textsOf(f, 'FullName')) {
    for (const kind of ['vendor', 'customer', 'account'] as const) {
      const rec = ctx.store.listByFullName(kind, name);
      if (rec) out.add(rec.listId);
    }
  }
  const withChildrenId = textOf(f, 'ListIDWithChildren');
  if (withChildrenId) for (const id of ctx.store.withDescendants(withChildrenId)) out.add(id);
  const withChildrenName = textOf(f, 'FullNameWithChildren');
  if (withChildrenName) {
    for (const kind of ['customer', 'vendor', 'account'] as const) {
      const rec = ctx.store.listByFullName(kind, withChildrenName);
      if (rec) for (const id of ctx.store.withDescendants(rec.listId)) out.add(id);
    }
  }
  return out;
}

/**
 * TxnFilter (qbxml130.xsd): ModifiedDateRangeFilter (instants, company local time) or
 * TxnDateRangeFilter (local dates or DateMacro), EntityFilter, AccountFilter, RefNumberFilter,
 * RefNumberRangeFilter.
 */
export function buildTxnFilter<T extends TxnBase>(ctx: RequestContext, rq: XmlNode, acc: TxnFilterAccessors<T>): (rec: T) => boolean {
  const mod = childOf(rq, 'ModifiedDateRangeFilter');
  const modFrom = parseDateBound(ctx, textOf(mod, 'FromModifiedDate'), 'FromModifiedDate', 'from');
  const modTo = parseDateBound(ctx, textOf(mod, 'ToModifiedDate'), 'ToModifiedDate', 'to');
  const txnRange = childOf(rq, 'TxnDateRangeFilter');
  let dateFrom = textOf(txnRange, 'FromTxnDate');
  let dateTo = textOf(txnRange, 'ToTxnDate');
  for (const [v, f] of [
    [dateFrom, 'FromTxnDate'],
    [dateTo, 'ToTxnDate'],
  ] as const) {
    if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new StatusError(STATUS.invalidDate(v, f));
  }
  const macro = textOf(txnRange, 'DateMacro');
  if (macro) [dateFrom, dateTo] = dateMacroRange(macro, localDate(ctx.store.now(), ctx.store.company.utcOffset));
  const entities = idsFromListFilter(ctx, childOf(rq, 'EntityFilter'));
  const accounts = idsFromListFilter(ctx, childOf(rq, 'AccountFilter'));
  const refFilter = childOf(rq, 'RefNumberFilter');
  const refCriterion = textOf(refFilter, 'MatchCriterion');
  const refNeedle = textOf(refFilter, 'RefNumber');
  const refRange = childOf(rq, 'RefNumberRangeFilter');
  const refFrom = textOf(refRange, 'FromRefNumber');
  const refTo = textOf(refRange, 'ToRefNumber');
  return (rec: T) => {
    if (modFrom !== undefined && rec.timeModified < modFrom) return false;
    if (modTo !== undefined && rec.timeModified > modTo) return false;
    if (dateFrom !== undefined && rec.txnDate < dateFrom) return false;
    if (dateTo !== undefined && rec.txnDate > dateTo) return false;
    if (entities && !acc.entityIds(rec).some((id) => id !== undefined && entities.has(id))) return false;
    if (accounts && !(acc.accountIds?.(rec) ?? []).some((id) => id !== undefined && accounts.has(id))) return false;
    if (refNeedle !== undefined && !matchesCriterion(rec.refNumber ?? '', refCriterion, refNeedle)) return false;
    if (refFrom !== undefined && (rec.refNumber ?? '') < refFrom) return false;
    if (refTo !== undefined && (rec.refNumber ?? '') > refTo) return false;
    return true;
  };
}
