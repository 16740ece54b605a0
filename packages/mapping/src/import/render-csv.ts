// CSV downloads (QuickBooks to Procore, reconciliation "CSV download"): RFC 4180 text that is also safe to open in a
// spreadsheet. OWASP "CSV Injection": a cell starting with =, +, -, @, tab or carriage return can be run as
// a formula, so such text cells get a leading single quote.

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that is a plain decimal number ("-500.00", "12"): a value, not a formula, so written as it is. */
const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: null → empty; numbers as numbers; text guarded against formulas, then quoted when needed. */
export function renderCsvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new TypeError(`a CSV number must be finite, got ${String(cell)}`);
    return String(cell);
  }
  const text = FORMULA_START.test(cell) && !NUMERIC_TEXT.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180: records end with CRLF (the last one too), fields with a comma, double quote, CR or LF are
 * quoted and their quotes doubled. Formula injection: see renderCsvCell. Every row must have as many cells
 * as the header (a RangeError otherwise), so columns never shift.
 */
export function renderCsv(header: string[], rows: Array<Array<CsvCell>>): string {
  const lines = [header.map(renderCsvCell).join(',')];
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) throw new RangeError(`CSV row ${index + 1} has ${row.length} cells for ${header.length} columns`);
    lines.push(row.map(renderCsvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
