import { parseCsv, toCsv } from '../../../lib/csv.ts';
import type { QbRef } from './settings-queries.ts';

const HEADER = ['procore_cost_code_id', 'quickbooks_class_list_id', 'quickbooks_class_full_name'];

/** The cost code → QuickBooks class mapping as CSV (one row per cost code), for editing in a spreadsheet. */
export function classMappingToCsv(mapping: Record<string, QbRef>): string {
  return toCsv([
    HEADER,
    ...Object.entries(mapping)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([id, ref]) => [id, ref.listId, ref.fullName]),
  ]);
}

/** Reads that CSV back; every bad line is reported with its line number, and nothing is taken from a file with problems. */
export function classMappingFromCsv(text: string): { mapping: Record<string, QbRef>; problems: string[] } {
  const rows = parseCsv(text);
  const problems: string[] = [];
  const mapping: Record<string, QbRef> = {};
  if (rows.length === 0) return { mapping, problems: ['The file is empty.'] };
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const hasHeader = header[0] === HEADER[0];
  const body = hasHeader ? rows.slice(1) : rows;
  body.forEach((row, index) => {
    const line = index + (hasHeader ? 2 : 1);
    const [id = '', listId = '', fullName = ''] = row.map((cell) => cell.trim());
    if (!/^\d+$/.test(id)) problems.push(`Line ${line}: “${id}” is not a Procore cost code id.`);
    else if (!listId || !fullName) problems.push(`Line ${line}: the class's ListID and full name are both needed.`);
    else if (mapping[id]) problems.push(`Line ${line}: cost code ${id} appears twice.`);
    else mapping[id] = { listId, fullName };
  });
  return { mapping: problems.length ? {} : mapping, problems };
}
