// The client's owner-side calls (@connector/procore) against the simulator: the two sides of API-CONTRACT.md "The
// owner side" agree on paths, queries, bodies, pagination and the answers' fields, and an unknown-outcome POST is
// found again by origin_id instead of being created twice.

import { afterEach, describe, expect, it } from 'vitest';
import { ProcoreApiError, createProcoreClient, isOriginIdTaken, parseMoney } from '../../../procore/src/index.ts';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

/** `loseAnswers`: how many POST answers to throw away after the simulator has processed them (a connection that
 * drops on the way back: Procore wrote the record, the client never hears of it). */
function clientOf(t: TestSimulator, perPage = 100, loseAnswers = { posts: 0 }) {
  const fetchLosingAnswers: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (init?.method === 'POST' && loseAnswers.posts > 0) {
      loseAnswers.posts--;
      await response.arrayBuffer();
      throw new TypeError('fetch failed (socket closed before the answer)');
    }
    return response;
  };
  return createProcoreClient({
    apiBaseUrl: t.url,
    companyId: t.companyId,
    getAccessToken: async () => t.token,
    perPage,
    sleep: async () => undefined,
    fetch: fetchLosingAnswers,
  });
}

describe('owner side: client ↔ simulator', () => {
  it('reads every seeded prime contract, owner invoice and payment received, page by page', async () => {
    t = await startTestSimulator();
    const client = clientOf(t, 1);
    const projects = t.sim.store.projects.list(t.companyId);
    let contracts = 0;
    for (const project of projects) {
      const listed = await client.primeContracts.list(project.id);
      expect(listed.map((c) => c.id)).toEqual(t.sim.store.primeContracts.list(project.id).map((c) => c.id));
      for (const summary of listed) {
        contracts++;
        const contract = await client.primeContracts.get(project.id, summary.id);
        expect(contract.status).toBe('Approved');
        expect(contract.vendor?.name).toBeTruthy();
        const lineTotal = (contract.line_items ?? []).reduce((s, l) => s + Math.round(parseMoney(l.amount) * 100), 0);
        expect(Math.round(parseMoney(contract.grand_total ?? 'missing') * 100)).toBe(lineTotal);
        expect((contract.line_items ?? []).every((l) => typeof l.cost_code?.id === 'number')).toBe(true);

        const apps = await client.paymentApplications.list(project.id, { primeContractId: contract.id });
        expect(apps.map((a) => a.number)).toEqual(apps.map((_, i) => i + 1));
        for (const app of apps) {
          const full = await client.paymentApplications.get(project.id, app.id);
          expect(full.contract_id).toBe(contract.id);
          expect(full.line_items?.map((l) => l.cost_code?.id)).toEqual(contract.line_items?.map((l) => l.cost_code?.id));
        }
        const payments = await client.primeContractPayments.list(project.id, contract.id);
        expect(payments.map((p) => p.id)).toEqual((contract.payments_received ?? []).map((p) => p.id));
        for (const p of payments) expect(apps.find((a) => a.number === p.draw_request_number)?.status).toBe('approved');
      }
      const all = await client.paymentApplications.list(project.id);
      expect(all.map((a) => a.id)).toEqual(t.sim.store.paymentApplications.list(project.id).map((a) => a.id));
    }
    expect(contracts).toBeGreaterThan(0);
  });

  it('creates a payment received, refuses a second one with the same origin_id, finds it after a lost answer, deletes it', async () => {
    t = await startTestSimulator();
    const loseAnswers = { posts: 0 };
    const client = clientOf(t, 100, loseAnswers);
    const contract = t.sim.store.primeContracts.list().find((c) => c.company_id === t.companyId);
    const app = t.sim.store.paymentApplications.list(contract?.project_id).find((a) => a.contract_id === contract?.id);
    if (!contract || !app) throw new Error('no seeded contract with an owner invoice');
    const payment = {
      contract_id: contract.id,
      amount: '2500.00',
      date: '2026-11-20',
      draw_request_number: app.number,
      check_number: 'RP-10442',
      payment_method: 'check' as const,
      origin_id: 'qb-rp-77',
    };
    const created = await client.primeContractPayments.create(contract.project_id, payment);
    expect(created).toMatchObject({ contract_id: contract.id, amount: '2500.00', draw_request_number: app.number, origin_id: 'qb-rp-77' });

    const again = await client.primeContractPayments.create(contract.project_id, payment).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ProcoreApiError);
    expect(isOriginIdTaken(again)).toBe(true);

    // The answer to a POST is lost (the connection drops after Procore wrote it): outcome unknown, not resent;
    // the caller lists the contract's payments and finds its origin_id.
    loseAnswers.posts = 1;
    const lost = await client.primeContractPayments.create(contract.project_id, { ...payment, origin_id: 'qb-rp-78' }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(ProcoreApiError);
    expect((lost as ProcoreApiError).outcome).toBe('unknown');
    const found = await client.primeContractPayments.list(contract.project_id, contract.id, { originId: 'qb-rp-78' });
    expect(found).toHaveLength(1);
    expect(t.sim.edit.listPrimeContractPayments(t.companyId, contract.project_id, contract.id).filter((p) => p.origin_id === 'qb-rp-78')).toHaveLength(1);

    await client.primeContractPayments.delete(contract.project_id, contract.id, created.id);
    expect(await client.primeContractPayments.list(contract.project_id, contract.id, { originId: 'qb-rp-77' })).toEqual([]);
    const gone = await client.primeContractPayments.delete(contract.project_id, contract.id, created.id).catch((e: unknown) => e);
    expect((gone as ProcoreApiError).code).toBe('PROCORE_NOT_FOUND');
  });
});
