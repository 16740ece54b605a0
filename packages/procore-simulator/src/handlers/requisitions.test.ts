import { afterEach, describe, expect, it } from 'vitest';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';
import { startWebhookReceiver } from '../test-support/start-webhook-receiver.ts';
import { computeBudgetRows } from '../model/compute-budget-rows.ts';
import { computeCommitmentTotals } from '../model/compute-commitment-totals.ts';
import { percentOf, toCents } from '../model/money.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

interface RequisitionJson {
  id: number;
  status: string;
  commitment_id: number;
  erp_locked: boolean;
  erp_status: string | null;
  origin_id: string | null;
  origin_data: string | null;
  summary: Record<string, string>;
  items: Record<string, string | number>[];
}

const cents = (s: string | number | undefined) => Math.round(Number(s) * 100);

function projectWithRequisitions(t: TestSimulator) {
  const project = t.sim.store.projects.list(t.companyId).find((p) => t.sim.store.requisitions.list(p.id).length >= 2);
  if (!project) throw new Error('no project with requisitions');
  return project;
}

describe('requisitions (v1.1)', () => {
  it('list filters by commitment and status; amounts are consistent 2-decimal strings', async () => {
    t = await startTestSimulator();
    const project = projectWithRequisitions(t);
    const all = (await (await t.api(`/rest/v1.1/requisitions?project_id=${project.id}`)).json()) as RequisitionJson[];
    expect(all.length).toBe(t.sim.store.requisitions.list(project.id).length);
    const commitmentId = all[0]?.commitment_id;
    const byCommitment = (await (
      await t.api(`/rest/v1.1/requisitions?project_id=${project.id}&filters[commitment_id]=${commitmentId}`)
    ).json()) as RequisitionJson[];
    expect(byCommitment.length).toBeGreaterThan(0);
    expect(byCommitment.every((r) => r.commitment_id === commitmentId)).toBe(true);
    const approved = (await (await t.api(`/rest/v1.1/requisitions?project_id=${project.id}&filters[status]=approved`)).json()) as RequisitionJson[];
    expect(approved.every((r) => r.status === 'approved')).toBe(true);
    expect(approved.length).toBe(all.filter((r) => r.status === 'approved').length);

    for (const r of all) {
      let work = 0;
      let retained = 0;
      for (const item of r.items) {
        expect(String(item['work_completed_this_period'])).toMatch(/^-?\d+\.\d{2}$/);
        const w = cents(item['work_completed_this_period']);
        const ret = cents(item['work_completed_retainage_retained_this_period']);
        expect(ret).toBe(Math.round((w * Number(item['work_completed_retainage_percent_this_period'])) / 100));
        work += w;
        retained += ret;
      }
      expect(cents(r.summary['current_payment_due'])).toBe(work - retained);
      expect(cents(r.summary['total_earned_less_retainage'])).toBe(
        cents(r.summary['total_completed_and_stored_to_date']) - cents(r.summary['total_retainage']),
      );
      expect(cents(r.summary['less_previous_certificates_for_payment']) + cents(r.summary['current_payment_due'])).toBe(
        cents(r.summary['total_earned_less_retainage']),
      );
    }
    // Payments on approved requisitions match what they said was due.
    const payments = (await (await t.api(`/rest/v1.0/projects/${project.id}/contract_payments`)).json()) as { requisition_id: number; amount: string }[];
    for (const p of payments) {
      const r = all.find((x) => x.id === p.requisition_id);
      expect(p.amount).toBe(r?.summary['current_payment_due']);
    }
  });

  it('PATCH writes origin_id, origin_data and erp_status (webhook echo carries the app id); erp_locked refuses other edits', async () => {
    t = await startTestSimulator();
    const project = projectWithRequisitions(t);
    const [first, second] = t.sim.store.requisitions.list(project.id);
    if (!first || !second) throw new Error('need two requisitions');
    const path = (id: number) => `/rest/v1.1/requisitions/${id}?project_id=${project.id}`;
    t.clock.advance(1000);
    const res = await t.api(path(first.id), {
      method: 'PATCH',
      json: { requisition: { origin_id: 'BILL-1', origin_data: 'EditSequence=1', erp_status: 'synced' } },
    });
    expect(res.status).toBe(200);
    const json = (await res.json()) as RequisitionJson & { updated_at: string };
    expect(json).toMatchObject({
      origin_id: 'BILL-1',
      origin_data: 'EditSequence=1',
      erp_status: 'synced',
      erp_locked: true,
      updated_at: new Date(t.clock.ms).toISOString(),
    });

    const locked = await t.api(path(first.id), { method: 'PATCH', json: { requisition: { invoice_number: 'CHANGED' } } });
    expect(locked.status).toBe(422);
    expect(await locked.json()).toMatchObject({ errors: { base: [expect.stringContaining('locked')] } });
    expect((await t.api(path(first.id), { method: 'PATCH', json: { requisition: { origin_data: 'EditSequence=2' } } })).status).toBe(200);

    const dup = await t.api(path(second.id), { method: 'PATCH', json: { requisition: { origin_id: 'BILL-1' } } });
    expect(dup.status).toBe(422);
    expect(await dup.json()).toEqual({ errors: { origin_id: ['has already been taken'] } });

    t.sim.edit.setRequisitionErpLocked(t.companyId, second.id, true);
    expect((await t.api(path(second.id), { method: 'PATCH', json: { requisition: { status: 'approved' } } })).status).toBe(422);
    expect((await t.api(path(second.id), { method: 'PATCH', json: {} })).status).toBe(400);
  });

  it('sim.edit.createRequisition bills the next period on top of earlier invoices', async () => {
    t = await startTestSimulator();
    const project = projectWithRequisitions(t);
    const commitmentId = t.sim.store.requisitions.list(project.id)[0]?.commitment_id ?? 0;
    const lines = t.sim.store.commitmentLineItems.list(commitmentId);
    const before = t.sim.store.requisitions.list(project.id).filter((r) => r.commitment_id === commitmentId);
    const line = lines[0];
    if (!line) throw new Error('no SOV line');
    const created = t.sim.edit.createRequisition(t.companyId, project.id, {
      commitment_id: commitmentId,
      work: { [line.id]: 1234.57 },
      fraction: 0,
      status: 'under_review',
    });
    expect(created.number).toBe(before.length + 1);
    const item = created.items.find((i) => i.line_item_id === line.id);
    expect(item?.work_completed_this_period).toBe(1234.57);
    expect(item?.work_completed_retainage_retained_this_period).toBe(123.46);
    const approved = t.sim.edit.approveRequisition(t.companyId, created.id);
    expect(approved.status).toBe('approved');
    const json = (await (await t.api(`/rest/v1.1/requisitions/${created.id}?project_id=${project.id}`)).json()) as RequisitionJson;
    expect(json.summary['current_payment_due']).toBe('1111.11');
  });
});

describe('requisitions created and deleted through the API (QuickBooks bills → subcontractor invoices)', () => {
  /** A project with a commitment that has at least two SOV lines, and a second project for scoping checks. */
  function commitmentWithLines(t: TestSimulator) {
    for (const project of t.sim.store.projects.list(t.companyId)) {
      const commitment = t.sim.store.commitments.list(project.id).find((c) => t.sim.store.commitmentLineItems.list(c.id).length >= 2);
      if (commitment) return { project, commitment, lines: t.sim.store.commitmentLineItems.list(commitment.id) };
    }
    throw new Error('no commitment with two SOV lines');
  }

  const post = (t: TestSimulator, body: unknown) => t.api('/rest/v1.1/requisitions', { method: 'POST', json: body });

  it('POST creates an invoice with one item per SOV line; named lines bill what was sent (no cap), retainage from the commitment unless given', async () => {
    t = await startTestSimulator();
    const { project, commitment, lines } = commitmentWithLines(t);
    const [a, b] = lines as [(typeof lines)[number], (typeof lines)[number]];
    const before = t.sim.store.requisitions.list(project.id).filter((r) => r.commitment_id === commitment.id);
    const billed = Math.round(a.amount * 100) + 1234; // more than the line's value: Procore allows over-billing by default
    const res = await post(t, {
      project_id: project.id,
      commitment_id: commitment.id,
      requisition: {
        origin_id: '1A2B-1700000000',
        origin_data: '1700000123',
        invoice_number: 'INV-100231',
        billing_date: '2026-11-20',
        status: 'approved',
        items: [
          { line_item_id: a.id, item_type: 'contract_item', work_completed_this_period: (billed / 100).toFixed(2) },
          { line_item_id: b.id, work_completed_this_period: 100, work_completed_retainage_retained_this_period: '7.50', cost_code_id: 999_999 },
        ],
      },
    });
    expect(res.status).toBe(201);
    const json = (await res.json()) as RequisitionJson & { number: number; invoice_number: string; billing_date: string; vendor_id: number };
    expect(json).toMatchObject({
      commitment_id: commitment.id,
      status: 'approved',
      origin_id: '1A2B-1700000000',
      origin_data: '1700000123',
      invoice_number: 'INV-100231',
      billing_date: '2026-11-20',
      erp_locked: false,
    });
    expect(json.number).toBe(before.reduce((m, r) => Math.max(m, r.number), 0) + 1);
    expect(json.vendor_id).toBe(commitment.vendor_id);
    expect(json.items.map((i) => i['line_item_id'])).toEqual(lines.map((l) => l.id));
    const itemA = json.items.find((i) => i['line_item_id'] === a.id);
    const itemB = json.items.find((i) => i['line_item_id'] === b.id);
    expect(cents(itemA?.['work_completed_this_period'])).toBe(billed);
    expect(itemA?.['cost_code_id']).toBe(a.cost_code_id);
    expect(itemA?.['description_of_work']).toBe(a.description);
    expect(cents(itemA?.['work_completed_retainage_retained_this_period'])).toBe(Math.round((billed * commitment.retainage_percent) / 100));
    expect(itemB?.['work_completed_this_period']).toBe('100.00');
    expect(itemB?.['work_completed_retainage_retained_this_period']).toBe('7.50');
    expect(itemB?.['cost_code_id']).toBe(b.cost_code_id);
    for (const other of json.items.filter((i) => i['line_item_id'] !== a.id && i['line_item_id'] !== b.id))
      expect(other['work_completed_this_period']).toBe('0.00');
    const retained = cents(itemA?.['work_completed_retainage_retained_this_period']) + 750;
    expect(cents(json.summary['current_payment_due'])).toBe(billed + 10_000 - retained);

    const listed = (await (await t.api(`/rest/v1.1/requisitions?project_id=${project.id}&filters[origin_id]=1A2B-1700000000`)).json()) as RequisitionJson[];
    expect(listed.map((r) => r.id)).toEqual([json.id]);
    expect(t.sim.store.requisitions.findByOrigin(t.companyId, '1A2B-1700000000')?.id).toBe(json.id);
  });

  it('a second create with the same origin_id is 422 { origin_id: ["has already been taken"] }; project_id and commitment_id may also come in the query', async () => {
    t = await startTestSimulator();
    const { project, commitment, lines } = commitmentWithLines(t);
    const requisition = { origin_id: 'BILL-9', items: [{ line_item_id: lines[0]?.id, work_completed_this_period: '10.00' }] };
    expect(
      (await t.api(`/rest/v1.1/requisitions?project_id=${project.id}&commitment_id=${commitment.id}`, { method: 'POST', json: { requisition } })).status,
    ).toBe(201);
    const again = await post(t, { project_id: project.id, commitment_id: commitment.id, requisition });
    expect(again.status).toBe(422);
    expect(await again.json()).toEqual({ errors: { origin_id: ['has already been taken'] } });
    expect(t.sim.store.requisitions.list(project.id).filter((r) => r.origin_id === 'BILL-9')).toHaveLength(1);
  });

  it('validation errors are 422 with Procore-shaped field errors and create nothing; a missing commitment_id is 400', async () => {
    t = await startTestSimulator();
    const { project, commitment, lines } = commitmentWithLines(t);
    const count = t.sim.store.requisitions.size;
    const otherCommitmentLine = t.sim.store.commitmentLineItems.all().next().value;
    const foreignLine = [...t.sim.store.commitmentLineItems.all()].find((l) => l.commitment_id !== commitment.id);
    if (!otherCommitmentLine || !foreignLine) throw new Error('seed has no lines');
    const res = await post(t, {
      project_id: project.id,
      commitment_id: commitment.id,
      requisition: {
        status: 'paid',
        billing_date: 'soon',
        final: 'maybe',
        items: [
          { line_item_id: foreignLine.id, work_completed_this_period: '5' },
          { work_completed_this_period: 'lots' },
          { line_item_id: lines[0]?.id, item_type: 'whole_change_order_item' },
          { line_item_id: lines[1]?.id },
          { line_item_id: lines[1]?.id },
          'x',
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      errors: {
        'items[0].line_item_id': ['is invalid'],
        'items[1].line_item_id': ["can't be blank"],
        'items[1].work_completed_this_period': ['is not a number'],
        'items[2].item_type': ['is not included in the list'],
        'items[4].line_item_id': ['has already been taken'],
        'items[5]': ['is invalid'],
        billing_date: ['is not a valid date'],
        status: ['is not included in the list'],
        final: ['is not a boolean'],
      },
    });
    expect((await post(t, { project_id: project.id, requisition: {} })).status).toBe(400);
    expect((await post(t, { project_id: project.id, commitment_id: commitment.id, requisition: [] })).status).toBe(400);
    expect(t.sim.store.requisitions.size).toBe(count);
  });

  it('change_order_item items bill approved change order line items of the commitment: stored, rendered after the SOV items, counted in commitment and budget totals', async () => {
    t = await startTestSimulator();
    const { project, commitment, lines } = commitmentWithLines(t);
    const a = lines[0]!;
    if (!t.sim.store.budgetLineItems.list(project.id).some((l) => l.cost_code_id === a.cost_code_id)) {
      t.sim.edit.createBudgetLineItem(t.companyId, project.id, { cost_code_id: a.cost_code_id, original_budget_amount: 0 });
    }
    const co = t.sim.edit.createChangeOrder(t.companyId, project.id, {
      contract_id: commitment.id,
      status: 'approved',
      line_items: [
        { amount: 1000, commitment_line_item_id: a.id, description: 'Extra footings' },
        { amount: 500, cost_code_id: a.cost_code_id, description: 'New scope' },
      ],
    });
    const [x, y] = co.line_items as [(typeof co.line_items)[number], (typeof co.line_items)[number]];
    const billed = () => toCents(computeCommitmentTotals(t.sim.store, commitment).total_requisitions_amount);
    const jobToDate = () =>
      computeBudgetRows(t.sim.store, project)
        .filter((r) => r.line.cost_code_id === a.cost_code_id)
        .reduce((sum, r) => sum + toCents(r.job_to_date_costs), 0);
    const [billedBefore, jobToDateBefore] = [billed(), jobToDate()];

    const res = await post(t, {
      project_id: project.id,
      commitment_id: commitment.id,
      requisition: {
        origin_id: 'qb:Bill:CO-1',
        status: 'approved',
        items: [
          { line_item_id: a.id, item_type: 'contract_item', work_completed_this_period: '100.00', work_completed_retainage_retained_this_period: '0.00' },
          { line_item_id: x.id, item_type: 'change_order_item', work_completed_this_period: '400.00', work_completed_retainage_retained_this_period: '40.00' },
          { line_item_id: y.id, item_type: 'change_order_item', work_completed_this_period: 250 },
        ],
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const json = (await res.json()) as RequisitionJson;
    expect(json.items.slice(0, lines.length).map((i) => [i['item_type'], i['line_item_id']])).toEqual(lines.map((l) => ['contract_item', l.id]));
    const retainedY = percentOf(250, commitment.retainage_percent);
    expect(json.items.slice(lines.length)).toEqual([
      expect.objectContaining({
        item_type: 'change_order_item',
        line_item_id: x.id,
        commitment_line_item_id: a.id,
        cost_code_id: a.cost_code_id,
        description_of_work: 'Extra footings',
        scheduled_value: '1000.00',
        work_completed_from_previous_application: '0.00',
        work_completed_this_period: '400.00',
        work_completed_retainage_retained_this_period: '40.00',
      }),
      expect.objectContaining({
        item_type: 'change_order_item',
        line_item_id: y.id,
        commitment_line_item_id: null,
        cost_code_id: a.cost_code_id,
        description_of_work: 'New scope',
        scheduled_value: '500.00',
        work_completed_this_period: '250.00',
        work_completed_retainage_retained_this_period: retainedY.toFixed(2),
      }),
    ]);
    expect(cents(json.summary['current_payment_due'])).toBe(100_00 + 400_00 + 250_00 - 40_00 - toCents(retainedY));
    // Approved: the change order items count in the commitment's invoiced total and the budget's job to date.
    expect(billed()).toBe(billedBefore + 750_00);
    expect(jobToDate()).toBe(jobToDateBefore + 750_00);

    // The next invoice carries this one's work on the change order line item as previous application.
    const next = (await (
      await post(t, {
        project_id: project.id,
        commitment_id: commitment.id,
        requisition: { origin_id: 'qb:Bill:CO-2', items: [{ line_item_id: x.id, item_type: 'change_order_item', work_completed_this_period: '100.00' }] },
      })
    ).json()) as RequisitionJson;
    expect(next.items.find((i) => i['item_type'] === 'change_order_item')).toMatchObject({
      line_item_id: x.id,
      work_completed_from_previous_application: '400.00',
      work_completed_this_period: '100.00',
    });
    expect(next.items.filter((i) => i['item_type'] === 'change_order_item')).toHaveLength(1);
  });

  it('a change_order_item must name a line item of an approved change order of that commitment: 422 with field errors otherwise, nothing created', async () => {
    t = await startTestSimulator();
    const { project, commitment, lines } = commitmentWithLines(t);
    const a = lines[0]!;
    const approved = t.sim.edit.createChangeOrder(t.companyId, project.id, {
      contract_id: commitment.id,
      status: 'approved',
      line_items: [{ amount: 100, commitment_line_item_id: a.id }],
    });
    const pending = t.sim.edit.createChangeOrder(t.companyId, project.id, {
      contract_id: commitment.id,
      status: 'pending',
      line_items: [{ amount: 200, commitment_line_item_id: a.id }],
    });
    const other = [...t.sim.store.commitments.all()].find((c) => c.id !== commitment.id && t.sim.store.commitmentLineItems.list(c.id).length > 0)!;
    const foreign = t.sim.edit.createChangeOrder(t.companyId, other.project_id, {
      contract_id: other.id,
      status: 'approved',
      line_items: [{ amount: 300, commitment_line_item_id: t.sim.store.commitmentLineItems.list(other.id)[0]!.id }],
    });
    const count = t.sim.store.requisitions.size;
    const res = await post(t, {
      project_id: project.id,
      commitment_id: commitment.id,
      requisition: {
        origin_id: 'qb:Bill:CO-BAD',
        items: [
          { line_item_id: approved.line_items[0]!.id, item_type: 'change_order_item', work_completed_this_period: '10.00' },
          { line_item_id: pending.line_items[0]!.id, item_type: 'change_order_item', work_completed_this_period: '10.00' },
          { line_item_id: foreign.line_items[0]!.id, item_type: 'change_order_item', work_completed_this_period: '10.00' },
          { line_item_id: a.id, item_type: 'change_order_item', work_completed_this_period: '10.00' },
          { line_item_id: approved.line_items[0]!.id, item_type: 'contract_item', work_completed_this_period: '10.00' },
          { line_item_id: approved.line_items[0]!.id, item_type: 'change_order_item', work_completed_this_period: '5.00' },
          // The same id as a contract item and as a change order item are two different lines: only the first is wrong.
          { line_item_id: a.id, work_completed_this_period: '1.00' },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      errors: {
        'items[1].line_item_id': ['must belong to an approved change order'],
        'items[2].line_item_id': ['is invalid'],
        'items[3].line_item_id': ['is invalid'],
        'items[4].line_item_id': ['is invalid'],
        'items[5].line_item_id': ['has already been taken'],
      },
    });
    expect(t.sim.store.requisitions.size).toBe(count);
  });

  it("another company's project or another project's commitment is 404", async () => {
    t = await startTestSimulator();
    const { project, commitment } = commitmentWithLines(t);
    const otherProject = t.sim.store.projects.list(t.companyId).find((p) => p.id !== project.id);
    const foreignProject = t.sim.store.projects.list(t.sim.otherCompanyIds[0] as number)[0];
    if (!otherProject || !foreignProject) throw new Error('seed missing projects');
    expect((await post(t, { project_id: otherProject.id, commitment_id: commitment.id, requisition: {} })).status).toBe(404);
    expect((await post(t, { project_id: foreignProject.id, commitment_id: commitment.id, requisition: {} })).status).toBe(404);
    expect((await post(t, { project_id: project.id, commitment_id: 987_654_321, requisition: {} })).status).toBe(404);
  });

  it('DELETE removes it (204, then 404); an ERP-locked invoice refuses (422); webhooks carry create and delete from our app', async () => {
    t = await startTestSimulator();
    const receiver = await startWebhookReceiver();
    try {
      const hook = (await (
        await t.api(`/rest/v1.0/webhooks/hooks?company_id=${t.companyId}`, {
          method: 'POST',
          json: {
            company_id: t.companyId,
            hook: {
              api_version: 'v2',
              namespace: 'qb-connector',
              destination_url: receiver.url,
              destination_headers: { Authorization: 'Bearer hook-secret-1' },
            },
          },
        })
      ).json()) as { id: number };
      for (const event_type of ['create', 'delete']) {
        await t.api(`/rest/v1.0/webhooks/hooks/${hook.id}/triggers?company_id=${t.companyId}`, {
          method: 'POST',
          json: { company_id: t.companyId, api_version: 'v2', trigger: { resource_name: 'Requisitions', event_type } },
        });
      }
      const { project, commitment, lines } = commitmentWithLines(t);
      const created = (await (
        await post(t, {
          project_id: project.id,
          commitment_id: commitment.id,
          requisition: { origin_id: 'BILL-DEL', items: [{ line_item_id: lines[0]?.id, work_completed_this_period: 1 }] },
        })
      ).json()) as RequisitionJson;
      const locked = (await (
        await post(t, { project_id: project.id, commitment_id: commitment.id, requisition: { origin_id: 'BILL-LOCKED' } })
      ).json()) as RequisitionJson;
      const path = (id: number, projectId = project.id) => `/rest/v1.1/requisitions/${id}?project_id=${projectId}`;
      const otherProject = t.sim.store.projects.list(t.companyId).find((p) => p.id !== project.id);
      expect((await t.api(path(created.id, otherProject?.id), { method: 'DELETE' })).status).toBe(404);
      expect((await t.api(path(created.id), { method: 'DELETE' })).status).toBe(204);
      expect((await t.api(path(created.id), { method: 'DELETE' })).status).toBe(404);
      expect(t.sim.store.requisitions.findByOrigin(t.companyId, 'BILL-DEL')).toBeUndefined();

      expect((await t.api(path(locked.id), { method: 'PATCH', json: { requisition: { erp_status: 'synced' } } })).status).toBe(200);
      const refused = await t.api(path(locked.id), { method: 'DELETE' });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toEqual({ errors: { base: [expect.stringContaining('locked')] } });
      expect(t.sim.store.requisitions.get(locked.id)).toBeDefined();

      await t.sim.webhooks.deliverPending();
      const events = receiver.received.map((r) => [
        r.body.event_type,
        r.body.resource_name,
        r.body.resource_id,
        r.body.project_id,
        r.body.metadata.source_application_id,
      ]);
      expect(events).toEqual([
        ['create', 'Requisitions', created.id, project.id, 'demo-client'],
        ['create', 'Requisitions', locked.id, project.id, 'demo-client'],
        ['delete', 'Requisitions', created.id, project.id, 'demo-client'],
      ]);
    } finally {
      await receiver.close();
    }
  });
});
