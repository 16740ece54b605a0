// One queued request → what to do with it on QuickBooks Online (issue 22, deliver-qbo-requests.ts): answered here (a
// look-up after 6240, a read-back after 5010, a refusal before anything is sent), or a rendered write to send. Reads
// are made here; writes are sent by send-qbo-writes.ts (alone, or in a batch), after what is sent has been stored.
import {
  isQboRenderable,
  QboAnswerError,
  qboCustomerDisplayName,
  readQboAnswer,
  readQboListRecord,
  type DesktopShapedAnswer,
  type QbListType,
  type QboRenderableRequest,
} from '@connector/mapping';
import { QboApiError, quoteQueryValue, type QboClient } from '@connector/qbo';
import { isWriteRequest, type QbxmlRequest } from '@connector/qbxml';
import { isAppError } from '../errors/app-error.ts';
import { lookupQueryFor } from '../qbwc/prepare-request-for-send.ts';
import type { ReceivedResponse } from '../qbwc/prepare-received-response.ts';
import { readQueuedRequestPayload, readRequestResult } from '../stored/read-stored.ts';
import { qboErrorAsResponse, qboReadAsResponse } from './qbo-outcome-as-response.ts';
import { readOrNull, renderWithQboRefs, type QboRefCache } from './render-with-qbo-refs.ts';

/** The write entities the client sends. */
export type QboSentEntity = 'Vendor' | 'Customer' | 'Item' | 'PurchaseOrder' | 'Bill' | 'Invoice' | 'Estimate';

/** A write as sent (queued_requests.qbo_sent): resent exactly after a crash or a lost answer. */
export interface QboSent {
  /** The Desktop request type it stands for (its answer is read back into that shape). */
  requestType: QboRenderableRequest['type'];
  entity: QboSentEntity;
  operation: 'create' | 'update';
  payload: Record<string, unknown>;
  /** Set when it went in a batch: the batch's requestid prefix and this item's bId. */
  batch?: { requestIdPrefix: string; bId: string };
}

/** What became of one request: an answer to apply, or a refusal made before anything was sent. */
export type Delivered = { response: ReceivedResponse; sent?: QboSent; requestId?: string } | { refused: { errorCode: string; message: string } };

export type PreparedQboRequest = { answered: Delivered } | { write: QboSent };

export async function prepareQboRequest(
  client: QboClient,
  row: { id: string; payload: unknown; result: unknown },
  cache: QboRefCache,
): Promise<PreparedQboRequest> {
  let request: QbxmlRequest;
  try {
    request = readQueuedRequestPayload(row);
  } catch (error) {
    if (isAppError(error) && error.code === 'STORED_VALUE_INVALID') return { answered: { refused: { errorCode: error.code, message: error.message } } };
    throw error;
  }
  // After a 6240 (→ 3100) on an Add: find the record that has the name, as the Web Connector path does.
  if (readRequestResult(row)?.phase === 'lookup-existing') {
    const lookup = lookupQueryFor(request);
    // A job named as its customer has another DisplayName on QBO (render-qbo-customer.ts): look for that one.
    if (lookup?.type === 'CustomerQuery' && request.type === 'CustomerAdd' && request.parentRef?.fullName !== undefined)
      lookup.fullNames = [`${request.parentRef.fullName}:${qboCustomerDisplayName(request.name, request.parentRef.fullName)}`];
    if (lookup) return { answered: await readOnQbo(client, lookup, row.id, request.type) };
  }
  if (!isWriteRequest(request)) return { answered: await readOnQbo(client, request, row.id) };
  if (!isQboRenderable(request)) return { answered: notOnOnline(request.type) };
  const rendering = await renderWithQboRefs(client, request, cache);
  if (!rendering.ok) return { answered: { refused: { errorCode: rendering.refusal.code, message: rendering.refusal.message } } };
  return {
    write: {
      requestType: request.type,
      entity: rendering.entity as QboSentEntity,
      operation: rendering.operation,
      payload: rendering.payload as Record<string, unknown>,
    },
  };
}

/** The reads the export pipeline queues: a look-up by name after 3100, a read-back by id after 3200. */
const READS: Partial<Record<string, { entity: 'Vendor' | 'Customer' | 'Item' | 'PurchaseOrder' | 'Invoice' | 'Estimate'; nameField?: string }>> = {
  VendorQuery: { entity: 'Vendor', nameField: 'DisplayName' },
  CustomerQuery: { entity: 'Customer', nameField: 'FullyQualifiedName' },
  ItemQuery: { entity: 'Item', nameField: 'FullyQualifiedName' },
  PurchaseOrderQuery: { entity: 'PurchaseOrder' },
  InvoiceQuery: { entity: 'Invoice' },
  EstimateQuery: { entity: 'Estimate' },
};

/** The Desktop record shape a QBO entity is read into (readQboAnswer reads the answer of this write). */
const SHAPE_OF: Record<string, 'VendorMod' | 'CustomerMod' | 'ItemServiceMod' | 'ItemOtherChargeMod' | 'PurchaseOrderMod' | 'InvoiceMod' | 'EstimateMod'> = {
  Vendor: 'VendorMod',
  Customer: 'CustomerMod',
  Item: 'ItemServiceMod',
  PurchaseOrder: 'PurchaseOrderMod',
  Invoice: 'InvoiceMod',
  Estimate: 'EstimateMod',
};

/** The list refreshes (imports/refresh-kinds.ts): the query of each list, read whole or from its cursor. */
const LIST_READS: Partial<Record<string, QbListType>> = {
  CustomerQuery: 'Customer',
  VendorQuery: 'Vendor',
  ItemQuery: 'Item',
  AccountQuery: 'Account',
  ClassQuery: 'Class',
};

/**
 * A list refresh's query on QuickBooks Online: every record (inactive ones too: "Active IN (true, false)", Intuit's
 * query reference; by default a query returns active records only), or those changed since the cursor
 * (MetaData.LastUpdatedTime, which readQboListRecord keeps as TimeModified, so the cursor is Intuit's own time). One
 * answer, no iterator: the client reads every page. ListDeletedQuery finds nothing: QuickBooks Online never deletes a
 * name-list record, it makes it inactive (Intuit: "delete" of a list entity is an update with Active false).
 */
async function refreshListOnQbo(client: QboClient, request: QbxmlRequest, rowId: string): Promise<Delivered | null> {
  if (request.type === 'ListDeletedQuery') return { response: qboReadAsResponse(request.type, rowId, []) };
  const listType = LIST_READS[request.type];
  const q = request as { listIds?: string[]; txnIds?: string[]; fullNames?: string[]; fromModifiedDate?: string };
  if (!listType || q.listIds?.length || q.txnIds?.length || q.fullNames?.length) return null;
  const where = ['Active IN (true, false)', ...(q.fromModifiedDate ? [`MetaData.LastUpdatedTime >= ${quoteQueryValue(q.fromModifiedDate)}`] : [])];
  try {
    const records = await client.queryAll(listType, `select * from ${listType} where ${where.join(' and ')}`);
    const found = records.flatMap((record) => readQboListRecord(listType, record) ?? []);
    return { response: qboReadAsResponse(request.type, rowId, found) };
  } catch (error) {
    if (error instanceof QboApiError) {
      const response = qboErrorAsResponse(request.type, rowId, error, 'read');
      if (response) return { response };
    }
    throw error;
  }
}

async function readOnQbo(client: QboClient, request: QbxmlRequest, rowId: string, lookingUpFor?: string): Promise<Delivered> {
  const refreshed = await refreshListOnQbo(client, request, rowId);
  if (refreshed) return refreshed;
  const read = READS[request.type];
  if (!read) return notOnOnline(request.type);
  const q = request as { listIds?: string[]; txnIds?: string[]; fullNames?: string[] };
  const records: Array<Record<string, unknown>> = [];
  try {
    for (const id of [...(q.listIds ?? []), ...(q.txnIds ?? [])]) {
      const record = await readOrNull(() => client.read(read.entity, id));
      if (record) records.push(record as Record<string, unknown>);
    }
    for (const name of q.fullNames ?? []) {
      if (!read.nameField) return notOnOnline(request.type);
      records.push(
        ...((await client.queryAll(read.entity, `select * from ${read.entity} where ${read.nameField} = ${quoteQueryValue(name)}`)) as Array<
          Record<string, unknown>
        >),
      );
    }
  } catch (error) {
    if (error instanceof QboApiError) {
      const response = qboErrorAsResponse(request.type, rowId, error, 'read');
      if (response) return { response };
    }
    throw error;
  }
  // An item created for an "other charge" code is a Service item on QBO (render-qbo-item.ts): read back as what was asked.
  const shape = read.entity === 'Item' && lookingUpFor === 'ItemOtherChargeAdd' ? 'ItemOtherChargeMod' : SHAPE_OF[read.entity]!;
  let found: DesktopShapedAnswer[];
  try {
    found = records.map((record) => readQboAnswer(shape, record));
  } catch (error) {
    if (error instanceof QboAnswerError) return { refused: { errorCode: 'QBO_BAD_RESPONSE', message: error.message } };
    throw error;
  }
  return { response: qboReadAsResponse(request.type, rowId, found) };
}

function notOnOnline(type: string): Delivered {
  return {
    refused: {
      errorCode: 'QBO_NOT_SUPPORTED',
      message: `The connector does not send ${type} to QuickBooks Online yet (reads other than look-ups, read-backs and list refreshes are not built). Nothing was written; switch this company back to QuickBooks Desktop to send it, or dismiss it.`,
    },
  };
}
