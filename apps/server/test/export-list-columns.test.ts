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
