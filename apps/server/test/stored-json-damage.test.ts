// Stored JSON is checked where it is read (packages/sync/src/stored/read-stored.ts): a row damaged in the database
// (raw SQL here, as a bad migration, a hand edit or a restored backup would) fails the one thing it belongs to, with
// STORED_VALUE_INVALID naming the row, instead of crashing every Web Connector poll or being sent as it is.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { enqueueJob, enqueueRequest, getCompanySettings, listExceptions, PREPARE_EXPORT_JOB, updateCompanySettings } from '@connector/sync';
import { callQbwc } from './support/raw-soap.ts';
import { driveSession } from './support/drive-session.ts';
import { hcpResponse, nameOf, responseMessage, rs, vendorRet, type SentRequest } from './support/qb-responses.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

describe.each(await databaseKinds())('stored JSON damaged in the database (%s)', (kind) => {
  let server: TestServer;
  let setup: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let procoreId = 7100;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    procoreId += 1;
    setup = await createCompanyWithCredentials(server, `Damaged Rows ${procoreId}`, String(procoreId));
  });

  const db = () => server.testDb.database;
  const companyId = () => setup.company.id;
  const okVendors = (_xml: string, requests: SentRequest[]) =>
    responseMessage(requests.map((r) => rs(r.type, r.requestId, 0, r.type === 'VendorAdd' ? vendorRet(nameOf(r)) : '')));
  const session = () =>
    driveSession(server.app, { username: setup.username, password: setup.password, hcp: hcpResponse({ fileId: setup.connection.fileId }), respond: okVendors });

  /** A vendor request waiting for the Web Connector, with the export it writes (as the export pipeline leaves them). */
  async function queuedVendorExport(name: string, vendorId: string) {
    const { request } = await enqueueRequest(db(), {
      companyId: companyId(),
      request: { type: 'VendorAdd', name },
      dedupeKey: `export:vendor:${vendorId}`,
      requestedBy: 'test',
    });
    const row = await db().prisma.exportRecord.create({
      data: { companyId: companyId(), recordType: 'vendor', procoreId: vendorId, title: name, status: 'queued', requestId: request.id },
    });
    return { request, row };
  }

  async function damagePayload(requestId: string, json: string) {
    await db().prisma.$executeRaw`UPDATE queued_requests SET payload = ${json}::jsonb WHERE company_id = ${companyId()}::uuid AND id = ${requestId}::uuid`;
  }

  it('a damaged queued request fails alone with the reason, is never sent, and shows as an exception; the session goes on', async () => {
    const good = await queuedVendorExport('Granite Paving', '901');
    // Three kinds of damage: not an object, a field of the wrong type, a list that is not a list.
    const damage = {
      '902': '"VendorAdd Oakline Roofing"',
      '903': '{"type":"VendorAdd","name":["Oakline","Roofing"]}',
      '904': '{"type":"PurchaseOrderAdd","vendorRef":{"fullName":"Oakline Roofing"},"lines":5}',
    };
    const damaged = [];
    for (const [vendorId, json] of Object.entries(damage)) {
      const made = await queuedVendorExport(`Damaged ${vendorId}`, vendorId);
      await damagePayload(made.request.id, json);
      damaged.push(made);
    }

    const run = await session();
    // The session did not crash on the damaged rows: the good request went, alone, and was answered.
    expect(run.sent).toHaveLength(1);
    expect(run.sent[0]).toContain('<Name>Granite Paving</Name>');
    expect(run.sent[0]).not.toContain('Damaged');
    expect(run.sent[0]).not.toContain('Oakline');
    expect(run.percents.at(-1)).toBe(100);

    const messages = await db().prisma.qbwcMessage.findMany({ where: { companyId: companyId() } });
    const sentIds = messages.flatMap((m) => m.requestIds);
    expect(sentIds).toEqual([good.request.id]);
    for (const { request, row } of damaged) {
      const after = await db().prisma.queuedRequest.findUniqueOrThrow({ where: { id: request.id } });
      expect(after).toMatchObject({ status: 'failed', errorCode: 'STORED_VALUE_INVALID', attempts: 0, sentAt: null });
      expect(after.errorMessage).toContain(`queued_requests.payload of row ${request.id}`);
      const exported = await db().prisma.exportRecord.findUniqueOrThrow({ where: { id: row.id } });
      expect(exported).toMatchObject({ status: 'failed', errorCode: 'STORED_VALUE_INVALID' });
      expect(exported.errorMessage).toContain(`queued_requests.payload of row ${request.id}`);
    }
    expect(await db().prisma.exportRecord.findUniqueOrThrow({ where: { id: good.row.id } })).toMatchObject({ status: 'synced' });
    const audited = await db().prisma.auditEntry.findMany({ where: { companyId: companyId(), action: 'request.failed' } });
    expect(audited.map((a) => a.subjectId).sort()).toEqual(damaged.map((d) => d.request.id).sort());

    // On the Exceptions screen, with the reason.
    const exceptions = await listExceptions(db(), { companyId: companyId(), limit: 50, offset: 0 });
    expect(exceptions.items.map((e) => [e.key, e.code]).sort()).toEqual(Object.keys(damage).map((id) => [`export:vendor:${id}`, 'STORED_VALUE_INVALID']));
    for (const item of exceptions.items) expect(item.reason).toContain('is not in the shape the connector writes');

    // Nothing is left to send: the next run of the Web Connector finds no work (no resend, no loop).
    const again = await callQbwc(server.app, 'authenticate', { strUserName: setup.username, strPassword: setup.password });
    expect((again.result as string[])[1]).toBe('none');
  });

  it('a job whose payload is damaged fails with STORED_VALUE_INVALID naming the row, does nothing, and ends failed', async () => {
    const exportRow = await db().prisma.exportRecord.create({
      data: { companyId: companyId(), recordType: 'commitment', procoreId: '55', title: 'SC-055', status: 'queued' },
    });
    const job = await enqueueJob(db().prisma, { companyId: companyId(), kind: PREPARE_EXPORT_JOB, payload: { exportId: exportRow.id }, maxAttempts: 3 });
    await db().prisma.$executeRaw`UPDATE jobs SET payload = '{"exportId": 55}'::jsonb WHERE company_id = ${companyId()}::uuid AND id = ${job.id}::uuid`;

    await server.app.jobRunner.drain({ companyId: companyId() });
    const first = await db().prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    // A retry would read the same damaged row: the job fails at once (run-jobs.ts, permanent codes), for a person.
    expect(first).toMatchObject({ status: 'failed', errorCode: 'STORED_VALUE_INVALID', attempts: 1 });
    expect(first.lastError).toContain(`jobs.payload of row ${job.id}`);
    expect(first.lastError).toContain('/exportId');
    await server.app.jobRunner.drain({ companyId: companyId() });
    const last = await db().prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(last).toMatchObject({ status: 'failed', errorCode: 'STORED_VALUE_INVALID', attempts: 1 });
    expect(last.result).toMatchObject({ table: 'jobs', column: 'payload', id: job.id });
    // It did nothing: the export it names is untouched.
    expect(await db().prisma.exportRecord.findUniqueOrThrow({ where: { id: exportRow.id } })).toMatchObject({ status: 'queued', source: null, version: 0 });
  });

  it('a damaged copy of a Procore vendor fails its own export naming the row; the other export in the same answer goes to QuickBooks', async () => {
    const copy = async (procoreVendorId: number, name: string) =>
      db().prisma.procoreRecord.create({
        data: { companyId: companyId(), resourceType: 'vendor', procoreId: String(procoreVendorId), data: { id: procoreVendorId, name } },
      });
    const damagedCopy = await copy(920, 'Ironwood Supply');
    await copy(921, 'Juniper Lumber');
    await db().prisma
      .$executeRaw`UPDATE procore_records SET data = jsonb_set(data, '{name}', '42') WHERE company_id = ${companyId()}::uuid AND id = ${damagedCopy.id}::uuid`;
    for (const [id, title] of [
      ['920', 'Ironwood Supply'],
      ['921', 'Juniper Lumber'],
    ]) {
      await db().prisma.exportRecord.create({ data: { companyId: companyId(), recordType: 'vendor', procoreId: id!, title: title!, status: 'queued' } });
    }
    // Exports are planned after each QuickBooks answer: a read starts the session.
    await enqueueRequest(db(), { companyId: companyId(), request: { type: 'VendorQuery', maxReturned: 1 }, dedupeKey: 'read:vendors', requestedBy: 'test' });

    const run = await session();
    expect(run.sent).toHaveLength(2);
    expect(run.sent[1]).toContain('<Name>Juniper Lumber</Name>');
    expect(run.sent.join('')).not.toContain('Ironwood');
    expect(run.percents.at(-1)).toBe(100);
    const rows = await db().prisma.exportRecord.findMany({ where: { companyId: companyId() }, orderBy: { procoreId: 'asc' } });
    expect(rows.map((r) => [r.procoreId, r.status, r.errorCode])).toEqual([
      ['920', 'failed', 'STORED_VALUE_INVALID'],
      ['921', 'synced', null],
    ]);
    expect(rows[0]!.errorMessage).toContain(`procore_records.data of row ${damagedCopy.id}`);
    expect(rows[0]!.errorMessage).toContain('/name');
  });

  it('damaged export options fail their own export when it is planned; damaged options and differences leave the exception list readable', async () => {
    await db().prisma.procoreRecord.create({
      data: { companyId: companyId(), resourceType: 'vendor', procoreId: '930', data: { id: 930, name: 'Larch Masonry' } },
    });
    const planned = await db().prisma.exportRecord.create({
      data: { companyId: companyId(), recordType: 'vendor', procoreId: '930', title: 'Larch Masonry', status: 'queued', options: { fields: ['phone'] } },
    });
    // A 3200 exception waiting in the list, its options damaged too.
    const conflicted = await db().prisma.exportRecord.create({
      data: {
        companyId: companyId(),
        recordType: 'vendor',
        procoreId: '931',
        title: 'Maple Drywall',
        status: 'failed',
        errorCode: 'QB_CHANGED_IN_QUICKBOOKS',
        errorMessage: 'Maple Drywall: the vendor was changed in QuickBooks after the connector last wrote it, so nothing was overwritten.',
        fieldDifferences: [],
        options: { qbCurrent: { qbId: '80-9', editSequence: '4' } },
      },
    });
    for (const id of [planned.id, conflicted.id]) {
      await db().prisma
        .$executeRaw`UPDATE export_records SET options = '{"fields": "phone", "qbCurrent": 7}'::jsonb WHERE company_id = ${companyId()}::uuid AND id = ${id}::uuid`;
    }
    await db().prisma
      .$executeRaw`UPDATE export_records SET field_differences = '[{"field": 7}]'::jsonb WHERE company_id = ${companyId()}::uuid AND id = ${conflicted.id}::uuid`;
    await enqueueRequest(db(), { companyId: companyId(), request: { type: 'VendorQuery', maxReturned: 1 }, dedupeKey: 'read:vendors', requestedBy: 'test' });

    const run = await session();
    expect(run.sent).toHaveLength(1);
    expect(run.percents.at(-1)).toBe(100);
    const after = await db().prisma.exportRecord.findUniqueOrThrow({ where: { id: planned.id } });
    expect(after).toMatchObject({ status: 'failed', errorCode: 'STORED_VALUE_INVALID', requestId: null });
    expect(after.errorMessage).toContain(`export_records.options of row ${planned.id}`);
    // Nothing of its own was queued for QuickBooks.
    expect(await db().prisma.queuedRequest.count({ where: { companyId: companyId(), status: 'queued' } })).toBe(0);

    const exceptions = await listExceptions(db(), { companyId: companyId(), limit: 50, offset: 0 });
    const listed = exceptions.items.find((e) => e.key === 'export:vendor:931');
    expect(listed).toMatchObject({ code: 'QB_CHANGED_IN_QUICKBOOKS' });
    // Its resolution needs QuickBooks' version and the comparison, which the damaged row cannot give: not offered.
    expect(listed!.actions).not.toContain('keep_quickbooks');
    expect(listed!.fieldDifferences).toBeNull();
  });

  it('damaged settings are refused naming the field, can be mended by a change giving that field, and do not stop QuickBooks answers being recorded', async () => {
    await updateCompanySettings(db(), companyId(), { approvalRequired: false }, 'test');
    await db().prisma.$executeRaw`UPDATE company_settings SET values = jsonb_set(values, '{itemType}', '"robot"') WHERE company_id = ${companyId()}::uuid`;
    await expect(getCompanySettings(db(), companyId())).rejects.toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { table: 'company_settings', column: 'values', id: companyId() },
      message: expect.stringContaining('/itemType'),
    });

    // A QuickBooks answer while an export is in progress: the request is recorded; what the exports would do next waits
    // for the settings, and the trail says why.
    const good = await queuedVendorExport('Harbor Glass', '910');
    const run = await session();
    expect(run.sent).toHaveLength(1);
    expect(run.percents.at(-1)).toBe(100);
    expect(await db().prisma.queuedRequest.findUniqueOrThrow({ where: { id: good.request.id } })).toMatchObject({ status: 'done' });
    expect(await db().prisma.exportRecord.findUniqueOrThrow({ where: { id: good.row.id } })).toMatchObject({ status: 'queued' });
    const refusals = await db().prisma.auditEntry.findMany({ where: { companyId: companyId(), action: 'stored_value.invalid' } });
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]!.detail).toMatchObject({ errorCode: 'STORED_VALUE_INVALID', table: 'company_settings', column: 'values' });

    // Another change is refused (nothing damaged is saved back); a change giving the damaged field mends the row.
    await expect(updateCompanySettings(db(), companyId(), { hideJobToDateCosts: true }, 'test')).rejects.toMatchObject({ code: 'STORED_VALUE_INVALID' });
    const mended = await updateCompanySettings(db(), companyId(), { itemType: 'other_charge' }, 'test');
    expect(mended).toMatchObject({ itemType: 'other_charge', approvalRequired: false });
    expect(await getCompanySettings(db(), companyId())).toMatchObject({ itemType: 'other_charge', approvalRequired: false });
  });
});
