import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createProcoreClient, type ProcoreClient } from '@connector/procore';
import { ProcoreSimulator } from '@connector/procore-simulator';
import { createCompany, createImportService, createJobRunner, enqueueJob, PUSH_JOB_COSTS_JOB } from '@connector/sync';

// Data safety, defect 5: a Procore create (here a contract payment from a QuickBooks bill payment) that Procore
// carried out, followed by a crash before the connector recorded it, must not be created again by the retry:
// the retry finds the open intent and looks the payment up in Procore by origin_id instead of sending it again.

describe.each(await databaseKinds())('a crash between a Procore create and recording it (%s)', (kind) => {
  let testDb: TestDatabase;
  let simulator: ProcoreSimulator;
  let client: ProcoreClient;
  let companyId: string;
  let posts: string[];
  let pick: { projectId: number; commitmentId: number; requisitionId: number };

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    simulator = new ProcoreSimulator({ seed: 7 });
    const { url } = await simulator.start({ port: 0, host: '127.0.0.1' });
    const token = simulator.issueTokens().access_token;
    posts = [];
    client = createProcoreClient({
      apiBaseUrl: url,
      companyId: simulator.companyId,
      getAccessToken: async () => token,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      fetch: async (input, init) => {
        if (init?.method === 'POST') posts.push(String(input));
        return fetch(input, init);
      },
    });
    companyId = (await createCompany(testDb.database, { procoreCompanyId: String(simulator.companyId), name: 'Crash Co', actor: 't' })).id;
    const requisition = [...simulator.store.requisitions.all()].find((r) => r.company_id === simulator.companyId)!;
    pick = { projectId: requisition.project_id, commitmentId: requisition.commitment_id, requisitionId: requisition.id };
  });
  afterAll(async () => {
    await simulator?.close();
    await testDb?.dispose();
  });

  it('the retry creates nothing: exactly one contract payment in Procore, recorded once, the bill payment pushed', async () => {
    const prisma = testDb.database.prisma;
    // A bill whose Procore invoice we made earlier, and a check in QuickBooks paying $123.45 of it.
    await prisma.procorePush.create({
      data: {
        companyId,
        originId: 'qb:Bill:BILL-1',
        sourceType: 'Bill',
        sourceId: 'BILL-1',
        procoreType: 'requisition',
        procoreProjectId: String(pick.projectId),
        procoreId: String(pick.requisitionId),
        contentHash: 'h',
        amountCents: 100_000n,
        detail: { commitmentId: pick.commitmentId },
      },
    });
    await prisma.qbTransaction.create({
      data: {
        companyId,
        txnType: 'BillPaymentCheck',
        txnId: 'PAY-1',
        editSequence: '1',
        txnDate: '2026-11-20',
        refNumber: '5001',
        payeeListId: 'V-1',
        amountCents: 12_345n,
        qbModifiedAt: '2026-11-20T10:00:00+00:00',
        data: { payeeName: 'Sub', applied: [{ billTxnId: 'BILL-1', amountCents: 12_345 }] },
        needsPush: true,
        fetchedAt: new Date(),
      },
    });
    const originId = 'qb:BillPaymentCheck:PAY-1:BILL-1';
    const paymentsInProcore = () => simulator.store.contractPayments.list(pick.projectId).filter((p) => p.origin_id === originId);

    // First run: Procore creates the payment, then the run dies before it records it.
    let crash = true;
    const crashing: ProcoreClient = {
      ...client,
      contractPayments: {
        ...client.contractPayments,
        create: async (...args: Parameters<ProcoreClient['contractPayments']['create']>) => {
          const created = await client.contractPayments.create(...args);
          if (crash) throw new Error('simulated crash after Procore created the payment');
          return created;
        },
      },
    };
    const imports = createImportService({ db: testDb.database, clientFor: async () => (crash ? crashing : client) });
    const runner = createJobRunner({ db: testDb.database, handlers: imports.jobHandlers });
    await enqueueJob(prisma, { companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB });
    await runner.drain({ companyId });
    expect(paymentsInProcore()).toHaveLength(1);
    const postsBeforeRetry = posts.length;

    // The retry (the failure list's "Retry now", or the next scheduled push).
    crash = false;
    await enqueueJob(prisma, { companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB });
    await runner.drain({ companyId });

    expect(paymentsInProcore()).toHaveLength(1);
    expect(posts.length - postsBeforeRetry).toBe(0); // found by origin_id, not sent again
    const recorded = await prisma.procorePush.findMany({ where: { companyId, originId } });
    expect(recorded).toEqual([
      expect.objectContaining({ procoreType: 'contract_payment', procoreId: String(paymentsInProcore()[0]!.id), status: 'active', amountCents: 12_345n }),
    ]);
    expect(
      await prisma.qbTransaction.findUniqueOrThrow({ where: { companyId_txnType_txnId: { companyId, txnType: 'BillPaymentCheck', txnId: 'PAY-1' } } }),
    ).toMatchObject({ needsPush: false, pushErrorCode: null, pushErrorMessage: null, pushedEditSequence: '1' });
    expect(await prisma.procoreCreateIntent.findMany({ where: { companyId } })).toEqual([
      expect.objectContaining({ originId, status: 'created', procoreId: String(paymentsInProcore()[0]!.id) }),
    ]);

    // And a further push finds nothing to do.
    await enqueueJob(prisma, { companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB });
    await runner.drain({ companyId });
    expect(paymentsInProcore()).toHaveLength(1);
  });

  it('the same for a subcontractor invoice from a QuickBooks bill against a PO from a commitment', async () => {
    const prisma = testDb.database.prisma;
    const commitment = [...simulator.store.commitments.all()].find(
      (c) => c.company_id === simulator.companyId && c.id !== pick.commitmentId && simulator.store.commitmentLineItems.list(c.id).length > 0,
    )!;
    const line = simulator.store.commitmentLineItems.list(commitment.id)[0]!;
    await prisma.procoreRecord.create({
      data: {
        companyId,
        resourceType: commitment.type === 'WorkOrderContract' ? 'work_order_contract' : 'purchase_order_contract',
        procoreId: String(commitment.id),
        procoreProjectId: String(commitment.project_id),
        data: { id: commitment.id },
      },
    });
    await prisma.recordLink.create({
      data: {
        companyId,
        procoreType: 'commitment',
        procoreId: String(commitment.id),
        qbType: 'PurchaseOrder',
        qbId: 'PO-1',
        lines: [{ txnLineId: 'POL-1', procoreLineKey: `commitment-line:${line.id}`, itemListId: 'ITEM-1', jobListId: 'JOB-1' }],
      },
    });
    await prisma.qbTransaction.create({
      data: {
        companyId,
        txnType: 'Bill',
        txnId: 'BILL-2',
        editSequence: '1',
        txnDate: '2026-11-20',
        refNumber: 'QB-77',
        payeeListId: 'V-1',
        amountCents: 50_000n,
        qbModifiedAt: '2026-11-20T10:00:00+00:00',
        data: { payeeName: 'Sub', linkedPurchaseOrderTxnIds: ['PO-1'] },
        needsPush: true,
        fetchedAt: new Date(),
      },
    });
    await prisma.qbCostLine.create({
      data: {
        companyId,
        txnType: 'Bill',
        txnId: 'BILL-2',
        txnLineId: 'BL-1',
        lineKind: 'item',
        amountCents: 50_000n,
        itemListId: 'ITEM-1',
        jobListId: 'JOB-1',
        linkedTxnId: 'PO-1',
        linkedTxnLineId: 'POL-1',
      },
    });
    const originId = 'qb:Bill:BILL-2';
    const invoicesInProcore = () => simulator.store.requisitions.list(commitment.project_id).filter((r) => r.origin_id === originId);

    let crash = true;
    const crashing: ProcoreClient = {
      ...client,
      requisitions: {
        ...client.requisitions,
        create: async (...args: Parameters<ProcoreClient['requisitions']['create']>) => {
          const created = await client.requisitions.create(...args);
          if (crash) throw new Error('simulated crash after Procore created the invoice');
          return created;
        },
      },
    };
    const imports = createImportService({ db: testDb.database, clientFor: async () => (crash ? crashing : client) });
    const runner = createJobRunner({ db: testDb.database, handlers: imports.jobHandlers });
    await enqueueJob(prisma, { companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB });
    await runner.drain({ companyId });
    expect(invoicesInProcore()).toHaveLength(1);
    const postsBeforeRetry = posts.length;

    crash = false;
    await enqueueJob(prisma, { companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB });
    await runner.drain({ companyId });

    expect(invoicesInProcore()).toHaveLength(1);
    expect(posts.length - postsBeforeRetry).toBe(0);
    const invoice = invoicesInProcore()[0]!;
    expect(invoice.items.find((i) => i.line_item_id === line.id)?.work_completed_this_period).toBe(500);
    expect(await prisma.procorePush.findMany({ where: { companyId, originId } })).toEqual([
      expect.objectContaining({ procoreType: 'requisition', procoreId: String(invoice.id), status: 'active' }),
    ]);
    expect(await prisma.qbTransaction.findUniqueOrThrow({ where: { companyId_txnType_txnId: { companyId, txnType: 'Bill', txnId: 'BILL-2' } } })).toMatchObject(
      { needsPush: false, pushErrorCode: null, pushErrorMessage: null },
    );
  });

  it('a 429 with Retry-After 120 s on a create stops the push (nothing marked failed) and the job comes back no sooner than 120 s later', async () => {
    const prisma = testDb.database.prisma;
    await prisma.qbTransaction.create({
      data: {
        companyId,
        txnType: 'BillPaymentCheck',
        txnId: 'PAY-2',
        editSequence: '1',
        txnDate: '2026-11-21',
        refNumber: '5002',
        payeeListId: 'V-1',
        amountCents: 10_000n,
        qbModifiedAt: '2026-11-21T10:00:00+00:00',
        data: { payeeName: 'Sub', applied: [{ billTxnId: 'BILL-1', amountCents: 10_000 }] },
        needsPush: true,
        fetchedAt: new Date(),
      },
    });
    const originId = 'qb:BillPaymentCheck:PAY-2:BILL-1';
    let t = Date.UTC(2026, 11, 6, 12, 0, 0);
    const now = () => new Date(t);
    // As the connector's service does: a Retry-After longer than a job may wait is not slept through.
    const patient = createProcoreClient({
      apiBaseUrl: client.apiBaseUrl,
      companyId: simulator.companyId,
      getAccessToken: async () => simulator.issueTokens().access_token,
      maxRetryWaitMs: 60_000,
      maxRateLimitWaitMs: 60_000,
    });
    const imports = createImportService({ db: testDb.database, clientFor: async () => patient });
    const runner = createJobRunner({ db: testDb.database, handlers: imports.jobHandlers, now, retryBaseMs: 1_000, retryMaxMs: 5_000 });
    const job = await enqueueJob(prisma, { companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB, runAt: now() });
    simulator.faults.failNext(1, { status: 429, retryAfterSeconds: 120, path: /\/contract_payments$/ });
    expect(await runner.drain({ companyId })).toBe(1);

    expect(simulator.store.contractPayments.list(pick.projectId).filter((p) => p.origin_id === originId)).toHaveLength(0);
    const row = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: 'queued', errorCode: 'PROCORE_UNAVAILABLE' });
    expect(row.runAt.getTime() - t).toBeGreaterThanOrEqual(120_000);
    expect(
      await prisma.qbTransaction.findUniqueOrThrow({ where: { companyId_txnType_txnId: { companyId, txnType: 'BillPaymentCheck', txnId: 'PAY-2' } } }),
    ).toMatchObject({ needsPush: true, pushErrorCode: null });

    t += 60_000;
    expect(await runner.drain({ companyId })).toBe(0);
    t += 61_000;
    expect(await runner.drain({ companyId })).toBe(1);
    expect(simulator.store.contractPayments.list(pick.projectId).filter((p) => p.origin_id === originId)).toHaveLength(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'done', attempts: 2 });
  });
});
