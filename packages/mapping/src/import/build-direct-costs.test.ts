import type { DirectCostSyncItem } from '@connector/procore';
import { describe, expect, it } from 'vitest';
import { attributeCostTransaction } from './attribute-cost-transaction.ts';
import { buildDirectCosts } from './build-direct-costs.ts';
import { readCostTransaction, type QbCostTransaction } from './read-cost-transaction.ts';
import {
  CC_CONCRETE,
  CC_PERMITS,
  CC_REBAR,
  costLine,
  costTxn,
  GROUPED_CHARGE_XML,
  ITEM_CONCRETE,
  ITEM_REBAR,
  JOB_MOB,
  JOB_UNLINKED,
  makeAttributionContext,
  PCC,
  PROJECT_CLINIC,
  PROJECT_MOB,
  SIMULATOR_BILL_XML,
  STANDARD_TABLES,
  VENDOR_SMITH,
  type ContextTables,
} from './testing/cost-fixtures.ts';
import { parseRet } from './testing/parse-rets.ts';

const SMITH_PROCORE_ID = 900;
const HOME_DEPOT = '80000005-1700000000';
const vendors = (ids: Record<string, number>) => ({ procoreVendorIdForPayee: (listId: string) => ids[listId] ?? null });
const attribute = (txn: QbCostTransaction, tables: ContextTables = STANDARD_TABLES) => attributeCostTransaction(txn, makeAttributionContext(tables));
const simulatorBill = () => readCostTransaction('Bill', parseRet('BillQueryRs', SIMULATOR_BILL_XML));

describe('buildDirectCosts', () => {
  it('a Bill from a linked vendor: one "invoice" direct cost for its project, one line item per line, credits kept', () => {
    const [dc, ...rest] = buildDirectCosts(attribute(simulatorBill()), vendors({ [VENDOR_SMITH.listId]: SMITH_PROCORE_ID }));
    expect(rest).toEqual([]);
    expect(dc!.procoreProjectId).toBe(PROJECT_MOB);
    expect(dc!.originId).toBe(`qb:Bill:1C0-1700000000:${PROJECT_MOB}`);
    expect(dc!.notice).toBeUndefined();
    expect(dc!.item).toEqual<DirectCostSyncItem>({
      origin_id: `qb:Bill:1C0-1700000000:${PROJECT_MOB}`,
      origin_data: '1717347667',
      direct_cost_type: 'invoice',
      status: 'approved',
      vendor_id: SMITH_PROCORE_ID,
      invoice_number: 'PAYAPP-0003',
      direct_cost_date: '2026-05-31',
      description: 'QuickBooks Bill PAYAPP-0003 — Smith Concrete & Forms',
      line_items: [
        { cost_code_id: PCC(PROJECT_MOB, CC_PERMITS), amount: '1250.50', description: 'Pour permit' },
        { cost_code_id: PCC(PROJECT_MOB, CC_CONCRETE), amount: '123750.00', description: 'Work completed this period' },
        { cost_code_id: PCC(PROJECT_MOB, CC_REBAR), amount: '-125.00', description: ITEM_REBAR.fullName },
      ],
    });
  });

  it('a Bill whose vendor is not linked goes as an "expense" without vendor, with a notice saying how to fix it', () => {
    const [dc] = buildDirectCosts(attribute(simulatorBill()), vendors({}));
    expect(dc!.item.direct_cost_type).toBe('expense');
    expect(dc!.item).not.toHaveProperty('vendor_id');
    expect(dc!.item).not.toHaveProperty('invoice_number');
    expect(dc!.notice).toBe(
      'The vendor "Smith Concrete & Forms" of QuickBooks Bill PAYAPP-0003 is not linked to a Procore company, so the cost goes as an expense; link the vendor under Refresh Vendors to send it as an invoice.',
    );
  });

  it('a Bill without RefNumber gets an invoice number from its TxnID', () => {
    const bill = costTxn({
      txnId: 'AB-1',
      refNumber: null,
      lines: [costLine({ txnLineId: 'L', amountCents: 100, jobListId: JOB_MOB.listId, itemListId: ITEM_CONCRETE.listId })],
    });
    const [dc] = buildDirectCosts(attribute(bill), vendors({ [VENDOR_SMITH.listId]: SMITH_PROCORE_ID }));
    expect(dc!.item).toMatchObject({ invoice_number: 'QB-AB-1', description: 'QuickBooks Bill — Smith Concrete & Forms' });
  });

  it('Checks and Credit Card Charges are "expense", with vendor_id only when the payee is a linked vendor', () => {
    const check = costTxn({
      txnType: 'Check',
      refNumber: '1042',
      payeeListId: HOME_DEPOT,
      payeeName: 'Home Depot',
      lines: [costLine({ txnLineId: 'L', amountCents: 8420, jobListId: JOB_MOB.listId, itemListId: ITEM_CONCRETE.listId, memo: 'Fuel' })],
    });
    const [linked] = buildDirectCosts(attribute(check), vendors({ [HOME_DEPOT]: 77 }));
    expect(linked!.item).toMatchObject({
      direct_cost_type: 'expense',
      vendor_id: 77,
      description: 'QuickBooks Check 1042 — Home Depot',
      origin_id: `qb:Check:T-1:${PROJECT_MOB}`,
    });
    expect(linked!.item).not.toHaveProperty('invoice_number');
    expect(linked!.notice).toBeUndefined();
    const [unlinked] = buildDirectCosts(attribute({ ...check, payeeListId: null, payeeName: null }), vendors({ [HOME_DEPOT]: 77 }));
    expect(unlinked!.item).not.toHaveProperty('vendor_id');
    expect(unlinked!.item.description).toBe('QuickBooks Check 1042');
  });

  it('one direct cost per project, in the order projects first appear (item group lines included)', () => {
    const charge = readCostTransaction('CreditCardCharge', parseRet('CreditCardChargeQueryRs', GROUPED_CHARGE_XML));
    const costs = buildDirectCosts(attribute(charge), vendors({}));
    expect(costs.map((c) => [c.procoreProjectId, c.originId, c.item.description, c.item.line_items])).toEqual([
      [
        PROJECT_MOB,
        `qb:CreditCardCharge:3C0-1700000000:${PROJECT_MOB}`,
        'QuickBooks Credit Card Charge — Ferguson Supply',
        [{ cost_code_id: PCC(PROJECT_MOB, CC_REBAR), amount: '100.00', description: 'Tie wire' }],
      ],
      [
        PROJECT_CLINIC,
        `qb:CreditCardCharge:3C0-1700000000:${PROJECT_CLINIC}`,
        'QuickBooks Credit Card Charge — Ferguson Supply',
        [
          { cost_code_id: PCC(PROJECT_CLINIC, CC_CONCRETE), amount: '350.00', description: 'Forms' },
          { cost_code_id: PCC(PROJECT_CLINIC, CC_REBAR), amount: '150.00', description: 'Rebar chairs' },
        ],
      ],
    ]);
  });

  it('leaves out unattributed lines and lines of 0.00; a project left with nothing yields no direct cost', () => {
    const check = costTxn({
      txnType: 'Check',
      lines: [
        costLine({ txnLineId: 'no-job', amountCents: 500, itemListId: ITEM_CONCRETE.listId }),
        costLine({ txnLineId: 'unlinked-job', amountCents: 500, itemListId: ITEM_CONCRETE.listId, jobListId: JOB_UNLINKED.listId }),
        costLine({ txnLineId: 'not-on-project', amountCents: 500, itemListId: ITEM_REBAR.listId, jobListId: JOB_MOB.listId }),
        costLine({ txnLineId: 'zero', amountCents: 0, itemListId: ITEM_CONCRETE.listId, jobListId: JOB_MOB.listId }),
        costLine({ txnLineId: 'kept', amountCents: 1, itemListId: ITEM_CONCRETE.listId, jobListId: JOB_MOB.listId, memo: 'kept' }),
      ],
    });
    const tables: ContextTables = { ...STANDARD_TABLES, projectCostCodes: [[PROJECT_MOB, CC_CONCRETE]] };
    const [dc, ...rest] = buildDirectCosts(attribute(check, tables), vendors({}));
    expect(rest).toEqual([]);
    expect(dc!.item.line_items).toEqual([{ cost_code_id: PCC(PROJECT_MOB, CC_CONCRETE), amount: '0.01', description: 'kept' }]);
    expect(buildDirectCosts(attribute({ ...check, lines: check.lines.slice(0, 4) }, tables), vendors({}))).toEqual([]);
  });

  it('a voided check (every line 0.00) yields nothing, so the caller deletes what it synced before', () => {
    const voided = costTxn({
      txnType: 'Check',
      lines: [costLine({ txnLineId: 'L', amountCents: 0, itemListId: ITEM_CONCRETE.listId, jobListId: JOB_MOB.listId })],
    });
    expect(buildDirectCosts(attribute(voided), vendors({}))).toEqual([]);
  });

  it('builds nothing for our own bills and for commitment invoices', () => {
    expect(buildDirectCosts(attribute(simulatorBill(), { ...STANDARD_TABLES, ownBills: ['1C0-1700000000'] }), vendors({}))).toEqual([]);
    const commitment = { commitmentId: 40, procoreProjectId: PROJECT_MOB, lineKeys: new Map<string, string | null>() };
    expect(buildDirectCosts(attribute(simulatorBill(), { ...STANDARD_TABLES, commitments: { '1A2-1700000000': commitment } }), vendors({}))).toEqual([]);
  });

  it('contentHash: stable, blind to the EditSequence, sensitive to amounts, project and the vendor link', () => {
    const ctx = vendors({ [VENDOR_SMITH.listId]: SMITH_PROCORE_ID });
    const hash = (txn: QbCostTransaction, c = ctx, tables: ContextTables = STANDARD_TABLES) => buildDirectCosts(attribute(txn, tables), c)[0]!.contentHash;
    const bill = simulatorBill();
    expect(hash(bill)).toMatch(/^[0-9a-f]{16}$/);
    expect(hash(bill)).toBe(hash(simulatorBill()));
    expect(hash({ ...bill, editSequence: '999' })).toBe(hash(bill));
    expect(hash({ ...bill, lines: bill.lines.map((l, i) => (i === 0 ? { ...l, amountCents: l.amountCents + 1 } : l)) })).not.toBe(hash(bill));
    expect(hash(bill, vendors({}))).not.toBe(hash(bill));
    expect(hash(bill, ctx, { ...STANDARD_TABLES, jobs: { [JOB_MOB.listId]: PROJECT_CLINIC } })).not.toBe(hash(bill));
  });
});
