// Runs a parsed query over a realm's records and shapes Intuit's answer:
//   { QueryResponse: { <Entity>: [...], startPosition, maxResults }, time }, an empty result { QueryResponse: {} },
//   COUNT(*) { QueryResponse: { totalCount } } ("Data queries" page).
// "SELECT * FROM Customer retrieves all active customers" ("Advanced SQL Queries", blogs.intuit.com 2014-03-20):
// name-list queries leave inactive records out unless the WHERE clause names Active.
// Simplifications (README): string comparisons ignore case; a Ref field compares its `value` (the Id); dates
// compare as instants; MAXRESULTS above 1000 answers 1000; the default page is 100.

import { queryParserError } from '../http/qbo-fault.ts';
import { NAME_LIST_ENTITIES, entityFromName, type EntityName } from '../model/entity-rules.ts';
import type { QboRecord } from '../model/realm-store.ts';
import type { Condition, ParsedQuery, QueryValue } from './parse-query.ts';

export const MAX_RESULTS_CAP = 1000;
export const DEFAULT_MAX_RESULTS = 100;

function fieldValue(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    const obj = value as Record<string, unknown>;
    const key = Object.keys(obj).find((k) => k.toLowerCase() === part.toLowerCase());
    value = key === undefined ? undefined : obj[key];
  }
  // A Ref ({ value, name }) compares by its Id.
  if (typeof value === 'object' && value !== null && 'value' in value) return (value as { value: unknown }).value;
  return value;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/** -1, 0, 1; null when the two cannot be compared. Numbers-as-strings (Ids) compare as numbers. */
function compare(left: unknown, right: QueryValue): number | null {
  if (left === undefined || left === null) return null;
  if (typeof right === 'boolean') return left === right ? 0 : typeof left === 'boolean' ? (left ? 1 : -1) : null;
  if (typeof right === 'number' || (typeof left === 'number' && !Number.isNaN(Number(right)))) {
    const a = Number(left);
    const b = Number(right);
    return Number.isNaN(a) || Number.isNaN(b) ? null : Math.sign(a - b);
  }
  const l = String(left);
  if (DATE_LIKE.test(l) && DATE_LIKE.test(right)) {
    const a = Date.parse(l);
    const b = Date.parse(right);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return Math.sign(a - b);
  }
  if (/^\d+$/.test(l) && /^\d+$/.test(right)) return Math.sign(Number(l) - Number(right));
  return l.toLowerCase() === right.toLowerCase() ? 0 : l.toLowerCase() < right.toLowerCase() ? -1 : 1;
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'is');
}

function matches(record: Record<string, unknown>, condition: Condition): boolean {
  const left = fieldValue(record, condition.field);
  switch (condition.operator) {
    case 'IN':
      return (condition.value as QueryValue[]).some((v) => compare(left, v) === 0);
    case 'LIKE':
      return left !== undefined && likeToRegExp(String(condition.value)).test(String(left));
    default: {
      const c = compare(left, condition.value as QueryValue);
      if (c === null) return false;
      return condition.operator === '='
        ? c === 0
        : condition.operator === '<'
          ? c < 0
          : condition.operator === '>'
            ? c > 0
            : condition.operator === '<='
              ? c <= 0
              : c >= 0;
    }
  }
}

export function resolveQueryEntity(query: ParsedQuery): EntityName {
  const entity = entityFromName(query.entity);
  if (!entity) throw queryParserError(`unsupported entity "${query.entity}"`);
  return entity;
}

export function runQuery(query: ParsedQuery, records: readonly QboRecord[]): Record<string, unknown> {
  const entity = resolveQueryEntity(query);
  const activeNamed = query.where.some((c) => c.field.toLowerCase() === 'active');
  let rows = records.filter((r) => query.where.every((c) => matches(r, c)));
  if (NAME_LIST_ENTITIES.has(entity) && !activeNamed) rows = rows.filter((r) => r['Active'] !== false);
  if (query.count) return { totalCount: rows.length };
  const order = query.orderBy.length > 0 ? query.orderBy : [{ field: 'Id', descending: false }];
  rows.sort((a, b) => {
    for (const { field, descending } of order) {
      const av = fieldValue(a, field);
      const bv = fieldValue(b, field);
      const c =
        bv === undefined || bv === null
          ? av === undefined || av === null
            ? 0
            : 1
          : (compare(av, typeof bv === 'object' ? String(bv) : (bv as QueryValue)) ?? -1);
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  });
  const start = query.startPosition ?? 1;
  const max = Math.min(query.maxResults ?? DEFAULT_MAX_RESULTS, MAX_RESULTS_CAP);
  const page = rows.slice(start - 1, start - 1 + max);
  return page.length === 0 ? {} : { [entity]: page, startPosition: start, maxResults: page.length };
}
