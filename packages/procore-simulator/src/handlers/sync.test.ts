import { afterEach, describe, expect, it } from 'vitest';
import { generateProcoreCompany } from '../seed/generate-procore-company.ts';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

interface SyncAnswer {
  entities: Record<string, unknown>[];
  errors: (Record<string, unknown> & { errors: Record<string, string[]> })[];
}

async function sync(t: TestSimulator, path: string, body: unknown): Promise<{ status: number; body: SyncAnswer }> {
  const res = await t.api(path, { method: 'PATCH', json: body });
  return { status: res.status, body: (await res.json()) as SyncAnswer };
}

describe('vendors sync', () => {
  it('refuses more than 1000 items as a whole (422) and changes nothing', async () => {
    t = await startTestSimulator();
    const before = t.sim.store.vendors.size;
    const updates = Array.from({ length: 1001 }, (_, i) => ({ name: `Vendor ${i}`, origin_id: `QB-${i}` }));
    const res = await t.api('/rest/v1.0/vendors/sync', { method: 'PATCH', json: { company_id: t.companyId, updates } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: { updates: [expect.stringContaining('1000')] } });
    expect(t.sim.store.vendors.size).toBe(before);
    expect((await sync(t, '/rest/v1.0/vendors/sync', { company_id: t.companyId, updates: updates.slice(0, 1000) })).body.entities).toHaveLength(1000);
  });

  it('answers 200 with per-item errors echoing the item: blank name, name too long, duplicate origin_id, unknown id', async () => {
    t = await startTestSimulator();
    const existing = t.sim.store.vendors.list(t.companyId)[0];
    if (!existing) throw new Error('no vendor');
    t.sim.edit.updateVendor(t.companyId, existing.id, { origin_id: 'QB-TAKEN' });
    const { status, body } = await sync(t, '/rest/v1.0/vendors/sync', {
      company_id: t.companyId,
      updates: [
        { name: 'Fine Vendor LLC', origin_id: 'QB-1' },
        { name: '', origin_id: 'QB-2' },
        { name: 'x'.repeat(256), origin_id: 'QB-3' },
        { id: t.sim.store.vendors.list(t.companyId)[1]?.id, origin_id: 'QB-TAKEN' },
        { id: 999, name: 'Ghost' },
        { name: 'Bad State', state_code: 'California' },
      ],
    });
    expect(status).toBe(200);
    expect(body.entities.map((e) => e['name'])).toEqual(['Fine Vendor LLC']);
    expect(body.errors).toEqual([
      { name: '', origin_id: 'QB-2', errors: { name: ["can't be blank"] } },
      { name: 'x'.repeat(256), origin_id: 'QB-3', errors: { name: ['is too long (maximum is 255 characters)'] } },
      { id: t.sim.store.vendors.list(t.companyId)[1]?.id, origin_id: 'QB-TAKEN', errors: { origin_id: ['has already been taken'] } },
      { id: 999, name: 'Ghost', errors: { id: ['Record not found'] } },
      { name: 'Bad State', state_code: 'California', errors: { state_code: ['is invalid'] } },
    ]);
  });

  it('creates, then updates the same record by origin_id (and by id); a resend that changes nothing keeps updated_at', async () => {
    t = await startTestSimulator();
    const created = await sync(t, '/rest/v1.0/vendors/sync', {
      company_id: t.companyId,
      updates: [{ name: 'Acme Drywall', origin_id: '80000042-1700000000', origin_data: 'EditSequence=1' }],
    });
    const vendor = created.body.entities[0] as { id: number; created_at: string; updated_at: string };
    expect(vendor.created_at).toBe(new Date(t.clock.ms).toISOString());

    t.clock.advance(60_000);
    const byOrigin = await sync(t, '/rest/v1.0/vendors/sync', {
      company_id: t.companyId,
      updates: [{ name: 'Acme Drywall Inc.', origin_id: '80000042-1700000000', origin_data: 'EditSequence=2' }],
    });
    expect(byOrigin.body.entities[0]).toMatchObject({
      id: vendor.id,
      name: 'Acme Drywall Inc.',
      origin_data: 'EditSequence=2',
      updated_at: new Date(t.clock.ms).toISOString(),
    });

    t.clock.advance(60_000);
    const byId = await sync(t, '/rest/v1.0/vendors/sync', { company_id: t.companyId, updates: [{ id: vendor.id, city: 'Denver' }] });
    expect(byId.body.entities[0]).toMatchObject({ id: vendor.id, city: 'Denver', name: 'Acme Drywall Inc.' });
    const touched = (byId.body.entities[0] as { updated_at: string }).updated_at;

    t.clock.advance(60_000);
    const same = await sync(t, '/rest/v1.0/vendors/sync', { company_id: t.companyId, updates: [{ id: vendor.id, city: 'Denver' }] });
    expect((same.body.entities[0] as { updated_at: string }).updated_at).toBe(touched);
    expect(t.sim.store.vendors.list(t.companyId).filter((v) => v.origin_id === '80000042-1700000000')).toHaveLength(1);
  });

  it('a later item in the same call sees an origin_id created by an earlier one', async () => {
    t = await startTestSimulator();
    const { body } = await sync(t, '/rest/v1.0/vendors/sync', {
      company_id: t.companyId,
      updates: [
        { name: 'A', origin_id: 'O1' },
        { name: 'B', origin_id: 'O1' },
      ],
    });
    expect(body.entities).toHaveLength(2);
    expect(body.entities[0]?.['id']).toBe(body.entities[1]?.['id']);
    expect(body.entities[1]?.['name']).toBe('B');
  });

  // How long each call takes is a figure of `pnpm bench` (bench-simulators.ts), not a test.
  it('10,000 vendors in 10 calls of 1000, then read back a page of 1000 from the middle', async () => {
    t = await startTestSimulator({ company: generateProcoreCompany({ seed: 3, vendors: 10 }) });
    for (let call = 0; call < 10; call++) {
      const updates = Array.from({ length: 1000 }, (_, i) => ({
        name: `QB Vendor ${call * 1000 + i}`,
        origin_id: `8000${call * 1000 + i}-1`,
        city: 'Boise',
        is_active: true,
      }));
      const { status, body } = await sync(t, '/rest/v1.0/vendors/sync', { company_id: t.companyId, updates });
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
    }
    expect(t.sim.store.vendors.list(t.companyId)).toHaveLength(10_010);
    const page = await t.api(`/rest/v1.0/companies/${t.companyId}/vendors?per_page=1000&page=6`);
    expect(((await page.json()) as unknown[]).length).toBe(1000);
  });
});

describe('projects and cost codes sync', () => {
  it('projects sync creates a project (with the standard cost codes copied in) and updates by origin_id', async () => {
    t = await startTestSimulator();
    const created = await sync(t, '/rest/v1.0/projects/sync', {
      company_id: t.companyId,
      updates: [{ name: 'Harbor View Clinic', project_number: '2026-100', origin_id: 'JOB-1', state_code: 'CO' }, { project_number: 'x' }],
    });
    expect(created.body.errors).toEqual([{ project_number: 'x', errors: { name: ["can't be blank"] } }]);
    const project = created.body.entities[0] as { id: number };
    const codes = t.sim.store.costCodes.list(project.id);
    expect(codes.length).toBe(t.sim.store.standardCostCodes.list(t.sim.store.standardCostCodeLists.list(t.companyId)[0]?.id ?? 0).length);
    const updated = await sync(t, '/rest/v1.0/projects/sync', { company_id: t.companyId, updates: [{ origin_id: 'JOB-1', active: false }] });
    expect(updated.body.entities[0]).toMatchObject({ id: project.id, active: false, name: 'Harbor View Clinic' });
    const get = await t.api(`/rest/v1.0/projects/${project.id}?company_id=${t.companyId}`);
    expect(await get.json()).toMatchObject({ id: project.id, origin_id: 'JOB-1', project_number: '2026-100' });
  });

  it('standard cost codes sync: parents give full_code, codes are unique among siblings', async () => {
    t = await startTestSimulator();
    const list = t.sim.store.standardCostCodeLists.list(t.companyId)[0];
    const division = t.sim.store.standardCostCodes.list(list?.id ?? 0).find((c) => c.code === '03');
    if (!list || !division) throw new Error('seed missing');
    const { body } = await sync(t, '/rest/v1.0/standard_cost_codes/sync', {
      company_id: t.companyId,
      standard_cost_code_list_id: list.id,
      updates: [
        { code: '450', name: 'Architectural Concrete', parent_id: division.id, origin_id: 'ITEM-1' },
        { code: '300', name: 'Duplicate of 03-300', parent_id: division.id },
        { code: '99', name: 'No parent' },
        { code: '460', name: '', parent_id: division.id },
      ],
    });
    expect(body.entities.map((e) => e['full_code'])).toEqual(['03-450', '99']);
    expect(body.errors.map((e) => e.errors)).toEqual([{ code: ['has already been taken'] }, { name: ["can't be blank"] }]);
    const listed = await t.api(`/rest/v1.0/standard_cost_codes?standard_cost_code_list_id=${list.id}&company_id=${t.companyId}&filters[origin_id]=ITEM-1`);
    expect(((await listed.json()) as { full_code: string }[]).map((c) => c.full_code)).toEqual(['03-450']);
  });

  it('project cost codes sync: from a standard code or from scratch', async () => {
    t = await startTestSimulator();
    const project = t.sim.store.projects.list(t.companyId)[0];
    const list = t.sim.store.standardCostCodeLists.list(t.companyId)[0];
    if (!project || !list) throw new Error('seed missing');
    const standard = t.sim.edit.createStandardCostCode(t.companyId, {
      code: '777',
      name: 'Owner Allowance',
      parent_id: t.sim.store.standardCostCodes.list(list.id).find((c) => c.code === '01')?.id ?? null,
    });
    const { body } = await sync(t, '/rest/v1.0/cost_codes/sync', {
      project_id: project.id,
      updates: [
        { standard_cost_code_id: standard.id, origin_id: 'ITEM-777' },
        { code: 'Z1', name: 'Project-only code' },
        { code: '777', name: 'again', parent_id: t.sim.store.costCodes.list(project.id).find((c) => c.code === '01')?.id },
      ],
    });
    expect(body.entities).toMatchObject([{ full_code: '01-777', name: 'Owner Allowance', standard_cost_code_id: standard.id }, { full_code: 'Z1' }]);
    expect(body.errors[0]?.errors).toEqual({ code: ['has already been taken'] });
  });
});
