// Prime contract change orders over HTTP (API-CONTRACT.md "Prime contract change orders"): list and Show under the
// project path, filters, scoping (404 for another project's or company's), Link pagination and rate limits through
// the shared pipeline, the prime contract's approved / pending / draft change order amounts and revised contract
// amount, the edit helpers' approve / set back / delete, webhooks — and the client (@connector/procore) against it.

import { afterEach, describe, expect, it } from 'vitest';
import { createProcoreClient, parseMoney, primeChangeOrderLineAmount } from '../../../procore/src/index.ts';
import type { PrimeChangeOrder, PrimeContract } from '../model/records.ts';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';
import { startWebhookReceiver } from '../test-support/start-webhook-receiver.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

type Json = Record<string, unknown>;
const cents = (s: unknown) => Math.round(Number(s) * 100);

async function json<T = Json>(response: Response): Promise<T> {
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The main company's first seeded prime contract: the seed gives it two change orders, the first approved. */
function seeded(t: TestSimulator): { contract: PrimeContract; changeOrders: PrimeChangeOrder[] } {
  const contract = t.sim.store.primeContracts.list().find((c) => c.company_id === t.companyId);
  if (!contract) throw new Error('no seeded prime contract');
  return { contract, changeOrders: t.sim.store.primeChangeOrders.list(contract.project_id).filter((co) => co.contract_id === contract.id) };
}

/** A project with a fresh prime contract of two SOV lines (10 000 + 5 000). */
function freshContract(t: TestSimulator) {
  const project = t.sim.store.projects.list(t.companyId)[0];
  if (!project) throw new Error('no project');
  const costCode = t.sim.store.costCodes.list(project.id)[0];
  const contract = t.sim.edit.addPrimeContract(t.companyId, project.id, {
    title: 'Owner agreement',
    owner_name: 'Harbor City Schools',
    line_items: [
      { cost_code_id: costCode?.id ?? null, amount: 10_000, description: 'Sitework' },
      { cost_code_id: null, amount: 5_000, description: 'General conditions' },
    ],
  });
  return { project, costCode, contract };
}

describe('prime change orders: endpoints', () => {
  it('list and Show under /rest/v1.0/projects/{project_id}/prime_change_orders: lines with cost codes, grand_total = lines', async () => {
    t = await startTestSimulator();
    const { contract, changeOrders } = seeded(t);
    expect(changeOrders.length).toBe(2);
    const listed = await json<Json[]>(await t.api(`/rest/v1.0/projects/${contract.project_id}/prime_change_orders`));
    expect(listed.map((co) => co['id'])).toEqual(t.sim.store.primeChangeOrders.list(contract.project_id).map((co) => co.id));

    const first = changeOrders[0];
    if (!first) throw new Error('no change order');
    const shown = await json(await t.api(`/rest/v1.0/projects/${contract.project_id}/prime_change_orders/${first.id}`));
    expect(shown).toMatchObject({
      id: first.id,
      contract_id: contract.id,
      number: '001',
      status: 'approved',
      executed: true,
      type: 'PrimeContractChangeOrder',
    });
    expect(shown['reviewed_at']).toBe(first.reviewed_at);
    const lines = shown['line_items'] as Json[];
    expect(lines.map((l) => l['id'])).toEqual(first.line_items.map((l) => l.id));
    for (const [i, l] of lines.entries()) {
      expect(l['cost_code']).toMatchObject({ id: first.line_items[i]?.cost_code_id });
      expect(l['prime_line_item_id']).toBe(first.line_items[i]?.prime_contract_line_item_id);
      expect(l['amount']).toBe(l['total_amount']);
      expect(l['amount']).toBe(l['extended_amount']);
    }
    expect(cents(shown['grand_total'])).toBe(lines.reduce((s, l) => s + cents(l['amount']), 0));
  });

  it('filters[contract_id], filters[status], filters[executed], filters[id]; 400 for a bad executed filter', async () => {
    t = await startTestSimulator();
    const { project, contract } = freshContract(t);
    const line = contract.line_items[0]?.id ?? 0;
    const a = t.sim.edit.addPrimeChangeOrder(t.companyId, project.id, {
      contract_id: contract.id,
      status: 'approved',
      line_items: [{ amount: 100, prime_contract_line_item_id: line }],
    });
    const b = t.sim.edit.addPrimeChangeOrder(t.companyId, project.id, {
      contract_id: contract.id,
      line_items: [{ amount: 50, prime_contract_line_item_id: line }],
    });
    const base = `/rest/v1.0/projects/${project.id}/prime_change_orders`;
    const ids = async (query: string) => (await json<Json[]>(await t.api(`${base}?${query}`))).map((co) => co['id']);
    expect(await ids(`filters[contract_id]=${contract.id}`)).toEqual([a.id, b.id]);
    expect(await ids(`filters[contract_id]=${contract.id}&filters[status]=approved`)).toEqual([a.id]);
    expect(await ids(`filters[contract_id]=${contract.id}&filters[status]=pending`)).toEqual([b.id]);
    expect(await ids(`filters[contract_id]=${contract.id}&filters[executed]=false`)).toEqual([b.id]);
    expect(await ids(`filters[id]=${b.id}`)).toEqual([b.id]);
    expect(await ids(`filters[contract_id]=1`)).toEqual([]);
    expect((await t.api(`${base}?filters[executed]=yes`)).status).toBe(400);
    expect([a.number, b.number]).toEqual(['001', '002']);
  });

  it('404 for another project, another company and unknown ids; Link pagination and rate-limit headers', async () => {
    t = await startTestSimulator();
    const { contract, changeOrders } = seeded(t);
    const id = changeOrders[0]?.id;
    const otherProject = t.sim.store.projects.list(t.companyId).find((p) => p.id !== contract.project_id);
    const foreign = t.sim.store.primeChangeOrders.list().find((co) => co.company_id !== t.companyId);
    if (!otherProject || !foreign) throw new Error('seed lacks another project or another company’s change order');
    expect((await t.api(`/rest/v1.0/projects/${otherProject.id}/prime_change_orders/${id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/projects/${foreign.project_id}/prime_change_orders/${foreign.id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/projects/${foreign.project_id}/prime_change_orders`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/projects/${contract.project_id}/prime_change_orders/${foreign.id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/projects/${contract.project_id}/prime_change_orders/99999999`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/projects/${contract.project_id}/prime_change_orders/abc`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/projects/${contract.project_id}/prime_change_orders`, { companyId: foreign.company_id })).status).toBe(403);

    const first = await t.api(`/rest/v1.0/projects/${contract.project_id}/prime_change_orders?per_page=1`);
    expect(first.headers.get('x-rate-limit-remaining')).not.toBeNull();
    const total = t.sim.store.primeChangeOrders.list(contract.project_id).length;
    expect(first.headers.get('total')).toBe(String(total));
    const seen = [...(await json<Json[]>(first))];
    let link = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    while (link) {
      const page = await t.api(new URL(link).pathname + new URL(link).search);
      seen.push(...(await json<Json[]>(page)));
      link = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    }
    expect(seen.map((co) => co['id'])).toEqual(t.sim.store.primeChangeOrders.list(contract.project_id).map((co) => co.id));
  });

  it('the shared rate limiter answers 429 on this endpoint too', async () => {
    t = await startTestSimulator({ rateLimits: { hourly: 2, tenSecond: 100 } });
    const { contract } = seeded(t);
    const path = `/rest/v1.0/projects/${contract.project_id}/prime_change_orders`;
    expect((await t.api(path)).status).toBe(200);
    expect((await t.api(path)).status).toBe(200);
    const limited = await t.api(path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(limited.headers.get('x-rate-limit-reset')).not.toBeNull();
  });
});

describe('prime change orders: the prime contract’s revised amount', () => {
  it('approved change orders revise the contract; pending and draft are reported apart; set back, void and delete take them out', async () => {
    t = await startTestSimulator();
    const { project, contract } = freshContract(t);
    const [sitework, general] = contract.line_items;
    const add = (status: PrimeChangeOrder['status'], amount: number) =>
      t.sim.edit.addPrimeChangeOrder(t.companyId, project.id, {
        contract_id: contract.id,
        status,
        line_items: [{ amount, prime_contract_line_item_id: sitework?.id ?? 0 }],
      });
    const approved = t.sim.edit.addPrimeChangeOrder(t.companyId, project.id, {
      contract_id: contract.id,
      status: 'approved',
      title: 'Added scope',
      line_items: [
        { amount: 1_200, prime_contract_line_item_id: sitework?.id ?? 0 },
        { amount: -200, prime_contract_line_item_id: general?.id ?? 0, description: 'Credit' },
      ],
    });
    const pending = add('pending', 500);
    add('revised', 250);
    const draft = add('draft', 200);
    const voided = add('void', 50);
    add('rejected', 75);
    add('no_charge', 0.01);

    const show = async () => json(await t.api(`/rest/v1.0/prime_contract/${contract.id}?project_id=${project.id}`));
    const money = (c: Json) =>
      Object.fromEntries(
        ['grand_total', 'approved_change_orders', 'pending_change_orders_amount', 'draft_change_orders_amount', 'revised_contract_amount'].map((k) => [
          k,
          c[k],
        ]),
      );
    expect(money(await show())).toEqual({
      grand_total: '15000.00',
      approved_change_orders: '1000.00',
      pending_change_orders_amount: '750.00',
      draft_change_orders_amount: '200.00',
      revised_contract_amount: '16000.00',
    });
    expect(approved.line_items.map((l) => l.cost_code_id)).toEqual([sitework?.cost_code_id, null]);

    t.sim.edit.approvePrimeChangeOrder(t.companyId, pending.id);
    t.sim.edit.approvePrimeChangeOrder(t.companyId, draft.id);
    expect(money(await show())).toMatchObject({
      approved_change_orders: '1700.00',
      pending_change_orders_amount: '250.00',
      revised_contract_amount: '16700.00',
    });

    // A reviewer sets one back: it leaves the approved amount and is pending again.
    const setBack = t.sim.edit.setPrimeChangeOrderStatus(t.companyId, pending.id, 'revised');
    expect([setBack.executed, setBack.reviewed_at, setBack.signed_change_order_received_date]).toEqual([false, null, null]);
    t.sim.edit.setPrimeChangeOrderStatus(t.companyId, voided.id, 'void');
    t.sim.edit.deletePrimeChangeOrder(t.companyId, draft.id);
    const after = await show();
    expect(money(after)).toMatchObject({ approved_change_orders: '1000.00', pending_change_orders_amount: '750.00', revised_contract_amount: '16000.00' });
    expect(cents(after['outstanding_balance'])).toBe(cents(after['revised_contract_amount']) - cents(after['total_payments']));
    expect((await t.api(`/rest/v1.0/projects/${project.id}/prime_change_orders/${draft.id}`)).status).toBe(404);
  });

  it('edit helpers refuse what Procore would not have: another project’s contract, a line of another contract, another company', async () => {
    t = await startTestSimulator();
    const { project, contract } = freshContract(t);
    const other = t.sim.store.projects.list(t.companyId).find((p) => p.id !== project.id);
    const seededContract = seeded(t).contract;
    const foreignLine = seededContract.line_items[0]?.id ?? 0;
    expect(() => t.sim.edit.addPrimeChangeOrder(t.companyId, other?.id ?? 0, { contract_id: contract.id, line_items: [{ amount: 1 }] })).toThrow(
      /not in project/,
    );
    expect(() =>
      t.sim.edit.addPrimeChangeOrder(t.companyId, project.id, {
        contract_id: contract.id,
        line_items: [{ amount: 1, prime_contract_line_item_id: foreignLine }],
      }),
    ).toThrow(/not on prime contract/);
    expect(() => t.sim.edit.addPrimeChangeOrder(t.companyId, project.id, { contract_id: contract.id, line_items: [] })).toThrow(/at least one line/);
    const co = t.sim.edit.addPrimeChangeOrder(t.companyId, project.id, { contract_id: contract.id, line_items: [{ amount: 1, cost_code_id: null }] });
    expect(() => t.sim.edit.approvePrimeChangeOrder(t.companyId + 1, co.id)).toThrow(/no record/);
  });

  it('create, approve, set back and delete send webhooks under "Prime Change Orders"; the prime contract is not touched', async () => {
    t = await startTestSimulator();
    const receiver = await startWebhookReceiver();
    try {
      const created = await t.api(`/rest/v1.0/webhooks/hooks?company_id=${t.companyId}`, {
        method: 'POST',
        json: {
          company_id: t.companyId,
          hook: { api_version: 'v2', namespace: 'qb-connector', destination_url: receiver.url, destination_headers: { Authorization: 'Bearer x-12345' } },
        },
      });
      expect(created.status).toBe(201);
      const hook = (await created.json()) as { id: number };
      for (const event_type of ['create', 'update', 'delete'])
        for (const resource_name of ['Prime Change Orders', 'Prime Contracts']) {
          const r = await t.api(`/rest/v1.0/webhooks/hooks/${hook.id}/triggers?company_id=${t.companyId}`, {
            method: 'POST',
            json: { company_id: t.companyId, api_version: 'v2', trigger: { resource_name, event_type } },
          });
          expect(r.status).toBe(201);
        }
      const { contract } = seeded(t);
      const before = contract.updated_at;
      const co = t.sim.edit.addPrimeChangeOrder(t.companyId, contract.project_id, {
        contract_id: contract.id,
        line_items: [{ amount: 10, cost_code_id: null }],
      });
      t.clock.advance(1000);
      t.sim.edit.approvePrimeChangeOrder(t.companyId, co.id);
      t.sim.edit.approvePrimeChangeOrder(t.companyId, co.id); // already approved: no change, no event
      t.sim.edit.setPrimeChangeOrderStatus(t.companyId, co.id, 'pending');
      t.sim.edit.deletePrimeChangeOrder(t.companyId, co.id);
      await t.sim.webhooks.deliverPending();
      expect(receiver.received.map((r) => [r.body.event_type, r.body.resource_name, r.body.resource_id, r.body.project_id])).toEqual([
        ['create', 'Prime Change Orders', co.id, contract.project_id],
        ['update', 'Prime Change Orders', co.id, contract.project_id],
        ['update', 'Prime Change Orders', co.id, contract.project_id],
        ['delete', 'Prime Change Orders', co.id, contract.project_id],
      ]);
      expect(t.sim.store.primeContracts.get(contract.id)?.updated_at).toBe(before);
    } finally {
      await receiver.close();
    }
  });
});

describe('prime change orders on owner invoices', () => {
  it('a new owner invoice has a G703 row per approved change order line, billed like SOV rows, to date over the contract’s invoices', async () => {
    t = await startTestSimulator();
    const { project, costCode, contract } = freshContract(t);
    const [sitework] = contract.line_items;
    const approved = t.sim.edit.addPrimeChangeOrder(t.companyId, project.id, {
      contract_id: contract.id,
      status: 'approved',
      line_items: [{ amount: 2_000, prime_contract_line_item_id: sitework?.id ?? 0, description: 'Rock excavation' }],
    });
    const pending = t.sim.edit.addPrimeChangeOrder(t.companyId, project.id, { contract_id: contract.id, line_items: [{ amount: 700, cost_code_id: null }] });
    const coLine = approved.line_items[0]?.id ?? 0;
    const bill = (billing_date: string, work: number) =>
      t.sim.edit.addPaymentApplication(t.companyId, project.id, {
        contract_id: contract.id,
        status: 'approved',
        billing_date,
        lines: [
          { prime_contract_line_item_id: sitework?.id ?? 0, work_completed_this_period: 1_000 },
          { prime_change_order_line_item_id: coLine, work_completed_this_period: work },
        ],
      });
    bill('2026-10-31', 500);
    const second = bill('2026-11-30', 300);
    expect(() =>
      t.sim.edit.addPaymentApplication(t.companyId, project.id, {
        contract_id: contract.id,
        lines: [{ prime_change_order_line_item_id: pending.line_items[0]?.id ?? 0, work_completed_this_period: 1 }],
      }),
    ).toThrow(/approved change order/);
    expect(() =>
      t.sim.edit.addPaymentApplication(t.companyId, project.id, {
        contract_id: contract.id,
        lines: [{ prime_contract_line_item_id: sitework?.id ?? 0, prime_change_order_line_item_id: coLine, work_completed_this_period: 1 }],
      }),
    ).toThrow(/one of them/);

    const shown = await json(await t.api(`/rest/v1.0/payment_applications/${second.id}?project_id=${project.id}`));
    const rows = shown['line_items'] as Json[];
    expect(rows.map((r) => [r['type'], r['prime_contract_line_item_id'], r['prime_change_order_line_item_id']])).toEqual([
      ['line_item', contract.line_items[0]?.id, null],
      ['line_item', contract.line_items[1]?.id, null],
      ['change_order_line_item', null, coLine],
    ]);
    expect(rows[2]).toMatchObject({
      cost_code: { id: costCode?.id },
      description_of_work: 'Rock excavation',
      scheduled_value: '2000.00',
      work_completed_this_period: '300.00',
      work_completed_retainage_retained_this_period: '30.00',
      total_completed_and_stored_to_date: '800.00',
      balance_to_finish: '1200.00',
    });
    expect(rows[0]).toMatchObject({ total_completed_and_stored_to_date: '2000.00', balance_to_finish: '8000.00' });
    expect(shown['completed_and_stored_this_period']).toBe('1300.00');
    const c = await json(await t.api(`/rest/v1.0/prime_contract/${contract.id}?project_id=${project.id}`));
    expect(c).toMatchObject({ owner_invoices_amount: '2800.00', revised_contract_amount: '17000.00', pending_change_orders_amount: '700.00' });
  });
});

describe('prime change orders: client ↔ simulator', () => {
  it('reads every seeded change order page by page; approved lines add up to Show Prime Contract’s approved_change_orders', async () => {
    // One record per page: the client sends no per_page here, so the simulator's page size is what pages it.
    t = await startTestSimulator({ maxPerPage: 1 });
    let pages = 0;
    const countingFetch: typeof fetch = (input, init) => {
      if (new URL(input instanceof Request ? input.url : String(input)).pathname.endsWith('/prime_change_orders')) pages++;
      return fetch(input, init);
    };
    const client = createProcoreClient({
      apiBaseUrl: t.url,
      companyId: t.companyId,
      getAccessToken: async () => t.token,
      sleep: async () => undefined,
      fetch: countingFetch,
    });
    let checked = 0;
    for (const project of t.sim.store.projects.list(t.companyId)) {
      const all = await client.primeContractChangeOrders.list(project.id);
      expect(all.map((co) => co.id)).toEqual(t.sim.store.primeChangeOrders.list(project.id).map((co) => co.id));
      for (const summary of await client.primeContracts.list(project.id)) {
        const contract = await client.primeContracts.get(project.id, summary.id);
        const approved = await client.primeContractChangeOrders.list(project.id, { primeContractId: contract.id, status: 'approved' });
        expect(approved.every((co) => co.contract_id === contract.id && co.status === 'approved' && co.executed === true)).toBe(true);
        let approvedCents = 0;
        for (const co of approved) {
          const full = await client.primeContractChangeOrders.get(project.id, co.id);
          const lines = full.line_items ?? [];
          expect(lines.length).toBeGreaterThan(0);
          expect(lines.every((l) => typeof l.cost_code?.id === 'number')).toBe(true);
          const lineCents = lines.reduce((s, l) => s + Math.round(parseMoney(primeChangeOrderLineAmount(l) ?? 'missing') * 100), 0);
          expect(Math.round(parseMoney(full.grand_total ?? 'missing') * 100)).toBe(lineCents);
          approvedCents += lineCents;
        }
        const total = (s: string | null | undefined) => Math.round(parseMoney(s ?? 'missing') * 100);
        expect(total(contract.approved_change_orders)).toBe(approvedCents);
        expect(total(contract.revised_contract_amount)).toBe(total(contract.grand_total) + approvedCents);
        checked++;
      }
    }
    expect(checked).toBe(t.sim.store.primeContracts.list().filter((c) => c.company_id === t.companyId).length);
    // Two change orders on the first contract at least: more than one page was read for one list.
    expect(pages).toBeGreaterThan(t.sim.store.projects.list(t.companyId).length);
  });
});
