import { badRequest } from './api-error.ts';

// Procore docs: Filtering on List Actions — `filters[updated_at]=<from>...<to>` (ISO 8601 date or date-time,
// both ends inclusive), `filters[origin_id]`, `filters[id]` (one or more ids), `filters[status]`.

export interface TimeRange {
  from: number;
  to: number;
}

export function parseTimeRange(value: string | null, name: string): TimeRange | null {
  if (value === null || value === '') return null;
  const parts = value.split('...');
  const [fromText, toText] = parts.length === 2 ? (parts as [string, string]) : [value, value];
  const from = parseInstant(fromText, false);
  const to = parseInstant(toText, true);
  if (from === null || to === null) throw badRequest(`Invalid ${name} filter: expected <ISO 8601>...<ISO 8601>`);
  return { from, to };
}

/** A date-only upper bound covers the whole day. */
function parseInstant(text: string, endOfDay: boolean): number | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const ms = Date.parse(`${t}T00:00:00.000Z`);
    return Number.isNaN(ms) ? null : endOfDay ? ms + 86_399_999 : ms;
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

export function inRange(iso: string, range: TimeRange): boolean {
  const ms = Date.parse(iso);
  return ms >= range.from && ms <= range.to;
}

/** `filters[id]=1,2`, `filters[id][]=1&filters[id][]=2` or `filters[id]=[1,2]`. */
export function parseIdList(query: URLSearchParams, name: string): Set<number> | null {
  const values = [...query.getAll(`filters[${name}]`), ...query.getAll(`filters[${name}][]`)];
  if (values.length === 0) return null;
  const ids = new Set<number>();
  for (const v of values) {
    for (const part of v.replace(/[[\]]/g, '').split(',')) {
      if (part.trim() === '') continue;
      const n = Number(part);
      if (!Number.isInteger(n)) throw badRequest(`Invalid filters[${name}]`);
      ids.add(n);
    }
  }
  return ids;
}

/** `filters[status]=a` or a comma list / repeated `filters[status][]`. */
export function parseStringList(query: URLSearchParams, name: string): Set<string> | null {
  const values = [...query.getAll(`filters[${name}]`), ...query.getAll(`filters[${name}][]`)];
  if (values.length === 0) return null;
  return new Set(
    values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  );
}
