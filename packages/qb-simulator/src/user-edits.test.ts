// What a person does in the company file between two Web Connector sessions, as the import tests need it
// (QuickBooks to Procore): edit a line, delete or void a transaction, delete a list entry, enter a bill against a PO, pay a bill —
// and how each shows in the next incremental read.

import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import type { Bill, BillPaymentCheck, ItemLine } from './model/company-file.ts';
import type { Harness } from './test-support/simulator-fixture.ts';
import { childOf, childrenOf, makeHarness, retOf, statusOf, textOf } from './test-support/simulator-fixture.ts';

const NOW = '2025-03-10T15:00:00Z'; // 10:00 at the company's -05:00; the generated file ends in 2024

function harness(): Harness {
  return makeHarness({
    company: generateCompanyFile({
      seed: 31,
      vendors: 12,
      customers: 3,
      jobs: 6,
      items: 24,
      classes: 3,
      bills: 60,
      checks: 20,
      creditCardCharges: 20,
      paidBillRatio: 0.8,
    }),
    clockIso: NOW,
  });
}

const cents = (text: string | undefined): number => Math.round(Number(text) * 100);
const ids = (rs: { children: { children: unknown[] }[] }, field = 'TxnID') => rs.children.map((r) => textOf(r as never, field));
const since = (name: string, filter: string) =>
  `<${name}><ModifiedDateRangeFilter><FromModifiedDate>${filter}</FromModifiedDate></ModifiedDateRangeFilter><IncludeLineItems>true</IncludeLineItems></${name}>`;

describe('modifyTransactionLine', () => {
  it('changes a line amount, job and item; EditSequence and TimeModified move on; the next incremental read returns just that bill', async () => {
    const h = harness();
    const bill = h.sim.company.bills.find((b) => b.itemLines.length > 0 && b.expenseLines.length > 0) as Bill;
    const line = bill.itemLines[0] as ItemLine;
    const before = { editSequence: bill.editSequence, timeModified: bill.timeModified };
    const otherJob = h.sim.company.customers.find((c) => c.parentId !== undefined && c.listId !== line.customerId)?.listId as string;
    const otherItem = h.sim.company.items.find((i) => i.listId !== line.itemId && i.parentId !== undefined)?.listId as string;
    expect(statusOf(await h.one(since('BillQueryRq', '2025-03-10T09:59:00'))).code).toBe(1);

    h.clock.advance(60);
    h.sim.modifyTransactionLine(bill.txnId, line.txnLineId, { amountCents: 123_456, customerId: otherJob, itemId: otherItem });
    const rs = await h.one(since('BillQueryRq', '2025-03-10T10:00:30'));
    expect(ids(rs)).toEqual([bill.txnId]);
    const ret = retOf(rs);
    expect(Number(textOf(ret, 'EditSequence'))).toBeGreaterThan(Number(before.editSequence));
    expect(textOf(ret, 'TimeModified')).toBe('2025-03-10T10:01:00-05:00');
    expect(bill.timeModified).toBeGreaterThan(before.timeModified);
    const lineRet = childrenOf(ret, 'ItemLineRet').find((l) => textOf(l, 'TxnLineID') === line.txnLineId);
    expect(textOf(lineRet, 'Amount')).toBe('1234.56');
    expect(textOf(childOf(lineRet, 'CustomerRef'), 'ListID')).toBe(otherJob);
    expect(textOf(childOf(lineRet, 'ItemRef'), 'ListID')).toBe(otherItem);
    expect(textOf(lineRet, 'Cost')).toBe('1234.56');

    const expense = bill.expenseLines[0];
    const account = h.sim.company.accounts.find((a) => a.name === 'Equipment Rental')?.listId as string;
    h.sim.modifyTransactionLine(bill.txnId, expense?.txnLineId as string, { accountId: account, classId: null, customerId: null });
    expect(expense?.accountId).toBe(account);
    expect(expense?.classId).toBeUndefined();
    expect(expense?.customerId).toBeUndefined();
  });

  it('editing a paid bill keeps its payments linked; editing or voiding a payment moves what its bill shows as paid', async () => {
    const h = harness();
    const payment = h.sim.company.billPaymentChecks[0] as BillPaymentCheck;
    const bill = h.sim.store.txn('Bill', payment.applied[0]?.txnId as string) as Bill;
    const linked = async () => {
      const ret = retOf(await h.one(`<BillQueryRq><TxnID>${bill.txnId}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>`));
      return { open: textOf(ret, 'OpenAmount'), links: childrenOf(ret, 'LinkedTxn').map((l) => [textOf(l, 'TxnID'), textOf(l, 'Amount')]) };
    };
    const before = await linked();
    expect(before.links).toContainEqual([payment.txnId, `-${((payment.applied[0]?.amount as number) / 100).toFixed(2)}`]);
    h.sim.modifyTransaction(bill.txnId, (t) => {
      t.memo = 'approved by PM';
    });
    expect(await linked()).toEqual(before);
    const applied = payment.applied[0]?.amount as number;
    h.sim.modifyTransaction(payment.txnId, (p) => {
      (p as BillPaymentCheck).applied = [{ txnId: bill.txnId, amount: applied - 100 }];
    });
    const after = await linked();
    expect(cents(after.open)).toBe(cents(before.open) + 100);
    expect(after.links).toContainEqual([payment.txnId, `-${((applied - 100) / 100).toFixed(2)}`]);
  });

  it('refuses what QuickBooks would not offer, and changes nothing then', () => {
    const h = harness();
    const bill = h.sim.company.bills.find((b) => b.itemLines.length > 0 && b.expenseLines.length > 0) as Bill;
    const editSequence = bill.editSequence;
    const itemLine = bill.itemLines[0]?.txnLineId as string;
    const expenseLine = bill.expenseLines[0]?.txnLineId as string;
    expect(() => h.sim.modifyTransactionLine(bill.txnId, 'FFFF-1', { amountCents: 1 })).toThrow(/no line/);
    expect(() => h.sim.modifyTransactionLine(bill.txnId, itemLine, { accountId: h.sim.company.accounts[0]?.listId as string })).toThrow(/item line/);
    expect(() => h.sim.modifyTransactionLine(bill.txnId, expenseLine, { itemId: h.sim.company.items[0]?.listId as string })).toThrow(/expense line/);
    expect(() => h.sim.modifyTransactionLine(bill.txnId, itemLine, { customerId: '80000999-1' })).toThrow(/no customer/);
    expect(() => h.sim.modifyTransactionLine(bill.txnId, itemLine, { amountCents: 1.5 })).toThrow(/integer/);
    expect(() => h.sim.modifyTransactionLine('FFFF-2', itemLine, { amountCents: 1 })).toThrow(/no transaction/);
    expect(bill.editSequence).toBe(editSequence);
  });
});

describe('deleteTransaction and voidTransaction', () => {
  it('a deleted bill, check, credit card charge and bill payment appear in TxnDeletedQuery with TimeDeleted; DeletedDateRangeFilter applies', async () => {
    const h = harness();
    const company = h.sim.company;
    const payment = company.billPaymentChecks[0] as BillPaymentCheck;
    const paidBill = company.bills.find((b) => b.txnId === payment.applied[0]?.txnId) as Bill;
    const bill = company.bills.find((b) => !company.billPaymentChecks.some((p) => p.applied.some((a) => a.txnId === b.txnId))) as Bill;
    const victims = [
      ['Bill', bill.txnId, bill.refNumber],
      ['Check', company.checks[0]?.txnId, company.checks[0]?.refNumber],
      ['CreditCardCharge', company.creditCardCharges[0]?.txnId, company.creditCardCharges[0]?.refNumber],
      ['BillPaymentCheck', payment.txnId, payment.refNumber],
    ] as const;
    const openBefore = cents(textOf(retOf(await h.one(`<BillQueryRq><TxnID>${paidBill.txnId}</TxnID></BillQueryRq>`)), 'OpenAmount'));
    for (const [, id] of victims) {
      h.clock.advance(60);
      h.sim.deleteTransaction(id as string);
    }
    const rs = await h.one(
      '<TxnDeletedQueryRq><TxnDelType>Bill</TxnDelType><TxnDelType>Check</TxnDelType><TxnDelType>CreditCardCharge</TxnDelType><TxnDelType>BillPaymentCheck</TxnDelType></TxnDeletedQueryRq>',
    );
    expect(rs.children.map((d) => [textOf(d, 'TxnDelType'), textOf(d, 'TxnID'), textOf(d, 'RefNumber'), textOf(d, 'TimeDeleted')])).toEqual(
      victims.map(([type, id, ref], i) => [type, id, ref, `2025-03-10T10:0${i + 1}:00-05:00`]),
    );
    // Deleted after 10:02:30 local: the charge and the payment only.
    const later = await h.one(
      '<TxnDeletedQueryRq><TxnDelType>Bill</TxnDelType><TxnDelType>Check</TxnDelType><TxnDelType>CreditCardCharge</TxnDelType><TxnDelType>BillPaymentCheck</TxnDelType><DeletedDateRangeFilter><FromDeletedDate>2025-03-10T10:02:30</FromDeletedDate></DeletedDateRangeFilter></TxnDeletedQueryRq>',
    );
    expect(later.children.map((d) => textOf(d, 'TxnDelType'))).toEqual(['CreditCardCharge', 'BillPaymentCheck']);
    const before = await h.one(
      '<TxnDeletedQueryRq><TxnDelType>Check</TxnDelType><DeletedDateRangeFilter><ToDeletedDate>2025-03-10T10:01:30</ToDeletedDate></DeletedDateRangeFilter></TxnDeletedQueryRq>',
    );
    expect(statusOf(before).code).toBe(1);
    expect(statusOf(await h.one(`<BillQueryRq><TxnID>${bill.txnId}</TxnID></BillQueryRq>`)).code).toBe(500);
    // The deleted payment no longer pays its bill.
    const open = cents(textOf(retOf(await h.one(`<BillQueryRq><TxnID>${paidBill.txnId}</TxnID></BillQueryRq>`)), 'OpenAmount'));
    expect(open).toBe(openBefore + (payment.applied[0]?.amount as number));
    expect(() => h.sim.deleteTransaction(bill.txnId)).toThrow(/no transaction/);
  });

  it('a voided bill payment stays, with zero amounts and a "VOID:" memo; its bill is open again; the next incremental read returns it', async () => {
    const h = harness();
    const checksPerBill = (id: string) => h.sim.company.billPaymentChecks.filter((p) => p.applied.some((a) => a.txnId === id)).length;
    const payment = h.sim.company.billPaymentChecks.find((p) => checksPerBill(p.applied[0]?.txnId as string) === 1) as BillPaymentCheck;
    const billId = payment.applied[0]?.txnId as string;
    const editSequence = payment.editSequence;
    h.clock.advance(120);
    h.sim.voidTransaction(payment.txnId);
    const rs = await h.one(
      '<BillPaymentCheckQueryRq><ModifiedDateRangeFilter><FromModifiedDate>2025-03-10T10:01:00-05:00</FromModifiedDate></ModifiedDateRangeFilter></BillPaymentCheckQueryRq>',
    );
    expect(ids(rs)).toEqual([payment.txnId]);
    const ret = retOf(rs);
    expect(textOf(ret, 'Amount')).toBe('0.00');
    expect(textOf(ret, 'Memo')).toBe('VOID:');
    expect(Number(textOf(ret, 'EditSequence'))).toBeGreaterThan(Number(editSequence));
    expect(childrenOf(ret, 'AppliedToTxnRet').map((a) => [textOf(a, 'TxnID'), textOf(a, 'Amount')])).toEqual([[billId, '0.00']]);
    const bill = retOf(await h.one(`<BillQueryRq><TxnID>${billId}</TxnID></BillQueryRq>`));
    expect(textOf(bill, 'OpenAmount')).toBe(textOf(bill, 'AmountDue'));
    expect(textOf(bill, 'IsPaid')).toBe('false');
    expect(statusOf(await h.one('<TxnDeletedQueryRq><TxnDelType>BillPaymentCheck</TxnDelType></TxnDeletedQueryRq>')).code).toBe(1);
  });
});

describe('deleteListEntry', () => {
  it('a deleted job and item appear in ListDeletedQuery with their FullName; entries in use are refused', async () => {
    const h = harness();
    const company = h.sim.company;
    const owner = company.customers.find((c) => c.parentId === undefined)?.name as string;
    // A job and an item nobody used yet (QuickBooks refuses to delete what transactions use).
    const added = await h.send(
      `<CustomerAddRq><CustomerAdd><Name>Lot 14 Spec Home</Name><ParentRef><FullName>${owner}</FullName></ParentRef></CustomerAdd></CustomerAddRq>` +
        '<ItemServiceAddRq><ItemServiceAdd><Name>02-410 Demolition</Name><SalesOrPurchase><AccountRef><FullName>Job Expenses:Subcontractors</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
    );
    const job = { listId: textOf(retOf(added[0] as never), 'ListID') as string };
    const item = { listId: textOf(retOf(added[1] as never), 'ListID') as string, name: '02-410 Demolition' };
    const usedJob = company.customers.find((c) => c.parentId !== undefined && company.bills.some((b) => b.itemLines.some((l) => l.customerId === c.listId)));
    const jobName = `${owner}:Lot 14 Spec Home`;
    h.clock.advance(60);
    h.sim.deleteListEntry(job.listId);
    h.sim.deleteListEntry(item.listId);
    const rs = await h.one(
      '<ListDeletedQueryRq><ListDelType>Customer</ListDelType><ListDelType>ItemService</ListDelType><DeletedDateRangeFilter><FromDeletedDate>2025-03-10T10:00:30</FromDeletedDate></DeletedDateRangeFilter></ListDeletedQueryRq>',
    );
    expect(rs.children.map((d) => [textOf(d, 'ListDelType'), textOf(d, 'ListID'), textOf(d, 'FullName'), textOf(d, 'TimeDeleted')])).toEqual([
      ['Customer', job.listId, jobName, '2025-03-10T10:01:00-05:00'],
      ['ItemService', item.listId, expect.stringContaining(item.name), '2025-03-10T10:01:00-05:00'],
    ]);
    expect(() => h.sim.deleteListEntry(usedJob?.listId as string)).toThrow(/will not delete/);
  });
});

describe('list reads for Refresh Jobs / Vendors / items', () => {
  it('CustomerQuery, VendorQuery and ItemQuery with FromModifiedDate return what changed; ActiveStatus All includes what was made inactive', async () => {
    const h = harness();
    const company = h.sim.company;
    const [renamed, deactivated] = company.vendors.filter((v) => v.isActive);
    const job = company.customers.find((c) => c.parentId !== undefined);
    const item = company.items.find((i) => i.itemType === 'Service' && i.parentId !== undefined);
    h.clock.advance(60);
    h.sim.modifyListEntry(renamed?.listId as string, (v) => {
      v.name = 'Renamed Drywall LLC';
    });
    h.sim.modifyListEntry(deactivated?.listId as string, (v) => {
      v.isActive = false;
    });
    h.sim.modifyListEntry(job?.listId as string, (c) => {
      c.name = 'Phase 2 Renovation';
    });
    h.sim.modifyListEntry(item?.listId as string, (i) => {
      i.name = '99-999 Renamed Item';
    });
    const from = '<FromModifiedDate>2025-03-10T10:00:30</FromModifiedDate>';
    const vendorsAll = await h.one(`<VendorQueryRq><ActiveStatus>All</ActiveStatus>${from}</VendorQueryRq>`);
    expect(vendorsAll.children.map((v) => [textOf(v, 'Name'), textOf(v, 'IsActive')])).toEqual(
      [
        ['Renamed Drywall LLC', 'true'],
        [deactivated?.name, 'false'],
      ].sort((a, b) => company.vendors.findIndex((v) => v.name === a[0]) - company.vendors.findIndex((v) => v.name === b[0])),
    );
    expect(ids(await h.one(`<VendorQueryRq>${from}</VendorQueryRq>`), 'ListID')).toEqual([renamed?.listId]);
    const jobs = await h.one(`<CustomerQueryRq><ActiveStatus>All</ActiveStatus>${from}</CustomerQueryRq>`);
    expect(jobs.children.map((c) => [textOf(c, 'ListID'), textOf(c, 'FullName'), textOf(childOf(c, 'ParentRef'), 'ListID'), textOf(c, 'Sublevel')])).toEqual([
      [job?.listId, `${company.customers.find((c) => c.listId === job?.parentId)?.name}:Phase 2 Renovation`, job?.parentId, '1'],
    ]);
    const items = await h.one(`<ItemQueryRq><ActiveStatus>All</ActiveStatus>${from}</ItemQueryRq>`);
    expect(items.children.map((i) => [i.name, textOf(i, 'ListID'), textOf(i, 'Name')])).toEqual([['ItemServiceRet', item?.listId, '99-999 Renamed Item']]);
    expect(
      statusOf(await h.one('<ItemQueryRq><ActiveStatus>All</ActiveStatus><FromModifiedDate>2025-03-10T10:01:30</FromModifiedDate></ItemQueryRq>')).code,
    ).toBe(1);
  });
});

describe('addBill and payBill', () => {
  it('enters a bill whose item line receives a PO line, then pays it in two checks; LinkedTxn and the PO show it', async () => {
    const h = harness();
    const company = h.sim.company;
    const vendor = company.vendors.find((v) => v.isActive)?.listId as string;
    const job = company.customers.find((c) => c.parentId !== undefined)?.listId as string;
    const itemId = company.items.find((i) => i.parentId !== undefined)?.listId as string;
    const po = retOf(
      await h.one(
        `<PurchaseOrderAddRq><PurchaseOrderAdd><VendorRef><ListID>${vendor}</ListID></VendorRef><TxnDate>2025-03-01</TxnDate><RefNumber>SC-0042</RefNumber>` +
          `<PurchaseOrderLineAdd><ItemRef><ListID>${itemId}</ListID></ItemRef><Desc>Framing</Desc><Quantity>1</Quantity><Rate>20000</Rate><CustomerRef><ListID>${job}</ListID></CustomerRef></PurchaseOrderLineAdd>` +
          `<PurchaseOrderLineAdd><ItemRef><ListID>${itemId}</ListID></ItemRef><Desc>Sheathing</Desc><Amount>5000.00</Amount><CustomerRef><ListID>${job}</ListID></CustomerRef></PurchaseOrderLineAdd>` +
          '</PurchaseOrderAdd></PurchaseOrderAddRq>',
      ),
    );
    const poId = textOf(po, 'TxnID') as string;
    const poLine = textOf(childrenOf(po, 'PurchaseOrderLineRet')[0], 'TxnLineID') as string;
    const equipment = company.accounts.find((a) => a.name === 'Equipment Rental')?.listId as string;

    h.clock.advance(60);
    const bill = h.sim.addBill({
      vendorId: vendor,
      txnDate: '2025-03-09',
      refNumber: 'PA-7',
      memo: 'Pay app 7',
      itemLines: [{ linkToTxn: { txnId: poId, txnLineId: poLine }, amountCents: 1_500_000 }],
      expenseLines: [{ accountId: equipment, amountCents: 25_000, customerId: job }],
    });
    expect(bill.itemLines[0]).toMatchObject({ linkedTxnId: poId, linkedTxnLineId: poLine, itemId, customerId: job, amount: 1_500_000 });
    const billRet = retOf(
      await h.one(`<BillQueryRq><RefNumber>PA-7</RefNumber><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>`),
    );
    expect(textOf(billRet, 'TxnID')).toBe(bill.txnId);
    expect(textOf(billRet, 'AmountDue')).toBe('15250.00');
    expect(childrenOf(billRet, 'LinkedTxn').map((l) => [textOf(l, 'TxnID'), textOf(l, 'TxnType'), textOf(l, 'LinkType')])).toEqual([
      [poId, 'PurchaseOrder', 'QUANTYPE'],
    ]);
    const poAfter = retOf(
      await h.one(
        `<PurchaseOrderQueryRq><TxnID>${poId}</TxnID><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></PurchaseOrderQueryRq>`,
      ),
    );
    expect(childrenOf(poAfter, 'LinkedTxn').map((l) => [textOf(l, 'TxnID'), textOf(l, 'Amount')])).toEqual([[bill.txnId, '15000.00']]);
    expect(textOf(childrenOf(poAfter, 'PurchaseOrderLineRet')[0], 'ReceivedQuantity')).toBe('1');

    h.clock.advance(60);
    const first = h.sim.payBill(bill.txnId, 1_000_000, { date: '2025-03-10', refNumber: '31001' });
    expect(() => h.sim.payBill(bill.txnId, 525_001)).toThrow(/open/);
    expect(() => h.sim.payBill(bill.txnId, 0)).toThrow(/positive/);
    expect(() => h.sim.payBill('FFFF-9', 1)).toThrow(/no bill/);
    const second = h.sim.payBill(bill.txnId, 525_000, { refNumber: '31002' });
    expect(second.txnDate).toBe('2025-03-10');
    const payments = await h.one(
      '<BillPaymentCheckQueryRq><ModifiedDateRangeFilter><FromModifiedDate>2025-03-10T10:01:30</FromModifiedDate></ModifiedDateRangeFilter></BillPaymentCheckQueryRq>',
    );
    expect(
      payments.children.map((p) => [
        textOf(p, 'TxnID'),
        textOf(p, 'RefNumber'),
        textOf(p, 'Amount'),
        textOf(childOf(p, 'PayeeEntityRef'), 'ListID'),
        textOf(childOf(p, 'BankAccountRef'), 'FullName'),
      ]),
    ).toEqual([
      [first.txnId, '31001', '10000.00', vendor, 'Checking'],
      [second.txnId, '31002', '5250.00', vendor, 'Checking'],
    ]);
    expect(textOf(childOf(payments.children[1], 'AppliedToTxnRet'), 'BalanceRemaining')).toBe('0.00');
    const paid = retOf(await h.one(`<BillQueryRq><TxnID>${bill.txnId}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>`));
    expect(textOf(paid, 'IsPaid')).toBe('true');
    expect(childrenOf(paid, 'LinkedTxn').map((l) => [textOf(l, 'TxnType'), textOf(l, 'Amount')])).toEqual([
      ['PurchaseOrder', '15000.00'],
      ['BillPaymentCheck', '-10000.00'],
      ['BillPaymentCheck', '-5250.00'],
    ]);
  });

  it("refuses a bill QuickBooks would refuse (unknown vendor, another vendor's PO)", async () => {
    const h = harness();
    const [a, b] = h.sim.company.vendors;
    expect(() => h.sim.addBill({ vendorId: '80000999-1', expenseLines: [] })).toThrow(/3140/);
    const po = h.sim.company.purchaseOrders.find((p) => p.vendorId === a?.listId) ?? h.sim.company.purchaseOrders[0];
    const other = po?.vendorId === a?.listId ? b : a;
    expect(() =>
      h.sim.addBill({
        vendorId: other?.listId as string,
        itemLines: [{ linkToTxn: { txnId: po?.txnId as string, txnLineId: po?.lines[0]?.txnLineId as string } }],
      }),
    ).toThrow(/3210/);
    expect(h.sim.company.bills).toHaveLength(60);
  });
});
