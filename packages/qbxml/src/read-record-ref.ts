import { readText, type QbRecord } from './qb-record.ts';
import { QbxmlParseError } from './qbxml-parse-error.ts';

/** What we keep for every list record we create or read: a Mod needs ListID and EditSequence (docs/qbxml.md#writes-and-editsequence). */
export interface ListRecordRef {
  listId: string;
  editSequence: string;
  name?: string;
  fullName?: string;
  timeModified?: string;
}

/** The same for transactions. */
export interface TxnRecordRef {
  txnId: string;
  editSequence: string;
  refNumber?: string;
  timeModified?: string;
}

function required(record: QbRecord, element: string, kind: string): string {
  const value = readText(record, element);
  if (value === undefined || value === '') {
    throw new QbxmlParseError(`The ${kind} record has no ${element}, so it cannot be linked or changed later.`);
  }
  return value;
}

/** Reads ListID/EditSequence (and names, TimeModified) from a list *Ret or an ErrorRecovery. */
export function readListRef(record: QbRecord): ListRecordRef {
  const ref: ListRecordRef = {
    listId: required(record, 'ListID', 'list'),
    editSequence: required(record, 'EditSequence', 'list'),
  };
  const name = readText(record, 'Name');
  const fullName = readText(record, 'FullName');
  const timeModified = readText(record, 'TimeModified');
  if (name !== undefined) ref.name = name;
  if (fullName !== undefined) ref.fullName = fullName;
  if (timeModified !== undefined) ref.timeModified = timeModified;
  return ref;
}

/** Reads TxnID/EditSequence (and RefNumber, TimeModified) from a transaction *Ret or an ErrorRecovery. */
export function readTxnRef(record: QbRecord): TxnRecordRef {
  const ref: TxnRecordRef = {
    txnId: required(record, 'TxnID', 'transaction'),
    editSequence: required(record, 'EditSequence', 'transaction'),
  };
  const refNumber = readText(record, 'RefNumber');
  const timeModified = readText(record, 'TimeModified');
  if (refNumber !== undefined) ref.refNumber = refNumber;
  if (timeModified !== undefined) ref.timeModified = timeModified;
  return ref;
}
