import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPEATABLE_CHILDREN } from './repeatable-elements.ts';
import { deriveRepeatableChildren } from './testing/derive-repeatable-elements.ts';
import { QBXML_SCHEMA_FILES, schemaDir } from './testing/reference-dir.ts';
import { renderRepeatableElements } from './testing/render-repeatable-elements.ts';

describe('REPEATABLE_CHILDREN', () => {
  const schemas = QBXML_SCHEMA_FILES.map((file) => readFileSync(path.join(schemaDir(), file), 'utf8'));
  const derived = deriveRepeatableChildren(schemas);

  it('is exactly what the qbXML 13.0 XSDs say (regenerate with scripts/generate-repeatable-elements.ts)', () => {
    const committed = readFileSync(new URL('./repeatable-elements.ts', import.meta.url), 'utf8');
    expect(committed).toBe(renderRepeatableElements(derived));
    expect(REPEATABLE_CHILDREN).toEqual(derived);
  });

  it('has the lines, links and data extensions a construction connector reads', () => {
    expect(REPEATABLE_CHILDREN.BillRet).toEqual(['DataExtRet', 'ExpenseLineRet', 'ItemGroupLineRet', 'ItemLineRet', 'LinkedTxn']);
    expect(REPEATABLE_CHILDREN.CheckRet).toEqual(expect.arrayContaining(['ExpenseLineRet', 'ItemLineRet', 'LinkedTxn']));
    expect(REPEATABLE_CHILDREN.CreditCardChargeRet).toEqual(expect.arrayContaining(['ExpenseLineRet', 'ItemLineRet']));
    expect(REPEATABLE_CHILDREN.PurchaseOrderRet).toEqual(expect.arrayContaining(['PurchaseOrderLineRet', 'LinkedTxn']));
    expect(REPEATABLE_CHILDREN.EstimateRet).toEqual(expect.arrayContaining(['EstimateLineRet', 'LinkedTxn']));
    expect(REPEATABLE_CHILDREN.BillPaymentCheckRet).toEqual(['AppliedToTxnRet', 'DataExtRet']);
    expect(REPEATABLE_CHILDREN.CompanyRet).toEqual(['DataExtRet']);
    expect(REPEATABLE_CHILDREN.HostRet).toEqual(['SupportedQBXMLVersion']);
    expect(REPEATABLE_CHILDREN.VendorQueryRs).toEqual(['VendorRet']);
  });

  it('keeps context: AccountRef repeats only in CategoryAccountMapping, not in expense lines', () => {
    expect(REPEATABLE_CHILDREN.CategoryAccountMapping).toEqual(['AccountRef']);
    expect(REPEATABLE_CHILDREN.ExpenseLineRet).not.toContain('AccountRef');
    expect(REPEATABLE_CHILDREN.SalesOrPurchase).toEqual([]);
  });
});
