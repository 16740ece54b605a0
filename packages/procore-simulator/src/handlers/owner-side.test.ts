// The owner side over HTTP (API-CONTRACT.md "The owner side"): prime contracts, payment applications and the
// payments received on /rest/v1.0/contract_payments — scoping (404 for another project's or company's ids),
// pagination via Link, to-date columns, origin_id uniqueness, and webhooks.

import { afterEach, describe, expect, it } from 'vitest';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';
import { startWebhookReceiver } from '../test-support/start-webhook-receiver.ts';
import type { PrimeContract } from '../model/records.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

type Json = Record<string, unknown>;
const cents = (s: unknown) => Math.round(Number(s) * 100);

function seededContract(t: TestSimulator): PrimeContract {
  const contract = t.sim.store.primeContracts.list().find((c) => c.company_id === t.companyId);
  if (!contract) throw new Error('no seeded prime contract');
  return contract;
}

function otherCompanyContract(t: TestSimulator): PrimeContract {
  const contract = t.sim.store.primeContracts.list().find((c) => c.company_id !== t.companyId);
  if (!contract) throw new Error('no prime contract in the other company');
  return contract;
}

async function json<T = Json>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('prime contracts', () => {
  it('list (no lines) and Show on the singular path (lines, payments received, totals)', async () => {
    t = await startTestSimulator();
    const contract = seededContract(t);
    const listed = await json<Json[]>(await t.api(`/rest/v1.0/prime_contracts?project_id=${contract.project_id}`));
    expect(listed.map((c) => c['id'])).toEqual(t.sim.store.primeContracts.list(contract.project_id).map((c) => c.id));
    expect(listed[0]).not.toHaveProperty('line_items');
    expect(listed[0]?.['vendor']).toMatchObject({ id: contract.owner?.id, name: contract.owner?.name });

    const shown = await json(await t.api(`/rest/v1.0/prime_contract/${contract.id}?project_id=${contract.project_id}`));
    const lines = shown['line_items'] as Json[];
    expect(lines.map((l) => l['id'])).toEqual(contract.line_items.map((l) => l.id));
    expect(lines[0]?.['cost_code']).toMatchObject({ id: contract.line_items[0]?.cost_code_id });
    expect(cents(shown['grand_total'])).toBe(lines.reduce((s, l) => s + cents(l['amount']), 0));
    // The seeded first contract has change orders (generate-prime-change-orders.ts): the approved ones revise it.
    const approved = t.sim.store.primeChangeOrders
      .list(contract.project_id)
      .filter((co) => co.contract_id === contract.id && co.status === 'approved')
      .flatMap((co) => co.line_items);
    expect(approved.length).toBeGreaterThan(0);
    expect(cents(shown['approved_change_orders'])).toBe(approved.reduce((s, l) => s + cents(l.amount), 0));
    expect(cents(shown['revised_contract_amount'])).toBe(cents(shown['grand_total']) + cents(shown['approved_change_orders']));
    const payments = t.sim.store.primeContractPayments.list(contract.project_id).filter((p) => p.contract_id === contract.id);
    expect((shown['payments_received'] as Json[]).map((p) => p['id'])).toEqual(payments.map((p) => p.id));
    expect(cents(shown['total_payments'])).toBe(payments.reduce((s, p) => s + cents(p.amount), 0));
    expect(cents(shown['outstanding_balance'])).toBe(cents(shown['revised_contract_amount']) - cents(shown['total_payments']));
  });

  it('404 for another project, another company, an unknown id; 400 without project_id; Link pagination', async () => {
    t = await startTestSimulator();
    const contract = seededContract(t);
    const otherProject = t.sim.store.projects.list(t.companyId).find((p) => p.id !== contract.project_id);
    const foreign = otherCompanyContract(t);
    expect((await t.api(`/rest/v1.0/prime_contract/${contract.id}?project_id=${otherProject?.id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/prime_contract/${foreign.id}?project_id=${foreign.project_id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/prime_contract/${foreign.id}?project_id=${contract.project_id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/prime_contract/99999999?project_id=${contract.project_id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/prime_contracts`)).status).toBe(400);

    t.sim.edit.addPrimeContract(t.companyId, contract.project_id, {
      title: 'Second agreement',
      owner_name: 'Second Owner',
      line_items: [{ cost_code_id: null, amount: 10 }],
    });
    const first = await t.api(`/rest/v1.0/prime_contracts?project_id=${contract.project_id}&per_page=1`);
    expect(first.headers.get('total')).toBe('2');
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    expect(first.headers.get('x-rate-limit-remaining')).not.toBeNull();
    const second = await t.api(new URL(next ?? '').pathname + new URL(next ?? '').search);
    expect(second.headers.get('link') ?? '').not.toContain('rel="next"');
    const ids = [...(await json<Json[]>(first)), ...(await json<Json[]>(second))].map((c) => c['id']);
    expect(ids).toEqual(t.sim.store.primeContracts.list(contract.project_id).map((c) => c.id));
  });
});

describe('payment applications (owner invoices)', () => {
  it('a project’s, a contract’s, Show with G703 rows; to-date columns add up over the contract’s invoices', async () => {
    t = await startTestSimulator();
    const project = t.sim.store.projects.list(t.companyId)[0];
    if (!project) throw new Error('no project');
    const contract = t.sim.edit.addPrimeContract(t.companyId, project.id, {
      title: 'Owner agreement',
      owner_name: 'Harbor City Schools',
      line_items: [
        { cost_code_id: t.sim.store.costCodes.list(project.id)[0]?.id ?? null, amount: 1000, description: 'Sitework' },
        { cost_code_id: null, amount: 500, description: 'General conditions' },
      ],
    });
    const [l1, l2] = contract.line_items;
    const first = t.sim.edit.addPaymentApplication(t.companyId, project.id, {
      contract_id: contract.id,
      status: 'approved',
      billing_date: '2026-10-31',
      lines: [{ prime_contract_line_item_id: l1?.id ?? 0, work_completed_this_period: 400 }],
    });
    const second = t.sim.edit.addPaymentApplication(t.companyId, project.id, {
      contract_id: contract.id,
      status: 'under_review',
      billing_date: '2026-11-30',
      lines: [
        { prime_contract_line_item_id: l1?.id ?? 0, work_completed_this_period: 100, work_completed_retainage_released_this_period: 20 },
        { prime_contract_line_item_id: l2?.id ?? 0, work_completed_this_period: 50, materials_presently_stored: 30 },
      ],
    });
    expect([first.number, second.number]).toEqual([1, 2]);

    const forContract = await json<Json[]>(await t.api(`/rest/v1.0/prime_contracts/${contract.id}/payment_applications?project_id=${project.id}`));
    expect(forContract.map((a) => a['id'])).toEqual([first.id, second.id]);
    const forProject = await json<Json[]>(await t.api(`/rest/v1.0/payment_applications?project_id=${project.id}`));
    expect(forProject.map((a) => a['id'])).toEqual(expect.arrayContaining([first.id, second.id]));

    const shown = await json(await t.api(`/rest/v1.0/payment_applications/${second.id}?project_id=${project.id}`));
    expect(shown).toMatchObject({
      id: second.id,
      contract_id: contract.id,
      number: 2,
      status: 'under_review',
      billing_date: '2026-11-30',
      period_start: '2026-11-01',
    });
    const rows = shown['line_items'] as Json[];
    expect(rows[0]).toMatchObject({
      description_of_work: 'Sitework',
      scheduled_value: '1000.00',
      work_completed_this_period: '100.00',
      work_completed_retainage_retained_this_period: '10.00',
      work_completed_retainage_released_this_period: '20.00',
      total_completed_and_stored_to_date: '500.00',
      // 40 held on the first invoice + 10 now − 20 released
      total_retainage_currently_retained: '30.00',
      balance_to_finish: '500.00',
    });
    expect(rows[0]?.['cost_code']).toMatchObject({ id: contract.line_items[0]?.cost_code_id });
    expect(rows[1]).toMatchObject({
      materials_presently_stored: '30.00',
      materials_stored_retainage_retained_this_period: '3.00',
      total_completed_and_stored_to_date: '80.00',
    });
  });

  it('404 for a contract or invoice of another project or company', async () => {
    t = await startTestSimulator();
    const contract = seededContract(t);
    const foreign = otherCompanyContract(t);
    const foreignApp = t.sim.store.paymentApplications.list(foreign.project_id)[0];
    const otherProject = t.sim.store.projects.list(t.companyId).find((p) => p.id !== contract.project_id);
    expect((await t.api(`/rest/v1.0/prime_contracts/${foreign.id}/payment_applications?project_id=${foreign.project_id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/prime_contracts/${contract.id}/payment_applications?project_id=${otherProject?.id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/payment_applications/${foreignApp?.id}?project_id=${contract.project_id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/payment_applications?project_id=${foreign.project_id}`)).status).toBe(404);
  });

  it('approve, set back and delete send webhooks under "Payment Applications"', async () => {
    t = await startTestSimulator();
    const receiver = await startWebhookReceiver();
    try {
      await subscribe(t, receiver.url, ['Payment Applications', 'Prime Contracts'], ['create', 'update', 'delete']);
      const project = t.sim.store.projects.list(t.companyId)[0];
      if (!project) throw new Error('no project');
      const contract = t.sim.edit.addPrimeContract(t.companyId, project.id, {
        title: 'PC',
        owner_name: 'Owner',
        line_items: [{ cost_code_id: null, amount: 100 }],
      });
      const app = t.sim.edit.addPaymentApplication(t.companyId, project.id, {
        contract_id: contract.id,
        lines: [{ prime_contract_line_item_id: contract.line_items[0]?.id ?? 0, work_completed_this_period: 10 }],
      });
      t.sim.edit.approvePaymentApplication(t.companyId, app.id);
      t.sim.edit.setPaymentApplicationStatus(t.companyId, app.id, 'revise_and_resubmit');
      t.sim.edit.deletePaymentApplication(t.companyId, app.id);
      await t.sim.webhooks.deliverPending();
      expect(receiver.received.map((r) => [r.body.event_type, r.body.resource_name, r.body.resource_id, r.body.metadata.source_application_id])).toEqual([
        ['create', 'Prime Contracts', contract.id, null],
        ['create', 'Payment Applications', app.id, null],
        ['update', 'Payment Applications', app.id, null],
        ['update', 'Payment Applications', app.id, null],
        ['delete', 'Payment Applications', app.id, null],
      ]);
    } finally {
      await receiver.close();
    }
  });
});

async function subscribe(t: TestSimulator, url: string, resources: string[], events: string[]) {
  const hook = await json<{ id: number }>(
    await t.api(`/rest/v1.0/webhooks/hooks?company_id=${t.companyId}`, {
      method: 'POST',
      json: {
        company_id: t.companyId,
        hook: { api_version: 'v2', namespace: 'qb-connector', destination_url: url, destination_headers: { Authorization: 'Bearer x-12345' } },
      },
    }),
  );
  for (const resource_name of resources)
    for (const event_type of events) {
      const r = await t.api(`/rest/v1.0/webhooks/hooks/${hook.id}/triggers?company_id=${t.companyId}`, {
        method: 'POST',
        json: { company_id: t.companyId, api_version: 'v2', trigger: { resource_name, event_type } },
      });
      expect(r.status).toBe(201);
    }
}

describe('prime contract payments (/rest/v1.0/contract_payments)', () => {
  function setup(t: TestSimulator) {
    const contract = seededContract(t);
    const app = t.sim.store.paymentApplications.list(contract.project_id).find((a) => a.contract_id === contract.id);
    if (!app) throw new Error('no seeded owner invoice');
    const post = (body: unknown) => t.api('/rest/v1.0/contract_payments', { method: 'POST', json: body });
    const payment = (fields: Json = {}) => ({
      project_id: contract.project_id,
      contract_id: contract.id,
      contract_payment: {
        contract_id: contract.id,
        amount: '1250.00',
        date: '2026-11-20',
        draw_request_number: app.number,
        check_number: '10442',
        payment_method: 'check',
        origin_id: 'qb-rp-1',
        ...fields,
      },
    });
    return { contract, app, post, payment };
  }

  it('POST → 201, listed with contract_id, shown in payments_received; DELETE → 204 then 404; webhooks as Contract Payments', async () => {
    t = await startTestSimulator();
    const receiver = await startWebhookReceiver();
    try {
      await subscribe(t, receiver.url, ['Contract Payments'], ['create', 'delete']);
      const { contract, app, post, payment } = setup(t);
      const response = await post(payment());
      expect(response.status).toBe(201);
      const created = await json(response);
      expect(created).toMatchObject({
        contract_id: contract.id,
        amount: '1250.00',
        date: '2026-11-20',
        draw_request_number: app.number,
        check_number: '10442',
        origin_id: 'qb-rp-1',
      });

      const listPath = `/rest/v1.0/contract_payments?project_id=${contract.project_id}&contract_id=${contract.id}`;
      const listed = await json<Json[]>(await t.api(listPath));
      expect(listed.map((p) => p['id'])).toContain(created['id']);
      const shown = await json(await t.api(`/rest/v1.0/prime_contract/${contract.id}?project_id=${contract.project_id}`));
      expect((shown['payments_received'] as Json[]).map((p) => p['origin_id'])).toContain('qb-rp-1');

      const del = (id: unknown, contractId = contract.id) =>
        t.api(`/rest/v1.0/contract_payments/${String(id)}?project_id=${contract.project_id}&contract_id=${contractId}`, { method: 'DELETE' });
      const otherContract = t.sim.edit.addPrimeContract(t.companyId, contract.project_id, {
        title: 'Other',
        owner_name: 'O',
        line_items: [{ cost_code_id: null, amount: 1 }],
      });
      expect((await del(created['id'], otherContract.id)).status).toBe(404);
      expect((await del(created['id'])).status).toBe(204);
      expect((await del(created['id'])).status).toBe(404);
      expect(t.sim.edit.listPrimeContractPayments(t.companyId, contract.project_id, contract.id).some((p) => p.origin_id === 'qb-rp-1')).toBe(false);

      await t.sim.webhooks.deliverPending();
      expect(receiver.received.map((r) => [r.body.event_type, r.body.resource_name, r.body.resource_id, r.body.metadata.source_application_id])).toEqual([
        ['create', 'Contract Payments', created['id'], 'demo-client'],
        ['delete', 'Contract Payments', created['id'], 'demo-client'],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('422: a taken origin_id (also one taken by a commitment payment), a Draft contract, an unknown draw request, no amount', async () => {
    t = await startTestSimulator();
    const { contract, post, payment } = setup(t);
    expect((await post(payment())).status).toBe(201);
    const duplicate = await post(payment({ amount: '1.00' }));
    expect(duplicate.status).toBe(422);
    expect(await duplicate.json()).toEqual({ errors: { origin_id: ['has already been taken'] } });
    const commitmentPayment = t.sim.store.contractPayments.list().find((p) => p.company_id === t.companyId);
    if (commitmentPayment) {
      t.sim.store.update(t.sim.store.contractPayments, commitmentPayment, { origin_id: 'qb-bp-7' }, { userId: 1, clientId: null });
      expect((await post(payment({ origin_id: 'qb-bp-7' }))).status).toBe(422);
    }
    const unknownDraw = await json(await post(payment({ origin_id: 'qb-rp-2', draw_request_number: 999 })));
    expect(unknownDraw).toEqual({ errors: { draw_request_number: ['is invalid'] } });
    expect((await post(payment({ origin_id: 'qb-rp-3', amount: undefined }))).status).toBe(422);
    t.sim.edit.updatePrimeContract(t.companyId, contract.id, { status: 'Draft' });
    const draft = await json(await post(payment({ origin_id: 'qb-rp-4' })));
    expect(draft).toEqual({ errors: { contract_id: ['must be an Approved or Complete prime contract'] } });
    const made = t.sim.edit.listPrimeContractPayments(t.companyId, contract.project_id).filter((p) => p.origin_id?.startsWith('qb-rp'));
    expect(made.map((p) => p.origin_id)).toEqual(['qb-rp-1']);
  });

  it('404 for another company’s contract or a contract of another project; 400 without contract_id; GET by a commitment lists its payments', async () => {
    t = await startTestSimulator();
    const { contract, post, payment } = setup(t);
    const foreign = otherCompanyContract(t);
    expect((await post({ ...payment(), project_id: foreign.project_id, contract_id: foreign.id })).status).toBe(404);
    expect((await post({ ...payment(), contract_id: foreign.id })).status).toBe(404);
    expect((await t.api(`/rest/v1.0/contract_payments?project_id=${foreign.project_id}&contract_id=${foreign.id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.0/contract_payments?project_id=${contract.project_id}`)).status).toBe(400);
    const commitmentPayment = t.sim.store.contractPayments.list().find((p) => p.company_id === t.companyId);
    if (!commitmentPayment) throw new Error('no seeded commitment payment');
    const listed = await json<Json[]>(
      await t.api(`/rest/v1.0/contract_payments?project_id=${commitmentPayment.project_id}&contract_id=${commitmentPayment.contract_id}`),
    );
    expect(listed.map((p) => p['id'])).toContain(commitmentPayment.id);
    expect(listed.every((p) => p['contract_id'] === commitmentPayment.contract_id)).toBe(true);
  });
});
