import { describe, expect, it } from 'vitest';
import * as mapping from './index.ts';

describe('@connector/mapping exports', () => {
  it('exports every mapper and helper', () => {
    for (const name of [
      'mapVendor',
      'mapCustomer',
      'mapProject',
      'mapCostCodes',
      'itemNameForCostCode',
      'mapBudget',
      'mapCommitment',
      'mapChangeOrder',
      'mapRequisition',
      'planDependencies',
      'checkCountrySupport',
      'checkProcoreApproval',
      'shortenName',
      'splitAddress',
      'normalizeVendorName',
      'vendorNamesMatch',
      'looksLikeDuplicate',
      'vendorDuplicateKey',
      'diffQbRecord',
      'previewQbRecord',
      'commitmentLineKey',
      'changeOrderLineKey',
      'parseChangeOrderLineKey',
      'budgetLineKey',
      'renderForQbo',
      'renderMappingForQbo',
      'isQboRenderable',
      'formatCents',
      'describeCents',
      'toQbDate',
    ]) {
      expect(typeof (mapping as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(Object.keys(mapping.QBO_RENDERING)).toContain('PurchaseOrderMod');
  });
});
