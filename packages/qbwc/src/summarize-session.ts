/**
 * The closeConnection result: one line QBWC shows in its status column (guide p.68), e.g.
 * "12 vendors, 3 bills synced; 1 needs attention" (docs/web-connector-protocol.md#closeconnection).
 */

export interface SessionSummaryInput {
  readonly requestsDone: number;
  readonly requestsFailed: number;
  /** Done requests by record kind, singular ("vendor", "bill", "purchaseOrder", "job cost"). */
  readonly byKind?: Readonly<Record<string, number>>;
}

/** QBWC's status column is narrow; keep well under what it can show. */
export const MAX_SUMMARY_LENGTH = 200;
const MAX_KIND_LENGTH = 40;

export function summarizeSession({ requestsDone, requestsFailed, byKind }: SessionSummaryInput): string {
  const done = count(requestsDone);
  const failed = count(requestsFailed);
  if (done === 0 && failed === 0) return 'Nothing to sync';

  const attention = failed === 0 ? '' : `; ${formatNumber(failed)} ${failed === 1 ? 'needs' : 'need'} attention`;
  if (done === 0) return `Nothing synced${attention}`;

  const kinds = Object.entries(byKind ?? {})
    .map(([kind, n]) => [kindWords(kind), count(n)] as const)
    .filter(([kind, n]) => kind !== '' && n > 0);
  const listed = kinds.reduce((sum, [, n]) => sum + n, 0);
  const parts = kinds.map(([kind, n]) => `${formatNumber(n)} ${n === 1 ? kind : pluralize(kind)}`);
  const other = done - listed;
  if (parts.length === 0) parts.push(`${formatNumber(done)} ${done === 1 ? 'record' : 'records'}`);
  else if (other > 0) parts.push(`${formatNumber(other)} other ${other === 1 ? 'record' : 'records'}`);

  const tail = ` synced${attention}`;
  // Drop kinds from the end into "N more" until the line fits.
  let shown = parts.length;
  let line = `${parts.join(', ')}${tail}`;
  while (line.length > MAX_SUMMARY_LENGTH && shown > 1) {
    shown -= 1;
    line = `${parts.slice(0, shown).join(', ')}, ${parts.length - shown} more kinds${tail}`;
  }
  if (line.length > MAX_SUMMARY_LENGTH) line = `${formatNumber(done)} ${done === 1 ? 'record' : 'records'}${tail}`;
  return line;
}

function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

/** "purchaseOrder" / "purchase_order" / "Purchase Order" → "purchase order". */
function kindWords(kind: string): string {
  const words = kind
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return words.length > MAX_KIND_LENGTH ? words.slice(0, MAX_KIND_LENGTH).trim() : words;
}

const IRREGULAR: Record<string, string> = { person: 'people', child: 'children', entry: 'entries' };
const UNCHANGED = new Set(['data', 'information', 'equipment']);

/** English plural of the last word: company → companies, tax → taxes, bill → bills. */
export function pluralize(phrase: string): string {
  const space = phrase.lastIndexOf(' ');
  const head = phrase.slice(0, space + 1);
  const word = phrase.slice(space + 1);
  if (UNCHANGED.has(word) || (word.endsWith('s') && !/(ss|us|is)$/.test(word))) return phrase;
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return head + irregular;
  if (/[^aeiou]y$/.test(word)) return `${head}${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${head}${word}es`;
  return `${head}${word}s`;
}
