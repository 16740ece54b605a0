import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { startQboExportSetup, type QboExportSetup } from './support/qbo-export-setup.ts';

// The owner side on QuickBooks Online (issues 21 and 22): a prime contract becomes the job's estimate, approved owner
// invoices become QuickBooks Online invoices on the job — a line per schedule-of-values line billed, one negative line
// on the Retainage Receivable item for the retainage withheld, and the retainage released on an invoice of its own —
// through the same workflow and delivery as the cost side. Real server, Procore simulator, qbo-simulator; PGlite and
// PostgreSQL.

const kinds = await databaseKinds();
const REALM = '9341453050310001';

describe.each(kinds)('owner side to QuickBooks Online (%s)', (kind) => {
  let online: QboExportSetup;

  beforeAll(async () => {
    online = await startQboExportSetup(kind, [REALM]);
    await online.useRealm(REALM);
  }, 120_000);
  afterAll(async () => online?.close());

  it('a prime contract and two owner invoices (retainage withheld, then released) export once: estimate and invoices checked line by line', async () => {
    const { setup, companyId } = online;
    const db = setup.testDb.database;
    const store = setup.simulator.store;
    const project = store.projects
      .list(setup.simulator.companyId)
      .find((p) => store.costCodes.list(p.id).filter((c) => c.standard_cost_code_id !== null).length >= 2)!;
    const codes = store.costCodes.list(project.id).filter((c) => c.standard_cost_code_id !== null);

    // The Retainage Receivable item the accountant made in QuickBooks Online, and the owner-side settings.
    const receivable = online.named('Account', 'Retainage Receivable');
    const retainageItem = online.store().create('Item', { Name: 'Retainage Receivable', Type: 'Service', IncomeAccountRef: { value: receivable.Id } });
    const saved = await online.api('PATCH', '/settings', {
      retainageReceivableItem: { listId: retainageItem.Id, fullName: 'Retainage Receivable' },
      ownerInvoiceLineItem: 'cost_code',
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const contract = setup.simulator.edit.addPrimeContract(setup.simulator.companyId, project.id, {
      title: 'Owner contract',
      owner_name: 'Harbor Point Development',
      retainage_percent: 10,
      line_items: [
        { cost_code_id: codes[0]!.id, amount: 300_000, description: 'Sitework and concrete' },
        { cost_code_id: codes[1]!.id, amount: 200_000, description: 'Structural steel' },
      ],
    });
    const invoice = (n: number, lines: Array<Record<string, number>>) =>
      setup.simulator.edit.addPaymentApplication(setup.simulator.companyId, project.id, {
        contract_id: contract.id,
        status: 'approved',
        invoice_number: `OI-${n}`,
        billing_date: `2026-0${n}-28`,
        period_start: `2026-0${n}-01`,
        period_end: `2026-0${n}-28`,
        lines: lines.map((l, i) => ({ prime_contract_line_item_id: contract.line_items[i]!.id, work_completed_this_period: 0, ...l })),
      });
    const withheld = invoice(1, [{ work_completed_this_period: 100_000, materials_presently_stored: 20_000 }, { work_completed_this_period: 50_000 }]);
    const releasing = invoice(2, [
      { work_completed_this_period: 20_000, work_completed_retainage_retained_this_period: 2_000, work_completed_retainage_released_this_period: 10_000 },
      { work_completed_retainage_released_this_period: 5_000 },
    ]);
    expect((await online.api('POST', '/procore/reconcile', { full: true })).statusCode).toBeLessThan(300);
    await setup.app.jobRunner.drain();

    for (const [type, ids] of [
      ['prime_contract', [contract.id]],
      ['owner_invoice', [withheld.id, releasing.id]],
    ] as const) {
      const procoreIds = ids.map(String);
      const sent = await online.api('POST', `/exports/${type}/send`, { procoreIds });
      expect(sent.statusCode, sent.body).toBe(200);
      const approved = await online.api('POST', `/exports/${type}/approve`, { procoreIds });
      expect(approved.statusCode, approved.body).toBe(200);
    }
    await setup.app.jobRunner.drain();
    const rows = await db.prisma.exportRecord.findMany({ where: { companyId } });
    expect(rows.filter((r) => r.status !== 'synced').map((r) => [r.recordType, r.procoreId, r.status, r.errorCode, r.errorMessage])).toEqual([]);

    const qbo = online.store();
    const job = await db.prisma.recordLink.findFirstOrThrow({ where: { companyId, procoreType: 'project', procoreId: String(project.id) } });
    type SalesLine = { Amount: number; Description?: string; SalesItemLineDetail?: { ItemRef: { value: string } } };
    const linesOf = (record: Record<string, unknown>) => (record.Line as SalesLine[]).filter((l) => l.SalesItemLineDetail);
    const cents = (n: number) => Math.round(n * 100);
    // The prime contract: the job's estimate, its lines the schedule of values.
    const estimates = qbo.list('Estimate');
    expect(estimates).toHaveLength(1);
    expect((estimates[0]!.CustomerRef as { value: string }).value).toBe(job.qbId);
    expect(linesOf(estimates[0]!).reduce((sum, l) => sum + cents(l.Amount), 0)).toBe(cents(500_000));
    // The owner invoices: net of retainage withheld (one negative line on the Retainage Receivable item), the release on an invoice of its own.
    const invoices = qbo.list('Invoice');
    const numbered = (doc: string) => invoices.filter((i) => i.DocNumber === doc);
    expect(invoices.map((i) => String(i.DocNumber)).sort()).toEqual(['OI-1', 'OI-2', 'OI-2R']);
    for (const i of invoices) expect((i.CustomerRef as { value: string }).value).toBe(job.qbId);
    const first = linesOf(numbered('OI-1')[0]!);
    const retainageLines = first.filter((l) => l.SalesItemLineDetail!.ItemRef.value === retainageItem.Id);
    expect(retainageLines.map((l) => cents(l.Amount))).toEqual([cents(-17_000)]);
    expect(first.reduce((sum, l) => sum + cents(l.Amount), 0)).toBe(cents(153_000));
    const release = linesOf(numbered('OI-2R')[0]!);
    expect(release.reduce((sum, l) => sum + cents(l.Amount), 0)).toBe(cents(15_000));

    // Approving again writes nothing twice.
    const before = online.sim.stats().requests;
    const again = await online.api('POST', '/exports/owner_invoice/approve', { procoreIds: [String(withheld.id), String(releasing.id)] });
    expect(again.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['already', 'already']);
    await setup.app.jobRunner.drain();
    expect(online.sim.stats().requests).toBe(before);
  });
});
