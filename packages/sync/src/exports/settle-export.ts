import type { StoredExportOptions } from '@connector/contract';
import { Prisma } from '@connector/db';
import type { QbTxnLineLink } from '@connector/mapping';
import { parseMoney } from '@connector/procore';
import { readRecord, readRecords, readText, type QbRecord, type QbxmlRequest } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import { isAppError } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { WRITE_PROCORE_ORIGIN_JOB } from '../jobs/job-kinds.ts';
import { enqueueRequestIn } from '../queue/enqueue-request.ts';
import { PRIORITY } from '../queue/request-status.ts';
import type { ExportRecordType } from './export-workflow.ts';
import { LINK_TYPES, linkLines, QB_TYPES, type ExportLinks } from './load-export-links.ts';
import { readExportOptions, readQueuedRequestPayload, readRequestResult, readStoredExportSource } from '../stored/read-stored.ts';
import { conflictLinkOf, readConflict } from './store-field-differences.ts';
import { OWNER_INVOICE_PARTS, ownerInvoicePartOf } from './map-owner-invoice-export.ts';

type Tx = Prisma.TransactionClient;
type Row = Prisma.ExportRecordGetPayload<object>;

export const QB_CHANGED = 'QB_CHANGED_IN_QUICKBOOKS';
/** 3200 again and again with nothing we manage changed: something keeps moving the record (data safety). */
export const QB_KEEPS_CHANGING = 'QB_RECORD_KEEPS_CHANGING';
/**
 * How many times in a row an export is planned again after a 3200 whose read-back shows no difference in
 * the fields we write (QuickBooks moved the EditSequence: a bill received against the PO, our own earlier
 * write). Bounded so that a record something keeps touching ends in the exception queue, not in a loop.
 */
export const MAX_AUTO_REPLANS = 3;
const ACTOR = 'connector';

/** The line elements of each transaction we keep in step, in QuickBooks' order. */
const LINE_RET: Record<string, string> = { PurchaseOrder: 'PurchaseOrderLineRet', Estimate: 'EstimateLineRet', Bill: 'ItemLineRet', Invoice: 'InvoiceLineRet' };

/** export_records.options: its shape is the stored schema (@connector/contract StoredExportOptions), read by readExportOptions. */
export type ExportOptions = StoredExportOptions;

/**
 * An export whose QuickBooks request finished: store the link (ListID/TxnID, EditSequence, lines), mark
 * it synced, or put it in the exception queue with our code, QuickBooks' code and message, and what to do.
 * Returns the export key (`vendor:12`) whose dependents can now move, or null when nothing settled.
 */
export async function settleExport(
  tx: Tx,
  input: {
    companyId: string;
    exportId: string;
    links: ExportLinks;
    now: Date;
    /**
     * The export's row and its request as the caller read them just now in this transaction (advance-exports.ts reads
     * every finished export's in two queries, not two per export); read here otherwise. Settling one export writes
     * neither another export's row nor its request, so what the caller read stays what the database holds.
     */
    loaded?: { row: Row | null; requests: ReadonlyMap<string, Prisma.QueuedRequestGetPayload<object>> };
  },
): Promise<{ key: string | null; replanSelf: boolean } | null> {
  const row = input.loaded ? input.loaded.row : await tx.exportRecord.findFirst({ where: { id: input.exportId, companyId: input.companyId } });
  if (!row?.requestId || row.status !== 'queued') return null;
  const request = input.loaded
    ? (input.loaded.requests.get(row.requestId) ?? null)
    : await tx.queuedRequest.findFirst({ where: { id: row.requestId, companyId: input.companyId } });
  if (!request) return null;
  const key = `${row.recordType}:${row.procoreId}`;
  const audit = (action: string, outcome: 'ok' | 'error' | 'info', detail: Record<string, unknown>) =>
    writeAudit(tx, {
      companyId: row.companyId,
      actor: ACTOR,
      action,
      outcome,
      direction: 'from_quickbooks',
      subjectType: `export_${row.recordType}`,
      subjectId: row.procoreId,
      detail: { title: row.title, requestId: request.id, ...detail } as Prisma.InputJsonValue,
    });

  try {
    return await settleFinished(tx, row, request, key, readExportOptions(row), input.links, audit);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'STORED_VALUE_INVALID') throw error;
    // A damaged stored value (the export's options, the request's payload or result, a link's lines): this export fails alone, naming the row, instead of
    // failing the whole Web Connector answer (which would come back, and fail, on every run).
    return failRow(tx, row, key, 'STORED_VALUE_INVALID', `${row.title}: ${error.message}`, request, audit);
  }
}

async function settleFinished(
  tx: Tx,
  row: Row,
  request: Prisma.QueuedRequestGetPayload<object>,
  key: string,
  options: ExportOptions,
  links: ExportLinks,
  audit: (action: string, outcome: 'ok' | 'error' | 'info', detail: Record<string, unknown>) => Promise<void>,
): Promise<{ key: string | null; replanSelf: boolean } | null> {
  // The read-back of a 3200 (the export kept its turn on the record while it was read).
  if (options.diffRequestId && options.diffRequestId === row.requestId) return settleConflictRead(tx, row, request, options, key, links, audit);

  if (request.status === 'done') {
    const result = readRequestResult(request) ?? {};
    const record = result.record ?? null;
    if (!record) {
      return failRow(
        tx,
        row,
        key,
        'QB_NO_RECORD',
        `${row.title}: QuickBooks reported success but returned no record, so the connector cannot link it. Check QuickBooks, then retry.`,
        request,
        audit,
      );
    }
    const payload = readQueuedRequestPayload(request);
    if (row.recordType === 'project' && payload.type === 'CustomerAdd' && !payload.parentRef) {
      // First half of a project: its customer now exists (created, or matched by name after 3100).
      const customer = {
        listId: readText(record, 'ListID') ?? '',
        fullName: readText(record, 'FullName') ?? readText(record, 'Name') ?? '',
        editSequence: readText(record, 'EditSequence') ?? '',
      };
      links.setCustomer(row.procoreId, customer);
      await tx.exportRecord.update({
        where: { id: row.id },
        data: { requestId: null, options: { ...options, customer, lineKeys: null } as never, version: { increment: 1 } },
      });
      await audit(result.matchedExisting ? 'export.customer_matched' : 'export.customer_created', 'ok', {
        customer: customer.fullName,
        listId: customer.listId,
      });
      return { key: null, replanSelf: true };
    }
    const linked = await writeLink(tx, row, record, request, options, links);
    if (!linked.ok) return failRow(tx, row, key, 'QB_RECORD_ALREADY_LINKED', linked.message, request, audit);
    if (row.recordType === 'owner_invoice') {
      // One of the owner invoice's QuickBooks invoices is in and linked. Planned again: the mapping, seeing the link,
      // queues what is left (the retainage release invoice) or answers that nothing is, and the export is synced then
      // (advance-exports.ts queueOwnerInvoice). The export keeps the first invoice's TxnID.
      await tx.exportRecord.update({
        where: { id: row.id },
        data: {
          requestId: null,
          qbId: row.qbId ?? linked.qbId,
          editSequence: row.editSequence ?? linked.editSequence,
          errorCode: null,
          errorMessage: null,
          qbStatusCode: request.statusCode,
          qbStatusMessage: request.statusMessage,
          options: { ...options, lineKeys: null } as never,
          version: { increment: 1 },
        },
      });
      await audit('export.invoice_written', 'ok', {
        part: ownerInvoicePartOf(request.dedupeKey),
        qbId: linked.qbId,
        editSequence: linked.editSequence,
        refNumber: linked.qbName,
      });
      return { key: null, replanSelf: true };
    }
    await tx.exportRecord.update({
      where: { id: row.id },
      data: {
        status: 'synced',
        qbId: linked.qbId,
        editSequence: linked.editSequence,
        waitingOn: [],
        fieldDifferences: undefined,
        errorCode: null,
        errorMessage: request.errorMessage,
        qbStatusCode: request.statusCode,
        qbStatusMessage: request.statusMessage,
        version: { increment: 1 },
      },
    });
    await audit(result.matchedExisting ? 'export.matched_existing' : 'export.synced', 'ok', {
      qbId: linked.qbId,
      editSequence: linked.editSequence,
      qbName: linked.qbName,
    });
    if (row.recordType === 'project' || row.recordType === 'vendor') {
      // Procore's own connector keeps the QuickBooks ListID in origin_id and the EditSequence in origin_data.
      await enqueueJob(tx, {
        companyId: row.companyId,
        kind: WRITE_PROCORE_ORIGIN_JOB,
        dedupeKey: `procore-origin:${row.recordType}:${row.procoreId}`,
        payload: { recordType: row.recordType, procoreId: row.procoreId, listId: linked.qbId, editSequence: linked.editSequence },
      });
    }
    return { key, replanSelf: false };
  }

  if (request.status === 'cancelled') {
    return failRow(
      tx,
      row,
      key,
      'REQUEST_CANCELLED',
      `${row.title}: its QuickBooks request was cancelled before it was sent. Retry to send it again.`,
      request,
      audit,
    );
  }

  // Failed in QuickBooks (or refused before it got there).
  if (request.statusCode === 3200) {
    const diffQuery = queryForCurrentVersion(payload(request));
    if (diffQuery) {
      // Not an exception yet: whether someone else changed the record is known only once QuickBooks' current
      // version is read. Until then the export keeps its request slot, so nothing else writes that record.
      const queued = await enqueueRequestIn(tx, {
        companyId: row.companyId,
        request: diffQuery,
        dedupeKey: `export-diff:${row.id}:${row.version}`,
        priority: PRIORITY.lookup,
        requestedBy: ACTOR,
      });
      await tx.exportRecord.update({
        where: { id: row.id },
        data: {
          requestId: queued.request.id,
          fieldDifferences: Prisma.DbNull,
          version: { increment: 1 },
          options: {
            ...options,
            diffRequestId: queued.request.id,
            conflict: { statusCode: request.statusCode, statusMessage: request.statusMessage },
            qbCurrent: undefined,
          } as never,
        },
      });
      await audit('export.conflict_check', 'info', {
        qbStatusCode: request.statusCode,
        qbStatusMessage: request.statusMessage,
        readRequestId: queued.request.id,
      });
      return { key: null, replanSelf: false };
    }
    const what = describeQbRecord(payload(request).type);
    return failRow(
      tx,
      row,
      key,
      QB_CHANGED,
      `${row.title}: the ${what} was changed in QuickBooks after the connector last wrote it, so nothing was overwritten.`,
      request,
      audit,
    );
  }
  return failRow(tx, row, key, request.errorCode ?? 'QB_REQUEST_FAILED', explainFailure(row, request), request, audit);
}

function payload(request: { id: string; payload: unknown }): QbxmlRequest {
  return readQueuedRequestPayload(request);
}

async function failRow(
  tx: Tx,
  row: Row,
  key: string,
  errorCode: string,
  errorMessage: string,
  request: { statusCode: number | null; statusMessage: string | null },
  audit: (action: string, outcome: 'ok' | 'error' | 'info', detail: Record<string, unknown>) => Promise<void>,
) {
  await tx.exportRecord.update({
    where: { id: row.id },
    data: { status: 'failed', errorCode, errorMessage, qbStatusCode: request.statusCode, qbStatusMessage: request.statusMessage, version: { increment: 1 } },
  });
  await audit('export.failed', 'error', { errorCode, message: errorMessage, qbStatusCode: request.statusCode, qbStatusMessage: request.statusMessage });
  return { key, replanSelf: false };
}

/**
 * QuickBooks' current version of a record a write got 3200 on is back. If it differs from what we knew in
 * a field we write, someone changed it: the export becomes a QB_CHANGED exception that shows the fields
 * (docs/data-safety.md#nothing-silently-overwritten). If not, the 3200 was no one's edit — the EditSequence moved because a bill was received
 * against the PO, or because of our own write we had not seen — so the link takes QuickBooks' EditSequence
 * and lines and the export is planned again at once (a Mod is built from the link when it is its turn).
 */
async function settleConflictRead(
  tx: Tx,
  row: Row,
  read: { id: string; kind: string; status: string; result: unknown; errorMessage: string | null },
  options: ExportOptions,
  key: string,
  links: ExportLinks,
  audit: (action: string, outcome: 'ok' | 'error' | 'info', detail: Record<string, unknown>) => Promise<void>,
) {
  if (read.status !== 'done' && read.status !== 'failed' && read.status !== 'cancelled') return null;
  const conflict = options.conflict ?? { statusCode: 3200, statusMessage: null };
  const found = await readConflict(tx, row.companyId, row, read);
  const replans = options.replans ?? 0;
  const what = describeQbRecord(read.kind.replace(/Query$/, ''));
  if (found.qbCurrent && !found.note && found.differences.length === 0) {
    if (replans < MAX_AUTO_REPLANS) {
      await takeCurrentVersion(tx, row, found.qbCurrent, links);
      await tx.exportRecord.update({
        where: { id: row.id },
        data: {
          requestId: null,
          waitingOn: [],
          version: { increment: 1 },
          options: { ...options, diffRequestId: undefined, conflict: undefined, qbCurrent: undefined, lineKeys: null, replans: replans + 1 } as never,
        },
      });
      await audit('export.replanned', 'info', {
        reason: `QuickBooks answered ${conflict.statusCode ?? 3200} but its current version differs in none of the fields the connector writes: planned again on EditSequence ${found.qbCurrent.editSequence}.`,
        editSequence: found.qbCurrent.editSequence,
        attempt: replans + 1,
      });
      return { key: null, replanSelf: true };
    }
    const message = `${row.title}: QuickBooks answered ${MAX_AUTO_REPLANS + 1} times in a row that the ${what} changed since the connector read it, yet none of the fields the connector writes differ: something keeps changing it (another application, or someone editing it now). Nothing was overwritten. Retry once it is left alone.`;
    // A person's retry starts counting afresh.
    await tx.exportRecord.update({
      where: { id: row.id },
      data: { options: { ...options, qbCurrent: found.qbCurrent, conflict: undefined, replans: undefined } as never },
    });
    return failRow(tx, row, key, QB_KEEPS_CHANGING, message, conflict, audit);
  }
  const message = `${row.title}: the ${what} was changed in QuickBooks after the connector last wrote it, so nothing was overwritten. Compare the fields, then keep QuickBooks' version or re-send ours.${found.note ?? ''}`;
  await tx.exportRecord.update({
    where: { id: row.id },
    data: {
      fieldDifferences: found.differences as never,
      options: {
        ...options,
        conflict: undefined,
        replans: undefined,
        ...(found.qbCurrent ? { qbCurrent: found.qbCurrent } : { qbCurrent: undefined }),
      } as never,
    },
  });
  await audit('export.conflict_read', 'info', { differences: found.differences });
  return failRow(tx, row, key, QB_CHANGED, message, conflict, audit);
}

/** The link takes QuickBooks' current EditSequence (and, for a transaction, every line it has now). */
export async function takeCurrentVersion(
  tx: Tx,
  row: { id: string; companyId: string; recordType: string; procoreId: string; source: unknown },
  current: NonNullable<ExportOptions['qbCurrent']>,
  links?: ExportLinks,
): Promise<void> {
  const linkOf = conflictLinkOf(row);
  if (!linkOf) return;
  await tx.recordLink.updateMany({
    where: { companyId: row.companyId, procoreType: linkOf.procoreType, procoreId: linkOf.procoreId },
    data: { editSequence: current.editSequence, ...(current.lines ? { lines: current.lines as never } : {}) },
  });
  const known = links?.get(linkOf.procoreType, linkOf.procoreId);
  if (known && links) links.put({ ...known, editSequence: current.editSequence, ...(current.lines ? { lines: current.lines } : {}) });
}

/**
 * The words a person needs. QuickBooks names the missing reference in 3140 ("There is an invalid reference
 * to QuickBooks Vendor "ABC Concrete" in the Purchase Order"): say which and what to do. Otherwise the
 * queue's explanation of the status (classify-status.ts), which already says what to do, with the raw code.
 */
export function explainFailure(
  row: { title: string },
  request: { statusCode: number | null; statusMessage: string | null; errorMessage: string | null },
): string {
  if (request.statusCode === 3140) {
    const match = /reference to QuickBooks (\w[\w ]*?) "([^"]+)"/i.exec(request.statusMessage ?? '');
    if (match) {
      const kind = match[1]!.toLowerCase();
      return `${row.title}: ${kind} "${match[2]}" is not in QuickBooks yet (or was deleted there): export the ${kind} first or link an existing one, then retry. (QuickBooks 3140: ${request.statusMessage})`;
    }
  }
  return `${row.title}: ${request.errorMessage ?? `QuickBooks ${request.statusCode ?? ''}: ${request.statusMessage ?? 'failed'}`}`;
}

type LinkWrite = { ok: true; qbId: string; editSequence: string; qbName: string | null } | { ok: false; message: string };

async function writeLink(
  tx: Tx,
  row: Row,
  record: QbRecord,
  request: { kind: string; dedupeKey: string | null },
  options: ExportOptions,
  links: ExportLinks,
): Promise<LinkWrite> {
  const recordType = row.recordType as ExportRecordType;
  const requestKind = request.kind;
  const editSequence = readText(record, 'EditSequence') ?? '';
  if (recordType === 'change_order' || recordType === 'prime_change_order') {
    // A change order adds lines to its commitment's purchase order, a prime contract change order to its prime contract's
    // estimate (issue 21): that link takes the new EditSequence and lines.
    const source = readStoredExportSource(row)?.record;
    const target =
      source?.type === 'prime_change_order'
        ? { linkType: LINK_TYPES.primeContract, qbType: 'Estimate', what: 'estimate', owner: 'prime contract', id: source.changeOrder.contract_id }
        : {
            linkType: LINK_TYPES.commitment,
            qbType: 'PurchaseOrder',
            what: 'purchase order',
            owner: 'commitment',
            id: source?.type === 'change_order' ? source.changeOrder.contract_id : null,
          };
    const contractId = String(target.id ?? '');
    const linked = links.get(target.linkType, contractId);
    const txnId = readText(record, 'TxnID') ?? '';
    if (!linked)
      return {
        ok: false,
        message: `${row.title}: the ${target.what} it changed is no longer linked to its ${target.owner}. Re-link the ${target.owner}, then retry.`,
      };
    const lines = pairLines(record, target.qbType, options.lineKeys ?? null, linkLines(linked));
    await tx.recordLink.update({
      where: { companyId_procoreType_procoreId: { companyId: row.companyId, procoreType: target.linkType, procoreId: contractId } },
      data: { editSequence, lines: lines as never },
    });
    links.put({ ...linked, editSequence, lines });
    return { ok: true, qbId: txnId, editSequence, qbName: linked.qbName };
  }
  const spec = linkSpec(recordType, record, requestKind, request.dedupeKey);
  if (!spec) return { ok: false, message: `${row.title}: the connector cannot link this kind of record.` };
  const previous = links.get(spec.procoreType, row.procoreId);
  const lines = LINE_RET[spec.qbType] ? pairLines(record, spec.qbType, options.lineKeys ?? null, previous ? linkLines(previous) : []) : null;
  const taken = await tx.recordLink.findFirst({
    where: { companyId: row.companyId, qbType: spec.qbType, qbId: spec.qbId, NOT: { procoreType: spec.procoreType, procoreId: row.procoreId } },
  });
  if (taken) {
    return {
      ok: false,
      message: `${row.title}: the QuickBooks ${spec.qbType.toLowerCase()} "${spec.qbName ?? spec.qbId}" it matched is already linked to Procore ${taken.procoreType.replace('_', ' ')} ${taken.procoreId}. Rename one of them in Procore or QuickBooks (two Procore records cannot share one QuickBooks record), then retry.`,
    };
  }
  const data = { qbType: spec.qbType, qbId: spec.qbId, editSequence, qbName: spec.qbName, lines: (lines ?? undefined) as never };
  await tx.recordLink.upsert({
    where: { companyId_procoreType_procoreId: { companyId: row.companyId, procoreType: spec.procoreType, procoreId: row.procoreId } },
    create: { companyId: row.companyId, procoreType: spec.procoreType, procoreId: row.procoreId, ...data },
    update: data,
  });
  links.put({ procoreType: spec.procoreType, procoreId: row.procoreId, qbType: spec.qbType, qbId: spec.qbId, editSequence, qbName: spec.qbName, lines });
  return { ok: true, qbId: spec.qbId, editSequence, qbName: spec.qbName };
}

function linkSpec(
  recordType: ExportRecordType,
  record: QbRecord,
  requestKind: string,
  dedupeKey: string | null,
): { procoreType: string; qbType: string; qbId: string; qbName: string | null } | null {
  const listId = readText(record, 'ListID') ?? '';
  const fullName = readText(record, 'FullName') ?? readText(record, 'Name') ?? null;
  const txnId = readText(record, 'TxnID') ?? '';
  const refNumber = readText(record, 'RefNumber') ?? null;
  switch (recordType) {
    case 'vendor':
      return { procoreType: LINK_TYPES.vendor, qbType: QB_TYPES.vendor, qbId: listId, qbName: fullName };
    case 'project':
      return { procoreType: LINK_TYPES.project, qbType: QB_TYPES.project, qbId: listId, qbName: fullName };
    case 'cost_code':
      return {
        procoreType: LINK_TYPES.cost_code,
        qbType: requestKind.startsWith('ItemOtherCharge') ? QB_TYPES.cost_code_other_charge : QB_TYPES.cost_code_service,
        qbId: listId,
        qbName: fullName,
      };
    case 'commitment':
      return { procoreType: LINK_TYPES.commitment, qbType: QB_TYPES.commitment, qbId: txnId, qbName: refNumber };
    case 'budget':
      return { procoreType: LINK_TYPES.budget, qbType: QB_TYPES.budget, qbId: txnId, qbName: refNumber };
    case 'invoice':
      return { procoreType: LINK_TYPES.invoice, qbType: QB_TYPES.invoice, qbId: txnId, qbName: refNumber };
    case 'owner_invoice':
      // The progress invoice or the retainage release invoice: the request's dedupe key says which (map-owner-invoice-export.ts).
      return { procoreType: OWNER_INVOICE_PARTS[ownerInvoicePartOf(dedupeKey)].linkType, qbType: QB_TYPES.ownerInvoice, qbId: txnId, qbName: refNumber };
    case 'prime_contract':
      return { procoreType: LINK_TYPES.primeContract, qbType: QB_TYPES.primeContract, qbId: txnId, qbName: refNumber };
    case 'change_order':
    case 'prime_change_order':
      return null;
  }
}

/**
 * Pairs the lines QuickBooks returned with the Procore line each carries. QuickBooks answers an Add or a
 * Mod with every line in request order, so when the counts agree they pair by position; otherwise lines we
 * knew keep their key by TxnLineID and the rest are QuickBooks-only (null).
 */
export function pairLines(
  record: QbRecord,
  qbType: string,
  lineKeys: ReadonlyArray<string | null> | null,
  previous: readonly QbTxnLineLink[],
): QbTxnLineLink[] {
  const rets = readRecords(record, LINE_RET[qbType]!);
  const byTxnLineId = new Map(previous.map((l) => [l.txnLineId, l.procoreLineKey]));
  return rets.map((ret, index) => {
    const txnLineId = readText(ret, 'TxnLineID') ?? '';
    const procoreLineKey = lineKeys && lineKeys.length === rets.length ? (lineKeys[index] ?? null) : (byTxnLineId.get(txnLineId) ?? null);
    const amount = readText(ret, 'Amount');
    let amountCents: number | undefined;
    try {
      amountCents = amount === undefined ? undefined : parseMoney(amount);
    } catch {
      amountCents = undefined;
    }
    // Item and job go with the line: the import pairs bills entered against this PO by them (load-import-context.ts).
    const itemListId = readText(readRecord(ret, 'ItemRef'), 'ListID');
    const jobListId = readText(readRecord(ret, 'CustomerRef'), 'ListID');
    // What the line shows, so a later 3200 can tell someone's edit of a field we write from a moved EditSequence.
    const itemName = readText(readRecord(ret, 'ItemRef'), 'FullName');
    const jobName = readText(readRecord(ret, 'CustomerRef'), 'FullName');
    const classListId = readText(readRecord(ret, 'ClassRef'), 'ListID');
    const className = readText(readRecord(ret, 'ClassRef'), 'FullName');
    const desc = readText(ret, 'Desc');
    return {
      txnLineId,
      procoreLineKey,
      ...(amountCents === undefined ? {} : { amountCents }),
      ...(itemListId ? { itemListId } : {}),
      ...(jobListId ? { jobListId } : {}),
      ...(itemListId && itemName !== undefined ? { itemName } : {}),
      ...(jobName !== undefined ? { jobName } : {}),
      ...(classListId ? { classListId } : {}),
      ...(className !== undefined ? { className } : {}),
      ...(desc !== undefined ? { desc } : {}),
    };
  });
}

function describeQbRecord(kind: string): string {
  const base = kind.replace(/(Add|Mod)$/, '');
  return (
    {
      PurchaseOrder: 'purchase order',
      Estimate: 'estimate',
      Vendor: 'vendor',
      Customer: 'job',
      ItemService: 'item',
      ItemOtherCharge: 'item',
      Item: 'item',
      Bill: 'bill',
      Invoice: 'invoice',
    }[base] ?? 'record'
  );
}

/** The query that reads QuickBooks' current version of what a Mod tried to change (for the 3200 difference). */
export function queryForCurrentVersion(request: QbxmlRequest): QbxmlRequest | null {
  const r = request as { type: string; txnId?: string; listId?: string };
  switch (r.type) {
    case 'PurchaseOrderMod':
      return { type: 'PurchaseOrderQuery', txnIds: [r.txnId!], includeLineItems: true };
    case 'EstimateMod':
      return { type: 'EstimateQuery', txnIds: [r.txnId!], includeLineItems: true };
    case 'VendorMod':
      return { type: 'VendorQuery', listIds: [r.listId!] };
    case 'CustomerMod':
      return { type: 'CustomerQuery', listIds: [r.listId!] };
    case 'ItemServiceMod':
    case 'ItemOtherChargeMod':
      return { type: 'ItemQuery', listIds: [r.listId!] };
    default:
      return null;
  }
}
