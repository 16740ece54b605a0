import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { PlanningPassRows } from './planning-pass-rows.ts';

/**
 * The rows one planning pass reads and writes (planning-pass-rows.ts): a key is read once, a write the pass makes
 * answers the key afterwards, and the waits it holds back are in the database, errors cleared, before anything reads.
 */
describe.each(await databaseKinds())('export rows of one planning pass (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  let otherCompanyId: string;
  const db = () => testDb.database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(db(), { procoreCompanyId: '91', name: 'Pass Rows GC', actor: 't' })).id;
    otherCompanyId = (await createCompany(db(), { procoreCompanyId: '92', name: 'Other GC', actor: 't' })).id;
    const queued = { status: 'queued', sentBy: 't', decidedBy: 't', decidedAt: new Date() };
    await db().prisma.exportRecord.createMany({
      data: [
        { ...queued, companyId, recordType: 'vendor', procoreId: '1', title: 'Vendor 1' },
        { ...queued, companyId, recordType: 'commitment', procoreId: '10', title: 'PO 10', errorCode: 'OLD', errorMessage: 'old' },
        { ...queued, companyId, recordType: 'commitment', procoreId: '11', title: 'PO 11' },
        // Same key, another company: never seen by this company's pass.
        { ...queued, companyId: otherCompanyId, recordType: 'vendor', procoreId: '2', title: 'Other vendor 2' },
      ],
    });
  });
  afterAll(async () => testDb?.dispose());

  it('reads the keys it is asked for once (missing ones as none), scoped by company', async () => {
    await db().prisma.$transaction(async (tx) => {
      const pass = new PlanningPassRows(companyId);
      await pass.prefetch(tx, [
        { recordType: 'vendor', procoreId: '1' },
        { recordType: 'vendor', procoreId: '2' },
        { recordType: 'commitment', procoreId: '10' },
      ]);
      // Changed behind the pass's back (nothing does this while a pass holds the planning lock): the pass answers what it read.
      await tx.exportRecord.updateMany({ where: { companyId, recordType: 'vendor', procoreId: '1' }, data: { title: 'Renamed' } });
      expect((await pass.find(tx, 'vendor', '1'))?.title).toBe('Vendor 1');
      expect(await pass.find(tx, 'vendor', '2')).toBeNull();
      expect((await pass.find(tx, 'commitment', '10'))?.title).toBe('PO 10');
      // Not prefetched: read now.
      expect((await pass.find(tx, 'commitment', '11'))?.title).toBe('PO 11');
    });
  });

  it('a row it wrote is read again; a write that returned the row answers its key', async () => {
    await db().prisma.$transaction(async (tx) => {
      const pass = new PlanningPassRows(companyId);
      const vendor = (await pass.find(tx, 'vendor', '1'))!;
      const readAt = pass.stamp();
      expect(pass.isCurrent(vendor.id, readAt)).toBe(true);
      const updated = await tx.exportRecord.update({ where: { id: vendor.id }, data: { title: 'Vendor 1 (written)' } });
      pass.wrote(updated);
      expect(pass.isCurrent(vendor.id, readAt)).toBe(false);
      expect(pass.isCurrent(vendor.id, pass.stamp())).toBe(true);
      // Told of the write without its row: read from the database.
      expect((await pass.find(tx, 'vendor', '1'))?.title).toBe('Vendor 1 (written)');
      // Told with the row the write returned: that row answers.
      const again = await tx.exportRecord.update({ where: { id: vendor.id }, data: { title: 'Vendor 1 (again)' } });
      await tx.exportRecord.update({ where: { id: vendor.id }, data: { title: 'not told' } });
      pass.wrote(again, again);
      expect((await pass.find(tx, 'vendor', '1'))?.title).toBe('Vendor 1 (again)');
    });
  });

  it('holds waits back and writes them in one statement before the next read, errors cleared, nothing else changed', async () => {
    const before = await db().prisma.exportRecord.findMany({ where: { companyId, recordType: 'commitment' }, orderBy: { procoreId: 'asc' } });
    await db().prisma.$transaction(async (tx) => {
      const pass = new PlanningPassRows(companyId);
      pass.wait(before[0]!, ['vendor:1', 'project:5']);
      pass.wait(before[1]!, ['vendor:1']);
      expect(pass.waits(before[0]!.id)).toBe(true);
      // Not written yet.
      expect((await tx.exportRecord.findUnique({ where: { id: before[0]!.id } }))?.waitingOn).toEqual([]);
      // A look-up the pass does not know reads the database, the waits written first.
      const po10 = await pass.find(tx, 'commitment', '10');
      expect(pass.waits(before[0]!.id)).toBe(false);
      expect(po10).toMatchObject({ waitingOn: ['vendor:1', 'project:5'], errorCode: null, errorMessage: null, version: before[0]!.version });
      expect((await pass.find(tx, 'commitment', '11'))?.waitingOn).toEqual(['vendor:1']);
      expect(po10!.updatedAt.getTime()).toBeGreaterThanOrEqual(before[0]!.updatedAt.getTime());
    });
    // The other company's rows are untouched.
    expect((await db().prisma.exportRecord.findFirst({ where: { companyId: otherCompanyId } }))?.waitingOn).toEqual([]);
  });
});
