import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompanyFile, QuickBooksSimulator, type CompanyFile, type Estimate } from '@connector/qb-simulator';
import { parseQwcFile, runWebConnectorSession, type SessionOptions, type SessionReport } from '@connector/qbwc-client';
import { buildCompanyQwc, createCompany, setQbwcCredentials } from '@connector/sync';
import { computePrimeContractTotals } from '@connector/procore-simulator';
import { validateQbxmlBatch } from '@connector/qbxml/testing';
import { startProcoreTestSetup, type ProcoreTestSetup } from './support/procore-test-setup.ts';
import { signInAs, type AuthHeaders } from './support/sign-in.ts';

// The job's contract value (issue 21): an approved Procore prime contract becomes ONE QuickBooks estimate for the
// project's Customer:Job (memo "Procore prime contract #<n>: contract value", a line per schedule-of-values line on the
// cost code's item), and each approved prime contract change order adds its lines to that estimate (EstimateMod, one at
// a time, each on the EditSequence the previous one returned) — on the cost side's workflow (send → approve →
// export.prepare reads Procore again → queued → Web Connector → synced). Real server, Procore simulator, Web Connector
// client, QuickBooks simulator; PGlite and PostgreSQL. Every EstimateAdd/EstimateMod message the Web Connector carried
// is validated against the qbXML 13.0 XSD after the tests (as packages/mapping map-prime-contract.test.ts does for the
// mapping's requests).
/** Several Web Connector sessions on a busy 2-core machine: a limit, not a measurement. */
const LONG = 600_000;

describe.each(await databaseKinds())('prime contract and its change orders to the job contract value estimate (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  let companyId: string;
  let qbwc: { username: string; password: string };
  let company: CompanyFile;
  let quickbooks: QuickBooksSimulator;
  let auth: AuthHeaders;
  let scenario = 0;
  let qbwcSkewMs = 0;
  let pick: { projectId: number; costCodes: [number, number] };

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind, {
      env: { QBWC_BATCH_SIZE: '10', QBWC_SESSION_IDLE_SECONDS: '1' },
      app: { qbwcClock: () => new Date(Date.now() + qbwcSkewMs) },
    });
    const db = setup.testDb.database;
    companyId = (await createCompany(db, { procoreCompanyId: String(setup.simulator.companyId), name: 'Contract GC', actor: 'test' })).id;
    const credentials = await setQbwcCredentials(db, { companyId, actor: 'test' });
    qbwc = { username: credentials.connection.username, password: credentials.password };
    auth = await signInAs(setup, { companyId, roles: ['admin', 'project_manager', 'accountant'] });
    expect((await setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/service-account`, headers: auth })).statusCode).toBe(200);
    pick = choose(setup);
  }, 120_000);
  /** Every request message carrying an EstimateAdd or EstimateMod, as the Web Connector handed it to QuickBooks. */
  const estimateMessages: string[] = [];
  afterAll(async () => {
    await setup?.close();
    expect(estimateMessages.some((xml) => xml.includes('<EstimateAddRq'))).toBe(true);
    expect(estimateMessages.some((xml) => xml.includes('<EstimateModRq'))).toBe(true);
    const results = await validateQbxmlBatch(estimateMessages);
    expect(results.flatMap((r, i) => (r.valid ? [] : [`${r.errors.join(' | ')}\n${estimateMessages[i]}`]))).toEqual([]);
  });

  beforeEach(async () => {
    scenario += 1;
    const db = setup.testDb.database;
    for (const table of ['exportRecord', 'recordLink', 'queuedRequest', 'qbwcMessage', 'qbwcSession'] as const) {
      await (db.prisma[table] as { deleteMany(args: object): Promise<unknown> }).deleteMany({ where: { companyId } });
    }
    await db.prisma.job.deleteMany({ where: { companyId, kind: { startsWith: 'export.' } } });
    await db.prisma.qbwcConnection.update({ where: { companyId }, data: { boundFileId: null, boundCompanyFile: null, boundCompanyName: null, boundAt: null } });
    company = createCompanyFile({ companyName: `Contract Builders ${scenario}` });
    quickbooks = new QuickBooksSimulator({ company });
    const { xml } = await buildCompanyQwc(db, companyId, { publicUrl: setup.publicUrl, ownerId: setup.config.qbwc.ownerId, appName: 'Test' });
    const qwc = parseQwcFile(xml);
    quickbooks.ensureFileId(qwc.ownerId, qwc.fileId);
    // Cost code items are two-sided (income for the estimate, expense for commitments); one item per cost code line.
    const income = company.accounts.find((a) => a.name === 'Subcontracted Labor')!;
    const expense = company.accounts.find((a) => a.name === 'Subcontractors')!;
    const saved = await api('PATCH', '/settings', {
      itemIncomeAccount: { listId: income.listId, fullName: 'Construction:Subcontracted Labor' },
      itemExpenseAccount: { listId: expense.listId, fullName: 'Job Expenses:Subcontractors' },
      ownerInvoiceLineItem: 'cost_code',
      approvalRequired: true,
      itemNameRule: 'abbreviate',
    });
    expect(saved.statusCode, saved.body).toBe(200);
  }, 120_000);

  const db = () => setup.testDb.database;
  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) =>
    setup.app.inject({ method, url: `/api/companies/${companyId}${path}`, headers: auth, ...(payload ? { payload } : {}) });
  /** The simulator, with the estimate messages it is asked to process kept for the XSD check. */
  const processor = () =>
    new Proxy(quickbooks, {
      get(target, prop) {
        if (prop === 'processRequest') {
          return (xml: string) => {
            if (/<Estimate(Add|Mod)Rq/.test(xml)) estimateMessages.push(xml);
            return target.processRequest(xml);
          };
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const session = (options: Partial<SessionOptions> = {}): Promise<SessionReport> =>
    runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...qbwc, processor: processor(), noOpDelayMs: 10, ...options });
  const cents = (amount: number) => Math.round(amount * 100);

  async function runUntilIdle(max = 10) {
    for (let i = 0; i < max; i++) {
      const report = await session();
      await setup.app.jobRunner.drain();
      if (report.outcome === 'no-work') return;
      expect(report.outcome, report.lastError ?? report.statusLine).toBe('completed');
    }
    throw new Error(`still work after ${max} sessions`);
  }

  async function refreshFromProcore() {
    const reconciled = await api('POST', '/procore/reconcile', { full: true });
    expect(reconciled.statusCode, reconciled.body).toBeLessThan(300);
    await setup.app.jobRunner.drain();
  }

  /** A prime contract of two SOV lines on the picked project's cost codes. */
  function primeContract(n = 1, status: 'Approved' | 'Draft' = 'Approved') {
    return setup.simulator.edit.addPrimeContract(setup.simulator.companyId, pick.projectId, {
      title: `Owner contract ${scenario}-${n}`,
      number: `PC${scenario}-${n}`,
      status,
      owner_name: 'Harbor Point Development',
      line_items: [
        { cost_code_id: pick.costCodes[0], amount: 300_000, description: 'Sitework and concrete' },
        { cost_code_id: pick.costCodes[1], amount: 200_000, description: 'Structural steel' },
      ],
    });
  }

  type Contract = ReturnType<typeof primeContract>;
  function changeOrder(contract: Contract, number: string, lines: Array<{ amount: number; sov?: 0 | 1; description?: string }>, status = 'approved') {
    return setup.simulator.edit.addPrimeChangeOrder(setup.simulator.companyId, pick.projectId, {
      contract_id: contract.id,
      number,
      title: `Change ${number}`,
      status: status as never,
      line_items: lines.map((l) =>
        l.sov === undefined
          ? { amount: l.amount, cost_code_id: pick.costCodes[0], ...(l.description ? { description: l.description } : {}) }
          : { amount: l.amount, prime_contract_line_item_id: contract.line_items[l.sov]!.id, ...(l.description ? { description: l.description } : {}) },
      ),
    });
  }

  async function act(recordType: 'prime_contract' | 'prime_change_order', action: 'send' | 'approve', ids: number[]) {
    const answer = await api('POST', `/exports/${recordType}/${action}`, { procoreIds: ids.map(String) });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json().results as Array<{ procoreId: string; outcome: string; status: string; code: string | null; message: string }>;
  }

  /** Sent and approved, each type in ONE bulk action. */
  async function sendAndApprove(recordType: 'prime_contract' | 'prime_change_order', ids: number[]) {
    const sent = await act(recordType, 'send', ids);
    expect(
      sent.map((r) => r.outcome),
      JSON.stringify(sent),
    ).toEqual(ids.map(() => 'applied'));
    const approved = await act(recordType, 'approve', ids);
    expect(
      approved.map((r) => r.status),
      JSON.stringify(approved),
    ).toEqual(ids.map(() => 'approved'));
    await setup.app.jobRunner.drain();
  }

  const link = (procoreType: string, procoreId: number | string) =>
    db().prisma.recordLink.findFirst({ where: { companyId, procoreType, procoreId: String(procoreId) } });
  const rowOf = (recordType: string, id: number) => db().prisma.exportRecord.findFirst({ where: { companyId, recordType, procoreId: String(id) } });

  async function itemOf(projectCostCodeId: number): Promise<string> {
    const standard = setup.simulator.store.costCodes.get(projectCostCodeId)!.standard_cost_code_id!;
    return (await link('cost_code', standard))!.qbId;
  }

  /** The estimates QuickBooks holds for the project's job. */
  async function estimatesOfJob(): Promise<Estimate[]> {
    const job = (await link('project', pick.projectId))!;
    return company.estimates.filter((e) => e.customerId === job.qbId);
  }

  /** Procore's revised contract value (grand total + approved change orders), in cents. */
  function revisedCents(contract: Contract): number {
    return cents(computePrimeContractTotals(setup.simulator.store, setup.simulator.store.primeContracts.get(contract.id)!).revised_contract_amount);
  }

  it(
    'a prime contract and two approved change orders (approved in one bulk action) become ONE estimate for the job: the contract lines plus both change orders, totalling the revised contract value',
    async () => {
      const contract = primeContract();
      const first = changeOrder(contract, '001', [
        { amount: 25_000, sov: 0, description: 'Stone lobby floor' },
        { amount: 10_000, sov: 1 },
      ]);
      const second = changeOrder(contract, '002', [{ amount: -5_000, sov: 1, description: 'Deleted canopy' }]);
      const pending = changeOrder(contract, '003', [{ amount: 7_000, sov: 0 }], 'pending');
      const draftContract = primeContract(2, 'Draft');
      await refreshFromProcore();

      // Listed with their reasons: the draft contract and the pending change order cannot be sent.
      const contracts = (await api('GET', `/exports/prime_contract?project=${pick.projectId}`)).json().items as Array<{
        procoreId: string;
        title: string;
        notReady: { message: string } | null;
        amount: string | null;
      }>;
      const listed = contracts.find((c) => c.procoreId === String(contract.id))!;
      // The project is the list's own column: the title is the contract's number and title.
      expect(listed.title).toBe(`Prime contract #PC${scenario}-1 Owner contract ${scenario}-1`);
      expect([listed.notReady, listed.amount]).toEqual([null, '500000.00']);
      expect(contracts.find((c) => c.procoreId === String(draftContract.id))!.notReady?.message).toContain('status Draft');
      const changes = (await api('GET', `/exports/prime_change_order?project=${pick.projectId}`)).json().items as Array<{
        procoreId: string;
        title: string;
        notReady: { message: string } | null;
        commitment: { procoreId: string } | null;
      }>;
      expect(changes.find((c) => c.procoreId === String(first.id))).toMatchObject({
        title: 'PCCO #001 Change 001',
        notReady: null,
        commitment: { procoreId: String(contract.id) },
      });
      expect(changes.find((c) => c.procoreId === String(pending.id))!.notReady?.message).toContain('Not approved in Procore');
      expect((await act('prime_change_order', 'send', [pending.id])).map((r) => [r.outcome, r.code])).toEqual([['refused', 'NOT_APPROVED_IN_PROCORE']]);
      expect((await act('prime_contract', 'send', [draftContract.id])).map((r) => [r.outcome, r.code])).toEqual([['refused', 'NOT_APPROVED_IN_PROCORE']]);

      // The preview before approval: the job to be made, the memo that says what this estimate is.
      const preview = await api('GET', `/exports/prime_contract/${contract.id}/preview`);
      expect(preview.statusCode, preview.body).toBe(200);
      const fields = new Map(preview.json().fields.map((f: { field: string; value: string }) => [f.field, f.value]));
      expect(fields.get('Customer:Job')).toMatch(/^\(new\) /);
      expect(fields.get('Memo')).toBe(`Procore prime contract #PC${scenario}-1: contract value`);
      expect(fields.get('Contract value')).toBe('500,000.00');

      await sendAndApprove('prime_contract', [contract.id]);
      await sendAndApprove('prime_change_order', [first.id, second.id]);
      await runUntilIdle();

      // Everything approved is synced (the refused sends above left their rows not_synced, nothing else).
      const rows = await db().prisma.exportRecord.findMany({ where: { companyId, status: { not: 'not_synced' } } });
      expect(rows.filter((r) => r.status !== 'synced').map((r) => [r.recordType, r.procoreId, r.status, r.errorCode, r.errorMessage])).toEqual([]);
      expect((await api('GET', '/exports/exceptions')).json().total).toBe(0);

      const [concrete, steel] = [await itemOf(pick.costCodes[0]), await itemOf(pick.costCodes[1])];
      const estimates = await estimatesOfJob();
      expect(estimates).toHaveLength(1);
      const estimate = estimates[0]!;
      expect([estimate.refNumber, estimate.memo]).toEqual([`PC${scenario}-1`, `Procore prime contract #PC${scenario}-1: contract value`]);
      // The change orders' lines in Procore number order (approved together, they go by number), after the contract's.
      expect(estimate.lines.map((l) => [l.itemId, l.amount, l.desc])).toEqual([
        [concrete, cents(300_000), 'Sitework and concrete'],
        [steel, cents(200_000), 'Structural steel'],
        [concrete, cents(25_000), 'PCCO #001: Change 001 — Stone lobby floor'],
        // No description of its own: the simulator gives a line on an SOV line that line's description.
        [steel, cents(10_000), 'PCCO #001: Change 001 — Structural steel'],
        [steel, -cents(5_000), 'PCCO #002: Change 002 — Deleted canopy'],
      ]);
      const total = estimate.lines.reduce((sum, l) => sum + l.amount, 0);
      expect(total).toBe(revisedCents(contract));
      expect(total).toBe(cents(530_000));

      // The link: prime contract → this estimate, on QuickBooks' latest EditSequence and every line.
      const contractLink = (await link('prime_contract', contract.id))!;
      expect([contractLink.qbType, contractLink.qbId, contractLink.editSequence]).toEqual(['Estimate', estimate.txnId, estimate.editSequence]);
      expect((contractLink.lines as unknown[]).length).toBe(5);
      for (const co of [first, second]) expect((await rowOf('prime_change_order', co.id))!.qbId).toBe(estimate.txnId);

      // Sending again and another session write nothing twice.
      expect((await act('prime_change_order', 'send', [first.id, second.id])).map((r) => r.outcome)).toEqual(['already', 'already']);
      expect((await act('prime_contract', 'send', [contract.id])).map((r) => r.outcome)).toEqual(['already']);
      expect((await session()).outcome).toBe('no-work');
      expect(company.estimates).toHaveLength(1);
      expect(company.estimates[0]!.lines).toHaveLength(5);

      // A third change order approved later in Procore lands on the same estimate, on top.
      setup.simulator.edit.approvePrimeChangeOrder(setup.simulator.companyId, pending.id);
      await refreshFromProcore();
      await sendAndApprove('prime_change_order', [pending.id]);
      await runUntilIdle();
      expect(company.estimates).toHaveLength(1);
      expect(company.estimates[0]!.lines.map((l) => l.amount)).toEqual([
        cents(300_000),
        cents(200_000),
        cents(25_000),
        cents(10_000),
        -cents(5_000),
        cents(7_000),
      ]);
      expect(company.estimates[0]!.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(revisedCents(contract));
    },
    LONG,
  );

  it(
    'change orders approved before their prime contract wait in the exception queue and go by themselves once it is approved',
    async () => {
      const contract = primeContract();
      const co = changeOrder(contract, '001', [{ amount: 12_000, sov: 0 }]);
      await refreshFromProcore();
      await sendAndApprove('prime_change_order', [co.id]);
      await runUntilIdle();
      const waiting = (await rowOf('prime_change_order', co.id))!;
      expect([waiting.status, waiting.errorCode]).toEqual(['failed', 'PRIME_CONTRACT_NOT_APPROVED']);
      expect(waiting.errorMessage).toContain('approve that prime contract for export');
      expect(company.estimates).toHaveLength(0);

      await sendAndApprove('prime_contract', [contract.id]);
      await runUntilIdle();
      for (const [type, id] of [
        ['prime_contract', contract.id],
        ['prime_change_order', co.id],
      ] as const) {
        const row = (await rowOf(type, id))!;
        expect([type, row.status, row.errorCode]).toEqual([type, 'synced', null]);
      }
      const estimates = await estimatesOfJob();
      expect(estimates).toHaveLength(1);
      expect(estimates[0]!.lines.map((l) => l.amount)).toEqual([cents(300_000), cents(200_000), cents(12_000)]);
    },
    LONG,
  );

  it(
    "the estimate edited in QuickBooks: the change order's EstimateMod gets 3200, the exception shows the field; keeping QuickBooks' version needs a confirmation, re-sending adds it on top of their edit",
    async () => {
      const contract = primeContract();
      const co = changeOrder(contract, '001', [{ amount: 9_000, sov: 0 }]);
      await refreshFromProcore();
      await sendAndApprove('prime_contract', [contract.id]);
      await runUntilIdle();
      // Someone in QuickBooks changes the amount of the contract's first line (a field the connector wrote).
      const estimate = (await estimatesOfJob())[0]!;
      quickbooks.modifyTransactionLine(estimate.txnId, estimate.lines[0]!.txnLineId, { amountCents: cents(310_000) });

      await sendAndApprove('prime_change_order', [co.id]);
      await runUntilIdle();
      const row = (await rowOf('prime_change_order', co.id))!;
      expect(row).toMatchObject({ status: 'failed', errorCode: 'QB_CHANGED_IN_QUICKBOOKS', qbStatusCode: 3200 });
      const listed = (await api('GET', '/exports/exceptions')).json().items as Array<{
        procoreId: string;
        fieldDifferences: Array<{ field: string; ours: string | null; theirs: string | null }> | null;
        actions: string[];
      }>;
      const exception = listed.find((e) => e.procoreId === String(co.id))!;
      expect(
        exception.fieldDifferences?.some((d) => /310,?000/.test(d.theirs ?? '') && /300,?000/.test(d.ours ?? '')),
        JSON.stringify(exception),
      ).toBe(true);
      expect(exception.actions).toEqual(expect.arrayContaining(['keep_quickbooks', 'resend_ours']));
      // Nothing was written over their edit.
      expect(company.estimates[0]!.lines.map((l) => l.amount)).toEqual([cents(310_000), cents(200_000)]);

      const unconfirmed = await api('POST', `/exports/prime_change_order/${co.id}/resolve`, { resolution: 'keep_quickbooks' });
      expect(unconfirmed.statusCode, unconfirmed.body).toBe(409);
      expect(unconfirmed.json()).toMatchObject({ code: 'CONFIRMATION_REQUIRED', message: expect.stringContaining('not in QuickBooks') });
      const resent = await api('POST', `/exports/prime_change_order/${co.id}/resolve`, { resolution: 'resend_ours' });
      expect(resent.statusCode, resent.body).toBe(200);
      await setup.app.jobRunner.drain();
      await runUntilIdle();
      expect((await rowOf('prime_change_order', co.id))!.status).toBe('synced');
      expect(company.estimates).toHaveLength(1);
      expect(company.estimates[0]!.lines.map((l) => l.amount)).toEqual([cents(310_000), cents(200_000), cents(9_000)]);
    },
    LONG,
  );

  it(
    'a project whose prime change order list Procore refuses (3-tier change orders) keeps its copies: the rest is read, nothing marked deleted, the change order still exports',
    async () => {
      const contract = primeContract();
      const co = changeOrder(contract, '001', [{ amount: 3_000, sov: 1 }]);
      await refreshFromProcore();
      const copy = () => db().prisma.procoreRecord.findFirst({ where: { companyId, resourceType: 'prime_change_order', procoreId: String(co.id) } });
      expect((await copy())?.deletedAt).toBeNull();
      // The next full reconciliation: the list is refused for this project (422); a new owner invoice is still read.
      const later = setup.simulator.edit.addPaymentApplication(setup.simulator.companyId, pick.projectId, {
        contract_id: contract.id,
        status: 'approved',
        invoice_number: `R${scenario}`,
        lines: [{ prime_contract_line_item_id: contract.line_items[0]!.id, work_completed_this_period: 1_000 }],
      });
      setup.simulator.faults.failNext(1, {
        status: 422,
        path: new RegExp(`projects/${pick.projectId}/prime_change_orders`),
        body: { errors: 'only 1 and 2 tier' },
      });
      await refreshFromProcore();
      const job = await db().prisma.job.findFirstOrThrow({ where: { companyId, kind: 'procore.reconcile' }, orderBy: { createdAt: 'desc' } });
      expect(job.status).toBe('done');
      expect((await copy())?.deletedAt).toBeNull();
      expect(
        await db().prisma.procoreRecord.count({ where: { companyId, resourceType: 'payment_application', procoreId: String(later.id), deletedAt: null } }),
      ).toBe(1);
      await sendAndApprove('prime_contract', [contract.id]);
      await sendAndApprove('prime_change_order', [co.id]);
      await runUntilIdle();
      expect((await rowOf('prime_change_order', co.id))!.status).toBe('synced');
      expect((await estimatesOfJob())[0]!.lines.map((l) => l.amount)).toEqual([cents(300_000), cents(200_000), cents(3_000)]);
    },
    LONG,
  );

  it(
    'a write answer lost (the EstimateAdd, then a change order EstimateMod) is recovered: one estimate, each line once',
    async () => {
      const warmUp = primeContract(1);
      const contract = primeContract(2);
      const a = changeOrder(contract, '001', [{ amount: 4_000, sov: 0 }]);
      const b = changeOrder(contract, '002', [{ amount: 6_000, sov: 1 }]);
      await refreshFromProcore();
      // The job and both items go to QuickBooks with the first contract.
      await sendAndApprove('prime_contract', [warmUp.id]);
      await runUntilIdle();
      expect((await rowOf('prime_contract', warmUp.id))!.status).toBe('synced');

      // The next session's first write is the EstimateAdd of the second contract: QuickBooks writes it, the answer is lost.
      await sendAndApprove('prime_contract', [contract.id]);
      const lostAdd = await session({ loseWriteResponse: 1 });
      expect(lostAdd.outcome).not.toBe('completed');
      qbwcSkewMs += 2_000;
      await runUntilIdle();
      // Then the first change order's EstimateMod: written, its answer lost.
      await sendAndApprove('prime_change_order', [a.id, b.id]);
      const lostMod = await session({ loseWriteResponse: 1 });
      expect(lostMod.outcome).not.toBe('completed');
      qbwcSkewMs += 2_000;
      await runUntilIdle();

      for (const [type, id] of [
        ['prime_contract', warmUp.id],
        ['prime_contract', contract.id],
        ['prime_change_order', a.id],
        ['prime_change_order', b.id],
      ] as const) {
        const row = (await rowOf(type, id))!;
        expect([type, id, row.status, row.errorCode, row.errorMessage]).toEqual([type, id, 'synced', null, null]);
      }
      expect(company.estimates).toHaveLength(2);
      const estimate = company.estimates.find((e) => e.refNumber === `PC${scenario}-2`)!;
      expect(estimate.lines.map((l) => l.amount)).toEqual([cents(300_000), cents(200_000), cents(4_000), cents(6_000)]);
      expect(estimate.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(revisedCents(contract));
      const links = await db().prisma.recordLink.findMany({ where: { companyId, qbType: 'Estimate' } });
      expect(links.map((l) => l.procoreId).sort()).toEqual([String(warmUp.id), String(contract.id)].sort());
      expect(new Set(links.map((l) => l.qbId)).size).toBe(2);
    },
    LONG,
  );
});

/** A project whose first two cost codes come from the company's standard list (each becomes a QuickBooks item). */
function choose(setup: ProcoreTestSetup): { projectId: number; costCodes: [number, number] } {
  const store = setup.simulator.store;
  for (const project of store.projects.list(setup.simulator.companyId)) {
    const codes = store.costCodes.list(project.id).filter((c) => c.standard_cost_code_id !== null);
    if (codes.length >= 2) return { projectId: project.id, costCodes: [codes[0]!.id, codes[1]!.id] };
  }
  throw new Error('the seed has no project with two standard cost codes');
}
