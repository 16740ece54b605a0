import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompany } from '@connector/sync';
import { signIn, type AuthHeaders } from './support/sign-in.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

const kinds = await databaseKinds();

/**
 * The export lists carry what tells records apart (the screens issue: four rows read "SC-001" with nothing else):
 * project, amount, commitment and Procore status; sortable by them and filterable by project, with the projects
 * to choose from by name. Another company's records never show.
 */
describe.each(kinds)('export list columns, sort and project filter (%s)', (kind) => {
  let server: TestServer;
  let companyId: string;
  let auth: AuthHeaders;
  beforeAll(async () => {
    server = await startTestServer(kind);
    const db = server.testDb.database.prisma;
    companyId = (await createCompany(server.testDb.database, { procoreCompanyId: '7301', name: 'Columns GC', actor: 't' })).id;
    const other = (await createCompany(server.testDb.database, { procoreCompanyId: '7302', name: 'Other GC', actor: 't' })).id;
    ({ headers: auth } = await signIn(server, { companyId, name: 'Pat Accountant' }));
    const project = (id: number, number: string, name: string) => ({
      companyId,
      resourceType: 'project',
      procoreId: String(id),
      data: { id, project_number: number, name },
    });
    const commitment = (id: number, projectId: number, total: string, status: string) => ({
      companyId,
      resourceType: 'work_order_contract',
      procoreId: String(id),
      procoreProjectId: String(projectId),
      data: { id, number: 'SC-001', title: 'Framing', status, grand_total: total, vendor: { id: 1, name: 'Acme Framing' } },
    });
    await db.procoreRecord.createMany({
      data: [
        project(10, 'P-10', 'Harbor Tower'),
        project(20, 'P-20', 'Alder School'),
        project(30, 'P-30', 'Birch Clinic'),
        commitment(101, 10, '125000.00', 'Approved'),
        commitment(102, 20, '98000.50', 'Draft'),
        commitment(103, 30, '4000.00', 'Approved'),
        commitment(104, 10, '250000.00', 'Complete'),
        {
          companyId,
          resourceType: 'commitment_change_order',
          procoreId: '501',
          procoreProjectId: '10',
          data: { id: 501, number: '1', title: 'Extra stairs', status: 'approved', contract_id: 101, grand_total: '1500.00' },
        },
        {
          companyId,
          resourceType: 'requisition',
          procoreId: '601',
          procoreProjectId: '20',
          data: { id: 601, number: 1, invoice_number: 'INV-7', status: 'under_review', commitment_id: 102, summary: { current_payment_due: '9000.00' } },
        },
        // Another company's commitment in a project with the same Procore id: never listed, never a filter choice.
        {
          companyId: other,
          resourceType: 'work_order_contract',
          procoreId: '101',
          procoreProjectId: '99',
          data: { id: 101, number: 'SC-001', grand_total: '1.00', status: 'Approved' },
        },
      ],
    });
  });
  afterAll(async () => server?.close());

  const list = async (query: string) => {
    const response = await server.app.inject({ url: `/api/companies/${companyId}/exports/${query}`, headers: auth });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('lists project, amount and Procore status beside the title, and the projects to filter by, by name', async () => {
    const body = await list('commitment');
    expect(body.total).toBe(4);
    expect(body.items.find((i: { procoreId: string }) => i.procoreId === '102')).toMatchObject({
      title: 'SC-001 Framing — Acme Framing',
      projectName: 'P-20 Alder School',
      amount: '98000.50',
      procoreStatus: 'Draft',
      commitment: null,
    });
    expect(body.projects).toEqual([
      { procoreId: '10', name: 'P-10 Harbor Tower' },
      { procoreId: '20', name: 'P-20 Alder School' },
      { procoreId: '30', name: 'P-30 Birch Clinic' },
    ]);
  });

  it('names the commitment of a change order and of an invoice, with their amounts', async () => {
    expect((await list('change_order')).items[0]).toMatchObject({
      projectName: 'P-10 Harbor Tower',
      amount: '1500.00',
      procoreStatus: 'approved',
      commitment: { procoreId: '101', title: 'SC-001 Framing — Acme Framing' },
    });
    expect((await list('invoice')).items[0]).toMatchObject({
      projectName: 'P-20 Alder School',
      amount: '9000.00',
      procoreStatus: 'under_review',
      commitment: { procoreId: '102', title: 'SC-001 Framing — Acme Framing' },
    });
  });

  it('sorts by amount, project and Procore status, both ways, and pages in that order', async () => {
    const ids = (body: { items: Array<{ procoreId: string }> }) => body.items.map((i) => i.procoreId);
    expect(ids(await list('commitment?sort=amount'))).toEqual(['103', '102', '101', '104']);
    expect(ids(await list('commitment?sort=-amount'))).toEqual(['104', '101', '102', '103']);
    expect(ids(await list('commitment?sort=project'))).toEqual(['101', '104', '102', '103']);
    expect(ids(await list('commitment?sort=-project&limit=2'))).toEqual(['103', '102']);
    expect(ids(await list('commitment?sort=-project&limit=2&offset=2'))).toEqual(['101', '104']);
    expect(ids(await list('commitment?sort=procore_status'))).toEqual(['101', '103', '104', '102']);
  });

  it('owner invoices (issue 21): the QuickBooks invoice amount net of retainage withheld, the retainage, Procore’s number, a title without the project; sorted by amount and paged', async () => {
    const db = server.testDb.database.prisma;
    // G703 columns as Procore sends them (decimal strings); 2 of the 4 lines hold retainage.
    const line = (id: number, work: string, extra: Record<string, string> = {}) => ({
      id,
      description_of_work: `Line ${id}`,
      work_completed_this_period: work,
      ...extra,
    });
    const pa = (id: number, number: number, invoiceNumber: string | null, lineItems: object[] | string) => ({
      companyId,
      resourceType: 'payment_application',
      procoreId: String(id),
      procoreProjectId: '10',
      data: { id, number, invoice_number: invoiceNumber, status: 'approved', period_end: `2026-0${number}-30`, line_items: lineItems },
    });
    await db.procoreRecord.createMany({
      data: [
        // 120,000.00 + 30,000.00 billed, 15,000.00 withheld: 135,000.00 on the QuickBooks invoice.
        pa(501, 1, 'PA-001', [
          line(1, '120000.00', { work_completed_retainage_retained_this_period: '12000.00' }),
          line(2, '30000.00', { materials_stored_retainage_retained_this_period: '3000.00' }),
        ]),
        // No invoice_number: Procore's sequence number is the number; 5,000.00 released (its own invoice).
        pa(502, 2, null, [line(3, '8000.00', { work_completed_retainage_released_this_period: '5000.00' })]),
        // A copy whose amounts cannot be read: listed with no amount (its preview says why), not a failed list.
        pa(503, 3, 'PA-003', [line(4, 'twelve')]),
        pa(504, 4, 'PA-004', 'not lines'),
      ],
    });
    const body = await list('owner_invoice');
    const figures = Object.fromEntries(
      body.items.map((i: Record<string, unknown>) => [
        i['procoreId'],
        [i['title'], i['projectName'], i['number'], i['amount'], i['retainageWithheld'], i['retainageReleased']],
      ]),
    );
    expect(figures).toEqual({
      '501': ['Owner invoice #1 (PA-001) · period to 2026-01-30', 'P-10 Harbor Tower', 'PA-001', '135000.00', '15000.00', null],
      '502': ['Owner invoice #2 · period to 2026-02-30', 'P-10 Harbor Tower', '2', '8000.00', null, '5000.00'],
      '503': ['Owner invoice #3 (PA-003) · period to 2026-03-30', 'P-10 Harbor Tower', 'PA-003', null, null, null],
      '504': ['Owner invoice #4 (PA-004) · period to 2026-04-30', 'P-10 Harbor Tower', 'PA-004', null, null, null],
    });
    // Other record types carry no owner invoice fields.
    expect((await list('commitment')).items.every((i: Record<string, unknown>) => i['number'] === null && i['retainageWithheld'] === null)).toBe(true);

    const ids = (b: { items: Array<{ procoreId: string }> }) => b.items.map((i) => i.procoreId);
    expect(ids(await list('owner_invoice?sort=amount'))).toEqual(['502', '501', '503', '504']);
    expect(ids(await list('owner_invoice?sort=-amount'))).toEqual(['501', '502', '503', '504']);
    const page2 = await list('owner_invoice?sort=-amount&limit=2&offset=1');
    expect([page2.total, ids(page2)]).toEqual([4, ['502', '503']]);
  });

  it('names what a record waits for, not its export key', async () => {
    const db = server.testDb.database.prisma;
    await db.exportRecord.create({ data: { companyId, recordType: 'vendor', procoreId: '1', title: 'Acme Framing', status: 'queued' } });
    await db.exportRecord.create({
      data: {
        companyId,
        recordType: 'commitment',
        procoreId: '104',
        procoreProjectId: '10',
        title: 'SC-001 Framing — Acme Framing',
        status: 'queued',
        waitingOn: ['vendor:1', 'cost_code:77'],
      },
    });
    const row = (await list('commitment?project=10')).items.find((i: { procoreId: string }) => i.procoreId === '104');
    expect(row).toMatchObject({ waitingOn: ['vendor:1', 'cost_code:77'], waitingOnTitles: ['Acme Framing', 'cost_code:77'] });
  });

  it('filters by project, and refuses a sort it does not know', async () => {
    const harbor = await list('commitment?project=10&sort=-amount');
    expect(harbor).toMatchObject({ total: 2, items: [{ procoreId: '104' }, { procoreId: '101' }] });
    const bad = await server.app.inject({ url: `/api/companies/${companyId}/exports/commitment?sort=data`, headers: auth });
    expect(bad.statusCode).toBe(400);
  });
});
