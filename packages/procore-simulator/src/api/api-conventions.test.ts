import { afterEach, describe, expect, it } from 'vitest';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

function links(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (res.headers.get('link') ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (m) out[m[2] as string] = m[1] as string;
  }
  return out;
}

describe('authentication and company scoping', () => {
  it('401 without or with a bad bearer token, still with rate-limit headers', async () => {
    t = await startTestSimulator();
    const none = await t.api(`/rest/v1.0/companies/${t.companyId}/vendors`, { token: null });
    expect(none.status).toBe(401);
    expect(await none.json()).toHaveProperty('errors');
    expect(none.headers.get('x-rate-limit-limit')).not.toBeNull();
    expect((await t.api('/rest/v1.0/me', { token: 'garbage' })).status).toBe(401);
  });

  it('Procore-Company-Id: required (400) except on /me and /companies; 403 for a company the user is not in', async () => {
    t = await startTestSimulator();
    const missing = await t.api(`/rest/v1.0/companies/${t.companyId}/vendors`, { companyId: null });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errors: 'Procore-Company-Id header is required' });
    expect((await t.api('/rest/v1.0/me', { companyId: null })).status).toBe(200);
    const companies = await t.api('/rest/v1.0/companies', { companyId: null });
    expect(((await companies.json()) as { id: number }[]).map((c) => c.id)).toEqual([t.companyId]);

    const other = t.sim.otherCompanyIds[0] as number;
    const foreign = await t.api(`/rest/v1.0/companies/${other}/vendors`, { companyId: other });
    expect(foreign.status).toBe(403);
    // Header of the user's company but the path names the other one: still 403 (the company, not a record).
    expect((await t.api(`/rest/v1.0/companies/${other}/vendors`)).status).toBe(403);
  });

  it("another company's or project's records are 404, never 403", async () => {
    t = await startTestSimulator();
    const other = t.sim.otherCompanyIds[0] as number;
    const otherProject = t.sim.store.projects.list(other)[0];
    const otherVendor = t.sim.store.vendors.list(other)[0];
    const [p1, p2] = t.sim.store.projects.list(t.companyId);
    if (!otherProject || !otherVendor || !p1 || !p2) throw new Error('seed data missing');
    const project = await t.api(`/rest/v1.0/projects/${otherProject.id}?company_id=${t.companyId}`);
    expect(project.status).toBe(404);
    expect(await project.json()).toEqual({ errors: 'Not Found' });
    expect((await t.api(`/rest/v1.0/companies/${t.companyId}/vendors/${otherVendor.id}`)).status).toBe(404);
    expect((await t.api(`/rest/v1.1/requisitions?project_id=${otherProject.id}`)).status).toBe(404);
    const req = t.sim.store.requisitions.list(p1.id)[0];
    if (!req) throw new Error('no requisition');
    expect((await t.api(`/rest/v1.1/requisitions/${req.id}?project_id=${p1.id}`)).status).toBe(200);
    expect((await t.api(`/rest/v1.1/requisitions/${req.id}?project_id=${p2.id}`)).status).toBe(404);
    expect((await t.api('/rest/v1.0/no_such_thing')).status).toBe(404);
  });
});

describe('pagination', () => {
  it('Total, Per-Page and Link walk every record exactly once; next is absent on the last page', async () => {
    t = await startTestSimulator();
    const total = t.sim.store.vendors.list(t.companyId).length;
    let next: string | undefined = `/rest/v1.0/companies/${t.companyId}/vendors?per_page=7`;
    const seen: number[] = [];
    let pages = 0;
    let last: Record<string, string> = {};
    while (next !== undefined) {
      const res = await t.api(next.replace(t.url, ''));
      expect(res.status).toBe(200);
      expect(res.headers.get('total')).toBe(String(total));
      expect(res.headers.get('per-page')).toBe('7');
      const l = links(res);
      pages++;
      if (pages > 1) {
        expect(l['first']).toContain('page=1');
        expect(l['prev']).toContain(`page=${pages - 1}`);
      } else {
        expect(l['prev']).toBeUndefined();
      }
      expect(l['last']).toContain(`page=${Math.ceil(total / 7)}`);
      seen.push(...((await res.json()) as { id: number }[]).map((v) => v.id));
      last = l;
      next = l['next'];
    }
    expect(pages).toBe(Math.ceil(total / 7));
    expect(last['next']).toBeUndefined();
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('per_page defaults to 100 and is capped at maxPerPage; a page past the end is empty', async () => {
    t = await startTestSimulator({ maxPerPage: 10 });
    const capped = await t.api(`/rest/v1.0/companies/${t.companyId}/vendors?per_page=5000`);
    expect(capped.headers.get('per-page')).toBe('10');
    expect((await capped.json()) as unknown[]).toHaveLength(10);
    const beyond = await t.api(`/rest/v1.0/companies/${t.companyId}/vendors?page=99`);
    expect(await beyond.json()).toEqual([]);
    expect(beyond.headers.get('per-page')).toBe('10');
  });

  it('filters[updated_at] and filters[origin_id] select records before paging', async () => {
    t = await startTestSimulator();
    const vendors = t.sim.store.vendors.list(t.companyId);
    const [a, b] = vendors;
    if (!a || !b) throw new Error('no vendors');
    const before = new Date(t.clock.ms - 1).toISOString();
    t.sim.edit.updateVendor(t.companyId, a.id, { notes: 'edited in Procore', origin_id: 'QB-80000001' });
    t.clock.advance(5000);
    t.sim.edit.updateVendor(t.companyId, b.id, { notes: 'edited later' });
    const window = `${before}...${new Date(t.clock.ms - 1000).toISOString()}`;
    const res = await t.api(`/rest/v1.0/companies/${t.companyId}/vendors?filters[updated_at]=${encodeURIComponent(window)}&per_page=1`);
    expect(res.headers.get('total')).toBe('1');
    expect(((await res.json()) as { id: number }[])[0]?.id).toBe(a.id);
    const byOrigin = await t.api(`/rest/v1.0/companies/${t.companyId}/vendors?filters[origin_id]=QB-80000001`);
    expect(((await byOrigin.json()) as { id: number }[]).map((v) => v.id)).toEqual([a.id]);
    expect((await t.api(`/rest/v1.0/companies/${t.companyId}/vendors?filters[updated_at]=yesterday`)).status).toBe(400);
  });
});
