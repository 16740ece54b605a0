// Field readers shared by the import readers: QuickBooks *Ret records (as @connector/qbxml parses them)
// → plain values, with errors that name the element and the record so a bad response can be found.
import { parseMoney } from '@connector/procore';
import { QbxmlParseError, readRecord, readText, type QbRecord } from '@connector/qbxml';
import { fitsAmount } from '../format-cents.ts';

/** Leaf text, or null when missing or blank. */
export function optionalText(record: QbRecord | undefined, element: string): string | null {
  const value = readText(record, element);
  return value === undefined || value.trim() === '' ? null : value;
}

/** Leaf text that must be there (TxnID, EditSequence, ListID…): throws naming `where` and the element. */
export function requireText(record: QbRecord, element: string, where: string): string {
  const value = optionalText(record, element);
  if (value === null) throw new QbxmlParseError(`${where} has no ${element}; QuickBooks always sends it, so this response cannot be used.`);
  return value;
}

/** A ListRef aggregate (VendorRef, CustomerRef, ItemRef…): ListID and FullName, each null when absent. */
export function readQbRef(record: QbRecord | undefined, element: string): { listId: string | null; fullName: string | null } {
  const ref = readRecord(record, element);
  return { listId: optionalText(ref, 'ListID'), fullName: optionalText(ref, 'FullName') };
}

/**
 * An AMTTYPE amount as integer cents ("1250.00" → 125000, "-12375.00" → -1237500), through parseMoney
 * (decimal text, no floating point). `missing` is what an absent element means (the XSD makes most amounts
 * optional); anything present that is not a plain decimal within AMTTYPE's 13 digits throws.
 */
export function readQbCents(record: QbRecord, element: string, where: string, missing: number | null): number | null {
  const text = readText(record, element);
  if (text === undefined || text.trim() === '') return missing;
  let cents: number;
  try {
    cents = parseMoney(text);
  } catch {
    throw new QbxmlParseError(`${where} has ${element} "${text}", which is not a QuickBooks amount.`);
  }
  if (!fitsAmount(cents)) throw new QbxmlParseError(`${where} has ${element} "${text}", larger than QuickBooks amounts can be.`);
  return cents;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A DATETYPE (YYYY-MM-DD) that must be there and be a real calendar date. */
export function requireDate(record: QbRecord, element: string, where: string): string {
  const text = requireText(record, element, where).trim();
  const match = DATE.exec(text);
  const valid =
    match !== null &&
    (() => {
      const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    })();
  if (!valid) throw new QbxmlParseError(`${where} has ${element} "${text}", which is not a date (YYYY-MM-DD).`);
  return text;
}

/** BOOLTYPE: "true"/"false" (QuickBooks' case varies); `missing` when absent. */
export function readQbBool(record: QbRecord, element: string, where: string, missing: boolean): boolean {
  const text = optionalText(record, element);
  if (text === null) return missing;
  const lower = text.trim().toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw new QbxmlParseError(`${where} has ${element} "${text}", which is not true or false.`);
}
