import type { ExportPreview } from './export-queries.ts';

type PreviewField = ExportPreview['fields'][number];

export interface PreviewLines {
  /** The record's own fields (vendor, date, Ref. No., memo…), in the order QuickBooks holds them. */
  header: PreviewField[];
  /** The line attributes present on any line ("item", "description", "amount", "customer:job", "class"), first-seen order. */
  columns: string[];
  /** One row per QuickBooks line, in line order; a line without an attribute has no entry for it. */
  lines: Array<{ line: number; values: Record<string, string> }>;
}

/** "Line 12 amount" → line 12, attribute "amount" (the labels packages/mapping's previews write for each line). */
const LINE_FIELD = /^Line (\d+) (.+)$/;

/**
 * The field-by-field preview of a transaction as a table of lines: a 28-line budget was 56 rows of "Line N item" /
 * "Line N amount" (the screens issue). Fields that are not per line stay a list of fields.
 */
export function groupPreviewLines(fields: readonly PreviewField[]): PreviewLines {
  const header: PreviewField[] = [];
  const columns: string[] = [];
  const byLine = new Map<number, Record<string, string>>();
  for (const field of fields) {
    const match = LINE_FIELD.exec(field.field);
    if (!match) {
      header.push(field);
      continue;
    }
    const line = Number(match[1]);
    const column = match[2]!;
    if (!columns.includes(column)) columns.push(column);
    const values = byLine.get(line) ?? {};
    values[column] = field.value;
    byLine.set(line, values);
  }
  const lines = [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, values]) => ({ line, values }));
  return { header, columns, lines };
}
