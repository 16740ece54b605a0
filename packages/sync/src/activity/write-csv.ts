/**
 * A small CSV writer: RFC 4180 (fields with a comma, quote, CR or LF are quoted and quotes doubled; records
 * end with CRLF), and safe to open in a spreadsheet: a cell starting with = + - @ (or a tab or carriage
 * return, which Excel skips before looking) is a formula there, so it is prefixed with ' (OWASP "CSV
 * Injection"). Audit details are text people and systems wrote, so this matters.
 */
export type CsvCell = string | number | boolean | null | undefined | Date;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  let cell = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
