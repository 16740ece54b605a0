// Every typed call against API-CONTRACT.md "Resources": method, path, query and body, through an injected fetch.

import { describe, expect, it } from 'vitest';
import { createProcoreClient } from './procore-client.ts';

interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  companyHeader: string | null;
  body: unknown;
}

function recordingClient(answer: (call: Call) => unknown = () => []) {
  const calls: Call[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      companyHeader: headers.get('procore-company-id'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return new Response(JSON.stringify(answer(call)), { status: call.method === 'POST' ? 201 : 200, headers: { 'Content-Type': 'application/json' } });
  };
  const client = createProcoreClient({
    apiBaseUrl: 'https://api.procore.test',
    companyId: '42',
    getAccessToken: async () => 'token-abcdef',
    fetch: fetchImpl,
    now: () => Date.UTC(2026, 10, 21),
  });
  return { client, calls };
}

describe('typed resources follow the contract', () => {
  it('company-level lists, gets and filters', async () => {
    const { client, calls } = recordingClient((c) => (c.path.match(/\/\d+$/) ? { id: 1 } : []));
    await client.vendors.list({ updatedSince: new Date(Date.UTC(2026, 10, 1)) });
    await client.vendors.get(8);
    await client.projects.list({ originId: 'qb-job-1' });
    await client.projects.get(10);
    await client.standardCostCodes.listLists();
    await client.standardCostCodes.list(12);
    expect(calls.map((c) => [c.method, c.path, c.query, c.companyHeader])).toEqual([
      ['GET', '/rest/v1.0/companies/42/vendors', { 'filters[updated_at]': '2026-11-01T00:00:00.000Z...2026-11-22T00:00:00.000Z', per_page: '100' }, '42'],
      ['GET', '/rest/v1.0/companies/42/vendors/8', {}, '42'],
      ['GET', '/rest/v1.0/companies/42/projects', { 'filters[origin_id]': 'qb-job-1', per_page: '100' }, '42'],
      ['GET', '/rest/v1.0/projects/10', { company_id: '42' }, '42'],
      ['GET', '/rest/v1.0/standard_cost_code_lists', { company_id: '42' }, '42'],
      ['GET', '/rest/v1.0/standard_cost_codes', { standard_cost_code_list_id: '12', company_id: '42', per_page: '100' }, '42'],
    ]);
  });

  it('project-level reads', async () => {
    const { client, calls } = recordingClient((c) => (c.path.match(/\/\d+$/) ? { id: 1 } : []));
    await client.costCodes.list(7);
    await client.budget.listViews(7);
    await client.budget.listDetailRows(7, 3);
    await client.budget.listLineItems(7);
    await client.workOrderContracts.list(7, { updatedSince: new Date(Date.UTC(2026, 10, 20)), updatedUntil: new Date(Date.UTC(2026, 10, 21)) });
    await client.workOrderContracts.get(7, 55);
    await client.workOrderContracts.listLineItems(7, 55);
    await client.purchaseOrderContracts.list(7);
    await client.purchaseOrderContracts.get(7, 56);
    await client.purchaseOrderContracts.listLineItems(7, 56);
    await client.commitmentChangeOrders.list(7);
    await client.commitmentChangeOrders.get(7, 60);
    await client.requisitions.list(7, { commitmentId: 55, status: 'approved' });
    await client.requisitions.get(7, 70);
    await client.contractPayments.list(7);
    await client.directCosts.list(7);
    expect(calls.map((c) => [c.method, c.path, c.query])).toEqual([
      ['GET', '/rest/v1.0/cost_codes', { project_id: '7', per_page: '100' }],
      ['GET', '/rest/v1.0/budget_views', { project_id: '7' }],
      ['GET', '/rest/v1.0/budget_views/3/detail_rows', { project_id: '7', per_page: '100' }],
      ['GET', '/rest/v1.0/budget_line_items', { project_id: '7' }],
      [
        'GET',
        '/rest/v1.0/work_order_contracts',
        { project_id: '7', 'filters[updated_at]': '2026-11-20T00:00:00.000Z...2026-11-21T00:00:00.000Z', per_page: '100' },
      ],
      ['GET', '/rest/v1.0/work_order_contracts/55', { project_id: '7' }],
      ['GET', '/rest/v1.0/work_order_contracts/55/line_items', { project_id: '7' }],
      ['GET', '/rest/v1.0/purchase_order_contracts', { project_id: '7', per_page: '100' }],
      ['GET', '/rest/v1.0/purchase_order_contracts/56', { project_id: '7' }],
      ['GET', '/rest/v1.0/purchase_order_contracts/56/line_items', { project_id: '7' }],
      ['GET', '/rest/v1.0/projects/7/commitment_change_orders', {}],
      ['GET', '/rest/v1.0/projects/7/commitment_change_orders/60', {}],
      ['GET', '/rest/v1.1/requisitions', { project_id: '7', 'filters[commitment_id]': '55', 'filters[status]': 'approved' }],
      ['GET', '/rest/v1.1/requisitions/70', { project_id: '7' }],
      ['GET', '/rest/v1.0/projects/7/contract_payments', {}],
      ['GET', '/rest/v1.1/projects/7/direct_costs', {}],
    ]);
    expect(calls.every((c) => c.companyHeader === '42')).toBe(true);
  });

  it('writes', async () => {
    const { client, calls } = recordingClient(() => ({ id: 1 }));
    await client.budget.createLineItem(7, { cost_code_id: 5, line_item_type_id: 2, original_budget_amount: '1250.00' });
    await client.requisitions.updateOrigin(7, 70, { origin_id: 'qb-bill-9', origin_data: '1699999999', erp_status: 'synced' });
    await client.contractPayments.create(7, {
      contract_id: 55,
      requisition_id: 70,
      amount: '500.00',
      date: '2026-11-20',
      check_number: '1001',
      origin_id: 'qb-pay-1',
    });
    await client.contractPayments.delete(7, 80);
    await client.directCosts.delete(7, 90);
    expect(calls.map((c) => [c.method, c.path, c.query, c.body])).toEqual([
      [
        'POST',
        '/rest/v1.0/budget_line_items',
        { project_id: '7' },
        { budget_line_item: { cost_code_id: 5, line_item_type_id: 2, original_budget_amount: '1250.00' } },
      ],
      [
        'PATCH',
        '/rest/v1.1/requisitions/70',
        { project_id: '7' },
        { requisition: { origin_id: 'qb-bill-9', origin_data: '1699999999', erp_status: 'synced' } },
      ],
      [
        'POST',
        '/rest/v1.0/projects/7/contract_payments',
        {},
        { contract_payment: { contract_id: 55, requisition_id: 70, amount: '500.00', date: '2026-11-20', check_number: '1001', origin_id: 'qb-pay-1' } },
      ],
      ['DELETE', '/rest/v1.0/projects/7/contract_payments/80', {}, undefined],
      ['DELETE', '/rest/v1.1/projects/7/direct_costs/90', {}, undefined],
    ]);
  });

  it('webhook hooks and triggers', async () => {
    const { client, calls } = recordingClient((c) => (c.method === 'GET' ? [] : { id: 3 }));
    await client.webhooks.listHooks();
    await client.webhooks.createHook({
      namespace: 'qb-connector',
      destinationUrl: 'https://app.example.com/webhooks/procore/c1',
      destinationHeaders: { Authorization: 'Bearer hook-secret-123' },
    });
    await client.webhooks.updateHook(3, { destinationUrl: 'https://app.example.com/webhooks/procore/c2' });
    await client.webhooks.listTriggers(3);
    await client.webhooks.createTrigger(3, { resourceName: 'Projects', eventType: 'update' });
    await client.webhooks.deleteTrigger(3, 4);
    await client.webhooks.deleteHook(3);
    expect(calls.map((c) => [c.method, c.path, c.query, c.body])).toEqual([
      ['GET', '/rest/v1.0/webhooks/hooks', { company_id: '42' }, undefined],
      [
        'POST',
        '/rest/v1.0/webhooks/hooks',
        { company_id: '42' },
        {
          company_id: 42,
          hook: {
            api_version: 'v2',
            namespace: 'qb-connector',
            destination_url: 'https://app.example.com/webhooks/procore/c1',
            destination_headers: { Authorization: 'Bearer hook-secret-123' },
          },
        },
      ],
      [
        'PATCH',
        '/rest/v1.0/webhooks/hooks/3',
        { company_id: '42' },
        { company_id: 42, hook: { destination_url: 'https://app.example.com/webhooks/procore/c2' } },
      ],
      ['GET', '/rest/v1.0/webhooks/hooks/3/triggers', { company_id: '42' }, undefined],
      [
        'POST',
        '/rest/v1.0/webhooks/hooks/3/triggers',
        { company_id: '42' },
        { company_id: 42, api_version: 'v2', trigger: { resource_name: 'Projects', event_type: 'update' } },
      ],
      ['DELETE', '/rest/v1.0/webhooks/hooks/3/triggers/4', { company_id: '42' }, undefined],
      ['DELETE', '/rest/v1.0/webhooks/hooks/3', { company_id: '42' }, undefined],
    ]);
  });

  it('refuses ids that would change the path, and non-numeric company ids', async () => {
    const { client, calls } = recordingClient();
    for (const id of ['1/../2', '..', '', '1.5', 'abc']) await expect(client.vendors.get(id), id).rejects.toThrow(/not a Procore id/);
    await expect(client.budget.listDetailRows(7, '..')).rejects.toThrow(/not a Procore id/);
    expect(calls).toHaveLength(0);
    expect(() => createProcoreClient({ apiBaseUrl: 'https://api.procore.test', companyId: 'acme', getAccessToken: async () => '' })).toThrow(/companyId/);
  });
});
