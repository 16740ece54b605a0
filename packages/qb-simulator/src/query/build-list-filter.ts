import type { RequestContext } from '../handlers/request-context.ts';
import { StatusError } from '../handlers/request-context.ts';
import type { ListEntry } from '../model/company-file.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, textOf } from '../xml/xml-node.ts';
import { parseLocalDateTime } from './parse-local-datetime.ts';

export function parseDateBound(ctx: RequestContext, value: string | undefined, field: string, bound: 'from' | 'to'): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = parseLocalDateTime(value, ctx.store.company.utcOffset, bound);
  if (ms === undefined) throw new StatusError(STATUS.invalidDate(value, field));
  return ms;
}

/** MatchCriterion StartsWith / Contains / EndsWith, case-insensitive (qbxml130.xsd NameFilter). */
export function matchesCriterion(value: string, criterion: string | undefined, needle: string): boolean {
  const v = value.toLowerCase();
  const n = needle.toLowerCase();
  if (criterion === 'StartsWith') return v.startsWith(n);
  if (criterion === 'EndsWith') return v.endsWith(n);
  return v.includes(n);
}

/**
 * ListFilter (qbxml130.xsd): ActiveStatus (default ActiveOnly), FromModifiedDate/ToModifiedDate in
 * company local time, NameFilter / NameRangeFilter on FullName.
 */
export function buildListFilter<T extends ListEntry>(ctx: RequestContext, rq: XmlNode): (rec: T) => boolean {
  const active = textOf(rq, 'ActiveStatus') ?? 'ActiveOnly';
  const from = parseDateBound(ctx, textOf(rq, 'FromModifiedDate'), 'FromModifiedDate', 'from');
  const to = parseDateBound(ctx, textOf(rq, 'ToModifiedDate'), 'ToModifiedDate', 'to');
  const nameFilter = childOf(rq, 'NameFilter');
  const nameRange = childOf(rq, 'NameRangeFilter');
  const criterion = textOf(nameFilter, 'MatchCriterion');
  const needle = textOf(nameFilter, 'Name');
  const fromName = textOf(nameRange, 'FromName')?.toLowerCase();
  const toName = textOf(nameRange, 'ToName')?.toLowerCase();
  return (rec: T) => {
    if (active === 'ActiveOnly' && !rec.isActive) return false;
    if (active === 'InactiveOnly' && rec.isActive) return false;
    if (from !== undefined && rec.timeModified < from) return false;
    if (to !== undefined && rec.timeModified > to) return false;
    if (needle !== undefined || fromName !== undefined || toName !== undefined) {
      const full = ctx.store.fullName(rec.listId);
      if (needle !== undefined && !matchesCriterion(full, criterion, needle)) return false;
      const lower = full.toLowerCase();
      if (fromName !== undefined && lower < fromName) return false;
      if (toName !== undefined && lower > toName && !lower.startsWith(toName)) return false;
    }
    return true;
  };
}
