import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { updateCompanySettings } from '../settings/company-settings.ts';
import { applyExportAction } from './apply-export-action.ts';
import { listExportRecords } from './list-export-records.ts';

const kinds = await databaseKinds();
const pm = { id: 'pat.pm@example.com', roles: ['project_manager'] as const };
const accountant = { id: 'alex.ap@example.com', roles: ['accountant'] as const };

describe.each(kinds)('export approval workflow on the database (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  let otherCompanyId: string;
  const db = () => testDb.database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(db(), { procoreCompanyId: '61', name: 'Workflow GC', actor: 't' })).id;
    otherCompanyId = (await createCompany(db(), { procoreCompanyId: '62', name: 'Other GC', actor: 't' })).id;
    for (let i = 1; i <= 12; i++) {
      await db().prisma.procoreRecord.create({
        data: {
          companyId,
          resourceType: i % 2 ? 'work_order_contract' : 'purchase_order_contract',
          procoreId: String(100 + i),
          procoreProjectId: '9',
          data: { id: 100 + i, number: `SC-${i}`, title: `Contract ${i}`, status: 'Approved', vendor: { id: 5, name: 'ABC Concrete' } },
        },
      });
    }
    await db().prisma.procoreRecord.create({
      data: { companyId: otherCompanyId, resourceType: 'work_order_contract', procoreId: '101', data: { id: 101, number: 'X' } },
    });
  });
  afterAll(async () => testDb?.dispose());

  it('send → approve, with who and when; a repeat is "already", not a second write', async () => {
    const [sent] = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['101'], action: 'send', actor: pm });
    expect(sent).toMatchObject({ outcome: 'applied', status: 'sent_to_accounting' });
    const [again] = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['101'], action: 'send', actor: pm });
    expect(again).toMatchObject({ outcome: 'already', status: 'sent_to_accounting', message: 'Already sent to accounting by pat.pm@example.com.' });
    const [approved] = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['101'], action: 'approve', actor: accountant });
    expect(approved).toMatchObject({ outcome: 'applied', status: 'approved' });
    const row = await db().prisma.exportRecord.findUniqueOrThrow({
      where: { companyId_recordType_procoreId: { companyId, recordType: 'commitment', procoreId: '101' } },
    });
    expect(row).toMatchObject({ sentBy: pm.id, decidedBy: accountant.id, title: 'SC-1 Contract 1 — ABC Concrete', version: 2 });
    const audit = await db().prisma.auditEntry.findMany({ where: { companyId, subjectId: '101' }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['export.send', pm.id],
      ['export.approve', accountant.id],
    ]);
    // The other company's record with the same Procore id is untouched.
    expect(await db().prisma.exportRecord.count({ where: { companyId: otherCompanyId } })).toBe(0);
  });

  it('a project manager cannot approve', async () => {
    await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['102'], action: 'send', actor: pm });
    await expect(applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['102'], action: 'approve', actor: pm })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('reject needs a comment, makes the record editable (sendable) again, and keeps who said what', async () => {
    const [noComment] = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['102'], action: 'reject', actor: accountant });
    expect(noComment).toMatchObject({ outcome: 'refused', status: 'sent_to_accounting' });
    const [rejected] = await applyExportAction(db(), {
      companyId,
      recordType: 'commitment',
      procoreIds: ['102'],
      action: 'reject',
      actor: accountant,
      comment: 'Cost code 03-300 is wrong on line 2',
    });
    expect(rejected).toMatchObject({ outcome: 'applied', status: 'rejected' });
    const listed = await listExportRecords(db(), { companyId, recordType: 'commitment', status: 'rejected', limit: 10, offset: 0 });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ procoreId: '102', decidedBy: accountant.id, decisionComment: 'Cost code 03-300 is wrong on line 2' });
    const [resent] = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['102'], action: 'send', actor: pm });
    expect(resent).toMatchObject({ outcome: 'applied', status: 'sent_to_accounting' });
  });

  it('three simultaneous approvals of one record apply once', async () => {
    await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['103'], action: 'send', actor: pm });
    const results = await Promise.all(
      [1, 2, 3].map(() => applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['103'], action: 'approve', actor: accountant })),
    );
    expect(results.map((r) => r[0]!.outcome).sort()).toEqual(['already', 'already', 'applied']);
    expect(await db().prisma.auditEntry.count({ where: { companyId, subjectId: '103', action: 'export.approve' } })).toBe(1);
  });

  it('direct export skips approval for commitments', async () => {
    await updateCompanySettings(db(), companyId, { approvalRequired: false }, 'admin@example.com');
    const [sent] = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['104'], action: 'send', actor: pm });
    expect(sent).toMatchObject({ outcome: 'applied', status: 'approved' });
    await updateCompanySettings(db(), companyId, { approvalRequired: true }, 'admin@example.com');
  });

  it('refuses records it does not know, and lists by status with paging', async () => {
    const [unknown] = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['999'], action: 'send', actor: pm });
    expect(unknown).toMatchObject({ outcome: 'refused', message: expect.stringContaining('No Procore commitment 999') });
    const bulk = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ['105', '106', '107', '105'], action: 'send', actor: pm });
    expect(bulk.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    const page1 = await listExportRecords(db(), { companyId, recordType: 'commitment', limit: 5, offset: 0 });
    const page3 = await listExportRecords(db(), { companyId, recordType: 'commitment', limit: 5, offset: 10 });
    expect(page1.total).toBe(12);
    expect(page1.items).toHaveLength(5);
    expect(page3.items).toHaveLength(2);
    const waiting = await listExportRecords(db(), { companyId, recordType: 'commitment', status: 'sent_to_accounting', limit: 50, offset: 0 });
    expect(waiting.items.map((i) => i.procoreId).sort()).toEqual(['102', '105', '106', '107']);
    const notSynced = await listExportRecords(db(), { companyId, recordType: 'commitment', status: 'not_synced', limit: 50, offset: 0 });
    expect(notSynced.total).toBe(5);
  });
});
