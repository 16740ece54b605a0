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

  it('a bulk approval moves each record on its own: one changed meanwhile is refused alone, the rest go, each audited and queued once', async () => {
    await db().prisma.procoreRecord.create({
      data: { companyId, resourceType: 'work_order_contract', procoreId: '120', procoreProjectId: '9', data: { id: 120, number: 'SC-20', status: 'Draft' } },
    });
    const ids = ['108', '109', '110', '111'];
    const sent = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: [...ids, '120', '998'], action: 'send', actor: pm });
    expect(sent.map((r) => [r.procoreId, r.outcome, r.code])).toEqual([
      ['108', 'applied', null],
      ['109', 'applied', null],
      ['110', 'applied', null],
      ['111', 'applied', null],
      ['120', 'refused', 'NOT_APPROVED_IN_PROCORE'],
      ['998', 'refused', 'NOT_FOUND'],
    ]);
    // A retried request (double click) changes nothing twice.
    const resent = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ids, action: 'send', actor: pm });
    expect(resent.map((r) => r.outcome)).toEqual(['already', 'already', 'already', 'already']);
    expect(await db().prisma.auditEntry.count({ where: { companyId, subjectId: { in: ids }, action: 'export.send' } })).toBe(4);

    // Another accountant rejects 110 after this approval read the rows and before it writes them: the first
    // transaction the approval opens is its write, so the rejection is committed just before it.
    let interleaved = false;
    const prisma = new Proxy(db().prisma, {
      get(target, key, receiver) {
        if (key !== '$transaction') return Reflect.get(target, key, receiver);
        return async (...args: unknown[]) => {
          if (!interleaved) {
            interleaved = true;
            const [rejected] = await applyExportAction(db(), {
              companyId,
              recordType: 'commitment',
              procoreIds: ['110'],
              action: 'reject',
              actor: { id: 'sam.ap@example.com', roles: ['accountant'] },
              comment: 'Wrong vendor',
            });
            expect(rejected).toMatchObject({ outcome: 'applied', status: 'rejected' });
          }
          return (target.$transaction as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
    const approved = await applyExportAction(
      { ...db(), prisma },
      { companyId, recordType: 'commitment', procoreIds: ids, action: 'approve', actor: accountant },
    );
    expect(interleaved).toBe(true);
    expect(approved.map((r) => [r.procoreId, r.outcome, r.status])).toEqual([
      ['108', 'applied', 'approved'],
      ['109', 'applied', 'approved'],
      ['110', 'refused', 'rejected'],
      ['111', 'applied', 'approved'],
    ]);
    expect(approved[2]).toMatchObject({ code: 'CONFLICT' });
    const rows = await db().prisma.exportRecord.findMany({
      where: { companyId, recordType: 'commitment', procoreId: { in: ids } },
      orderBy: { procoreId: 'asc' },
    });
    expect(rows.map((r) => [r.procoreId, r.status, r.decidedBy, r.version])).toEqual([
      ['108', 'approved', accountant.id, 2],
      ['109', 'approved', accountant.id, 2],
      ['110', 'rejected', 'sam.ap@example.com', 2],
      ['111', 'approved', accountant.id, 2],
    ]);
    const approvals = await db().prisma.auditEntry.findMany({ where: { companyId, subjectId: { in: ids }, action: 'export.approve' } });
    expect(approvals.map((a) => a.subjectId).sort()).toEqual(['108', '109', '111']);
    expect(approvals[0]!.detail).toMatchObject({ from: 'sent_to_accounting', to: 'approved' });
    const jobs = await db().prisma.job.findMany({ where: { companyId, kind: 'export.prepare', dedupeKey: { in: rows.map((r) => `export.prepare:${r.id}`) } } });
    expect(jobs.map((j) => (j.payload as { exportId: string }).exportId).sort()).toEqual(
      rows
        .filter((r) => r.status === 'approved')
        .map((r) => r.id)
        .sort(),
    );
    // Approving again (a retried request) is "already" for each and queues nothing more.
    const jobsBefore = await db().prisma.job.count({ where: { companyId } });
    const again = await applyExportAction(db(), { companyId, recordType: 'commitment', procoreIds: ids, action: 'approve', actor: accountant });
    expect(again.map((r) => r.outcome)).toEqual(['already', 'already', 'refused', 'already']);
    expect(await db().prisma.auditEntry.count({ where: { companyId, subjectId: { in: ids }, action: 'export.approve' } })).toBe(3);
    expect(await db().prisma.job.count({ where: { companyId } })).toBe(jobsBefore);
  });
});
