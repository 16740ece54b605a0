import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import {
  readApplyListRefreshPayload,
  readApplyProcoreChangePayload,
  displayFields,
  displayText,
  readCompanySettings,
  readExportOptions,
  readFieldDifferences,
  readIntentPush,
  readPreviewFields,
  readPrepareExportPayload,
  readProcoreChangeOrder,
  readProcoreRecordData,
  readQbBillPaymentData,
  readQbCostTxnData,
  readQueuedRequestPayload,
  readReconcileProcorePayload,
  readSendDailySummaryPayload,
  readRequestResult,
  readStoredExportSource,
  readStoredQbListEntry,
  readTxnLineLinks,
  readWriteOriginPayload,
} from './read-stored.ts';

/** The AppError a reader throws for a malformed stored value, or the value it answered. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return error;
  }
}

describe('JSON columns and job payloads are checked where they are read', () => {
  it('export_records.field_differences: NULL or the stored differences pass; another shape fails naming the row', () => {
    expect(readFieldDifferences(null, 'commitment 101')).toBeNull();
    const stored = [{ field: 'Memo', ours: 'SC-001', theirs: null, source: 'commitment' }];
    expect(readFieldDifferences(stored, 'commitment 101')).toEqual(stored);
    const failure = outcome(() => readFieldDifferences([{ field: 'Memo', ours: 5 }], 'commitment 101'));
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'STORED_VALUE_INVALID', details: { table: 'export_records', column: 'field_differences', id: 'commitment 101' } });
    expect((failure as Error).message).toContain('export_records.field_differences of row commitment 101');
  });

  it('export.prepare payload: an export id, else the job is named', () => {
    expect(readPrepareExportPayload({ id: 'j1', payload: { exportId: 'e1' } })).toEqual({ exportId: 'e1' });
    expect(outcome(() => readPrepareExportPayload({ id: 'j1', payload: { export: 'e1' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { table: 'jobs', column: 'payload', id: 'j1' },
    });
  });

  it('write-origin payload: a project or vendor with its ListID and EditSequence, else the job is named', () => {
    const payload = { recordType: 'vendor', procoreId: '42', listId: '80000001-1', editSequence: '171' };
    expect(readWriteOriginPayload({ id: 'j2', payload })).toEqual(payload);
    expect(outcome(() => readWriteOriginPayload({ id: 'j2', payload: { ...payload, recordType: 'commitment' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j2' },
    });
    expect(outcome(() => readWriteOriginPayload({ id: 'j2', payload: { ...payload, listId: undefined } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j2' },
    });
  });

  it('apply-list-refresh payload: a list kind (job costs has its own job), else the job is named', () => {
    expect(readApplyListRefreshPayload({ id: 'j3', payload: { kind: 'vendors' } })).toEqual({ kind: 'vendors' });
    expect(outcome(() => readApplyListRefreshPayload({ id: 'j3', payload: { kind: 'job_costs' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j3' },
    });
    expect(outcome(() => readApplyListRefreshPayload({ id: 'j3', payload: null }))).toMatchObject({ code: 'STORED_VALUE_INVALID', details: { id: 'j3' } });
  });

  it('procore.reconcile payload: optional full and actor, else the job is named', () => {
    expect(readReconcileProcorePayload({ id: 'j4', payload: { full: false, actor: 'schedule' } })).toEqual({ full: false, actor: 'schedule' });
    expect(readReconcileProcorePayload({ id: 'j4', payload: {} })).toEqual({});
    expect(outcome(() => readReconcileProcorePayload({ id: 'j4', payload: { full: 'yes' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j4' },
    });
  });

  it('procore.apply-change payload: a kept resource type and a webhook event, else the job is named', () => {
    const payload = { resourceType: 'purchase_order_contract', resourceId: '77', projectId: '280001', eventType: 'update', ulid: '01HZX' };
    expect(readApplyProcoreChangePayload({ id: 'j5', payload })).toEqual(payload);
    expect(readApplyProcoreChangePayload({ id: 'j5', payload: { ...payload, projectId: null } })).toMatchObject({ projectId: null });
    expect(outcome(() => readApplyProcoreChangePayload({ id: 'j5', payload: { ...payload, resourceType: 'rfi' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j5' },
    });
    expect(outcome(() => readApplyProcoreChangePayload({ id: 'j5', payload: { ...payload, eventType: 'moved' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j5' },
    });
  });

  /** The refusal of a reader: its code, the row it names and the problem it gives. */
  const refusal = (read: () => unknown, at: { table: string; column: string; id: string }, problem: string | RegExp) => {
    const failure = outcome(read);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'STORED_VALUE_INVALID', details: at });
    expect((failure as Error).message).toContain(`${at.table}.${at.column} of row ${at.id}`);
    expect((failure as AppError).details?.['problem']).toMatch(problem);
  };

  it('queued_requests.payload: a request the builder can write passes as it is; every kind of damage is refused naming the row', () => {
    const vendor = { type: 'VendorAdd', name: 'Granite Paving', companyName: 'Granite Paving LLC' };
    expect(readQueuedRequestPayload({ id: 'r1', payload: vendor })).toBe(vendor);
    const po = {
      type: 'PurchaseOrderAdd',
      vendorRef: { fullName: 'Granite Paving' },
      refNumber: 'SC-001',
      lines: [{ itemRef: { fullName: 'Concrete' }, desc: 'Footings', amount: '1200.00' }],
    };
    expect(readQueuedRequestPayload({ id: 'r1', payload: po })).toBe(po);
    const at = { table: 'queued_requests', column: 'payload', id: 'r1' };
    refusal(() => readQueuedRequestPayload({ id: 'r1', payload: null }), at, /must be object/);
    refusal(() => readQueuedRequestPayload({ id: 'r1', payload: 'VendorAdd' }), at, /must be object/);
    refusal(() => readQueuedRequestPayload({ id: 'r1', payload: { name: 'Granite Paving' } }), at, /type/);
    refusal(() => readQueuedRequestPayload({ id: 'r1', payload: { type: 'VendorDelete', name: 'x' } }), at, /Unknown qbXML request type "VendorDelete"/);
    refusal(() => readQueuedRequestPayload({ id: 'r1', payload: { type: 'VendorAdd', name: 42 } }), at, /Vendor name must be text/);
    refusal(() => readQueuedRequestPayload({ id: 'r1', payload: { type: 'VendorAdd' } }), at, /Vendor name is required/);
    // A list that is not a list would crash the builder: named instead.
    refusal(() => readQueuedRequestPayload({ id: 'r1', payload: { ...po, lines: 5 } }), at, /lines/);
    refusal(() => readQueuedRequestPayload({ id: 'r1', payload: { ...po, lines: [{ amount: {} }] } }), at, /amount/);
  });

  it('queued_requests.result: NULL, a phase, a record or a query result pass; another shape is refused naming the row', () => {
    expect(readRequestResult({ id: 'r2', result: null })).toBeNull();
    expect(readRequestResult({ id: 'r2', result: { phase: 'lookup-existing' } })).toEqual({ phase: 'lookup-existing' });
    const record = { ListID: '80000001-1', Name: 'Granite Paving', Addr: { City: 'Austin' } };
    expect(readRequestResult({ id: 'r2', result: { matchedExisting: true, record } })).toEqual({ matchedExisting: true, record });
    expect(readRequestResult({ id: 'r2', result: { record: null } })).toEqual({ record: null });
    expect(readRequestResult({ id: 'r2', result: { recordCount: 2, records: [record, record] } })).toMatchObject({ recordCount: 2 });
    const at = { table: 'queued_requests', column: 'result', id: 'r2' };
    refusal(() => readRequestResult({ id: 'r2', result: { phase: 'lookup' } }), at, /^\/phase/);
    refusal(() => readRequestResult({ id: 'r2', result: { record: 'ListID 1' } }), at, /^\/record/);
    refusal(() => readRequestResult({ id: 'r2', result: { records: {} } }), at, /^\/records/);
    refusal(() => readRequestResult({ id: 'r2', result: [] }), at, /must be object/);
  });

  it('company_settings.values: saved settings (some or all) pass; a damaged field is refused naming the company and the field', () => {
    expect(readCompanySettings({}, 'c1')).toEqual({});
    const saved = {
      itemType: 'other_charge',
      approvalRequired: false,
      classByCostCode: { '12': { listId: '8-1', fullName: 'Site' } },
      itemExpenseAccount: null,
    };
    expect(readCompanySettings(saved, 'c1')).toEqual(saved);
    const at = { table: 'company_settings', column: 'values', id: 'c1' };
    refusal(() => readCompanySettings({ itemType: 'robot' }, 'c1'), at, /^\/itemType/);
    refusal(() => readCompanySettings({ approvalRequired: 'yes' }, 'c1'), at, /^\/approvalRequired/);
    refusal(() => readCompanySettings({ qbwcRunEveryMinutes: 1.5 }, 'c1'), at, /^\/qbwcRunEveryMinutes/);
    refusal(() => readCompanySettings({ invoiceRetainageItem: { listId: 1 } }, 'c1'), at, /^\/invoiceRetainageItem/);
    refusal(() => readCompanySettings({ classByCostCode: { '12': 'Site' } }, 'c1'), at, /^\/classByCostCode/);
    refusal(() => readCompanySettings('itemType=service', 'c1'), at, /must be object/);
  });

  it('record_links.lines: NULL or every line (one check of the whole array); a damaged line is refused naming the link', () => {
    expect(readTxnLineLinks(null, 'commitment 101')).toBeNull();
    const lines = [
      { txnLineId: '1-1', procoreLineKey: 'line:5', amountCents: 120000, itemListId: '80-1', desc: 'Footings' },
      { txnLineId: '1-2', procoreLineKey: null },
    ];
    expect(readTxnLineLinks(lines, 'commitment 101')).toBe(lines);
    const at = { table: 'record_links', column: 'lines', id: 'commitment 101' };
    refusal(() => readTxnLineLinks([{ procoreLineKey: null }], 'commitment 101'), at, /txnLineId/);
    refusal(() => readTxnLineLinks([lines[0], { txnLineId: 7, procoreLineKey: null }], 'commitment 101'), at, /^\/1\/txnLineId/);
    refusal(() => readTxnLineLinks({ '0': lines[0] }, 'commitment 101'), at, /must be array/);
  });

  it('procore_records.data: an object with its numeric Procore id passes whole; anything else is refused naming the row', () => {
    const data = { id: 42, name: 'Granite Paving', origin_id: null };
    expect(readProcoreRecordData({ id: 'p1', data })).toBe(data);
    const at = { table: 'procore_records', column: 'data', id: 'p1' };
    refusal(() => readProcoreRecordData({ id: 'p1', data: null }), at, /must be object/);
    refusal(() => readProcoreRecordData({ id: 'p1', data: { name: 'Granite Paving' } }), at, /id/);
    refusal(() => readProcoreRecordData({ id: 'p1', data: { id: '42' } }), at, /^\/id/);
  });

  it('export_records.options: NULL is no options; the pipeline choices and 3200 bookkeeping pass; damage is refused naming the export', () => {
    expect(readExportOptions({ id: 'e1', options: null })).toEqual({});
    const options = {
      customer: { listId: '80-1', fullName: 'Harbor Point', editSequence: '17' },
      refNumber: 'SC-001',
      fields: ['phone'],
      lineKeys: ['line:1', null],
      action: 'change',
      diffRequestId: 'r9',
      conflict: { statusCode: 3200, statusMessage: null },
      replans: 1,
      qbCurrent: { qbId: 'T-1', editSequence: '18', lines: [{ txnLineId: '1-1', procoreLineKey: null }] },
    };
    expect(readExportOptions({ id: 'e1', options })).toEqual(options);
    const at = { table: 'export_records', column: 'options', id: 'e1' };
    refusal(() => readExportOptions({ id: 'e1', options: { fields: 'phone' } }), at, /^\/fields/);
    refusal(() => readExportOptions({ id: 'e1', options: { action: 'delete' } }), at, /^\/action/);
    refusal(() => readExportOptions({ id: 'e1', options: { customer: { listId: '80-1' } } }), at, /^\/customer/);
    refusal(
      () => readExportOptions({ id: 'e1', options: { qbCurrent: { qbId: 'T-1', editSequence: '18', lines: [{ txnLineId: 5 }] } } }),
      at,
      /^\/qbCurrent\/lines\/0/,
    );
    refusal(() => readExportOptions({ id: 'e1', options: [] }), at, /must be object/);
  });

  it('procore_create_intents.push: a content hash, an amount and the detail pass; damage is refused naming the intent', () => {
    const push = { contentHash: 'sha256:ab12', amountCents: 150000, detail: { commitmentId: 7 } };
    expect(readIntentPush({ id: 'i1', push })).toEqual(push);
    expect(readIntentPush({ id: 'i1', push: { ...push, detail: null } })).toMatchObject({ detail: null });
    const at = { table: 'procore_create_intents', column: 'push', id: 'i1' };
    refusal(() => readIntentPush({ id: 'i1', push: { ...push, amountCents: '1500.00' } }), at, /^\/amountCents/);
    refusal(() => readIntentPush({ id: 'i1', push: { amountCents: 1, detail: null } }), at, /contentHash/);
    refusal(() => readIntentPush({ id: 'i1', push: { ...push, detail: [] } }), at, /^\/detail/);
  });

  it('export_records.source: NULL, or a record of its type with what the connector relies on; damage is refused naming the field', () => {
    expect(readStoredExportSource({ id: 'e2', source: null })).toBeNull();
    const vendor = { record: { type: 'vendor', vendor: { id: 42, name: 'Granite Paving', is_active: true, origin_id: null } } };
    expect(readStoredExportSource({ id: 'e2', source: vendor })).toBe(vendor);
    const commitment = {
      record: { type: 'commitment', projectId: 280001, commitment: { id: 9, number: 'SC-001' }, lines: [{ id: 1, amount: '100.0' }] },
      costCodeMap: { '501': 12, '502': null },
    };
    expect(readStoredExportSource({ id: 'e2', source: commitment })).toBe(commitment);
    const changeOrder = { record: { type: 'change_order', projectId: 280001, changeOrder: { id: 3, contract_id: 9 } } };
    expect(readStoredExportSource({ id: 'e2', source: changeOrder })).toBe(changeOrder);
    const at = { table: 'export_records', column: 'source', id: 'e2' };
    refusal(() => readStoredExportSource({ id: 'e2', source: { record: { type: 'rfi' } } }), at, /^\/record\/type/);
    refusal(() => readStoredExportSource({ id: 'e2', source: { record: { type: 'vendor', vendor: { id: 42, name: 7 } } } }), at, /^\/record\/vendor\/name/);
    refusal(() => readStoredExportSource({ id: 'e2', source: { ...commitment, record: { ...commitment.record, lines: {} } } }), at, /^\/record\/lines/);
    refusal(
      () => readStoredExportSource({ id: 'e2', source: { record: { ...changeOrder.record, changeOrder: { id: 3, contract_id: '9' } } } }),
      at,
      /contract_id/,
    );
    refusal(() => readStoredExportSource({ id: 'e2', source: { ...commitment, costCodeMap: { '501': '12' } } }), at, /^\/costCodeMap/);
  });

  it('qb_list_entries.data: the entry the import stored passes; damage is refused naming the list type and ListID', () => {
    const entry = {
      listType: 'Vendor',
      listId: '80000001-1',
      editSequence: '17',
      name: 'Granite Paving',
      fullName: 'Granite Paving',
      parentListId: null,
      sublevel: 0,
      isActive: true,
      timeModified: '2026-12-01T10:00:00-08:00',
      itemType: null,
      companyName: 'Granite Paving LLC',
      jobStatus: null,
      contact: { email: null, phone: '512-555-0100', address: null },
      currencyName: 'US Dollar',
    };
    const row = { listType: 'Vendor', listId: '80000001-1', data: entry };
    expect(readStoredQbListEntry(row)).toBe(entry);
    const at = { table: 'qb_list_entries', column: 'data', id: 'Vendor 80000001-1' };
    refusal(() => readStoredQbListEntry({ ...row, data: { ...entry, listType: 'Supplier' } }), at, /^\/listType/);
    refusal(() => readStoredQbListEntry({ ...row, data: { ...entry, isActive: 'true' } }), at, /^\/isActive/);
    refusal(() => readStoredQbListEntry({ ...row, data: { ...entry, contact: { email: null, phone: null } } }), at, /^\/contact/);
    refusal(() => readStoredQbListEntry({ ...row, data: { ...entry, itemType: 'ItemWidget' } }), at, /^\/itemType/);
  });

  it('export_records.preview: NULL or the fields shown; damage is refused naming the export', () => {
    expect(readPreviewFields({ id: 'e3', preview: null })).toBeNull();
    const preview = [
      { field: 'Vendor', value: 'Granite Paving', source: 'vendor.name' },
      { field: 'Amount', value: '1,200.00' },
    ];
    expect(readPreviewFields({ id: 'e3', preview })).toBe(preview);
    const at = { table: 'export_records', column: 'preview', id: 'e3' };
    refusal(() => readPreviewFields({ id: 'e3', preview: [{ field: 'Amount', value: 1200 }] }), at, /^\/0\/value/);
    refusal(() => readPreviewFields({ id: 'e3', preview: { Vendor: 'Granite Paving' } }), at, /must be array/);
  });
  it('qb_transactions.data: a cost transaction or a bill payment as the import stored it, older rows with defaults; damage is refused naming the row', () => {
    const currency = { name: 'Canadian Dollar', listId: null, exchangeRate: '0.7412', foreignAmountCents: 100_000, homeAmountCents: 74_120 };
    const cost = { payeeName: 'Smith', memo: null, headerAmountCents: 100_000, linkedPurchaseOrderTxnIds: ['PO-1'], currency };
    expect(readQbCostTxnData({ txnType: 'Bill', txnId: 'B-1', data: cost })).toEqual(cost);
    // A row written before currency existed: the defaults the push always gave.
    expect(readQbCostTxnData({ txnType: 'Check', txnId: 'C-1', data: { payeeName: 'Smith' } })).toEqual({
      payeeName: 'Smith',
      memo: null,
      headerAmountCents: null,
      linkedPurchaseOrderTxnIds: [],
      currency: null,
    });
    const at = { table: 'qb_transactions', column: 'data', id: 'Bill B-1' };
    refusal(
      () => readQbCostTxnData({ txnType: 'Bill', txnId: 'B-1', data: { ...cost, linkedPurchaseOrderTxnIds: 'PO-1' } }),
      at,
      /^\/linkedPurchaseOrderTxnIds/,
    );
    refusal(() => readQbCostTxnData({ txnType: 'Bill', txnId: 'B-1', data: { ...cost, currency: { ...currency, exchangeRate: 0.74 } } }), at, /^\/currency/);
    refusal(() => readQbCostTxnData({ txnType: 'Bill', txnId: 'B-1', data: 'Smith' }), at, /must be object/);

    const payment = { payeeName: 'Smith', applied: [{ billTxnId: 'B-1', amountCents: 5_000 }], currency: null };
    expect(readQbBillPaymentData({ txnType: 'BillPaymentCheck', txnId: 'P-1', data: payment })).toEqual(payment);
    const paymentAt = { table: 'qb_transactions', column: 'data', id: 'BillPaymentCheck P-1' };
    refusal(() => readQbBillPaymentData({ txnType: 'BillPaymentCheck', txnId: 'P-1', data: { applied: payment.applied[0] } }), paymentAt, /^\/applied/);
    refusal(
      () => readQbBillPaymentData({ txnType: 'BillPaymentCheck', txnId: 'P-1', data: { applied: [{ billTxnId: 'B-1', amountCents: '50.00' }] } }),
      paymentAt,
      /^\/applied\/0\/amountCents/,
    );
  });

  it('procore_records.data of a commitment change order: the fields Update Job Costs reads pass; damage is refused naming the row', () => {
    const changeOrder = { id: 9, number: '3', status: 'approved', contract_id: 77, line_items: [{ id: 1, amount: '100.00', cost_code_id: 5, extra: true }] };
    expect(readProcoreChangeOrder({ id: 'r1', data: changeOrder })).toBe(changeOrder);
    const at = { table: 'procore_records', column: 'data', id: 'r1' };
    refusal(() => readProcoreChangeOrder({ id: 'r1', data: { ...changeOrder, line_items: { id: 1 } } }), at, /^\/line_items/);
    refusal(() => readProcoreChangeOrder({ id: 'r1', data: { ...changeOrder, line_items: [{ id: '1', amount: '100.00' }] } }), at, /^\/line_items\/0\/id/);
  });
  it('jobs.payload of the daily summary: the day it mails; damage is refused naming the job', () => {
    expect(readSendDailySummaryPayload({ id: 'j9', payload: { day: '2026-12-07' } })).toEqual({ day: '2026-12-07' });
    const at = { table: 'jobs', column: 'payload', id: 'j9' };
    refusal(() => readSendDailySummaryPayload({ id: 'j9', payload: { day: '7 Dec 2026' } }), at, /^\/day/);
    refusal(() => readSendDailySummaryPayload({ id: 'j9', payload: null }), at, /must be object/);
  });

  it('display-only reads never throw: an object gives its fields, a damaged value none; a field is text or null', () => {
    expect(displayFields({ name: 'Granite Paving' })).toEqual({ name: 'Granite Paving' });
    for (const damaged of [null, 'Granite Paving', 7, ['Granite Paving'], undefined]) expect(displayFields(damaged)).toEqual({});
    expect(displayText({ name: 'Granite Paving' }, 'name')).toBe('Granite Paving');
    expect(displayText({ name: ['Granite Paving'] }, 'name')).toBeNull();
    expect(displayText({ name: 7 }, 'name')).toBeNull();
    expect(displayText(null, 'name')).toBeNull();
  });
});
