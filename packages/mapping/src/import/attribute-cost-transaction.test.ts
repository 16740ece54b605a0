import { describe, expect, it } from 'vitest';
import { attributeCostTransaction, describeCostTransaction, type AttributedLine, type CommitmentForPurchaseOrder } from './attribute-cost-transaction.ts';
import { readCostTransaction } from './read-cost-transaction.ts';
import {
  ACCOUNT_FUEL,
  ACCOUNT_PERMITS,
  CC_CONCRETE,
  CC_PERMITS,
  CC_REBAR,
  CC_SITE,
  CLASS_SITE,
  costLine,
  costTxn,
  ITEM_CONCRETE,
  ITEM_REBAR,
  ITEM_UNMAPPED,
  JOB_CLINIC,
  JOB_MOB,
  JOB_UNLINKED,
  makeAttributionContext,
  PCC,
  PROJECT_CLINIC,
  PROJECT_MOB,
  SIMULATOR_BILL_XML,
  SIMULATOR_CHECK_XML,
  STANDARD_TABLES,
} from './testing/cost-fixtures.ts';
import { parseRet } from './testing/parse-rets.ts';

const PO = '1A2-1700000000';
const simulatorBill = () => readCostTransaction('Bill', parseRet('BillQueryRs', SIMULATOR_BILL_XML));
const summary = (lines: AttributedLine[]) =>
  lines.map((a) => ({
    id: a.line.txnLineId,
    project: a.procoreProjectId,
    standard: a.standardCostCodeId,
    projectCostCode: a.projectCostCodeId,
    source: a.costCodeSource,
    problem: a.unattributed?.code ?? null,
  }));

function commitment(fields: Partial<CommitmentForPurchaseOrder> = {}): CommitmentForPurchaseOrder {
  return {
    commitmentId: 40,
    procoreProjectId: PROJECT_MOB,
    lineKeys: new Map<string, string | null>([
      ['POL-1', 'commitment-line:501'],
      ['POL-2', 'change-order:60:cost-code:9302:line:none'],
      ['POL-3', null],
    ]),
    ...fields,
  };
}

describe('attributeCostTransaction: destination', () => {
  it('a Bill not linked to any commitment PO is a direct cost; every line gets its project and cost code', () => {
    const ctx = makeAttributionContext(STANDARD_TABLES);
    const result = attributeCostTransaction(simulatorBill(), ctx);
    expect(result.destination).toBe('direct_cost');
    expect(result.commitment).toBeNull();
    expect(summary(result.lines)).toEqual([
      { id: '1C2-1700000000', project: PROJECT_MOB, standard: CC_PERMITS, projectCostCode: PCC(PROJECT_MOB, CC_PERMITS), source: 'account', problem: null },
      { id: '1C3-1700000000', project: PROJECT_MOB, standard: CC_CONCRETE, projectCostCode: PCC(PROJECT_MOB, CC_CONCRETE), source: 'item', problem: null },
      { id: '1C4-1700000000', project: PROJECT_MOB, standard: CC_REBAR, projectCostCode: PCC(PROJECT_MOB, CC_REBAR), source: 'item', problem: null },
    ]);
    expect(ctx.poLookups).toEqual([PO]);
  });

  it('one of our exported bills is own_export (never a direct cost), with its lines still attributed for reconciliation', () => {
    const ctx = makeAttributionContext({ ...STANDARD_TABLES, ownBills: ['1C0-1700000000'], commitments: { [PO]: commitment() }, projectCostCodes: [] });
    const result = attributeCostTransaction(simulatorBill(), ctx);
    expect(result.destination).toBe('own_export');
    expect(result.commitment).toBeNull();
    expect(ctx.poLookups).toEqual([]);
    // No project cost code needed: nothing is sent for our own bills.
    expect(summary(result.lines).map((l) => [l.project, l.standard, l.problem])).toEqual([
      [PROJECT_MOB, CC_PERMITS, null],
      [PROJECT_MOB, CC_CONCRETE, null],
      [PROJECT_MOB, CC_REBAR, null],
    ]);
  });

  it('own_export applies to Bills only: a Check with that TxnID is a direct cost', () => {
    const check = costTxn({
      txnType: 'Check',
      txnId: 'SAME',
      lines: [costLine({ txnLineId: 'L', amountCents: 100, jobListId: JOB_MOB.listId, itemListId: ITEM_CONCRETE.listId })],
    });
    expect(attributeCostTransaction(check, makeAttributionContext({ ...STANDARD_TABLES, ownBills: ['SAME'] })).destination).toBe('direct_cost');
  });

  it('a Bill received against a commitment’s PO (header LinkedTxn) is a commitment invoice; lines pair with PO lines by item', () => {
    const c = commitment({
      poLines: [
        { txnLineId: 'POL-1', itemListId: ITEM_CONCRETE.listId, jobListId: JOB_MOB.listId },
        { txnLineId: 'POL-2', itemListId: ITEM_REBAR.listId },
      ],
    });
    const result = attributeCostTransaction(simulatorBill(), makeAttributionContext({ ...STANDARD_TABLES, commitments: { [PO]: c } }));
    expect(result.destination).toBe('commitment_invoice');
    expect(result.commitment).toEqual({ commitmentId: 40, procoreProjectId: PROJECT_MOB });
    expect(result.lines.map((a) => [a.line.txnLineId, a.commitmentId, a.purchaseOrderLine ?? null, a.unattributed])).toEqual([
      ['1C2-1700000000', 40, null, null],
      ['1C3-1700000000', 40, { poTxnId: PO, poTxnLineId: 'POL-1', procoreLineKey: 'commitment-line:501', pairedBy: 'item' }, null],
      ['1C4-1700000000', 40, { poTxnId: PO, poTxnLineId: 'POL-2', procoreLineKey: 'change-order:60:cost-code:9302:line:none', pairedBy: 'item' }, null],
    ]);
  });

  it('without the PO’s lines, the lines of a commitment bill are on the commitment but unpaired', () => {
    const result = attributeCostTransaction(simulatorBill(), makeAttributionContext({ ...STANDARD_TABLES, commitments: { [PO]: commitment() } }));
    expect(result.destination).toBe('commitment_invoice');
    expect(result.lines.map((a) => [a.commitmentId, a.purchaseOrderLine])).toEqual([
      [40, null],
      [40, null],
      [40, null],
    ]);
  });

  it('a line’s own LinkedTxn pairs it with that PO line (line_link), even without a header link', () => {
    const bill = costTxn({
      lines: [
        costLine({
          txnLineId: 'L1',
          amountCents: 5000,
          itemListId: ITEM_CONCRETE.listId,
          jobListId: JOB_MOB.listId,
          linkedTxnId: 'PO-9',
          linkedTxnLineId: 'POL-1',
        }),
        costLine({ txnLineId: 'L2', amountCents: 700, itemListId: ITEM_REBAR.listId, jobListId: JOB_MOB.listId, linkedTxnId: 'PO-9', linkedTxnLineId: null }),
      ],
    });
    const result = attributeCostTransaction(bill, makeAttributionContext({ ...STANDARD_TABLES, commitments: { 'PO-9': commitment({ commitmentId: 41 }) } }));
    expect(result.destination).toBe('commitment_invoice');
    expect(result.commitment).toEqual({ commitmentId: 41, procoreProjectId: PROJECT_MOB });
    expect(result.lines.map((a) => a.purchaseOrderLine)).toEqual([
      { poTxnId: 'PO-9', poTxnLineId: 'POL-1', procoreLineKey: 'commitment-line:501', pairedBy: 'line_link' },
      null,
    ]);
  });

  it('Checks and Credit Card Charges are direct costs even when linked to a commitment’s PO', () => {
    for (const txnType of ['Check', 'CreditCardCharge'] as const) {
      const txn = costTxn({
        txnType,
        linkedPurchaseOrderTxnIds: [PO],
        lines: [costLine({ txnLineId: 'L', amountCents: 1, jobListId: JOB_MOB.listId, itemListId: ITEM_CONCRETE.listId, linkedTxnId: PO })],
      });
      const ctx = makeAttributionContext({ ...STANDARD_TABLES, commitments: { [PO]: commitment() } });
      expect(attributeCostTransaction(txn, ctx).destination).toBe('direct_cost');
      expect(ctx.poLookups).toEqual([]);
    }
  });

  it('a Bill linked to a PO that did not come from a commitment is a direct cost', () => {
    const bill = costTxn({
      linkedPurchaseOrderTxnIds: ['QB-ONLY-PO'],
      lines: [costLine({ txnLineId: 'L', amountCents: 1, jobListId: JOB_MOB.listId, itemListId: ITEM_CONCRETE.listId, linkedTxnId: 'QB-ONLY-PO' })],
    });
    const ctx = makeAttributionContext(STANDARD_TABLES);
    expect(attributeCostTransaction(bill, ctx).destination).toBe('direct_cost');
    expect(ctx.poLookups).toEqual(['QB-ONLY-PO']);
  });

  it('looks each PO up once per transaction', () => {
    const bill = costTxn({
      linkedPurchaseOrderTxnIds: [PO],
      lines: [1, 2, 3].map((n) =>
        costLine({
          txnLineId: `L${n}`,
          amountCents: n,
          itemListId: ITEM_CONCRETE.listId,
          jobListId: JOB_MOB.listId,
          linkedTxnId: PO,
          linkedTxnLineId: 'POL-1',
        }),
      ),
    });
    const ctx = makeAttributionContext({ ...STANDARD_TABLES, commitments: { [PO]: commitment() } });
    attributeCostTransaction(bill, ctx);
    expect(ctx.poLookups).toEqual([PO]);
  });
});

describe('attributeCostTransaction: commitment invoice lines', () => {
  it('the first commitment found is the invoice’s; a line received against another commitment’s PO is left off it', () => {
    const bill = costTxn({
      lines: [
        costLine({
          txnLineId: 'A',
          amountCents: 100,
          itemListId: ITEM_CONCRETE.listId,
          jobListId: JOB_MOB.listId,
          linkedTxnId: 'PO-A',
          linkedTxnLineId: 'POL-1',
        }),
        costLine({
          txnLineId: 'B',
          amountCents: 200,
          itemListId: ITEM_REBAR.listId,
          jobListId: JOB_CLINIC.listId,
          linkedTxnId: 'PO-B',
          linkedTxnLineId: 'POL-1',
        }),
        costLine({ txnLineId: 'C', amountCents: 300, itemListId: ITEM_REBAR.listId, jobListId: JOB_MOB.listId, linkedTxnId: 'QB-ONLY', linkedTxnLineId: 'X' }),
        costLine({ txnLineId: 'D', amountCents: 400, lineKind: 'expense', accountListId: ACCOUNT_PERMITS.listId, jobListId: JOB_MOB.listId }),
      ],
    });
    const ctx = makeAttributionContext({
      ...STANDARD_TABLES,
      commitments: { 'PO-A': commitment({ commitmentId: 40 }), 'PO-B': commitment({ commitmentId: 50, procoreProjectId: PROJECT_CLINIC }) },
    });
    const result = attributeCostTransaction(bill, ctx);
    expect(result.commitment).toEqual({ commitmentId: 40, procoreProjectId: PROJECT_MOB });
    expect(result.lines.map((a) => [a.line.txnLineId, a.commitmentId, a.procoreProjectId])).toEqual([
      ['A', 40, PROJECT_MOB],
      ['B', 50, PROJECT_CLINIC],
      ['C', null, PROJECT_MOB],
      ['D', 40, PROJECT_MOB],
    ]);
  });

  it('lines on the commitment take its project, whatever their job (or none)', () => {
    const bill = costTxn({
      linkedPurchaseOrderTxnIds: [PO],
      lines: [
        costLine({ txnLineId: 'no-job', amountCents: 100, itemListId: ITEM_CONCRETE.listId }),
        costLine({ txnLineId: 'unlinked-job', amountCents: 100, itemListId: ITEM_CONCRETE.listId, jobListId: JOB_UNLINKED.listId }),
      ],
    });
    const result = attributeCostTransaction(bill, makeAttributionContext({ ...STANDARD_TABLES, commitments: { [PO]: commitment() } }));
    expect(summary(result.lines)).toEqual([
      { id: 'no-job', project: PROJECT_MOB, standard: CC_CONCRETE, projectCostCode: PCC(PROJECT_MOB, CC_CONCRETE), source: 'item', problem: null },
      { id: 'unlinked-job', project: PROJECT_MOB, standard: CC_CONCRETE, projectCostCode: PCC(PROJECT_MOB, CC_CONCRETE), source: 'item', problem: null },
    ]);
  });

  it('a line paired with a keyed PO line needs no cost code; an unpaired line without one is NO_COST_CODE; the project cost code is never required', () => {
    const bill = costTxn({
      lines: [
        costLine({ txnLineId: 'keyed', amountCents: 100, itemListId: ITEM_UNMAPPED.listId, linkedTxnId: PO, linkedTxnLineId: 'POL-1' }),
        costLine({ txnLineId: 'unkeyed', amountCents: 100, itemListId: ITEM_UNMAPPED.listId, itemFullName: 'Misc', linkedTxnId: PO, linkedTxnLineId: 'POL-3' }),
        costLine({ txnLineId: 'not-on-project', amountCents: 100, itemListId: ITEM_REBAR.listId, linkedTxnId: PO, linkedTxnLineId: 'POL-1' }),
      ],
    });
    const result = attributeCostTransaction(bill, makeAttributionContext({ ...STANDARD_TABLES, commitments: { [PO]: commitment() }, projectCostCodes: [] }));
    expect(summary(result.lines).map((l) => [l.id, l.standard, l.projectCostCode, l.problem])).toEqual([
      ['keyed', null, null, null],
      ['unkeyed', null, null, 'NO_COST_CODE'],
      ['not-on-project', CC_REBAR, null, null],
    ]);
  });

  it('pairs by item with unused PO lines first, honours the job, and falls back to an already used line', () => {
    const c = commitment({
      poLines: [
        { txnLineId: 'POL-1', itemListId: ITEM_CONCRETE.listId, jobListId: JOB_CLINIC.listId },
        { txnLineId: 'POL-2', itemListId: ITEM_CONCRETE.listId, jobListId: JOB_MOB.listId },
        { txnLineId: 'POL-3', itemListId: ITEM_CONCRETE.listId, jobListId: null },
      ],
    });
    const bill = costTxn({
      linkedPurchaseOrderTxnIds: [PO],
      lines: [
        costLine({ txnLineId: 'L1', amountCents: 1, itemListId: ITEM_CONCRETE.listId, jobListId: JOB_MOB.listId }),
        costLine({ txnLineId: 'L2', amountCents: 1, itemListId: ITEM_CONCRETE.listId, jobListId: JOB_MOB.listId }),
        costLine({ txnLineId: 'L3', amountCents: 1, itemListId: ITEM_CONCRETE.listId, jobListId: JOB_MOB.listId }),
        costLine({ txnLineId: 'L4', amountCents: 1, itemListId: ITEM_CONCRETE.listId, jobListId: null }),
        costLine({ txnLineId: 'L5', amountCents: 1, itemListId: ITEM_REBAR.listId, jobListId: JOB_MOB.listId }),
      ],
    });
    const result = attributeCostTransaction(bill, makeAttributionContext({ ...STANDARD_TABLES, commitments: { [PO]: c } }));
    expect(result.lines.map((a) => a.purchaseOrderLine?.poTxnLineId ?? null)).toEqual(['POL-2', 'POL-3', 'POL-2', 'POL-1', null]);
  });

  it('a line-linked PO line counts as used when pairing the others by item', () => {
    const c = commitment({
      poLines: [
        { txnLineId: 'POL-1', itemListId: ITEM_CONCRETE.listId },
        { txnLineId: 'POL-2', itemListId: ITEM_CONCRETE.listId },
      ],
    });
    const bill = costTxn({
      linkedPurchaseOrderTxnIds: [PO],
      lines: [
        costLine({ txnLineId: 'by-item', amountCents: 1, itemListId: ITEM_CONCRETE.listId }),
        costLine({ txnLineId: 'by-link', amountCents: 1, itemListId: ITEM_CONCRETE.listId, linkedTxnId: PO, linkedTxnLineId: 'POL-1' }),
      ],
    });
    const result = attributeCostTransaction(bill, makeAttributionContext({ ...STANDARD_TABLES, commitments: { [PO]: c } }));
    expect(result.lines.map((a) => [a.purchaseOrderLine?.poTxnLineId, a.purchaseOrderLine?.pairedBy])).toEqual([
      ['POL-2', 'item'],
      ['POL-1', 'line_link'],
    ]);
  });
});

describe('attributeCostTransaction: cost code precedence (item → class → account)', () => {
  const attributeOne = (fields: Parameters<typeof costLine>[0], tables = STANDARD_TABLES) =>
    attributeCostTransaction(costTxn({ txnType: 'Check', lines: [costLine({ jobListId: JOB_MOB.listId, ...fields })] }), makeAttributionContext(tables))
      .lines[0]!;

  it('the item wins over the class and the account', () => {
    const line = attributeOne({
      txnLineId: 'L',
      amountCents: 1,
      itemListId: ITEM_CONCRETE.listId,
      classListId: CLASS_SITE.listId,
      accountListId: ACCOUNT_PERMITS.listId,
    });
    expect([line.standardCostCodeId, line.costCodeSource]).toEqual([CC_CONCRETE, 'item']);
  });

  it('an item not linked to a cost code falls through to the class mapping', () => {
    const line = attributeOne({ txnLineId: 'L', amountCents: 1, itemListId: ITEM_UNMAPPED.listId, classListId: CLASS_SITE.listId });
    expect([line.standardCostCodeId, line.costCodeSource]).toEqual([CC_SITE, 'class']);
  });

  it('the class wins over the account on an expense line', () => {
    const line = attributeOne({ txnLineId: 'L', amountCents: 1, lineKind: 'expense', accountListId: ACCOUNT_PERMITS.listId, classListId: CLASS_SITE.listId });
    expect([line.standardCostCodeId, line.costCodeSource]).toEqual([CC_SITE, 'class']);
  });

  it('the account mapping is the last resort', () => {
    const line = attributeOne({ txnLineId: 'L', amountCents: 1, lineKind: 'expense', accountListId: ACCOUNT_PERMITS.listId, classListId: 'unmapped-class' });
    expect([line.standardCostCodeId, line.costCodeSource]).toEqual([CC_PERMITS, 'account']);
  });

  it('nothing mapped: NO_COST_CODE naming what was tried', () => {
    const line = attributeOne({
      txnLineId: 'L',
      amountCents: 8420,
      lineKind: 'expense',
      accountListId: ACCOUNT_FUEL.listId,
      accountFullName: ACCOUNT_FUEL.fullName,
      classListId: 'C9',
      classFullName: 'Overhead',
    });
    expect(line).toMatchObject({ procoreProjectId: PROJECT_MOB, standardCostCodeId: null, projectCostCodeId: null, costCodeSource: null });
    expect(line.unattributed).toEqual({
      code: 'NO_COST_CODE',
      message:
        'Line 1 ($84.20) of QuickBooks Check INV-1 to Smith Concrete & Forms has no Procore cost code: its class "Overhead" is not mapped to one, and its account "Auto:Fuel" is not mapped to one; link the item under Refresh Items, or map the class or account to a cost code in the settings.',
    });
  });

  it('a line with no item, class or account says so', () => {
    expect(attributeOne({ txnLineId: 'L', amountCents: 100 }).unattributed?.message).toBe(
      'Line 1 ($1.00) of QuickBooks Check INV-1 to Smith Concrete & Forms has no item, class or account, so it has no Procore cost code; choose an item on the line in QuickBooks.',
    );
  });
});

describe('attributeCostTransaction: unattributed lines', () => {
  it('reads the simulator’s Check: the fuel account is not mapped, so NO_COST_CODE', () => {
    const check = readCostTransaction('Check', parseRet('CheckQueryRs', SIMULATOR_CHECK_XML));
    const [line] = attributeCostTransaction(check, makeAttributionContext(STANDARD_TABLES)).lines;
    expect(line).toMatchObject({ procoreProjectId: PROJECT_CLINIC, standardCostCodeId: null, unattributed: { code: 'NO_COST_CODE' } });
  });

  it('a line without a job is NO_JOB (direct costs are per project), keeping its cost code for the "none" bucket', () => {
    const txn = costTxn({
      txnType: 'CreditCardCharge',
      refNumber: null,
      txnId: 'CC-1',
      payeeName: 'Ferguson',
      lines: [costLine({ txnLineId: 'L', amountCents: -2500, itemListId: ITEM_REBAR.listId })],
    });
    const [line] = attributeCostTransaction(txn, makeAttributionContext(STANDARD_TABLES)).lines;
    expect(line).toMatchObject({ procoreProjectId: null, standardCostCodeId: CC_REBAR, projectCostCodeId: null });
    expect(line!.unattributed).toEqual({
      code: 'NO_JOB',
      message:
        'Line 1 (−$25.00) of QuickBooks Credit Card Charge (TxnID CC-1) to Ferguson has no customer:job in QuickBooks, so it belongs to no Procore project; choose the job on the line in QuickBooks.',
    });
  });

  it('a job not linked to a Procore project is JOB_NOT_LINKED, naming the job', () => {
    const txn = costTxn({
      lines: [costLine({ txnLineId: 'L', amountCents: 0, itemListId: ITEM_REBAR.listId, jobListId: JOB_UNLINKED.listId, jobFullName: JOB_UNLINKED.fullName })],
    });
    const [line] = attributeCostTransaction(txn, makeAttributionContext(STANDARD_TABLES)).lines;
    expect(line!.procoreProjectId).toBeNull();
    expect(line!.unattributed).toEqual({
      code: 'JOB_NOT_LINKED',
      message:
        'Line 1 ($0.00) of QuickBooks Bill INV-1 from Smith Concrete & Forms is for the QuickBooks job "Old Customer:Garage", which is not linked to a Procore project; link it under Refresh Jobs.',
    });
  });

  it('a sub-job (Customer:Job:Phase) is JOB_NOT_LINKED, saying it is a sub-job and which job to use', () => {
    const txn = costTxn({
      lines: [costLine({ txnLineId: 'L', amountCents: 0, itemListId: ITEM_REBAR.listId, jobListId: '8000ABCD-1', jobFullName: 'Old Customer:Garage:Phase 2' })],
    });
    const [line] = attributeCostTransaction(txn, makeAttributionContext(STANDARD_TABLES)).lines;
    expect(line!.unattributed).toEqual({
      code: 'JOB_NOT_LINKED',
      message:
        'Line 1 ($0.00) of QuickBooks Bill INV-1 from Smith Concrete & Forms is for the QuickBooks sub-job "Old Customer:Garage:Phase 2" (a job under the job "Old Customer:Garage"); the connector links only jobs directly under a customer to Procore projects, so it goes to no Procore project. Put the cost on the job "Old Customer:Garage" in QuickBooks.',
    });
  });

  it('a direct cost line whose cost code is not on the project is COST_CODE_NOT_ON_PROJECT', () => {
    const txn = costTxn({ lines: [costLine({ txnLineId: 'L', amountCents: 1, itemListId: ITEM_REBAR.listId, jobListId: JOB_MOB.listId })] });
    const [line] = attributeCostTransaction(txn, makeAttributionContext({ ...STANDARD_TABLES, projectCostCodes: [[PROJECT_MOB, CC_CONCRETE]] })).lines;
    expect(line).toMatchObject({ procoreProjectId: PROJECT_MOB, standardCostCodeId: CC_REBAR, projectCostCodeId: null });
    expect(line!.unattributed).toEqual({
      code: 'COST_CODE_NOT_ON_PROJECT',
      message: `Line 1 ($0.01) of QuickBooks Bill INV-1 from Smith Concrete & Forms goes to Procore standard cost code ${CC_REBAR} (from its item), which is not on Procore project ${PROJECT_MOB}; add the cost code to the project in Procore.`,
    });
  });

  it('checks the job before the cost code', () => {
    const txn = costTxn({ lines: [costLine({ txnLineId: 'L', amountCents: 1, jobListId: JOB_UNLINKED.listId })] });
    expect(attributeCostTransaction(txn, makeAttributionContext(STANDARD_TABLES)).lines[0]!.unattributed?.code).toBe('JOB_NOT_LINKED');
  });
});

describe('describeCostTransaction', () => {
  it('names the type, number and payee', () => {
    expect(describeCostTransaction(costTxn({ lines: [] }))).toBe('QuickBooks Bill INV-1 from Smith Concrete & Forms');
    expect(describeCostTransaction(costTxn({ txnType: 'Check', refNumber: '1042', payeeName: 'Home Depot', lines: [] }))).toBe(
      'QuickBooks Check 1042 to Home Depot',
    );
    expect(describeCostTransaction(costTxn({ txnType: 'CreditCardCharge', refNumber: null, txnId: 'X-1', payeeName: null, lines: [] }))).toBe(
      'QuickBooks Credit Card Charge (TxnID X-1)',
    );
  });
});
