// Procore dates → qbXML DATETYPE (YYYY-MM-DD).

/**
 * "2026-11-20" → "2026-11-20"; "2026-11-20T00:00:00Z" → "2026-11-20" (Procore's billing_date, contract_date
 * and start_date are calendar dates; a time part, when present, is not shifted into another time zone —
 * the day the user picked in Procore is the day QuickBooks shows). Anything else, or an impossible day
 * such as 2026-02-30, → null.
 */
export function toQbDate(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${y}-${m}-${d}`;
}
