// The 3200 exception for transactions (purchase order, estimate, bill): QuickBooks answered that the
// EditSequence we sent is out of date, so someone changed the transaction in QuickBooks since we last wrote
// it (docs/qbxml.md#writes-and-editsequence, docs/data-safety.md#nothing-silently-overwritten). The caller re-reads it; this says, line by line, what moved relative to what we
// last knew, and gives back the link as QuickBooks holds it now — the link a "re-send ours" builds its Mod
// from (a Mod with lines deletes every line it leaves out, so it must list every line QuickBooks has).
import { QbxmlParseError, readRecord, readRecords, readText, readTxnRef, type QbRecord } from '@connector/qbxml';
import type { FieldDifference } from './diff-qb-record.ts';
import { describeCents } from './format-cents.ts';
import type { QbTxnLineLink, QbTxnLink } from './mapping-types.ts';
import { readCents } from './read-cents.ts';

export type QbTxnKind = 'purchase_order' | 'estimate' | 'bill';

/**
 * The line elements of each kind's *Ret, in the order qbxml130.xsd puts them (BillRet: ExpenseLineRet*
 * before the ItemLineRet/ItemGroupLineRet choice). Line groups (PurchaseOrderLineGroupRet,
 * EstimateLineGroupRet, ItemGroupLineRet) are ignored: the mappers never create group lines, and the lines
 * inside a group are not read either. A transaction someone gave a group line in QuickBooks therefore gets
 * a refreshed link without it.
 */
const LINE_ELEMENTS: Record<QbTxnKind, readonly string[]> = {
  purchase_order: ['PurchaseOrderLineRet'],
  estimate: ['EstimateLineRet'],
  bill: ['ExpenseLineRet', 'ItemLineRet'],
};

/** A line's Amount as read: absent, integer cents, or text that is not an amount. */
type AmountRead = { state: 'absent' } | { state: 'cents'; cents: number } | { state: 'unreadable'; text: string };

interface CurrentLine {
  txnLineId: string;
  /** ItemRef FullName (item lines) or AccountRef FullName (bill expense lines). */
  name: string | undefined;
  amount: AmountRead;
  itemListId: string | undefined;
  itemName: string | undefined;
  jobListId: string | undefined;
  jobName: string | undefined;
  classListId: string | undefined;
  className: string | undefined;
  desc: string | undefined;
}

/**
 * What changed on a transaction in QuickBooks since `known` (our stored link), and the link as `current`
 * (the *Ret re-read after status 3200) holds it.
 *
 * `differences`, in this order (EditSequence is never one: it always moves):
 * 1. each known line whose TxnLineID is gone: `Line for <key>`, ours = the amount we knew (or "present"),
 *    theirs = null (deleted in QuickBooks);
 * 2. each known line whose amount QuickBooks changed (both amounts known), ours and theirs as amounts
 *    ("1,250.00", like the previews) — and each known line whose Amount QuickBooks sent is not an amount:
 *    theirs = `unreadable amount "<text>"`, the line's amount is treated as unknown, nothing is thrown;
 *    then, per line, the other fields the mappers write when QuickBooks holds another value than the one we
 *    knew (both known): `Item of line for <key>`, `Customer:job of line for <key>`, `Class of line for
 *    <key>` (by ListID, shown by full name) and `Description of line for <key>` (whitespace ignored). These are
 *    what make a 3200 someone else's edit: a read-back with none of them is only a moved EditSequence (a bill
 *    received against the PO moves it too), which the caller re-plans instead of raising an exception;
 * 3. each QuickBooks line we did not know: `QuickBooks line <TxnLineID>`, ours = null, theirs = its item
 *    (or expense account) and amount, whatever QuickBooks gives ("present" when neither);
 * 4. RefNumber, when we knew one and QuickBooks now holds another (or none).
 *
 * `<key>` is the line's Procore line key, or `QuickBooks line <TxnLineID>` for a line without one; a key
 * that more than one known line carries gets ` (QuickBooks line <TxnLineID>)` appended so fields stay
 * unique. An Amount absent from the *Ret is unknown, not zero: it is not compared.
 *
 * `refreshed`: TxnID, EditSequence and RefNumber of `current`, and every line of `current` in QuickBooks'
 * order, each with the Procore line key `known` gave its TxnLineID (null for lines only QuickBooks has)
 * and its amount in cents when readable.
 *
 * Throws QbxmlParseError when `current` has no TxnID/EditSequence or a line without (or repeating) a
 * TxnLineID — such a record cannot be changed safely — and TypeError when `current` is another
 * transaction than `known`.
 */
export function diffQbTransaction(kind: QbTxnKind, known: QbTxnLink, current: QbRecord): { differences: FieldDifference[]; refreshed: QbTxnLink } {
  const ref = readTxnRef(current);
  if (ref.txnId !== known.txnId) {
    throw new TypeError(`diffQbTransaction: the record read back is transaction ${ref.txnId}, not ${known.txnId}`);
  }
  const currentLines = readLines(kind, current);
  const currentById = new Map(currentLines.map((line) => [line.txnLineId, line]));
  const knownById = new Map<string, QbTxnLineLink>();
  const keyCount = new Map<string, number>();
  for (const line of known.lines) {
    if (!knownById.has(line.txnLineId)) knownById.set(line.txnLineId, line);
    if (line.procoreLineKey !== null) keyCount.set(line.procoreLineKey, (keyCount.get(line.procoreLineKey) ?? 0) + 1);
  }
  const fieldOf = (line: QbTxnLineLink): string => {
    if (line.procoreLineKey === null) return `Line for QuickBooks line ${line.txnLineId}`;
    return (keyCount.get(line.procoreLineKey) ?? 0) > 1
      ? `Line for ${line.procoreLineKey} (QuickBooks line ${line.txnLineId})`
      : `Line for ${line.procoreLineKey}`;
  };
  const oursOf = (line: QbTxnLineLink): string => (line.amountCents === undefined ? 'present' : describeCents(line.amountCents));

  // A TxnLineID listed twice in `known` is one line: the first entry speaks for it.
  const knownLines = known.lines.filter((line) => knownById.get(line.txnLineId) === line);

  const deleted: FieldDifference[] = [];
  const changed: FieldDifference[] = [];
  for (const line of knownLines) {
    const now = currentById.get(line.txnLineId);
    if (!now) {
      deleted.push({ field: fieldOf(line), ours: oursOf(line), theirs: null });
      continue;
    }
    if (now.amount.state === 'unreadable') {
      changed.push({ field: fieldOf(line), ours: oursOf(line), theirs: unreadable(now.amount.text) });
    } else if (now.amount.state === 'cents' && line.amountCents !== undefined && now.amount.cents !== line.amountCents) {
      changed.push({ field: fieldOf(line), ours: describeCents(line.amountCents), theirs: describeCents(now.amount.cents) });
    }
    const refChanged = (
      label: string,
      oursId: string | undefined,
      oursName: string | undefined,
      theirsId: string | undefined,
      theirsName: string | undefined,
    ) => {
      if (oursId === undefined || theirsId === undefined || oursId === theirsId) return;
      changed.push({ field: `${label} of ${lowerFirst(fieldOf(line))}`, ours: oursName ?? oursId, theirs: theirsName ?? theirsId });
    };
    refChanged('Item', line.itemListId, line.itemName, now.itemListId, now.itemName);
    refChanged('Customer:job', line.jobListId, line.jobName, now.jobListId, now.jobName);
    refChanged('Class', line.classListId, line.className, now.classListId, now.className);
    if (line.desc !== undefined && now.desc !== undefined && squash(line.desc) !== squash(now.desc)) {
      changed.push({ field: `Description of ${lowerFirst(fieldOf(line))}`, ours: line.desc, theirs: now.desc });
    }
  }

  const added: FieldDifference[] = [];
  for (const line of currentLines) {
    if (knownById.has(line.txnLineId)) continue;
    const amount =
      line.amount.state === 'cents' ? describeCents(line.amount.cents) : line.amount.state === 'unreadable' ? unreadable(line.amount.text) : undefined;
    const theirs = [line.name, amount].filter((part): part is string => part !== undefined && part !== '').join(' ');
    added.push({ field: `QuickBooks line ${line.txnLineId}`, ours: null, theirs: theirs === '' ? 'present' : theirs });
  }

  const differences = [...deleted, ...changed, ...added];
  const refNumber = ref.refNumber === undefined || ref.refNumber.trim() === '' ? undefined : ref.refNumber;
  if (known.refNumber !== undefined && known.refNumber.trim() !== (refNumber?.trim() ?? '')) {
    differences.push({ field: 'RefNumber', ours: known.refNumber, theirs: refNumber ?? null });
  }

  const refreshed: QbTxnLink = {
    txnId: ref.txnId,
    editSequence: ref.editSequence,
    ...(refNumber === undefined ? {} : { refNumber }),
    lines: currentLines.map((line) => ({
      txnLineId: line.txnLineId,
      procoreLineKey: knownById.get(line.txnLineId)?.procoreLineKey ?? null,
      ...(line.amount.state === 'cents' ? { amountCents: line.amount.cents } : {}),
      ...(line.itemListId ? { itemListId: line.itemListId } : {}),
      ...(line.jobListId ? { jobListId: line.jobListId } : {}),
      ...(line.itemName !== undefined && line.itemListId ? { itemName: line.itemName } : {}),
      ...(line.jobName !== undefined ? { jobName: line.jobName } : {}),
      ...(line.classListId ? { classListId: line.classListId } : {}),
      ...(line.className !== undefined ? { className: line.className } : {}),
      ...(line.desc !== undefined ? { desc: line.desc } : {}),
    })),
  };
  return { differences, refreshed };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function readLines(kind: QbTxnKind, current: QbRecord): CurrentLine[] {
  const lines: CurrentLine[] = [];
  const seen = new Set<string>();
  for (const element of LINE_ELEMENTS[kind]) {
    for (const line of readRecords(current, element)) {
      const txnLineId = readText(line, 'TxnLineID');
      if (txnLineId === undefined || txnLineId === '') {
        throw new QbxmlParseError(
          `A ${element} of transaction ${readText(current, 'TxnID') ?? '?'} has no TxnLineID, so the transaction cannot be changed safely.`,
        );
      }
      if (seen.has(txnLineId)) {
        throw new QbxmlParseError(`Transaction ${readText(current, 'TxnID') ?? '?'} lists line ${txnLineId} twice, so it cannot be changed safely.`);
      }
      seen.add(txnLineId);
      const itemName = readText(readRecord(line, 'ItemRef'), 'FullName');
      const name = itemName ?? readText(readRecord(line, 'AccountRef'), 'FullName');
      const itemListId = readText(readRecord(line, 'ItemRef'), 'ListID');
      const jobListId = readText(readRecord(line, 'CustomerRef'), 'ListID');
      const jobName = readText(readRecord(line, 'CustomerRef'), 'FullName');
      const classListId = readText(readRecord(line, 'ClassRef'), 'ListID');
      const className = readText(readRecord(line, 'ClassRef'), 'FullName');
      lines.push({ txnLineId, name, amount: readAmount(line), itemListId, itemName, jobListId, jobName, classListId, className, desc: readText(line, 'Desc') });
    }
  }
  return lines;
}

/**
 * Amount through the package's money reader (parseMoney: integer cents, within AMTTYPE). A leaf
 * QuickBooks should never send malformed ("", "1,250.00", "abc", beyond 13 digits) is kept as text and
 * shown as such, never thrown: the person deciding the 3200 sees it.
 */
function readAmount(line: QbRecord): AmountRead {
  const text = readText(line, 'Amount');
  if (text === undefined) return { state: 'absent' };
  const read = readCents(text, 'The QuickBooks amount', 'refuse');
  return read.ok ? { state: 'cents', cents: read.cents } : { state: 'unreadable', text };
}

function unreadable(text: string): string {
  return `unreadable amount "${text}"`;
}
