import { invalidValue } from './check-text.ts';

// qbxmltypes130.xsd DATETYPE (xsd:date). We only send the plain calendar form.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// DATETIMETYPE pattern allows an optional offset; we require it (docs/qbxml.md#local-time-dates:
// QuickBooks reads these in its own local time, so cursors carry the offset that
// QuickBooks reported, never naive or UTC "Z" values, which the XSD rejects anyway).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Checks a DATETYPE value: `YYYY-MM-DD`, a real calendar date. */
export function formatDate(value: string, field: string, label: string): string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw invalidValue(`${label} "${String(value)}" is not a date; use YYYY-MM-DD, like 2026-11-20.`, field, value);
  }
  return value;
}

/** Checks a DATETIMETYPE value: `YYYY-MM-DDThh:mm:ss±hh:mm` with QuickBooks' offset. */
export function formatDateTime(value: string, field: string, label: string): string {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  const valid =
    match !== null &&
    isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) &&
    Number(match[4]) < 24 &&
    Number(match[5]) < 60 &&
    Number(match[6]) < 60 &&
    Number(match[8]) <= 14 &&
    Number(match[9]) < 60;
  if (!valid) {
    throw invalidValue(
      `${label} "${String(value)}" must be a date and time with the UTC offset QuickBooks reported, like 2026-11-20T08:00:00-05:00.`,
      field,
      value,
    );
  }
  return value;
}
