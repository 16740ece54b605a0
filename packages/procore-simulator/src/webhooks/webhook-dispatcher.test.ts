import { afterEach, describe, expect, it } from 'vitest';
import { ULID_PATTERN } from '../random/generate-ulid.ts';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/start-webhook-receiver.ts';
import type { ProcoreSimulatorOptions } from '../procore-simulator.ts';

let t: TestSimulator;
let receiver: WebhookReceiver;
afterEach(async () => {
  await t?.sim.close();
  await receiver?.close();
});

async function setUp(options: ProcoreSimulatorOptions = {}, triggers: [string, string][] = [['Projects', 'update']], projectId?: number) {
  t = await startTestSimulator(options);
  receiver = await startWebhookReceiver();
  const hookRes = await t.api(`/rest/v1.0/webhooks/hooks?company_id=${t.companyId}`, {
    method: 'POST',
    json: {
      company_id: t.companyId,
      ...(projectId ? { project_id: projectId } : {}),
      hook: {
        api_version: 'v2',
        namespace: 'qb-connector',
        destination_url: receiver.url,
        destination_headers: { Authorization: 'Bearer s3cr3t-webhook-token' },
      },
    },
  });
  expect(hookRes.status).toBe(201);
  const hook = (await hookRes.json()) as { id: number; destination_headers: Record<string, string> };
  for (const [resource_name, event_type] of triggers) {
    const res = await t.api(`/rest/v1.0/webhooks/hooks/${hook.id}/triggers?company_id=${t.companyId}`, {
      method: 'POST',
      json: { company_id: t.companyId, api_version: 'v2', trigger: { resource_name, event_type } },
    });
    expect(res.status).toBe(201);
  }
  return hook;
}

function firstProject(t: TestSimulator) {
  const p = t.sim.store.projects.list(t.companyId)[0];
  if (!p) throw new Error('no project');
  return p;
}

describe('webhook hooks and triggers API', () => {
  it('masks destination headers to the last 5 characters; triggers are validated; hooks of other companies are out of reach', async () => {
    const hook = await setUp();
    expect(hook.destination_headers).toEqual({ Authorization: `${'*'.repeat('Bearer s3cr3t-webhook-token'.length - 5)}token` });
    const list = await t.api(`/rest/v1.0/webhooks/hooks?company_id=${t.companyId}`);
    expect(((await list.json()) as { id: number }[]).map((h) => h.id)).toEqual([hook.id]);
    const dup = await t.api(`/rest/v1.0/webhooks/hooks/${hook.id}/triggers?company_id=${t.companyId}`, {
      method: 'POST',
      json: { trigger: { resource_name: 'Projects', event_type: 'update' } },
    });
    expect(dup.status).toBe(422);
    const bad = await t.api(`/rest/v1.0/webhooks/hooks/${hook.id}/triggers?company_id=${t.companyId}`, {
      method: 'POST',
      json: { trigger: { resource_name: 'Widgets', event_type: 'explode' } },
    });
    expect(await bad.json()).toEqual({ errors: { resource_name: ['is not included in the list'], event_type: ['is not included in the list'] } });
    const other = t.sim.otherCompanyIds[0] as number;
    expect((await t.api(`/rest/v1.0/webhooks/hooks?company_id=${other}`)).status).toBe(403);
    const patched = await t.api(`/rest/v1.0/webhooks/hooks/${hook.id}?company_id=${t.companyId}`, {
      method: 'PATCH',
      json: { hook: { destination_headers: { Authorization: 'Bearer rotated-12345' } } },
    });
    expect(((await patched.json()) as { destination_headers: Record<string, string> }).destination_headers['Authorization']).toMatch(/^\*+12345$/);
    expect((await t.api(`/rest/v1.0/webhooks/hooks/${hook.id}?company_id=${t.companyId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/rest/v1.0/webhooks/hooks/${hook.id}/triggers?company_id=${t.companyId}`)).status).toBe(404);
  });
});

describe('webhook delivery', () => {
  it('delivers the contract body with the hook headers; source_application_id tells API echoes from UI edits', async () => {
    await setUp();
    const project = firstProject(t);
    const viaApi = await t.api('/rest/v1.0/projects/sync', {
      method: 'PATCH',
      json: { company_id: t.companyId, updates: [{ id: project.id, origin_id: 'JOB-9' }] },
    });
    expect(viaApi.status).toBe(200);
    t.clock.advance(1000);
    t.sim.edit.updateProject(t.companyId, project.id, { name: 'Renamed in Procore' });
    const report = await t.sim.webhooks.deliverPending();
    expect(report).toMatchObject({ attempted: 2, delivered: 2, failed: 0, pending: 0 });
    expect(receiver.received).toHaveLength(2);
    const [echo, human] = receiver.received;
    expect(echo?.headers['authorization']).toBe('Bearer s3cr3t-webhook-token');
    expect(echo?.headers['content-type']).toBe('application/json');
    expect(echo?.body).toMatchObject({
      company_id: t.companyId,
      project_id: null,
      user_id: t.sim.store.user.id,
      event_type: 'update',
      resource_name: 'Projects',
      resource_id: project.id,
      api_version: 'v2',
      metadata: { source_application_id: 'demo-client' },
    });
    expect(echo?.body.ulid).toMatch(ULID_PATTERN);
    expect(echo?.body.timestamp).toBe(new Date(t.clock.ms - 1000).toISOString());
    expect(typeof echo?.body.id).toBe('number');
    expect(human?.body.metadata.source_application_id).toBeNull();
    expect(human?.body.ulid).not.toBe(echo?.body.ulid);
    // Nothing is sent for changes no trigger asks for.
    t.sim.edit.createVendor(t.companyId, { name: 'Untriggered Vendor' });
    expect((await t.sim.webhooks.deliverPending()).attempted).toBe(0);
  });

  it('retries a failing receiver with the same ulid after retryDelaysMs, on the simulator clock', async () => {
    await setUp({ webhook: { retryDelaysMs: [1000, 5000] } });
    receiver.respond = (n) => (n < 2 ? 500 : 204);
    t.sim.edit.updateProject(t.companyId, firstProject(t).id, { description: 'changed' });
    expect(await t.sim.webhooks.deliverPending()).toMatchObject({ attempted: 1, failed: 1, pending: 1 });
    expect((await t.sim.webhooks.deliverPending()).attempted).toBe(0);
    t.clock.advance(1000);
    expect(await t.sim.webhooks.deliverPending()).toMatchObject({ attempted: 1, failed: 1 });
    t.clock.advance(4999);
    expect((await t.sim.webhooks.deliverPending()).attempted).toBe(0);
    t.clock.advance(1);
    expect(await t.sim.webhooks.deliverPending()).toMatchObject({ attempted: 1, delivered: 1, pending: 0 });
    const ulids = new Set(receiver.received.map((r) => r.body.ulid));
    expect(receiver.received).toHaveLength(3);
    expect(ulids.size).toBe(1);
    expect(t.sim.webhooks.deliveries().map((d) => [d.attempt, d.status, d.responseCode])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'delivered', 204],
    ]);
  });

  it('drops a delivery after maxAttempts and counts it; a receiver slower than timeoutMs is a failure', async () => {
    await setUp({ webhook: { retryDelaysMs: [0], timeoutMs: 200 } });
    receiver.respond = (n) => (n === 0 ? 'hang' : 503);
    t.sim.edit.updateProject(t.companyId, firstProject(t).id, { description: 'changed' });
    const first = await t.sim.webhooks.deliverPending();
    expect(first).toMatchObject({ attempted: 1, failed: 1 });
    expect(t.sim.webhooks.deliveries()[0]?.error).toMatch(/timeout/);
    expect(await t.sim.webhooks.deliverPending()).toMatchObject({ attempted: 1, dropped: 1, pending: 0 });
    expect(t.sim.webhooks.stats()).toMatchObject({ dropped: 1, delivered: 0, failedAttempts: 2, pending: 0 });
    expect((await t.sim.webhooks.deliverPending()).attempted).toBe(0);
  });

  it('duplicates: duplicateNext(n) and duplicateRate send the same ulid twice', async () => {
    await setUp({ webhook: { duplicateRate: 1 } });
    t.sim.edit.updateProject(t.companyId, firstProject(t).id, { description: 'a' });
    expect(await t.sim.webhooks.deliverPending()).toMatchObject({ delivered: 1, duplicates: 1, attempted: 2 });
    expect(receiver.received.map((r) => r.body.ulid)).toEqual([receiver.received[0]?.body.ulid, receiver.received[0]?.body.ulid]);
    t.sim.webhooks.configure({ duplicateRate: 0 });
    t.sim.webhooks.duplicateNext(1);
    t.clock.advance(1000);
    t.sim.edit.updateProject(t.companyId, firstProject(t).id, { description: 'b' });
    t.clock.advance(1000);
    t.sim.edit.updateProject(t.companyId, firstProject(t).id, { description: 'c' });
    expect(await t.sim.webhooks.deliverPending()).toMatchObject({ delivered: 2, duplicates: 1 });
    const later = receiver.received.slice(2).map((r) => r.body.ulid);
    expect(later).toHaveLength(3);
    expect(later[0]).toBe(later[1]);
    expect(later[2]).not.toBe(later[0]);
  });

  it('company hooks get project-scoped events; a project hook only its own project', async () => {
    const [p1, p2] = await (async () => {
      t = await startTestSimulator();
      const ps = t.sim.store.projects.list(t.companyId);
      await t.sim.close();
      return ps;
    })();
    if (!p1 || !p2) throw new Error('need two projects');
    const hook = await setUp(
      {},
      [
        ['Direct Costs', 'create'],
        ['Requisitions', 'update'],
      ],
      p1.id,
    );
    expect(hook).toMatchObject({ owned_by_project_id: p1.id });
    const company = await t.api(`/rest/v1.0/webhooks/hooks?company_id=${t.companyId}`, {
      method: 'POST',
      json: { hook: { namespace: 'qb-connector', destination_url: `${receiver.url}?company`, destination_headers: {} } },
    });
    const companyHook = (await company.json()) as { id: number };
    await t.api(`/rest/v1.0/webhooks/hooks/${companyHook.id}/triggers?company_id=${t.companyId}`, {
      method: 'POST',
      json: { trigger: { resource_name: 'Direct Costs', event_type: 'create' } },
    });
    const costCode = (p: typeof p1) => t.sim.store.budgetLineItems.list(p.id)[0]?.cost_code_id ?? 0;
    for (const p of [p1, p2]) {
      const res = await t.api(`/rest/v1.0/projects/${p.id}/direct_costs/sync`, {
        method: 'PATCH',
        json: {
          updates: [
            {
              direct_cost_type: 'expense',
              direct_cost_date: '2026-11-20',
              origin_id: `DC-${p.id}`,
              line_items: [{ cost_code_id: costCode(p), amount: '125.50' }],
            },
          ],
        },
      });
      expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([]);
    }
    await t.sim.webhooks.deliverPending();
    const byHook = receiver.received.map((r) => [r.body.project_id, r.body.resource_name]);
    expect(byHook).toEqual([
      [p1.id, 'Direct Costs'],
      [p1.id, 'Direct Costs'],
      [p2.id, 'Direct Costs'],
    ]);
  });

  it('startAutoDelivery delivers without being asked', async () => {
    await setUp();
    t.sim.webhooks.startAutoDelivery(20);
    t.sim.edit.updateProject(t.companyId, firstProject(t).id, { description: 'auto' });
    // Polls until the timer delivers (no deadline of our own: the test's timeout is the backstop on a busy machine).
    while (receiver.received.length === 0) await new Promise((r) => setTimeout(r, 20));
    t.sim.webhooks.stopAutoDelivery();
    expect(receiver.received).toHaveLength(1);
  });
});
