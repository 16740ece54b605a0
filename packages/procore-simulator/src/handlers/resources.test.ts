import { afterEach, describe, expect, it } from 'vitest';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

async function json<T>(res: Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

function project(t: TestSimulator) {
  const p = t.sim.store.projects.list(t.companyId)[0];
  if (!p) throw new Error('no project');
  return p;
}

describe('budget', () => {
  it('detail rows derive direct costs and job-to-date costs from direct costs and approved invoices', async () => {
    t = await startTestSimulator();
    const p = project(t);
    const [view] = await json<{ id: number; name: string }[]>(t.api(`/rest/v1.0/budget_views?project_id=${p.id}`));
    expect(view?.name).toBe('Procore Standard Budget');
    const rowsPath = `/rest/v1.0/budget_views/${view?.id}/detail_rows?project_id=${p.id}&per_page=1000`;
    const before = await json<{ cost_code_id: number; direct_costs: string; job_to_date_costs: string; original_budget_amount: string }[]>(t.api(rowsPath));
    expect(before.length).toBe(t.sim.store.budgetLineItems.list(p.id).length);
    const row = before[0];
    if (!row) throw new Error('no row');
    const sync = await t.api(`/rest/v1.0/projects/${p.id}/direct_costs/sync`, {
      method: 'PATCH',
      json: {
        updates: [
          {
            direct_cost_type: 'expense',
            status: 'approved',
            direct_cost_date: '2026-11-20',
            origin_id: 'CHK-1',
            line_items: [{ cost_code_id: row.cost_code_id, amount: 1000.1, description: 'QB check' }],
          },
        ],
      },
    });
    expect(((await sync.json()) as { errors: unknown[] }).errors).toEqual([]);
    const after = await json<typeof before>(t.api(rowsPath));
    const changed = after.find((r) => r.cost_code_id === row.cost_code_id);
    expect(Math.round(Number(changed?.direct_costs) * 100)).toBe(Math.round(Number(row.direct_costs) * 100) + 100010);
    expect(Math.round(Number(changed?.job_to_date_costs) * 100)).toBe(Math.round(Number(row.job_to_date_costs) * 100) + 100010);
    // A draft direct cost does not count.
    await t.api(`/rest/v1.0/projects/${p.id}/direct_costs/sync`, {
      method: 'PATCH',
      json: {
        updates: [
          { direct_cost_type: 'expense', status: 'draft', direct_cost_date: '2026-11-20', line_items: [{ cost_code_id: row.cost_code_id, amount: 5 }] },
        ],
      },
    });
    expect((await json<typeof before>(t.api(rowsPath))).find((r) => r.cost_code_id === row.cost_code_id)?.direct_costs).toBe(changed?.direct_costs);
  });

  it('invoices created from QuickBooks bills count in job-to-date costs once approved; direct cost updates and deletions move both columns', async () => {
    t = await startTestSimulator();
    const p = t.sim.store.projects
      .list(t.companyId)
      .find((x) => t.sim.store.commitments.list(x.id).some((c) => c.status === 'Approved' && t.sim.store.commitmentLineItems.list(c.id).length > 0));
    if (!p) throw new Error('no project with an approved commitment');
    const commitment = t.sim.store.commitments.list(p.id).find((c) => c.status === 'Approved' && t.sim.store.commitmentLineItems.list(c.id).length > 0);
    const line = t.sim.store.commitmentLineItems.list(commitment?.id ?? 0)[0];
    if (!commitment || !line) throw new Error('no SOV line');
    // The cost code needs a budget line to show up in the detail rows; give it one if the seed did not.
    if (!t.sim.store.budgetLineItems.list(p.id).some((b) => b.cost_code_id === line.cost_code_id))
      t.sim.edit.createBudgetLineItem(t.companyId, p.id, { cost_code_id: line.cost_code_id, original_budget_amount: 1000 });
    const [view] = await json<{ id: number }[]>(t.api(`/rest/v1.0/budget_views?project_id=${p.id}`));
    type Row = { cost_code_id: number; direct_costs: string; job_to_date_costs: string; committed_costs: string };
    const rowFor = async () => {
      const rows = await json<Row[]>(t.api(`/rest/v1.0/budget_views/${view?.id}/detail_rows?project_id=${p.id}&per_page=1000`));
      const matching = rows.filter((r) => r.cost_code_id === line.cost_code_id);
      // Amounts of a cost code go on its first budget line; the others show zero.
      return {
        direct: matching.reduce((s, r) => s + Math.round(Number(r.direct_costs) * 100), 0),
        jtd: matching.reduce((s, r) => s + Math.round(Number(r.job_to_date_costs) * 100), 0),
        committed: matching.reduce((s, r) => s + Math.round(Number(r.committed_costs) * 100), 0),
      };
    };
    const start = await rowFor();
    const create = (origin: string, status: string, amount: string) =>
      t.api('/rest/v1.1/requisitions', {
        method: 'POST',
        json: {
          project_id: p.id,
          commitment_id: commitment.id,
          requisition: { origin_id: origin, status, items: [{ line_item_id: line.id, work_completed_this_period: amount }] },
        },
      });
    const draft = (await (await create('BILL-D', 'draft', '300.00')).json()) as { id: number };
    expect(await rowFor()).toEqual(start);
    const approved = (await (await create('BILL-A', 'approved', '1234.56')).json()) as { id: number };
    expect(await rowFor()).toEqual({ ...start, jtd: start.jtd + 123_456 });
    expect((await t.api(`/rest/v1.1/requisitions/${approved.id}?project_id=${p.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/rest/v1.1/requisitions/${draft.id}?project_id=${p.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await rowFor()).toEqual(start);

    const sync = (updates: unknown[]) => t.api(`/rest/v1.0/projects/${p.id}/direct_costs/sync`, { method: 'PATCH', json: { updates } });
    const cost = (amount: string) => ({
      origin_id: 'CHK-77',
      direct_cost_type: 'expense',
      status: 'approved',
      direct_cost_date: '2026-11-20',
      description: 'QB check 77',
      line_items: [{ cost_code_id: line.cost_code_id, amount, description: 'lumber' }],
    });
    const created = await json<{ entities: { id: number }[] }>(sync([cost('500.00')]));
    expect(await rowFor()).toEqual({ ...start, direct: start.direct + 50_000, jtd: start.jtd + 50_000 });
    const updated = await json<{ entities: { id: number }[] }>(sync([cost('450.25')]));
    expect(updated.entities[0]?.id).toBe(created.entities[0]?.id);
    expect(await rowFor()).toEqual({ ...start, direct: start.direct + 45_025, jtd: start.jtd + 45_025 });
    expect((await t.api(`/rest/v1.1/projects/${p.id}/direct_costs/${created.entities[0]?.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await rowFor()).toEqual(start);
  });

  it('budget line items: create (201), duplicate cost code and category (422), locked budget (422)', async () => {
    t = await startTestSimulator();
    const p = project(t);
    const unbudgeted = t.sim.store.costCodes
      .list(p.id)
      .find((c) => c.parent_id !== null && !t.sim.store.budgetLineItems.list(p.id).some((b) => b.cost_code_id === c.id));
    if (!unbudgeted) throw new Error('every cost code is budgeted');
    const path = `/rest/v1.0/budget_line_items?project_id=${p.id}`;
    const created = await t.api(path, {
      method: 'POST',
      json: { budget_line_item: { cost_code_id: unbudgeted.id, original_budget_amount: '2500', origin_id: 'EST-1' } },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      cost_code_id: unbudgeted.id,
      original_budget_amount: '2500.00',
      cost_code: { full_code: unbudgeted.full_code },
    });
    const again = await t.api(path, { method: 'POST', json: { budget_line_item: { cost_code_id: unbudgeted.id, original_budget_amount: 1 } } });
    expect(again.status).toBe(422);
    const foreign = t.sim.store.costCodes.list(t.sim.store.projects.list(t.companyId)[1]?.id ?? 0)[5];
    expect(await json(t.api(path, { method: 'POST', json: { budget_line_item: { cost_code_id: foreign?.id } } }))).toEqual({
      errors: { cost_code_id: ['is invalid'] },
    });
    t.sim.edit.setBudgetLocked(t.companyId, p.id, true);
    const other = t.sim.store.costCodes
      .list(p.id)
      .find((c) => c.parent_id !== null && !t.sim.store.budgetLineItems.list(p.id).some((b) => b.cost_code_id === c.id));
    expect((await t.api(path, { method: 'POST', json: { budget_line_item: { cost_code_id: other?.id } } })).status).toBe(422);
    const listed = await json<{ id: number }[]>(t.api(`${path}&filters[origin_id]=EST-1`));
    expect(listed).toHaveLength(1);
  });
});

describe('commitments and change orders', () => {
  it('subcontracts and purchase orders are separate endpoints with line items and totals', async () => {
    t = await startTestSimulator();
    const p = project(t);
    const wocs = await json<{ id: number; vendor: { id: number; company: string }; grand_total: string }[]>(
      t.api(`/rest/v1.0/work_order_contracts?project_id=${p.id}`),
    );
    const pocs = await json<{ id: number }[]>(t.api(`/rest/v1.0/purchase_order_contracts?project_id=${p.id}`));
    expect(wocs.length).toBeGreaterThan(0);
    expect(pocs.length).toBeGreaterThan(0);
    const woc = wocs[0];
    if (!woc) throw new Error('no woc');
    expect(woc.vendor.company).toBe(t.sim.store.vendors.get(woc.vendor.id)?.name);
    const lines = await json<{ amount: string; cost_code: { id: number } }[]>(t.api(`/rest/v1.0/work_order_contracts/${woc.id}/line_items?project_id=${p.id}`));
    expect(Math.round(lines.reduce((s, l) => s + Number(l.amount) * 100, 0))).toBe(Math.round(Number(woc.grand_total) * 100));
    // Show answers the contract with its whole schedule of values, the same line items as the line items list
    // (Procore OpenAPI RestV10WorkOrderContractsIdGet: `line_items`); the list's compact view has none.
    const full = await json<{ line_items: unknown[] }>(t.api(`/rest/v1.0/work_order_contracts/${woc.id}?project_id=${p.id}`));
    expect(full.line_items).toEqual(lines);
    expect(woc).not.toHaveProperty('line_items');
    expect((await t.api(`/rest/v1.0/purchase_order_contracts/${woc.id}?project_id=${p.id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/work_order_contracts/${woc.id}?project_id=${t.sim.store.projects.list(t.companyId)[1]?.id}`)).status).toBe(404);
  });

  it('commitment change orders list with line items; filters by contract and status', async () => {
    t = await startTestSimulator();
    const p = project(t);
    const cos = await json<
      { id: number; contract_id: number; status: string; grand_total: string; line_items: { amount: string; commitment_line_item_id: number | null }[] }[]
    >(t.api(`/rest/v1.0/projects/${p.id}/commitment_change_orders`));
    expect(cos.length).toBeGreaterThan(0);
    for (const co of cos) expect(Math.round(co.line_items.reduce((s, l) => s + Number(l.amount) * 100, 0))).toBe(Math.round(Number(co.grand_total) * 100));
    const pending = await json<{ status: string }[]>(t.api(`/rest/v1.0/projects/${p.id}/commitment_change_orders?filters[status]=pending`));
    expect(pending.length).toBe(cos.filter((c) => c.status === 'pending').length);
    const one = await json<{ id: number }>(t.api(`/rest/v1.0/projects/${p.id}/commitment_change_orders/${cos[0]?.id}`));
    expect(one.id).toBe(cos[0]?.id);
    const approved = t.sim.edit.approveChangeOrder(t.companyId, pending.length > 0 ? (cos.find((c) => c.status === 'pending')?.id ?? 0) : (cos[0]?.id ?? 0));
    expect(approved.status).toBe('approved');
  });
});

describe('contract payments and direct costs', () => {
  it('contract payments: create (201), validation and duplicate origin_id (422), delete (204)', async () => {
    t = await startTestSimulator();
    const p = project(t);
    const req = t.sim.store.requisitions.list(p.id)[0];
    if (!req) throw new Error('no requisition');
    const path = `/rest/v1.0/projects/${p.id}/contract_payments`;
    const payment = {
      contract_id: req.commitment_id,
      requisition_id: req.id,
      amount: 1500.5,
      date: '2026-11-20',
      check_number: '10442',
      origin_id: 'BILLPMT-1',
    };
    const created = await t.api(path, { method: 'POST', json: { contract_payment: payment } });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: number; amount: string };
    expect(body.amount).toBe('1500.50');
    expect((await t.api(path, { method: 'POST', json: { contract_payment: payment } })).status).toBe(422);
    expect(await json(t.api(path, { method: 'POST', json: { contract_payment: { contract_id: 1, amount: 'lots' } } }))).toEqual({
      errors: { contract_id: ['is invalid'], amount: ['is not a number'], date: ["can't be blank"] },
    });
    const listed = await json<{ id: number }[]>(t.api(`${path}?filters[origin_id]=BILLPMT-1`));
    expect(listed.map((x) => x.id)).toEqual([body.id]);
    expect((await t.api(`${path}/${body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`${path}/${body.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('direct costs: list v1.1, sync v1.0 with per-item validation, delete v1.1', async () => {
    t = await startTestSimulator();
    const p = project(t);
    const costCode = t.sim.store.budgetLineItems.list(p.id)[0]?.cost_code_id;
    const vendor = t.sim.store.vendors.list(t.companyId)[0]?.id;
    const sync = await json<{ entities: { id: number; grand_total: string; vendor_id: number }[]; errors: { errors: Record<string, string[]> }[] }>(
      t.api(`/rest/v1.0/projects/${p.id}/direct_costs/sync`, {
        method: 'PATCH',
        json: {
          updates: [
            {
              direct_cost_type: 'invoice',
              vendor_id: vendor,
              invoice_number: 'B-77',
              direct_cost_date: '2026-11-19',
              status: 'approved',
              origin_id: 'BILL-77',
              line_items: [
                { cost_code_id: costCode, amount: '100.25' },
                { cost_code_id: costCode, amount: 50 },
              ],
            },
            { direct_cost_type: 'invoice', direct_cost_date: '2026-11-19' },
            { direct_cost_type: 'expense', direct_cost_date: 'soon', line_items: [{ cost_code_id: 1, amount: 5 }] },
          ],
        },
      }),
    );
    expect(sync.entities).toMatchObject([{ grand_total: '150.25', vendor_id: vendor }]);
    expect(sync.errors.map((e) => e.errors)).toEqual([
      { vendor_id: ["can't be blank"], invoice_number: ["can't be blank"] },
      { direct_cost_date: ['is not a valid date'], 'line_items[0].cost_code_id': ['is invalid'] },
    ]);
    const id = sync.entities[0]?.id;
    const changeType = await json<{ errors: { errors: Record<string, string[]> }[] }>(
      t.api(`/rest/v1.0/projects/${p.id}/direct_costs/sync`, { method: 'PATCH', json: { updates: [{ origin_id: 'BILL-77', direct_cost_type: 'expense' }] } }),
    );
    expect(changeType.errors[0]?.errors).toEqual({ direct_cost_type: ['cannot be changed'] });
    const listed = await json<{ id: number }[]>(t.api(`/rest/v1.1/projects/${p.id}/direct_costs?filters[origin_id]=BILL-77`));
    expect(listed.map((d) => d.id)).toEqual([id]);
    expect((await t.api(`/rest/v1.1/projects/${p.id}/direct_costs/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await json(t.api(`/rest/v1.1/projects/${p.id}/direct_costs?filters[origin_id]=BILL-77`))).toEqual([]);
  });
});
