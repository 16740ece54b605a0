import { offsetMinutes } from '../model/format-values.ts';

/**
 * Reads a DATETIMETYPE/DATETYPE filter value the way QuickBooks does: a value without an offset is
 * the QuickBooks machine's local time (docs/qbxml.md#local-time-dates); a value with an offset is that instant.
 * A bare date as an upper bound covers the whole day. Returns epoch ms, or undefined if malformed.
 */
export function parseLocalDateTime(value: string, utcOffset: string, bound: 'from' | 'to'): number | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:([+-])(\d{1,2}):(\d{1,2}))?)?)?)?$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const dateOnly = h === undefined;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  if (Number.isNaN(ms)) return undefined;
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : offsetMinutes(utcOffset);
  ms -= offset * 60_000;
  if (bound === 'to') {
    if (dateOnly) ms += 86_400_000 - 1;
    else if (s === undefined) ms += (mi === undefined ? 3_600_000 : 60_000) - 1;
    else ms += 999;
  }
  return ms;
}
