import type { Cents } from './company-file.ts';

/** "-05:00" -> -300 minutes. */
export function offsetMinutes(utcOffset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset);
  if (!m) throw new Error(`bad UTC offset "${utcOffset}" (expected e.g. -05:00)`);
  const mins = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -mins : mins;
}

/** DATETIMETYPE as QuickBooks prints it: local wall time plus the machine's offset (e.g. 2024-03-01T09:15:00-05:00). */
export function formatDateTime(epochMs: number, utcOffset: string): string {
  const local = new Date(epochMs + offsetMinutes(utcOffset) * 60_000);
  return `${local.toISOString().slice(0, 19)}${utcOffset}`;
}

/** Local calendar date (YYYY-MM-DD) of an instant in the company's offset. */
export function localDate(epochMs: number, utcOffset: string): string {
  return new Date(epochMs + offsetMinutes(utcOffset) * 60_000).toISOString().slice(0, 10);
}

/** AMTTYPE: two decimals. */
export function formatAmount(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** PRICETYPE / QUANTYPE: up to five decimals, no trailing zeros. */
export function formatDecimal(value: number): string {
  const s = (Math.round(value * 100_000) / 100_000).toFixed(5).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** AMTTYPE text -> cents (the XSD pattern already guaranteed the shape when validating). */
export function parseAmount(text: string): Cents {
  return Math.round(Number(text) * 100);
}

export function formatBool(value: boolean): string {
  return value ? 'true' : 'false';
}

/** BOOLTYPE accepts true/false/1/0. */
export function parseBool(text: string | undefined): boolean | undefined {
  if (text === undefined || text === '') return undefined;
  return text === 'true' || text === '1';
}
