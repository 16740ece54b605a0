// "Update Job Costs" (QuickBooks to Procore): a BillRet, CheckRet or CreditCardChargeRet (qbxml130.xsd, read with
// IncludeLineItems and IncludeLinkedTxns) → the lines that carry job cost, with their job, item,
// account and class. Pure reading: nothing is attributed or dropped here.
import { QbxmlParseError, readRecords, readText, type QbRecord } from '@connector/qbxml';
import { optionalText, readQbCents, readQbRef, requireDate, requireText } from './read-qb-fields.ts';
import { convertCents, readTxnCurrency, requireHomeAmount, toHomeCents, type QbTxnCurrency } from './read-txn-currency.ts';

export type QbCostTxnType = 'Bill' | 'Check' | 'CreditCardCharge';
export const QB_COST_TXN_TYPES: readonly QbCostTxnType[] = ['Bill', 'Check', 'CreditCardCharge'];

export interface QbCostLine {
  txnLineId: string;
  lineKind: 'expense' | 'item';
  /** Amount in cents; negative lines (credits, retainage held back) are kept as they are. */
  amountCents: number;
  /** CustomerRef: the job the cost is for. */
  jobListId: string | null;
  jobFullName: string | null;
  /** ItemRef (item lines). */
  itemListId: string | null;
  itemFullName: string | null;
  /** AccountRef (expense lines). */
  accountListId: string | null;
  accountFullName: string | null;
  classListId: string | null;
  classFullName: string | null;
  /** Memo (expense line) or Desc (item line). */
  memo: string | null;
  /** The PO line an item line was received against, when the line itself carries a LinkedTxn (see below). */
  linkedTxnId: string | null;
  linkedTxnLineId: string | null;
  /** TxnLineID of the ItemGroupLineRet this line was inside, or null. */
  groupTxnLineId?: string | null;
}

export interface QbCostTransaction {
  txnType: QbCostTxnType;
  txnId: string;
  editSequence: string;
  /** YYYY-MM-DD */
  txnDate: string;
  /** Raw TimeModified (QuickBooks local time with its offset), verbatim for the incremental cursor. */
  timeModified: string;
  refNumber: string | null;
  /** VendorRef (Bill) or PayeeEntityRef (Check, CreditCardCharge). */
  payeeListId: string | null;
  payeeName: string | null;
  memo: string | null;
  /** The sum of the lines: what the transaction puts on jobs. */
  amountCents: number;
  /** AmountDue (Bill) or Amount (Check, CreditCardCharge) as QuickBooks states it, or null when absent. */
  headerAmountCents: number | null;
  /** Header LinkedTxn with TxnType PurchaseOrder (a bill received against a PO), in order, once each. */
  linkedPurchaseOrderTxnIds: string[];
  /** Expense lines, then item lines, then the item lines inside item groups. */
  lines: QbCostLine[];
  /**
   * Set when QuickBooks states the transaction in a foreign currency (multi-currency on, ExchangeRate ≠ 1): every
   * amount above (lines, amountCents, headerAmountCents) is then already converted to home currency with QuickBooks'
   * own rate, and this keeps the original currency, rate and total for the label. Absent or null: home currency.
   */
  currency?: QbTxnCurrency | null;
}

const RET_ELEMENT: Record<QbCostTxnType, string> = { Bill: 'BillRet', Check: 'CheckRet', CreditCardCharge: 'CreditCardChargeRet' };

/**
 * Reads one cost transaction. Throws (QbxmlParseError, naming the element) when TxnID, EditSequence,
 * TxnDate, TimeModified or a line's TxnLineID is missing, or an amount is not a number; a ForeignCurrencyError
 * when it is in a foreign currency without an exchange rate.
 *
 * - A transaction in a foreign currency comes back in home currency, labelled (`currency`; read-txn-currency.ts).
 *
 * - A line without Amount counts 0 (the XSD makes it optional).
 * - ItemGroupLineRet is flattened into its ItemLineRet children (their own job, item and amount); a group
 *   that lists no children becomes one item line of its TotalAmount on the group item, so the lines still
 *   add up to the transaction.
 * - The parsed record keeps each element's occurrences in order, not the interleaving of ItemLineRet and
 *   ItemGroupLineRet, hence "item lines, then grouped lines".
 * - qbXML 13.0's ItemLineRet has no LinkedTxn: QuickBooks names the PO only in the header LinkedTxn. A
 *   LinkedTxn inside a line is still read (TxnID, and TxnLineID directly or in its first TxnLineDetail)
 *   for responses that carry one; attribution pairs the other lines with PO lines by item.
 */
export function readCostTransaction(txnType: QbCostTxnType, record: QbRecord): QbCostTransaction {
  const element = RET_ELEMENT[txnType];
  const txnId = requireText(record, 'TxnID', element);
  const where = `${element} ${txnId}`;
  const payee = readQbRef(record, txnType === 'Bill' ? 'VendorRef' : 'PayeeEntityRef');

  const lines: QbCostLine[] = [];
  for (const line of readRecords(record, 'ExpenseLineRet')) lines.push(readLine('expense', line, where, null));
  for (const line of readRecords(record, 'ItemLineRet')) lines.push(readLine('item', line, where, null));
  for (const group of readRecords(record, 'ItemGroupLineRet')) {
    const groupLineId = requireText(group, 'TxnLineID', `An ItemGroupLineRet of ${where}`);
    const children = readRecords(group, 'ItemLineRet');
    if (children.length > 0) {
      for (const child of children) lines.push(readLine('item', child, where, groupLineId));
    } else {
      lines.push(readEmptyGroup(group, groupLineId, where));
    }
  }

  let amountCents = 0;
  for (const line of lines) amountCents += line.amountCents;
  if (!Number.isSafeInteger(amountCents)) throw new QbxmlParseError(`${where} has lines adding up to more than amounts can be.`);

  // Foreign currency: lines and totals become home currency with QuickBooks' own figures (read-txn-currency.ts); one
  // without a rate is refused (ForeignCurrencyError) rather than summed as if it were home currency.
  const headerElement = txnType === 'Bill' ? 'AmountDue' : 'Amount';
  const homeElement = txnType === 'Bill' ? 'AmountDueInHomeCurrency' : 'AmountInHomeCurrency';
  let headerAmountCents = readQbCents(record, headerElement, where, null);
  const currency = readTxnCurrency(record, headerElement, homeElement, amountCents, where);
  if (currency !== null) {
    amountCents = requireHomeAmount(currency, where);
    const converted = toHomeCents(
      lines.map((l) => l.amountCents),
      currency,
    );
    lines.forEach((line, i) => {
      line.amountCents = converted[i]!;
    });
    if (headerAmountCents !== null)
      headerAmountCents = readQbCents(record, homeElement, where, null) ?? convertCents(headerAmountCents, currency.exchangeRate!);
  }

  const linkedPurchaseOrderTxnIds: string[] = [];
  for (const linked of readRecords(record, 'LinkedTxn')) {
    const id = optionalText(linked, 'TxnID');
    if (id !== null && readText(linked, 'TxnType') === 'PurchaseOrder' && !linkedPurchaseOrderTxnIds.includes(id)) linkedPurchaseOrderTxnIds.push(id);
  }

  return {
    txnType,
    txnId,
    editSequence: requireText(record, 'EditSequence', where),
    txnDate: requireDate(record, 'TxnDate', where),
    timeModified: requireText(record, 'TimeModified', where),
    refNumber: optionalText(record, 'RefNumber'),
    payeeListId: payee.listId,
    payeeName: payee.fullName,
    memo: optionalText(record, 'Memo'),
    amountCents,
    headerAmountCents,
    linkedPurchaseOrderTxnIds,
    lines,
    currency,
  };
}

function readLine(lineKind: 'expense' | 'item', line: QbRecord, where: string, groupTxnLineId: string | null): QbCostLine {
  const elementName = lineKind === 'expense' ? 'ExpenseLineRet' : 'ItemLineRet';
  const txnLineId = requireText(line, 'TxnLineID', `An ${elementName} of ${where}`);
  const lineWhere = `${elementName} ${txnLineId} of ${where}`;
  const job = readQbRef(line, 'CustomerRef');
  const item = readQbRef(line, 'ItemRef');
  const account = readQbRef(line, 'AccountRef');
  const cls = readQbRef(line, 'ClassRef');
  const link = readLineLink(line);
  return {
    txnLineId,
    lineKind,
    amountCents: readQbCents(line, 'Amount', lineWhere, 0)!,
    jobListId: job.listId,
    jobFullName: job.fullName,
    itemListId: item.listId,
    itemFullName: item.fullName,
    accountListId: account.listId,
    accountFullName: account.fullName,
    classListId: cls.listId,
    classFullName: cls.fullName,
    memo: optionalText(line, lineKind === 'expense' ? 'Memo' : 'Desc'),
    linkedTxnId: link.txnId,
    linkedTxnLineId: link.txnLineId,
    groupTxnLineId,
  };
}

function readLineLink(line: QbRecord): { txnId: string | null; txnLineId: string | null } {
  for (const linked of readRecords(line, 'LinkedTxn')) {
    const txnId = optionalText(linked, 'TxnID');
    if (txnId === null) continue;
    const detail = readRecords(linked, 'TxnLineDetail')[0];
    return { txnId, txnLineId: optionalText(linked, 'TxnLineID') ?? optionalText(detail, 'TxnLineID') };
  }
  return { txnId: null, txnLineId: null };
}

function readEmptyGroup(group: QbRecord, groupLineId: string, where: string): QbCostLine {
  const item = readQbRef(group, 'ItemGroupRef');
  return {
    txnLineId: groupLineId,
    lineKind: 'item',
    amountCents: readQbCents(group, 'TotalAmount', `ItemGroupLineRet ${groupLineId} of ${where}`, 0)!,
    jobListId: null,
    jobFullName: null,
    itemListId: item.listId,
    itemFullName: item.fullName,
    accountListId: null,
    accountFullName: null,
    classListId: null,
    classFullName: null,
    memo: optionalText(group, 'Desc'),
    linkedTxnId: null,
    linkedTxnLineId: null,
    groupTxnLineId: groupLineId,
  };
}
