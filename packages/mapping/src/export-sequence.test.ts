// A whole export from an empty QuickBooks company file, the way packages/sync drives it: plan the
// dependencies, map and "send" each one first, record the link QuickBooks would return, then map the
// record itself. Every request goes through buildRequestMessage and the qbXML 13.0 XSD.
import type { QbxmlRequest } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import type { ExportRecord } from './export-records.ts';
import { mapChangeOrder } from './map-change-order.ts';
import { mapCommitment } from './map-commitment.ts';
import { mapCostCodes } from './map-cost-codes.ts';
import { mapCustomer } from './map-customer.ts';
import { mapBudget } from './map-budget.ts';
import { mapProject } from './map-project.ts';
import { mapRequisition } from './map-requisition.ts';
import { mapVendor } from './map-vendor.ts';
import type { MappingContext, MappingResult } from './mapping-types.ts';
import { planDependencies } from './plan-dependencies.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import { COMMITMENT_ID, expectOk, makeLinks, PROJECT_ID, SETTINGS, VENDOR_ID, type LinkTables } from './testing/fixtures.ts';
import { changeOrder, COMMITMENT, COMMITMENT_LINES, COST_CODES, PROJECT, requisition, VENDOR } from './testing/procore-records.ts';

describe('an export from an empty company file, dependencies first', () => {
  const xsd = createXsdCheck();
  const tables: Required<LinkTables> = { vendors: {}, customers: {}, jobs: {}, items: {}, purchaseOrders: {}, estimates: {}, bills: {} };
  const ctx: MappingContext = { settings: SETTINGS, qbCountry: 'US', links: makeLinks(tables) };
  const sent: string[] = [];
  let next = 1;
  const newId = () => `8000${String(next++).padStart(4, '0')}-1700000000`;
  const send = <R extends QbxmlRequest>(result: MappingResult<R>): R => {
    const ok = expectOk(result);
    xsd.add(`${sent.length + 1} ${ok.request.type}`, ok.request);
    sent.push(ok.request.type);
    return ok.request;
  };

  it('sends vendor, customer, job and items before the PO, then the change order and the bill', () => {
    const po: ExportRecord = { type: 'commitment', projectId: PROJECT_ID, commitment: COMMITMENT, lines: COMMITMENT_LINES };
    expect(planDependencies(po, ctx.links).map((d) => d.kind)).toEqual(['vendor', 'customer', 'job', 'item', 'item']);

    send(mapVendor({ vendor: VENDOR }, ctx));
    tables.vendors[VENDOR_ID] = { listId: newId(), fullName: 'ABC Concrete', editSequence: '1' };

    const customer = send(mapCustomer({ name: 'Riverside Medical', projectId: PROJECT_ID }));
    tables.customers[PROJECT_ID] = { listId: newId(), fullName: customer.name, editSequence: '1' };
    send(mapProject({ project: PROJECT }, ctx));
    tables.jobs[PROJECT_ID] = { listId: newId(), fullName: `Riverside Medical:${PROJECT.name}`, editSequence: '1' };

    for (const mapping of mapCostCodes(COST_CODES, ctx)) {
      send(mapping.result);
      tables.items[mapping.costCodeId] = { listId: newId(), fullName: mapping.itemFullName!, editSequence: '1' };
    }
    expect(planDependencies(po, ctx.links)).toEqual([]);

    const budget = send(mapBudget({ projectId: PROJECT_ID, rows: [{ cost_code_id: 301, original_budget_amount: '120000.00' }] }, ctx));
    expect(budget.type).toBe('EstimateAdd');

    const poResult = expectOk(mapCommitment(po, ctx));
    send(poResult);
    tables.purchaseOrders[COMMITMENT_ID] = {
      txnId: 'PO-1',
      editSequence: '1',
      refNumber: 'SC-001',
      lines: poResult.lineKeys!.map((key, i) => ({ txnLineId: `POL-${i + 1}`, procoreLineKey: key })),
    };
    expect(mapCommitment(po, ctx).ok).toBe(false); // never a second PO

    const co = expectOk(
      mapChangeOrder({ projectId: PROJECT_ID, changeOrder: changeOrder([{ id: 1, amount: '5000.00', cost_code_id: 301, commitment_line_item_id: 501 }]) }, ctx),
    );
    send(co);
    tables.purchaseOrders[COMMITMENT_ID] = {
      txnId: 'PO-1',
      editSequence: '2',
      refNumber: 'SC-001',
      lines: co.lineKeys!.map((key, i) => ({ txnLineId: `POL-${i + 1}`, procoreLineKey: key })),
    };
    const again = mapChangeOrder(
      { projectId: PROJECT_ID, changeOrder: changeOrder([{ id: 1, amount: '5000.00', cost_code_id: 301, commitment_line_item_id: 501 }]) },
      ctx,
    );
    expect(!again.ok && again.refusal.code).toBe('ALREADY_EXPORTED');

    const bill = send(mapRequisition({ requisition: requisition() }, ctx));
    expect(bill.itemLines!.filter((l) => l.linkToTxn).map((l) => l.linkToTxn!.txnLineId)).toEqual(['POL-1', 'POL-2']);

    expect(sent).toEqual([
      'VendorAdd',
      'CustomerAdd',
      'CustomerAdd',
      'ItemServiceAdd',
      'ItemServiceAdd',
      'ItemServiceAdd',
      'EstimateAdd',
      'PurchaseOrderAdd',
      'PurchaseOrderMod',
      'BillAdd',
    ]);
  });

  it('every request above validates against the qbXML 13.0 XSD', async () => {
    await xsd.verifyAll();
  });
});
