import { Prisma } from '@connector/db';
import { readBillPayment, type QbBillPayment, type QbListType } from '@connector/mapping';
import { readText, type QbRecord } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import { recordCountOf } from '../qbwc/prepare-received-response.ts';
import type { AppliedResponse } from '../qbwc/receive-response-xml.ts';
import { describeUnreadable, prepareCostRows, type PreparedCostRows, type UnreadableRecord } from './prepare-cost-rows.ts';
import { prepareListRows, type PreparedListRows } from './prepare-list-rows.ts';
import { laterQbTime } from './qb-time.ts';
import { completedAtCursor } from './queue-refresh.ts';
import { clearDeletedDeposits, storeDeposits } from './store-deposits.ts';
import { storeReceivePayments } from './store-receive-payments.ts';
import { cursorName, ITEM_DEL_TYPES, parseImportDedupeKey, type ImportQueryType, type RefreshKind } from './refresh-kinds.ts';

const LIST_TYPE: Partial<Record<ImportQueryType, QbListType>> = {
  CustomerQuery: 'Customer',
  VendorQuery: 'Vendor',
  ItemQuery: 'Item',
  AccountQuery: 'Account',
  ClassQuery: 'Class',
};
const COST_TXN: Partial<Record<ImportQueryType, 'Bill' | 'Check' | 'CreditCardCharge'>> = {
  BillQuery: 'Bill',
  CheckQuery: 'Check',
  CreditCardChargeQuery: 'CreditCardCharge',
};
// ListDelType values → the list_type we keep them under.
const DELETED_LIST_TYPE: Record<string, QbListType> = {
  Customer: 'Customer',
  Vendor: 'Vendor',
  Account: 'Account',
  Class: 'Class',
  ...Object.fromEntries(ITEM_DEL_TYPES.map((t) => [t, 'Item' as const])),
};

export interface StoredImport {
  /** Refreshes whose every query has now been answered in full. */
  finishedKinds: RefreshKind[];
  records: number;
}

/**
 * Runs in receiveResponseXML's transaction: keeps what QuickBooks returned for an import query
 * (lists, cost transactions with their lines, bill payments, deletions) in our copy. A record whose
 * EditSequence we already hold is left alone (incremental reads overlap on purpose); a changed one is
 * replaced, lines included, and marked for the next push to Procore. The query's cursor moves only when
 * its last iterator page arrived, so a session that dies mid-read re-reads from the old cursor.
 */
export async function storeImportResponses(
  tx: Prisma.TransactionClient,
  companyId: string,
  now: Date,
  applied: readonly AppliedResponse[],
): Promise<StoredImport> {
  const finished = new Set<RefreshKind>();
  let records = 0;
  for (const item of applied) {
    const key = parseImportDedupeKey(item.dedupeKey);
    if (!key || (item.outcome !== 'done' && item.outcome !== 'continuing')) continue;
    const { response } = item;
    let latest: string | null = null;
    const listType = LIST_TYPE[key.query];
    const costType = COST_TXN[key.query];
    // A record QuickBooks sent that the rules cannot read is set aside with an audit entry; the rest of
    // the page is kept (one bad record must not stop every later session at the same page).
    const auditUnreadable = (record: UnreadableRecord) =>
      writeAudit(tx, {
        companyId,
        actor: 'qbwc',
        action: 'import.record_unreadable',
        direction: 'from_quickbooks',
        outcome: 'error',
        subjectType: `qb_${key.query.replace(/Query$/, '')}`,
        subjectId: record.subjectId,
        detail: {
          message: record.message,
          what: 'Skipped: fix the record in QuickBooks (or tell us what it holds); it is read again when it changes.',
          // A typed refusal (e.g. FOREIGN_CURRENCY_NO_RATE, @connector/contract exception codes) keeps its code.
          ...(record.code !== undefined ? { code: record.code } : {}),
        },
      });
    const unreadable = (record: QbRecord, error: unknown) => auditUnreadable(describeUnreadable(record, error));
    if (listType) {
      // Made on the parse worker for large answers (prepare-received-response.ts), here for the small ones parsed inline.
      const prepared =
        response.preparedListRows?.listType === listType ? response.preparedListRows : prepareListRows(listType, response.records, response.recordTypes);
      for (const record of prepared.unreadable) await auditUnreadable(record);
      latest = await storeListEntries(tx, companyId, now, listType, prepared);
    } else if (costType) {
      // Made on the parse worker for large answers (prepare-received-response.ts), here for the small ones parsed inline.
      const prepared = response.preparedCostRows ?? prepareCostRows(costType, response.records);
      for (const record of prepared.unreadable) await auditUnreadable(record);
      latest = await storeCostTransactions(tx, companyId, now, prepared);
    } else if (key.query === 'BillPaymentCheckQuery') {
      latest = await storeBillPayments(
        tx,
        companyId,
        now,
        (await readEach(response.records, (r) => readBillPayment(r), unreadable)).map((e) => e.value),
      );
    } else if (key.query === 'ReceivePaymentQuery') {
      latest = await storeReceivePayments(tx, companyId, now, response.records, unreadable);
    } else if (key.query === 'DepositQuery') {
      latest = await storeDeposits(tx, companyId, response.records, unreadable);
    } else if (key.query === 'ListDeletedQuery' || key.query === 'TxnDeletedQuery') {
      if (key.query === 'TxnDeletedQuery') await clearDeletedDeposits(tx, companyId, response.records);
      latest = await markDeleted(tx, companyId, now, key.query, response.records);
    }
    records += recordCountOf(response);

    // The highest time seen so far by this request, kept until its last page arrives.
    const pendingName = `qb:pending:${item.requestRowId}`;
    const pending = await tx.syncCursor.findUnique({ where: { companyId_name: { companyId, name: pendingName } } });
    const seen = laterQbTime(pending?.value ?? null, latest);
    if (item.outcome === 'continuing') {
      if (seen !== null && seen !== pending?.value) {
        await tx.syncCursor.upsert({
          where: { companyId_name: { companyId, name: pendingName } },
          create: { companyId, name: pendingName, value: seen },
          update: { value: seen },
        });
      }
      continue;
    }
    if (pending) await tx.syncCursor.delete({ where: { companyId_name: { companyId, name: pendingName } } });
    // A list read in full at least once: the Settings pickers tell "never read" from "read, and empty" by it.
    if (listType) await markListRead(tx, companyId, listType, now);
    if (seen !== null) {
      const name = cursorName(key.kind, key.query);
      const current = await tx.syncCursor.findUnique({ where: { companyId_name: { companyId, name } } });
      const value = laterQbTime(current?.value ?? null, seen)!;
      await tx.syncCursor.upsert({ where: { companyId_name: { companyId, name } }, create: { companyId, name, value }, update: { value } });
    }
    const open = await tx.queuedRequest.count({
      where: { companyId, dedupeKey: { startsWith: `import:${key.kind}:` }, status: { in: ['queued', 'sent'] }, NOT: { id: item.requestRowId } },
    });
    if (open === 0) {
      finished.add(key.kind);
      await tx.syncCursor.upsert({
        where: { companyId_name: { companyId, name: completedAtCursor(key.kind) } },
        create: { companyId, name: completedAtCursor(key.kind), value: now.toISOString() },
        update: { value: now.toISOString() },
      });
      await writeAudit(tx, {
        companyId,
        actor: 'qbwc',
        action: 'import.read',
        direction: 'from_quickbooks',
        outcome: 'ok',
        subjectType: 'import',
        subjectId: key.kind,
        detail: { kind: key.kind },
      });
    }
  }
  return { finishedKinds: [...finished], records };
}

/** sync_cursors name of when a QuickBooks list was last read to its end (e.g. `qb:list_read_at:Account`). */
export function listReadAtCursor(listType: QbListType): string {
  return `qb:list_read_at:${listType}`;
}

async function markListRead(tx: Prisma.TransactionClient, companyId: string, listType: QbListType, now: Date) {
  const name = listReadAtCursor(listType);
  await tx.syncCursor.upsert({
    where: { companyId_name: { companyId, name } },
    create: { companyId, name, value: now.toISOString() },
    update: { value: now.toISOString() },
  });
}

async function readEach<T>(
  records: readonly QbRecord[],
  read: (record: QbRecord, index: number) => T,
  onError: (record: QbRecord, error: unknown) => Promise<void>,
): Promise<Array<{ index: number; value: T }>> {
  const out: Array<{ index: number; value: T }> = [];
  for (const [index, record] of records.entries()) {
    try {
      out.push({ index, value: read(record, index) });
    } catch (error) {
      await onError(record, error);
    }
  }
  return out;
}

/** One page of list entries in one statement, whatever its size (rows from prepare-list-rows.ts). */
async function storeListEntries(
  tx: Prisma.TransactionClient,
  companyId: string,
  now: Date,
  listType: QbListType,
  rows: PreparedListRows,
): Promise<string | null> {
  if (rows.entries === 0) return rows.latest;
  await tx.$executeRaw`
    INSERT INTO qb_list_entries (company_id, list_type, list_id, edit_sequence, name, full_name, parent_list_id, ret_element, is_active, qb_modified_at, data, fetched_at)
    SELECT ${companyId}::uuid, ${listType}, x.list_id, x.edit_sequence, x.name, x.full_name, x.parent_list_id, x.ret_element, x.is_active, x.qb_modified_at, x.data, ${now}
    FROM jsonb_to_recordset(${rows.rowsJson}::jsonb) AS x(list_id text, edit_sequence text, name text, full_name text, parent_list_id text, ret_element text, is_active boolean, qb_modified_at text, data jsonb)
    ON CONFLICT (company_id, list_type, list_id) DO UPDATE SET
      edit_sequence = EXCLUDED.edit_sequence, name = EXCLUDED.name, full_name = EXCLUDED.full_name, parent_list_id = EXCLUDED.parent_list_id,
      ret_element = EXCLUDED.ret_element, is_active = EXCLUDED.is_active, qb_modified_at = EXCLUDED.qb_modified_at, data = EXCLUDED.data,
      fetched_at = EXCLUDED.fetched_at, deleted_at = NULL
    WHERE qb_list_entries.edit_sequence <> EXCLUDED.edit_sequence OR qb_list_entries.deleted_at IS NOT NULL`;
  return rows.latest;
}

/**
 * One page of cost transactions in three statements, whatever its size: the headers (only new or changed ones come
 * back: same EditSequence = already held, the overlap of incremental reads), then the lines of those that came back,
 * replaced. The rows arrive as positional JSON arrays (prepare-cost-rows.ts HEADER_COLUMNS, LINE_COLUMNS).
 */
async function storeCostTransactions(tx: Prisma.TransactionClient, companyId: string, now: Date, rows: PreparedCostRows): Promise<string | null> {
  if (rows.transactions === 0) return rows.latest;
  const changed = await tx.$queryRaw<Array<{ txn_type: string; txn_id: string }>>`
    INSERT INTO qb_transactions (company_id, txn_type, txn_id, edit_sequence, txn_date, ref_number, payee_list_id, amount_cents, qb_modified_at, data, needs_push, fetched_at)
    SELECT ${companyId}::uuid, x->>0, x->>1, x->>2, x->>3, x->>4, x->>5, (x->>6)::bigint, x->>7, x->8, true, ${now}
    FROM jsonb_array_elements(${rows.headersJson}::jsonb) AS x
    ON CONFLICT (company_id, txn_type, txn_id) DO UPDATE SET
      edit_sequence = EXCLUDED.edit_sequence, txn_date = EXCLUDED.txn_date, ref_number = EXCLUDED.ref_number, payee_list_id = EXCLUDED.payee_list_id,
      amount_cents = EXCLUDED.amount_cents, qb_modified_at = EXCLUDED.qb_modified_at, data = EXCLUDED.data, needs_push = true,
      fetched_at = EXCLUDED.fetched_at, deleted_at = NULL
    WHERE qb_transactions.edit_sequence <> EXCLUDED.edit_sequence OR qb_transactions.deleted_at IS NOT NULL
    RETURNING txn_type, txn_id`;
  if (changed.length === 0) return rows.latest;
  const changedJson = JSON.stringify(changed);
  await tx.$executeRaw`
    DELETE FROM qb_cost_lines l USING jsonb_to_recordset(${changedJson}::jsonb) AS c(txn_type text, txn_id text)
    WHERE l.company_id = ${companyId}::uuid AND l.txn_type = c.txn_type AND l.txn_id = c.txn_id`;
  if (rows.lines > 0) {
    // The lines of the transactions that changed: all of them on a first read (no join needed), else those joined.
    const lines =
      changed.length === rows.transactions
        ? Prisma.sql`SELECT x FROM jsonb_array_elements(${rows.linesJson}::jsonb) AS x`
        : Prisma.sql`SELECT x FROM jsonb_array_elements(${rows.linesJson}::jsonb) AS x
            JOIN jsonb_to_recordset(${changedJson}::jsonb) AS c(txn_type text, txn_id text) ON c.txn_type = x->>0 AND c.txn_id = x->>1`;
    await tx.$executeRaw`
      INSERT INTO qb_cost_lines (company_id, txn_type, txn_id, txn_line_id, line_kind, amount_cents, job_list_id, item_list_id, account_list_id, class_list_id, memo, linked_txn_id, linked_txn_line_id)
      SELECT ${companyId}::uuid, x->>0, x->>1, x->>2, x->>3, (x->>4)::bigint, x->>5, x->>6, x->>7, x->>8, x->>9, x->>10, x->>11
      FROM (${lines}) AS changed_lines(x)
      ON CONFLICT (company_id, txn_type, txn_id, txn_line_id) DO NOTHING`;
  }
  return rows.latest;
}

async function storeBillPayments(tx: Prisma.TransactionClient, companyId: string, now: Date, payments: readonly QbBillPayment[]): Promise<string | null> {
  if (payments.length === 0) return null;
  let latest: string | null = null;
  const rows = payments.map((p) => {
    latest = laterQbTime(latest, p.timeModified);
    return {
      txn_id: p.txnId,
      edit_sequence: p.editSequence,
      txn_date: p.txnDate,
      ref_number: p.refNumber,
      payee_list_id: p.payeeListId,
      amount_cents: p.amountCents,
      qb_modified_at: p.timeModified,
      data: { payeeName: p.payeeName, applied: p.applied, currency: p.currency ?? null },
    };
  });
  await tx.$executeRaw`
    INSERT INTO qb_transactions (company_id, txn_type, txn_id, edit_sequence, txn_date, ref_number, payee_list_id, amount_cents, qb_modified_at, data, needs_push, fetched_at)
    SELECT ${companyId}::uuid, 'BillPaymentCheck', x.txn_id, x.edit_sequence, x.txn_date, x.ref_number, x.payee_list_id, x.amount_cents, x.qb_modified_at, x.data, true, ${now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(txn_id text, edit_sequence text, txn_date text, ref_number text, payee_list_id text, amount_cents bigint, qb_modified_at text, data jsonb)
    ON CONFLICT (company_id, txn_type, txn_id) DO UPDATE SET
      edit_sequence = EXCLUDED.edit_sequence, txn_date = EXCLUDED.txn_date, ref_number = EXCLUDED.ref_number, payee_list_id = EXCLUDED.payee_list_id,
      amount_cents = EXCLUDED.amount_cents, qb_modified_at = EXCLUDED.qb_modified_at, data = EXCLUDED.data, needs_push = true,
      fetched_at = EXCLUDED.fetched_at, deleted_at = NULL
    WHERE qb_transactions.edit_sequence <> EXCLUDED.edit_sequence OR qb_transactions.deleted_at IS NOT NULL`;
  return latest;
}

/** TxnDeletedRet / ListDeletedRet: what we hold of it is marked deleted (and pushed: Procore follows). */
async function markDeleted(
  tx: Prisma.TransactionClient,
  companyId: string,
  now: Date,
  query: 'ListDeletedQuery' | 'TxnDeletedQuery',
  records: readonly QbRecord[],
): Promise<string | null> {
  let latest: string | null = null;
  const rows: Array<{ type: string; id: string }> = [];
  for (const record of records) {
    latest = laterQbTime(latest, readText(record, 'TimeDeleted') ?? null);
    if (query === 'TxnDeletedQuery') {
      const type = readText(record, 'TxnDelType');
      const id = readText(record, 'TxnID');
      if (type && id) rows.push({ type, id });
    } else {
      const type = DELETED_LIST_TYPE[readText(record, 'ListDelType') ?? ''];
      const id = readText(record, 'ListID');
      if (type && id) rows.push({ type, id });
    }
  }
  if (rows.length === 0) return latest;
  const json = JSON.stringify(rows);
  if (query === 'TxnDeletedQuery') {
    await tx.$executeRaw`
      UPDATE qb_transactions t SET deleted_at = ${now}, needs_push = true
      FROM jsonb_to_recordset(${json}::jsonb) AS d(type text, id text)
      WHERE t.company_id = ${companyId}::uuid AND t.txn_type = d.type AND t.txn_id = d.id AND t.deleted_at IS NULL`;
  } else {
    await tx.$executeRaw`
      UPDATE qb_list_entries e SET deleted_at = ${now}
      FROM jsonb_to_recordset(${json}::jsonb) AS d(type text, id text)
      WHERE e.company_id = ${companyId}::uuid AND e.list_type = d.type AND e.list_id = d.id AND e.deleted_at IS NULL`;
  }
  return latest;
}
