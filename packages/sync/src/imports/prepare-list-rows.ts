import { readQbListEntry, type QbListType } from '@connector/mapping';
import type { QbRecord } from '@connector/qbxml';
import { describeUnreadable, type UnreadableRecord } from './prepare-cost-rows.ts';
import { laterQbTime } from './qb-time.ts';

/** The list query answers whose records become qb_list_entries rows (store-import-responses.ts). */
export const LIST_TYPE_OF_RESPONSE: Readonly<Record<string, QbListType>> = {
  CustomerQueryRs: 'Customer',
  VendorQueryRs: 'Vendor',
  ItemQueryRs: 'Item',
  AccountQueryRs: 'Account',
  ClassQueryRs: 'Class',
};

/**
 * One page of a QuickBooks list (customers and jobs, vendors, items, accounts, classes) as the rows
 * store-import-responses.ts writes to qb_list_entries, already encoded as the JSON its statement reads. Made where the
 * answer was parsed — the parse worker for large answers — as prepare-cost-rows.ts does for cost pages (issue 19: a
 * 1,000-vendor page was read, mapped and stringified in one stretch of 25–40 ms on the event loop, after its records
 * were structured-cloned onto it). Plain data: it crosses from the worker as one string and a few numbers.
 */
export interface PreparedListRows {
  listType: QbListType;
  /** Records in the answer, readable or not (what the request's recordsReceived counts). */
  records: number;
  /** Rows in rowsJson: the readable records. */
  entries: number;
  /** The latest TimeModified of the readable entries (the incremental cursor), or null. */
  latest: string | null;
  /**
   * The rows as one JSON array of objects {list_id, edit_sequence, name, full_name, parent_list_id, ret_element,
   * is_active, qb_modified_at, data} (jsonb_to_recordset reads them by name; data is the whole QbListEntry).
   */
  rowsJson: string;
  /** Records the rules refused, in the page's order: each gets an import.record_unreadable audit entry. */
  unreadable: UnreadableRecord[];
}

/**
 * Reads each record of a list query page (readQbListEntry, with its element name: ItemQueryRs mixes ItemServiceRet,
 * ItemOtherChargeRet, …) into the rows to store. Pure: no I/O; never throws for a record (it is listed as unreadable).
 */
export function prepareListRows(listType: QbListType, records: readonly QbRecord[], recordTypes: ReadonlyArray<string | undefined>): PreparedListRows {
  const rows: unknown[] = [];
  const unreadable: UnreadableRecord[] = [];
  let latest: string | null = null;
  for (const [index, record] of records.entries()) {
    const retElement = recordTypes[index];
    let entry;
    try {
      entry = readQbListEntry(listType, record, retElement);
    } catch (error) {
      unreadable.push(describeUnreadable(record, error));
      continue;
    }
    latest = laterQbTime(latest, entry.timeModified);
    rows.push({
      list_id: entry.listId,
      edit_sequence: entry.editSequence,
      name: entry.name,
      full_name: entry.fullName,
      parent_list_id: entry.parentListId,
      ret_element: retElement ?? null,
      is_active: entry.isActive,
      qb_modified_at: entry.timeModified,
      data: entry,
    });
  }
  return { listType, records: records.length, entries: rows.length, latest, rowsJson: JSON.stringify(rows), unreadable };
}
