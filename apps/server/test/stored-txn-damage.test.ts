// A QuickBooks transaction whose stored data (qb_transactions.data) is damaged in the database — raw SQL here, as a bad
// migration, a hand edit or a restored backup would — fails that one transaction of Update Job Costs with
// STORED_VALUE_INVALID naming the row (packages/sync/src/stored/read-stored.ts), on the import failures list; the
// others of the same push reach Procore, the push job itself succeeds, and nothing is created twice in Procore.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompany, enqueueJob, PUSH_JOB_COSTS_JOB } from '@connector/sync';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

describe.each(await databaseKinds())('Update Job Costs with a damaged stored transaction (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let accountant: AuthHeaders;
  let projectId: number;
  let damagedCode: { id: string; procoreId: string };

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind);
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Damaged Txn GC', actor: 'test' })).id;
    const admin = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'], login: 'admin@example.com' });
    accountant = await signInAs(setup, { companyId, roles: ['accountant'], login: 'accountant@example.com' });
    expect((await api(admin, '/procore/service-account', 'POST')).statusCode).toBe(200);
    expect((await api(admin, '/procore/reconcile', 'POST', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();

    // A project with a cost code on it, linked to a QuickBooks job and item: each check below is one direct cost there.
    const store = setup.simulator.store;
    const standards = await db.prisma.procoreRecord.findMany({ where: { companyId, resourceType: 'standard_cost_code', deletedAt: null } });
    const project = store.projects
      .list(setup.simulator.companyId)
      .find((p) => store.costCodes.list(p.id).filter((c) => c.standard_cost_code_id != null).length >= 2)!;
    // The project lacks one standard cost code (removed from it in Procore): the push adds it from our copy, which is damaged.
    const removed = store.costCodes
      .list(project.id)
      .filter((c) => c.standard_cost_code_id != null && standards.some((s) => s.procoreId === String(c.standard_cost_code_id)))
      .at(-1)!;
    store.costCodes.remove(removed);
    const codesOf = (id: number) => new Set(store.costCodes.list(id).map((c) => String(c.standard_cost_code_id)));
    projectId = project.id;
    const standardId = store.costCodes.list(projectId).find((c) => c.standard_cost_code_id != null)!.standard_cost_code_id!;
    // A standard cost code the project lacks (the push adds it to the project from our copy), whose copy is damaged.
    const missing = standards.find((r) => !codesOf(projectId).has(r.procoreId))!;
    damagedCode = missing;
    await db.prisma.recordLink.createMany({
      data: [
        { companyId, procoreType: 'project', procoreId: String(projectId), qbType: 'Customer', qbId: 'JOB-1', qbName: 'Owner:Tower' },
        { companyId, procoreType: 'cost_code', procoreId: String(standardId), qbType: 'ItemService', qbId: 'ITM-1', qbName: 'Concrete' },
        { companyId, procoreType: 'cost_code', procoreId: missing.procoreId, qbType: 'ItemService', qbId: 'ITM-2', qbName: 'Masonry' },
      ],
    });
    const checks = ['C-GOOD-1', 'C-GOOD-2', 'C-BAD', 'C-CODE'];
    await db.prisma.qbTransaction.createMany({
      data: [
        ...checks.map((txnId, i) => ({
          companyId,
          txnType: 'Check',
          txnId,
          editSequence: '1',
          txnDate: '2026-11-20',
          refNumber: `10${i}`,
          payeeListId: null,
          amountCents: BigInt(10_000 * (i + 1)),
          qbModifiedAt: '2026-11-20T10:00:00-05:00',
          data: { payeeName: 'Smith Concrete', memo: null, headerAmountCents: 10_000 * (i + 1), linkedPurchaseOrderTxnIds: [], currency: null },
          needsPush: true,
          fetchedAt: new Date(),
        })),
        {
          companyId,
          txnType: 'BillPaymentCheck',
          txnId: 'P-BAD',
          editSequence: '1',
          txnDate: '2026-11-21',
          refNumber: '5001',
          payeeListId: null,
          amountCents: 5_000n,
          qbModifiedAt: '2026-11-21T10:00:00-05:00',
          data: { payeeName: 'Smith Concrete', applied: [], currency: null },
          needsPush: true,
          fetchedAt: new Date(),
        },
      ],
    });
    await db.prisma.qbCostLine.createMany({
      data: checks.map((txnId, i) => ({
        companyId,
        txnType: 'Check',
        txnId,
        txnLineId: `${txnId}-0`,
        lineKind: 'item',
        amountCents: BigInt(10_000 * (i + 1)),
        jobListId: 'JOB-1',
        itemListId: txnId === 'C-CODE' ? 'ITM-2' : 'ITM-1',
      })),
    });
    // The damage: a list that is not a list on a check, a payment whose applied bills are one object instead of a list.
    await db.prisma.$executeRaw`UPDATE qb_transactions SET data = '{"payeeName":"Smith Concrete","linkedPurchaseOrderTxnIds":"PO-1"}'::jsonb
      WHERE company_id = ${companyId}::uuid AND txn_type = 'Check' AND txn_id = 'C-BAD'`;
    await db.prisma.$executeRaw`UPDATE qb_transactions SET data = '{"payeeName":7,"applied":{"billTxnId":"B-1","amountCents":5000}}'::jsonb
      WHERE company_id = ${companyId}::uuid AND txn_type = 'BillPaymentCheck' AND txn_id = 'P-BAD'`;
    await db.prisma
      .$executeRaw`UPDATE procore_records SET data = '{"id": 1, "code": null}'::jsonb WHERE company_id = ${companyId}::uuid AND id = ${missing.id}::uuid`;
  }, 180_000);
  afterAll(async () => setup?.close());

  function api(headers: AuthHeaders, path: string, method: 'GET' | 'POST' = 'GET', payload?: object) {
    return setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers, ...(payload ? { payload } : {}) });
  }

  async function push() {
    const job = await enqueueJob(setup.testDb.database.prisma, { companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB });
    await setup.app.jobRunner.drain({ companyId });
    return setup.testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
  }

  /** Direct costs in Procore made from our checks, by origin_id: each must be there once at most. */
  function directCostsByOrigin() {
    const byOrigin = new Map<string, number>();
    for (const dc of setup.simulator.store.directCosts.list(projectId)) {
      if (dc.origin_id?.startsWith('qb:Check:')) byOrigin.set(dc.origin_id, (byOrigin.get(dc.origin_id) ?? 0) + 1);
    }
    return byOrigin;
  }

  const txn = (txnType: string, txnId: string) =>
    setup.testDb.database.prisma.qbTransaction.findUniqueOrThrow({ where: { companyId_txnType_txnId: { companyId, txnType, txnId } } });

  it('fails only the damaged transactions, naming each row; the good ones reach Procore; the push job succeeds', async () => {
    const job = await push();
    expect(job).toMatchObject({ status: 'done', errorCode: null });

    const inProcore = directCostsByOrigin();
    expect([...inProcore.keys()].some((o) => o.includes('C-GOOD-1'))).toBe(true);
    expect([...inProcore.keys()].some((o) => o.includes('C-GOOD-2'))).toBe(true);
    expect([...inProcore.keys()].some((o) => o.includes('C-BAD') || o.includes('C-CODE'))).toBe(false);
    for (const count of inProcore.values()) expect(count).toBe(1);

    for (const good of ['C-GOOD-1', 'C-GOOD-2'])
      expect(await txn('Check', good)).toMatchObject({ needsPush: false, pushErrorCode: null, pushedEditSequence: '1' });
    const badCheck = await txn('Check', 'C-BAD');
    expect(badCheck).toMatchObject({ needsPush: true, pushErrorCode: 'STORED_VALUE_INVALID', pushedEditSequence: null });
    expect(badCheck.pushErrorMessage).toContain('qb_transactions.data of row Check C-BAD');
    expect(badCheck.pushErrorMessage).toContain('/linkedPurchaseOrderTxnIds');
    const badPayment = await txn('BillPaymentCheck', 'P-BAD');
    expect(badPayment).toMatchObject({ needsPush: true, pushErrorCode: 'STORED_VALUE_INVALID' });
    expect(badPayment.pushErrorMessage).toContain('qb_transactions.data of row BillPaymentCheck P-BAD');
    // The check whose cost code our copy holds damaged fails naming that row; the code was not added to the project.
    const badCode = await txn('Check', 'C-CODE');
    expect(badCode).toMatchObject({ needsPush: true, pushErrorCode: 'STORED_VALUE_INVALID' });
    expect(badCode.pushErrorMessage).toContain(`procore_records.data of row ${damagedCode.id}`);
    expect(setup.simulator.store.costCodes.list(projectId).some((c) => String(c.standard_cost_code_id) === damagedCode.procoreId)).toBe(false);

    // On the import failures list, with the reason; the damaged payee shows as none instead of failing the list.
    const failures = await api(accountant, '/imports/failures');
    expect(failures.statusCode, failures.body).toBe(200);
    const items: Array<{ txnId: string; errorCode: string; message: string; payeeName: string | null }> = failures.json().items;
    expect(items.map((i) => [i.txnId, i.errorCode]).sort()).toEqual([
      ['C-BAD', 'STORED_VALUE_INVALID'],
      ['C-CODE', 'STORED_VALUE_INVALID'],
      ['P-BAD', 'STORED_VALUE_INVALID'],
    ]);
    expect(items.find((i) => i.txnId === 'P-BAD')!.payeeName).toBeNull();
    for (const item of items) expect(item.message).toContain('is not in the shape the connector writes');
    const audited = await setup.testDb.database.prisma.auditEntry.findMany({ where: { companyId, action: 'import.push_failed' } });
    expect(audited.map((a) => a.subjectId).sort()).toEqual(['C-BAD', 'C-CODE', 'P-BAD']);
  });

  it('a further push fails them again and creates nothing twice; once mended, the check is pushed once', async () => {
    const before = directCostsByOrigin();
    expect(await push()).toMatchObject({ status: 'done' });
    expect(directCostsByOrigin()).toEqual(before);
    expect(await txn('Check', 'C-BAD')).toMatchObject({ needsPush: true, pushErrorCode: 'STORED_VALUE_INVALID' });

    await setup.testDb.database.prisma.$executeRaw`UPDATE qb_transactions SET data = '{"payeeName":"Smith Concrete","linkedPurchaseOrderTxnIds":[]}'::jsonb
      WHERE company_id = ${companyId}::uuid AND txn_type = 'Check' AND txn_id = 'C-BAD'`;
    expect(await push()).toMatchObject({ status: 'done' });
    const after = directCostsByOrigin();
    expect(after.size).toBe(before.size + 1);
    expect([...after.keys()].some((o) => o.includes('C-BAD'))).toBe(true);
    for (const count of after.values()) expect(count).toBe(1);
    expect(await txn('Check', 'C-BAD')).toMatchObject({ needsPush: false, pushErrorCode: null });
    expect(await txn('BillPaymentCheck', 'P-BAD')).toMatchObject({ needsPush: true, pushErrorCode: 'STORED_VALUE_INVALID' });
  });
  it('a deleted transaction whose data is damaged still has what we made from it removed from Procore (removal reads no data)', async () => {
    expect([...directCostsByOrigin().keys()].some((o) => o.includes('C-GOOD-1'))).toBe(true);
    await setup.testDb.database.prisma.$executeRaw`UPDATE qb_transactions SET data = '[]'::jsonb, deleted_at = now(), needs_push = true, edit_sequence = '2'
      WHERE company_id = ${companyId}::uuid AND txn_type = 'Check' AND txn_id = 'C-GOOD-1'`;
    expect(await push()).toMatchObject({ status: 'done' });
    expect([...directCostsByOrigin().keys()].some((o) => o.includes('C-GOOD-1'))).toBe(false);
    expect([...directCostsByOrigin().keys()].some((o) => o.includes('C-GOOD-2'))).toBe(true);
    expect(await txn('Check', 'C-GOOD-1')).toMatchObject({ needsPush: false, pushErrorCode: null, pushedEditSequence: '2' });
  });
});
