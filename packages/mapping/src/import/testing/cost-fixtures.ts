// Test support for the import rules: QuickBooks cost transactions as the simulator renders them
// (packages/qb-simulator/src/handlers/render-txn-rets.ts) and in shapes only real QuickBooks sends
// (qbxml130.xsd: ItemGroupLineRet, several LinkedTxn), plus an attribution context built from tables.
import type { AttributionContext, CommitmentForPurchaseOrder } from '../attribute-cost-transaction.ts';
import type { QbCostLine, QbCostTransaction } from '../read-cost-transaction.ts';
import { refXml } from './parse-rets.ts';

export const JOB_MOB = { listId: '80000010-1700000000', fullName: 'Riverside Medical Center:MOB Expansion' };
export const JOB_CLINIC = { listId: '80000011-1700000000', fullName: 'Maple Street:Clinic' };
export const JOB_UNLINKED = { listId: '80000012-1700000000', fullName: 'Old Customer:Garage' };
export const VENDOR_SMITH = { listId: '80000002-1700000000', fullName: 'Smith Concrete & Forms' };
export const ITEM_CONCRETE = { listId: '80000020-1700000000', fullName: '03 Concrete:03-300 Cast-in-Place Concrete' };
export const ITEM_REBAR = { listId: '80000023-1700000000', fullName: '03 Concrete:03-200 Reinforcing' };
export const ITEM_UNMAPPED = { listId: '80000029-1700000000', fullName: 'Misc' };
export const ACCOUNT_PERMITS = { listId: '80000041-1600000000', fullName: 'Job Costs:Permits' };
export const ACCOUNT_FUEL = { listId: '80000042-1600000000', fullName: 'Auto:Fuel' };
export const CLASS_SITE = { listId: '80000050-1700000000', fullName: 'Site Work' };

// Procore ids.
export const PROJECT_MOB = 7;
export const PROJECT_CLINIC = 8;
export const CC_CONCRETE = 301;
export const CC_REBAR = 302;
export const CC_PERMITS = 110;
export const CC_SITE = 201;
export const PCC = (project: number, standard: number) => project * 10_000 + standard;

/** A BillRet like the simulator's renderBillRet with lines and linked transactions. */
export const SIMULATOR_BILL_XML = `<BillRet>
<TxnID>1C0-1700000000</TxnID>
<TimeCreated>2026-05-31T16:20:11-07:00</TimeCreated>
<TimeModified>2026-06-02T10:01:07-07:00</TimeModified>
<EditSequence>1717347667</EditSequence>
<TxnNumber>3121</TxnNumber>
${refXml('VendorRef', VENDOR_SMITH.listId, 'Smith Concrete &amp; Forms')}
${refXml('APAccountRef', '8000001C-1600000000', 'Accounts Payable')}
<TxnDate>2026-05-31</TxnDate>
<DueDate>2026-06-30</DueDate>
<AmountDue>124875.50</AmountDue>
<RefNumber>PAYAPP-0003</RefNumber>
<Memo>Pay app 3</Memo>
<IsPaid>false</IsPaid>
<LinkedTxn><TxnID>1A2-1700000000</TxnID><TxnType>PurchaseOrder</TxnType><TxnDate>2026-04-01</TxnDate><RefNumber>SC-014</RefNumber><LinkType>QUANTYPE</LinkType><Amount>123750.00</Amount></LinkedTxn>
<LinkedTxn><TxnID>1E0-1700000000</TxnID><TxnType>BillPaymentCheck</TxnType><TxnDate>2026-06-15</TxnDate><LinkType>AMTTYPE</LinkType><Amount>-50000.00</Amount></LinkedTxn>
<ExpenseLineRet>
<TxnLineID>1C2-1700000000</TxnLineID>
${refXml('AccountRef', ACCOUNT_PERMITS.listId, ACCOUNT_PERMITS.fullName)}
<Amount>1250.50</Amount>
<Memo>Pour permit</Memo>
${refXml('CustomerRef', JOB_MOB.listId, JOB_MOB.fullName)}
<BillableStatus>NotBillable</BillableStatus>
</ExpenseLineRet>
<ItemLineRet>
<TxnLineID>1C3-1700000000</TxnLineID>
${refXml('ItemRef', ITEM_CONCRETE.listId, ITEM_CONCRETE.fullName)}
<Desc>Work completed this period</Desc>
<Quantity>1</Quantity>
<Cost>123750.00</Cost>
<Amount>123750.00</Amount>
${refXml('CustomerRef', JOB_MOB.listId, JOB_MOB.fullName)}
${refXml('ClassRef', CLASS_SITE.listId, CLASS_SITE.fullName)}
</ItemLineRet>
<ItemLineRet>
<TxnLineID>1C4-1700000000</TxnLineID>
${refXml('ItemRef', ITEM_REBAR.listId, ITEM_REBAR.fullName)}
<Amount>-125.00</Amount>
${refXml('CustomerRef', JOB_MOB.listId, JOB_MOB.fullName)}
</ItemLineRet>
<OpenAmount>74875.50</OpenAmount>
</BillRet>`;

/** A CheckRet as the simulator renders it (PayeeEntityRef, Amount, IsToBePrinted), one expense line. */
export const SIMULATOR_CHECK_XML = `<CheckRet>
<TxnID>2B0-1700000000</TxnID>
<TimeCreated>2026-06-01T08:00:00-07:00</TimeCreated>
<TimeModified>2026-06-01T08:00:00-07:00</TimeModified>
<EditSequence>1717254000</EditSequence>
<TxnNumber>77</TxnNumber>
${refXml('AccountRef', '80000001-1600000000', 'Checking')}
${refXml('PayeeEntityRef', '80000005-1700000000', 'Home Depot')}
<RefNumber>1042</RefNumber>
<TxnDate>2026-06-01</TxnDate>
<Amount>84.20</Amount>
<IsToBePrinted>false</IsToBePrinted>
<ExpenseLineRet>
<TxnLineID>2B1-1700000000</TxnLineID>
${refXml('AccountRef', ACCOUNT_FUEL.listId, ACCOUNT_FUEL.fullName)}
<Amount>84.20</Amount>
${refXml('CustomerRef', JOB_CLINIC.listId, JOB_CLINIC.fullName)}
</ExpenseLineRet>
</CheckRet>`;

/** A CreditCardChargeRet from real QuickBooks: an item group whose item lines carry the jobs. */
export const GROUPED_CHARGE_XML = `<CreditCardChargeRet>
<TxnID>3C0-1700000000</TxnID>
<TimeCreated>2026-06-05T12:00:00-07:00</TimeCreated>
<TimeModified>2026-06-06T09:30:00-07:00</TimeModified>
<EditSequence>1717691400</EditSequence>
${refXml('AccountRef', '80000003-1600000000', 'Company Visa')}
${refXml('PayeeEntityRef', '80000006-1700000000', 'Ferguson Supply')}
<TxnDate>2026-06-05</TxnDate>
<Amount>600.00</Amount>
<ItemLineRet>
<TxnLineID>3C1-1700000000</TxnLineID>
${refXml('ItemRef', ITEM_REBAR.listId, ITEM_REBAR.fullName)}
<Desc>Tie wire</Desc>
<Amount>100.00</Amount>
${refXml('CustomerRef', JOB_MOB.listId, JOB_MOB.fullName)}
</ItemLineRet>
<ItemGroupLineRet>
<TxnLineID>3C2-1700000000</TxnLineID>
${refXml('ItemGroupRef', '80000030-1700000000', 'Formwork kit')}
<Desc>Formwork kit</Desc>
<Quantity>1</Quantity>
<TotalAmount>500.00</TotalAmount>
<ItemLineRet>
<TxnLineID>3C3-1700000000</TxnLineID>
${refXml('ItemRef', ITEM_CONCRETE.listId, ITEM_CONCRETE.fullName)}
<Desc>Forms</Desc>
<Amount>350.00</Amount>
${refXml('CustomerRef', JOB_CLINIC.listId, JOB_CLINIC.fullName)}
</ItemLineRet>
<ItemLineRet>
<TxnLineID>3C4-1700000000</TxnLineID>
${refXml('ItemRef', ITEM_REBAR.listId, ITEM_REBAR.fullName)}
<Desc>Rebar chairs</Desc>
<Amount>150.00</Amount>
${refXml('CustomerRef', JOB_CLINIC.listId, JOB_CLINIC.fullName)}
</ItemLineRet>
</ItemGroupLineRet>
</CreditCardChargeRet>`;

/** A cost line with every field null unless given. */
export function costLine(fields: Partial<QbCostLine> & { txnLineId: string; amountCents: number }): QbCostLine {
  return {
    lineKind: 'item',
    jobListId: null,
    jobFullName: null,
    itemListId: null,
    itemFullName: null,
    accountListId: null,
    accountFullName: null,
    classListId: null,
    classFullName: null,
    memo: null,
    linkedTxnId: null,
    linkedTxnLineId: null,
    groupTxnLineId: null,
    ...fields,
  };
}

/** A cost transaction; amountCents is the sum of the lines. */
export function costTxn(fields: Partial<QbCostTransaction> & { lines: QbCostLine[] }): QbCostTransaction {
  return {
    txnType: 'Bill',
    txnId: 'T-1',
    editSequence: '100',
    txnDate: '2026-06-01',
    timeModified: '2026-06-01T10:00:00-07:00',
    refNumber: 'INV-1',
    payeeListId: VENDOR_SMITH.listId,
    payeeName: VENDOR_SMITH.fullName,
    memo: null,
    headerAmountCents: null,
    linkedPurchaseOrderTxnIds: [],
    amountCents: fields.lines.reduce((s, l) => s + l.amountCents, 0),
    ...fields,
  };
}

export interface ContextTables {
  ownBills?: string[];
  commitments?: Record<string, CommitmentForPurchaseOrder>;
  jobs?: Record<string, number>;
  items?: Record<string, number>;
  accounts?: Record<string, number>;
  classes?: Record<string, number>;
  /** "project:standard" pairs on projects; default: every (project, cost code) pair. */
  projectCostCodes?: Array<[number, number]>;
}

/** An AttributionContext from tables; records every commitment lookup in `poLookups`. */
export function makeAttributionContext(t: ContextTables = {}): AttributionContext & { poLookups: string[] } {
  const poLookups: string[] = [];
  const onProject = t.projectCostCodes === undefined ? null : new Set(t.projectCostCodes.map(([p, s]) => `${p}:${s}`));
  return {
    poLookups,
    ownBillTxnIds: new Set(t.ownBills ?? []),
    commitmentForPurchaseOrder: (po) => {
      poLookups.push(po);
      return t.commitments?.[po] ?? null;
    },
    projectForJob: (job) => t.jobs?.[job] ?? null,
    standardCostCodeForItem: (item) => t.items?.[item] ?? null,
    standardCostCodeForAccount: (account) => t.accounts?.[account] ?? null,
    standardCostCodeForClass: (cls) => t.classes?.[cls] ?? null,
    projectCostCodeFor: (project, standard) => (onProject === null || onProject.has(`${project}:${standard}`) ? PCC(project, standard) : null),
  };
}

/** Jobs and items every test links the same way. */
export const STANDARD_TABLES: ContextTables = {
  jobs: { [JOB_MOB.listId]: PROJECT_MOB, [JOB_CLINIC.listId]: PROJECT_CLINIC },
  items: { [ITEM_CONCRETE.listId]: CC_CONCRETE, [ITEM_REBAR.listId]: CC_REBAR },
  accounts: { [ACCOUNT_PERMITS.listId]: CC_PERMITS },
  classes: { [CLASS_SITE.listId]: CC_SITE },
};
