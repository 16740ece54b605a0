import { afterEach, describe, expect, it } from 'vitest';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';

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
    const byCommitment = (await (await t.api(`/rest/v1.1/requisitions?project_id=${project.id}&filters[commitment_id]=${commitmentId}`)).json()) as RequisitionJson[];
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
      expect(cents(r.summary['total_earned_less_retainage'])).toBe(cents(r.summary['total_completed_and_stored_to_date']) - cents(r.summary['total_retainage']));
      expect(cents(r.summary['less_previous_certificates_for_payment']) + cents(r.summary['current_payment_due'])).toBe(cents(r.summary['total_earned_less_retainage']));
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
    const res = await t.api(path(first.id), { method: 'PATCH', json: { requisition: { origin_id: 'BILL-1', origin_data: 'EditSequence=1', erp_status: 'synced' } } });
    expect(res.status).toBe(200);
    const json = (await res.json()) as RequisitionJson & { updated_at: string };
    expect(json).toMatchObject({ origin_id: 'BILL-1', origin_data: 'EditSequence=1', erp_status: 'synced', erp_locked: true, updated_at: new Date(t.clock.ms).toISOString() });

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
    const created = t.sim.edit.createRequisition(t.companyId, project.id, { commitment_id: commitmentId, work: { [line.id]: 1234.57 }, fraction: 0, status: 'under_review' });
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
