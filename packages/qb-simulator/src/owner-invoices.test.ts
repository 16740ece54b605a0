// The owner side in the simulated company file (issue 21): invoices to the owner on a Customer:Job (InvoiceAdd / Mod /
// Query), payments received on them (ReceivePaymentAdd / Query, or a person at Receive Payments), and what a void or a
// delete does to both. Every answer is checked against the qbXML 13.0 XSD by the harness.

import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import type { Harness } from './test-support/simulator-fixture.ts';
import { childOf, childrenOf, makeHarness, retOf, statusOf, textOf } from './test-support/simulator-fixture.ts';

const JOB = 'Harbor Point Development:Riverside Medical Office';
const OTHER_JOB = 'Harbor Point Development:Bayside Clinic';

async function seed(h: Harness): Promise<void> {
  const rs = await h.send(
    '<CustomerAddRq><CustomerAdd><Name>Harbor Point Development</Name><BillAddress><Addr1>1 Harbor Way</Addr1><City>Toledo</City><State>OH</State></BillAddress><TermsRef><FullName>Net 30</FullName></TermsRef></CustomerAdd></CustomerAddRq>' +
      '<CustomerAddRq><CustomerAdd><Name>Riverside Medical Office</Name><ParentRef><FullName>Harbor Point Development</FullName></ParentRef></CustomerAdd></CustomerAddRq>' +
      '<CustomerAddRq><CustomerAdd><Name>Bayside Clinic</Name><ParentRef><FullName>Harbor Point Development</FullName></ParentRef></CustomerAdd></CustomerAddRq>' +
      '<CustomerAddRq><CustomerAdd><Name>Lakeview Schools</Name></CustomerAdd></CustomerAddRq>' +
      '<ItemServiceAddRq><ItemServiceAdd><Name>03-300 Concrete</Name><SalesOrPurchase><Desc>Cast-in-place concrete</Desc><AccountRef><FullName>Construction:Subcontracted Labor</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>' +
      '<ItemServiceAddRq><ItemServiceAdd><Name>26-050 Electrical</Name><SalesOrPurchase><AccountRef><FullName>Construction:Subcontracted Labor</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>' +
      '<ItemOtherChargeAddRq><ItemOtherChargeAdd><Name>Retainage Receivable</Name><SalesOrPurchase><AccountRef><FullName>Retainage Receivable</FullName></AccountRef></SalesOrPurchase></ItemOtherChargeAdd></ItemOtherChargeAddRq>',
  );
  expect(rs.map((r) => statusOf(r).code)).toEqual([0, 0, 0, 0, 0, 0, 0]);
}

function invoiceAdd(opts: { job?: string; date?: string; ref?: string; lines?: [string, string][]; retainage?: string } = {}): string {
  const lines = (
    opts.lines ?? [
      ['03-300 Concrete', '100000.00'],
      ['26-050 Electrical', '50000.00'],
    ]
  )
    .map(([item, amount]) => `<InvoiceLineAdd><ItemRef><FullName>${item}</FullName></ItemRef><Quantity>1</Quantity><Amount>${amount}</Amount></InvoiceLineAdd>`)
    .join('');
  const retainage = opts.retainage
    ? `<InvoiceLineAdd><ItemRef><FullName>Retainage Receivable</FullName></ItemRef><Desc>Retainage withheld 10%</Desc><Amount>-${opts.retainage}</Amount></InvoiceLineAdd>`
    : '';
  return (
    `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>${opts.job ?? JOB}</FullName></CustomerRef><TxnDate>${opts.date ?? '2025-03-01'}</TxnDate>` +
    `${opts.ref === undefined ? '' : `<RefNumber>${opts.ref}</RefNumber>`}<Memo>Pay app 1</Memo>${lines}${retainage}</InvoiceAdd></InvoiceAddRq>`
  );
}

describe('InvoiceAdd / InvoiceMod', () => {
  it('adds an invoice on the Customer:Job with a negative retainage line: A/R account, next number, terms, BalanceRemaining', async () => {
    const h = makeHarness();
    await seed(h);
    const inv = retOf(await h.one(invoiceAdd({ retainage: '15000.00' })));
    expect(textOf(childOf(inv, 'CustomerRef'), 'FullName')).toBe(JOB);
    expect(textOf(childOf(inv, 'ARAccountRef'), 'FullName')).toBe('Accounts Receivable');
    expect(textOf(childOf(inv, 'TemplateRef'), 'FullName')).toBe('Progress Invoice');
    expect(textOf(inv, 'RefNumber')).toBe('1');
    expect([textOf(inv, 'Subtotal'), textOf(inv, 'AppliedAmount'), textOf(inv, 'BalanceRemaining'), textOf(inv, 'IsPaid')]).toEqual([
      '135000.00',
      '0.00',
      '135000.00',
      'false',
    ]);
    const lines = childrenOf(inv, 'InvoiceLineRet');
    expect(lines.map((l) => [textOf(childOf(l, 'ItemRef'), 'FullName'), textOf(l, 'Amount')])).toEqual([
      ['03-300 Concrete', '100000.00'],
      ['26-050 Electrical', '50000.00'],
      ['Retainage Receivable', '-15000.00'],
    ]);
    // The item's sales description when the line has none; Rate worked out from Amount / Quantity.
    expect([textOf(lines[0], 'Desc'), textOf(lines[0], 'Rate')]).toEqual(['Cast-in-place concrete', '100000']);
    // The job's terms come from its customer only when the job has its own: this job has none, so due on its date.
    expect(textOf(inv, 'DueDate')).toBe('2025-03-01');
    const second = retOf(await h.one(invoiceAdd({ job: 'Harbor Point Development', date: '2025-03-05' })));
    expect(textOf(second, 'RefNumber')).toBe('2');
    expect(textOf(childOf(second, 'TermsRef'), 'FullName')).toBe('Net 30');
    expect(textOf(second, 'DueDate')).toBe('2025-04-04');
    expect(textOf(childOf(second, 'BillAddress'), 'Addr1')).toBe('1 Harbor Way');
    expect(h.sim.company.invoices).toHaveLength(2);
    // The retainage withheld is owed: the Retainage Receivable account (the item's account) holds it; a release
    // invoice (a positive line on the same item) collects it.
    const retainage = async () => textOf(retOf(await h.one('<AccountQueryRq><FullName>Retainage Receivable</FullName></AccountQueryRq>')), 'Balance');
    expect(await retainage()).toBe('15000.00');
    await h.one(invoiceAdd({ lines: [['Retainage Receivable', '10000.00']] }));
    expect(await retainage()).toBe('5000.00');
  });

  it('refuses a negative invoice (3180), a date in the closed period (3171), an unknown item (3140), an 12-character number (3070), a restricted user (3260)', async () => {
    const h = makeHarness();
    await seed(h);
    const negative = statusOf(await h.one(invoiceAdd({ lines: [['03-300 Concrete', '100.00']], retainage: '200.00' })));
    expect(negative.code).toBe(3180);
    expect(negative.message).toContain('positive or zero');
    h.sim.company.closingDate = '2025-02-28';
    expect(statusOf(await h.one(invoiceAdd({ date: '2025-02-28' }))).code).toBe(3171);
    expect(statusOf(await h.one(invoiceAdd({ lines: [['99-999 Nothing', '1.00']] }))).code).toBe(3140);
    expect(statusOf(await h.one(invoiceAdd({ job: 'Nobody:Nothing' }))).code).toBe(3140);
    expect(statusOf(await h.one(invoiceAdd({ ref: 'PA-000000001' }))).code).toBe(3070);
    h.sim.setOptions({ restrictedUser: true });
    expect(statusOf(await h.one(invoiceAdd())).code).toBe(3260);
    expect(h.sim.company.invoices).toEqual([]);
  });

  it('InvoiceMod: stale EditSequence 3200; -1 adds a line, a listed line is edited, an omitted one deleted; a negative result changes nothing', async () => {
    const h = makeHarness();
    await seed(h);
    const inv = retOf(await h.one(invoiceAdd()));
    const id = textOf(inv, 'TxnID') as string;
    const [first, second] = childrenOf(inv, 'InvoiceLineRet').map((l) => textOf(l, 'TxnLineID') as string);
    const mod = (seq: string, body: string) =>
      `<InvoiceModRq><InvoiceMod><TxnID>${id}</TxnID><EditSequence>${seq}</EditSequence>${body}</InvoiceMod></InvoiceModRq>`;
    expect(statusOf(await h.one(mod('1', '<Memo>x</Memo>'))).code).toBe(3200);
    h.clock.advance(60);
    const seq = textOf(inv, 'EditSequence') as string;
    const refused = await h.one(
      mod(
        seq,
        `<InvoiceLineMod><TxnLineID>${first}</TxnLineID><Amount>10.00</Amount></InvoiceLineMod><InvoiceLineMod><TxnLineID>-1</TxnLineID><ItemRef><FullName>Retainage Receivable</FullName></ItemRef><Amount>-20.00</Amount></InvoiceLineMod>`,
      ),
    );
    expect(statusOf(refused).code).toBe(3180);
    expect(h.sim.store.txn('Invoice', id)?.lines.map((l) => l.amount)).toEqual([10_000_000, 5_000_000]);
    expect(h.sim.store.txn('Invoice', id)?.editSequence).toBe(seq);
    const changed = retOf(
      await h.one(
        mod(
          seq,
          `<Memo>Pay app 1 revised</Memo><InvoiceLineMod><TxnLineID>${first}</TxnLineID><Amount>90000.00</Amount></InvoiceLineMod>` +
            '<InvoiceLineMod><TxnLineID>-1</TxnLineID><ItemRef><FullName>Retainage Receivable</FullName></ItemRef><Amount>-9000.00</Amount></InvoiceLineMod>',
        ),
      ),
    );
    const lines = childrenOf(changed, 'InvoiceLineRet');
    expect(lines.map((l) => textOf(l, 'Amount'))).toEqual(['90000.00', '-9000.00']);
    expect(lines.map((l) => textOf(l, 'TxnLineID'))).not.toContain(second);
    expect(textOf(changed, 'BalanceRemaining')).toBe('81000.00');
    expect(Number(textOf(changed, 'EditSequence'))).toBeGreaterThan(Number(seq));
    expect(textOf(changed, 'TimeModified')).toBe('2025-03-10T10:01:00-05:00');
  });
});

describe('payments received', () => {
  async function threeInvoices(h: Harness): Promise<string[]> {
    await seed(h);
    const ids: string[] = [];
    for (const [i, job] of [JOB, JOB, OTHER_JOB].entries())
      ids.push(textOf(retOf(await h.one(invoiceAdd({ job, date: `2025-03-0${i + 1}` }))), 'TxnID') as string);
    return ids;
  }

  it('a person receives one payment over two invoices and a partial one with a discount: balances, IsPaid, AppliedToTxnRet, LinkedTxn, customer balance', async () => {
    const h = makeHarness();
    const [a, b, c] = await threeInvoices(h);
    const customer = h.sim.store.listByFullName('customer', 'Harbor Point Development')?.listId as string;
    const discountAccount = h.sim.store.listByFullName('account', 'Construction')?.listId as string;
    const beforeSeq = h.sim.store.txn('Invoice', a as string)?.editSequence as string;
    h.clock.advance(3600);
    const payment = h.sim.receivePayment({
      customerId: customer,
      txnDate: '2025-03-10',
      refNumber: '88123',
      paymentMethod: 'Check',
      applied: [
        { invoiceTxnId: a as string, amountCents: 15_000_000 },
        { invoiceTxnId: b as string, amountCents: 10_000_000, discountCents: 150_000, discountAccountId: discountAccount },
      ],
    });
    const second = h.sim.receivePayment({
      customerId: customer,
      txnDate: '2025-03-12',
      applied: [{ invoiceTxnId: c as string, amountCents: 4_000_000 }],
      totalAmountCents: 4_500_000,
    });
    // Each invoice paid is modified by the payment (QuickBooks moves its TimeModified and EditSequence on), so an
    // InvoiceMod with the EditSequence read before the payment answers 3200.
    expect(h.sim.company.invoices.map((i) => i.timeModified)).toEqual([h.clock.ms, h.clock.ms, h.clock.ms]);
    const stale = await h.one(
      `<InvoiceModRq><InvoiceMod><TxnID>${a}</TxnID><EditSequence>${beforeSeq}</EditSequence><Memo>x</Memo></InvoiceMod></InvoiceModRq>`,
    );
    expect(statusOf(stale).code).toBe(3200);
    const invoices = childrenOf(
      await h.one(`<InvoiceQueryRq><TxnID>${a}</TxnID><TxnID>${b}</TxnID><TxnID>${c}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>`),
      'InvoiceRet',
    );
    expect(invoices.map((i) => [textOf(i, 'AppliedAmount'), textOf(i, 'BalanceRemaining'), textOf(i, 'IsPaid')])).toEqual([
      ['-150000.00', '0.00', 'true'],
      ['-101500.00', '48500.00', 'false'],
      ['-40000.00', '110000.00', 'false'],
    ]);
    expect(childrenOf(invoices[1], 'LinkedTxn').map((l) => [textOf(l, 'TxnID'), textOf(l, 'TxnType'), textOf(l, 'LinkType'), textOf(l, 'Amount')])).toEqual([
      [payment.txnId, 'ReceivePayment', 'AMTTYPE', '-100000.00'],
    ]);
    const rs = await h.one('<ReceivePaymentQueryRq><EntityFilter><FullName>Harbor Point Development</FullName></EntityFilter></ReceivePaymentQueryRq>');
    const [p1, p2] = childrenOf(rs, 'ReceivePaymentRet');
    expect([
      textOf(p1, 'TotalAmount'),
      textOf(p1, 'RefNumber'),
      textOf(childOf(p1, 'PaymentMethodRef'), 'FullName'),
      textOf(childOf(p1, 'DepositToAccountRef'), 'FullName'),
    ]).toEqual(['250000.00', '88123', 'Check', 'Undeposited Funds']);
    expect(
      childrenOf(p1, 'AppliedToTxnRet').map((t) => [
        textOf(t, 'TxnID'),
        textOf(t, 'TxnType'),
        textOf(t, 'Amount'),
        textOf(t, 'BalanceRemaining'),
        textOf(t, 'DiscountAmount'),
      ]),
    ).toEqual([
      [a, 'Invoice', '150000.00', '0.00', undefined],
      [b, 'Invoice', '100000.00', '48500.00', '1500.00'],
    ]);
    expect(textOf(childOf(childrenOf(p1, 'AppliedToTxnRet')[1], 'DiscountAccountRef'), 'FullName')).toBe('Construction');
    expect([textOf(p2, 'TotalAmount'), textOf(p2, 'UnusedPayment')]).toEqual(['45000.00', '5000.00']);
    expect(second.applied).toEqual([{ txnId: c, amount: 4_000_000 }]);
    // What the owner still owes: the open invoices less the unused payment, on the customer (with its jobs) and A/R.
    const owner = retOf(await h.one('<CustomerQueryRq><FullName>Harbor Point Development</FullName></CustomerQueryRq>'));
    expect([textOf(owner, 'Balance'), textOf(owner, 'TotalBalance')]).toEqual(['-5000.00', '153500.00']);
    const ar = retOf(await h.one('<AccountQueryRq><FullName>Accounts Receivable</FullName></AccountQueryRq>'));
    expect(textOf(ar, 'Balance')).toBe('153500.00');
    // Paid status and an incremental read.
    const unpaid = await h.one('<InvoiceQueryRq><PaidStatus>NotPaidOnly</PaidStatus></InvoiceQueryRq>');
    expect(childrenOf(unpaid, 'InvoiceRet').map((i) => textOf(i, 'TxnID'))).toEqual([b, c]);
    const paid = await h.one('<InvoiceQueryRq><PaidStatus>PaidOnly</PaidStatus></InvoiceQueryRq>');
    expect(childrenOf(paid, 'InvoiceRet').map((i) => textOf(i, 'TxnID'))).toEqual([a]);
  });

  it('IsAutoApply pays the oldest open invoices first; a payment applied to nothing stays unused on the customer', async () => {
    const h = makeHarness();
    const [a, b] = await threeInvoices(h);
    const rs = await h.one(
      `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>${JOB}</FullName></CustomerRef><TxnDate>2025-03-20</TxnDate><TotalAmount>160000.00</TotalAmount><IsAutoApply>true</IsAutoApply></ReceivePaymentAdd></ReceivePaymentAddRq>`,
    );
    expect(childrenOf(retOf(rs), 'AppliedToTxnRet').map((t) => [textOf(t, 'TxnID'), textOf(t, 'Amount'), textOf(t, 'BalanceRemaining')])).toEqual([
      [a, '150000.00', '0.00'],
      [b, '10000.00', '140000.00'],
    ]);
    const credit = h.sim.receivePayment({
      customerId: h.sim.store.listByFullName('customer', 'Lakeview Schools')?.listId as string,
      applied: [],
      totalAmountCents: 5_000_00,
    });
    const ret = retOf(await h.one(`<ReceivePaymentQueryRq><TxnID>${credit.txnId}</TxnID></ReceivePaymentQueryRq>`));
    expect([textOf(ret, 'TotalAmount'), textOf(ret, 'UnusedPayment'), childrenOf(ret, 'AppliedToTxnRet').length]).toEqual(['5000.00', '5000.00', 0]);
    expect(textOf(retOf(await h.one('<CustomerQueryRq><FullName>Lakeview Schools</FullName></CustomerQueryRq>')), 'Balance')).toBe('-5000.00');
  });

  it('refuses what QuickBooks would: more than is open, another customer, a discount with no account, a date in the closed period', async () => {
    const h = makeHarness();
    const [a, , c] = await threeInvoices(h);
    const apply = (customer: string, body: string, extra = '') =>
      `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>${customer}</FullName></CustomerRef><TxnDate>2025-03-20</TxnDate>${extra}<AppliedToTxnAdd><TxnID>${a}</TxnID>${body}</AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>`;
    expect(statusOf(await h.one(apply(JOB, '<PaymentAmount>150000.01</PaymentAmount>'))).code).toBe(3210);
    expect(statusOf(await h.one(apply('Lakeview Schools', '<PaymentAmount>10.00</PaymentAmount>'))).code).toBe(3210);
    // A job's payment cannot pay another job's invoice; the customer's can pay any of its jobs'.
    expect(statusOf(await h.one(apply(OTHER_JOB, '<PaymentAmount>10.00</PaymentAmount>'))).code).toBe(3210);
    expect(statusOf(await h.one(apply(JOB, '<PaymentAmount>10.00</PaymentAmount><DiscountAmount>1.00</DiscountAmount>'))).code).toBe(3150);
    expect(statusOf(await h.one(apply(JOB, '<PaymentAmount>10.00</PaymentAmount>', '<TotalAmount>5.00</TotalAmount>'))).code).toBe(3210);
    h.sim.company.closingDate = '2025-03-31';
    expect(statusOf(await h.one(apply(JOB, '<PaymentAmount>10.00</PaymentAmount>'))).code).toBe(3171);
    h.sim.company.closingDate = undefined;
    expect(statusOf(await h.one(apply('Harbor Point Development', '<PaymentAmount>10.00</PaymentAmount>'))).code).toBe(0);
    expect(h.sim.company.receivePayments).toHaveLength(1);
    expect(() =>
      h.sim.receivePayment({ customerId: h.sim.company.invoices[2]?.customerId as string, applied: [{ invoiceTxnId: c as string, amountCents: 15_000_001 }] }),
    ).toThrow(/QuickBooks refused the ReceivePayment: 3210/);
  });

  it('voiding a payment opens its invoices again; deleting or voiding an invoice unapplies its payments; all show in the next incremental read', async () => {
    const h = makeHarness();
    const [a, b] = await threeInvoices(h);
    const customer = h.sim.store.listByFullName('customer', JOB)?.listId as string;
    const payment = h.sim.receivePayment({
      customerId: customer,
      applied: [
        { invoiceTxnId: a as string, amountCents: 15_000_000 },
        { invoiceTxnId: b as string, amountCents: 5_000_000 },
      ],
    });
    const balance = async (id: string) => textOf(retOf(await h.one(`<InvoiceQueryRq><TxnID>${id}</TxnID></InvoiceQueryRq>`)), 'BalanceRemaining');
    expect(await balance(a as string)).toBe('0.00');

    h.clock.advance(600);
    h.sim.voidTransaction(payment.txnId);
    expect([await balance(a as string), await balance(b as string)]).toEqual(['150000.00', '150000.00']);
    const since = '<ModifiedDateRangeFilter><FromModifiedDate>2025-03-10T10:05:00</FromModifiedDate></ModifiedDateRangeFilter>';
    const voided = retOf(await h.one(`<ReceivePaymentQueryRq>${since}</ReceivePaymentQueryRq>`));
    expect([textOf(voided, 'TxnID'), textOf(voided, 'TotalAmount'), textOf(voided, 'Memo')]).toEqual([payment.txnId, '0.00', 'VOID:']);
    expect(childrenOf(voided, 'AppliedToTxnRet').map((t) => textOf(t, 'Amount'))).toEqual(['0.00', '0.00']);

    const again = h.sim.receivePayment({ customerId: customer, applied: [{ invoiceTxnId: a as string, amountCents: 2_000_000 }] });
    h.clock.advance(600);
    h.sim.deleteTransaction(a as string);
    const unapplied = retOf(await h.one(`<ReceivePaymentQueryRq><TxnID>${again.txnId}</TxnID></ReceivePaymentQueryRq>`));
    expect([textOf(unapplied, 'TotalAmount'), textOf(unapplied, 'UnusedPayment'), childrenOf(unapplied, 'AppliedToTxnRet').length]).toEqual([
      '20000.00',
      '20000.00',
      0,
    ]);
    expect(textOf(unapplied, 'TimeModified')).toBe('2025-03-10T10:20:00-05:00');
    const deleted = retOf(await h.one('<TxnDeletedQueryRq><TxnDelType>Invoice</TxnDelType><TxnDelType>ReceivePayment</TxnDelType></TxnDeletedQueryRq>'));
    expect([textOf(deleted, 'TxnDelType'), textOf(deleted, 'TxnID'), textOf(deleted, 'RefNumber')]).toEqual(['Invoice', a, '1']);

    const third = h.sim.receivePayment({ customerId: customer, applied: [{ invoiceTxnId: b as string, amountCents: 1_000_000 }] });
    h.sim.voidTransaction(b as string);
    const voidedInvoice = retOf(await h.one(`<InvoiceQueryRq><TxnID>${b}</TxnID><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>`));
    expect([textOf(voidedInvoice, 'Subtotal'), textOf(voidedInvoice, 'BalanceRemaining'), textOf(voidedInvoice, 'Memo')]).toEqual([
      '0.00',
      '0.00',
      'VOID: Pay app 1',
    ]);
    expect(h.sim.store.txn('ReceivePayment', third.txnId)?.applied).toEqual([]);
  });
});

describe('sales tax', () => {
  it('a taxable line is taxed at the rate of the sales tax item; BalanceRemaining and a payment in full follow the total with tax', async () => {
    const h = makeHarness({
      company: generateCompanyFile({ seed: 3, vendors: 3, customers: 1, jobsPerCustomer: 1, items: 12, bills: 0, checks: 0, creditCardCharges: 0 }),
    });
    const job = h.sim.company.customers.find((c) => c.parentId)!;
    const item = h.sim.company.items.find((i) => i.itemType === 'Service' && i.parentId)!;
    const add = (taxCode: string) =>
      `<InvoiceAddRq><InvoiceAdd><CustomerRef><ListID>${job.listId}</ListID></CustomerRef><TxnDate>2025-03-01</TxnDate><ItemSalesTaxRef><FullName>Ohio Sales Tax</FullName></ItemSalesTaxRef>` +
      `<InvoiceLineAdd><ItemRef><ListID>${item.listId}</ListID></ItemRef><Amount>1000.00</Amount><SalesTaxCodeRef><FullName>${taxCode}</FullName></SalesTaxCodeRef></InvoiceLineAdd>` +
      `<InvoiceLineAdd><ItemRef><ListID>${item.listId}</ListID></ItemRef><Amount>200.00</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>`;
    const taxed = retOf(await h.one(add('Tax')));
    expect([textOf(taxed, 'Subtotal'), textOf(taxed, 'SalesTaxPercentage'), textOf(taxed, 'SalesTaxTotal'), textOf(taxed, 'BalanceRemaining')]).toEqual([
      '1200.00',
      '5.75',
      '57.50',
      '1257.50',
    ]);
    expect(textOf(childOf(taxed, 'ItemSalesTaxRef'), 'FullName')).toBe('Ohio Sales Tax');
    // The second line took its item's code: a service item is "Non".
    expect(childrenOf(taxed, 'InvoiceLineRet').map((l) => textOf(childOf(l, 'SalesTaxCodeRef'), 'FullName'))).toEqual(['Tax', 'Non']);
    const untaxed = retOf(await h.one(add('Non')));
    expect([textOf(untaxed, 'SalesTaxTotal'), textOf(untaxed, 'BalanceRemaining')]).toEqual(['0.00', '1200.00']);
    h.sim.receivePayment({ customerId: job.listId, applied: [{ invoiceTxnId: textOf(taxed, 'TxnID') as string, amountCents: 1257_50 }] });
    const paid = retOf(await h.one(`<InvoiceQueryRq><TxnID>${textOf(taxed, 'TxnID')}</TxnID></InvoiceQueryRq>`));
    expect([textOf(paid, 'AppliedAmount'), textOf(paid, 'BalanceRemaining'), textOf(paid, 'IsPaid')]).toEqual(['-1257.50', '0.00', 'true']);
  });
});

describe('a person editing invoices and payments', () => {
  it('an invoice line changed by hand, a payment re-applied by hand, an invoice open elsewhere: the next incremental read and the balances follow', async () => {
    const h = makeHarness();
    await seed(h);
    const inv = retOf(await h.one(invoiceAdd()));
    const id = textOf(inv, 'TxnID') as string;
    const line = textOf(childrenOf(inv, 'InvoiceLineRet')[1], 'TxnLineID') as string;
    const job = h.sim.store.listByFullName('customer', JOB)?.listId as string;
    const payment = h.sim.receivePayment({ customerId: job, applied: [{ invoiceTxnId: id, amountCents: 100_000_00 }] });
    h.clock.advance(120);
    h.sim.modifyTransactionLine(id, line, { amountCents: 40_000_00 });
    const since = '<ModifiedDateRangeFilter><FromModifiedDate>2025-03-10T10:01:00</FromModifiedDate></ModifiedDateRangeFilter>';
    const changed = retOf(await h.one(`<InvoiceQueryRq>${since}<IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>`));
    expect([textOf(changed, 'Subtotal'), textOf(changed, 'BalanceRemaining'), textOf(childrenOf(changed, 'InvoiceLineRet')[1], 'Rate')]).toEqual([
      '140000.00',
      '40000.00',
      '40000',
    ]);
    h.sim.modifyTransaction(payment.txnId, (p) => {
      (p as typeof payment).applied = [{ txnId: id, amount: 140_000_00 }];
      (p as typeof payment).totalAmount = 140_000_00;
    });
    expect(textOf(retOf(await h.one(`<InvoiceQueryRq><TxnID>${id}</TxnID></InvoiceQueryRq>`)), 'IsPaid')).toBe('true');
    expect(
      childrenOf(await h.one(`<ReceivePaymentQueryRq>${since}</ReceivePaymentQueryRq>`), 'ReceivePaymentRet').map((p) => textOf(p, 'TotalAmount')),
    ).toEqual(['140000.00']);
    const other = textOf(retOf(await h.one(invoiceAdd())), 'TxnID') as string;
    h.sim.lockRecord(other);
    const locked = await h.one(
      `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>${JOB}</FullName></CustomerRef><AppliedToTxnAdd><TxnID>${other}</TxnID><PaymentAmount>1.00</PaymentAmount></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>`,
    );
    expect(statusOf(locked).code).toBe(3176);
    const inv2 = retOf(await h.one(`<InvoiceQueryRq><TxnID>${other}</TxnID></InvoiceQueryRq>`));
    const lockedMod = await h.one(
      `<InvoiceModRq><InvoiceMod><TxnID>${other}</TxnID><EditSequence>${textOf(inv2, 'EditSequence')}</EditSequence><Memo>x</Memo></InvoiceMod></InvoiceModRq>`,
    );
    expect(statusOf(lockedMod).code).toBe(3175);
  });
});

describe('deposits', () => {
  it('Make Deposits takes payments out of Undeposited Funds into Checking; DepositQuery shows when, with a line per payment', async () => {
    const h = makeHarness();
    await seed(h);
    const a = textOf(retOf(await h.one(invoiceAdd())), 'TxnID') as string;
    const job = h.sim.store.listByFullName('customer', JOB)?.listId as string;
    const checking = h.sim.store.listByFullName('account', 'Checking')?.listId as string;
    const first = h.sim.receivePayment({ customerId: job, refNumber: '501', paymentMethod: 'Check', applied: [{ invoiceTxnId: a, amountCents: 100_000_00 }] });
    const second = h.sim.receivePayment({ customerId: job, refNumber: '502', applied: [{ invoiceTxnId: a, amountCents: 20_000_00 }] });
    const direct = h.sim.receivePayment({ customerId: job, depositToAccountId: checking, applied: [{ invoiceTxnId: a, amountCents: 1_000_00 }] });
    const balance = async (name: string) => textOf(retOf(await h.one(`<AccountQueryRq><FullName>${name}</FullName></AccountQueryRq>`)), 'Balance');
    expect([await balance('Undeposited Funds'), await balance('Checking')]).toEqual(['120000.00', '1000.00']);
    expect(statusOf(await h.one('<DepositQueryRq/>')).code).toBe(1);
    const toDeposit = await h.one('<ReceivePaymentToDepositQueryRq/>');
    expect(
      childrenOf(toDeposit, 'ReceivePaymentToDepositRet').map((r) => [textOf(r, 'TxnID'), textOf(r, 'TxnType'), textOf(r, 'RefNumber'), textOf(r, 'Amount')]),
    ).toEqual([
      [first.txnId, 'ReceivePayment', '501', '100000.00'],
      [second.txnId, 'ReceivePayment', '502', '20000.00'],
    ]);

    h.clock.advance(3600);
    const deposit = h.sim.depositPayments({ paymentTxnIds: [first.txnId, second.txnId], txnDate: '2025-03-11' });
    expect([await balance('Undeposited Funds'), await balance('Checking')]).toEqual(['0.00', '121000.00']);
    expect(statusOf(await h.one('<ReceivePaymentToDepositQueryRq/>')).code).toBe(1);
    const rs = await h.one(
      '<DepositQueryRq><ModifiedDateRangeFilter><FromModifiedDate>2025-03-10T10:30:00</FromModifiedDate></ModifiedDateRangeFilter><IncludeLineItems>true</IncludeLineItems></DepositQueryRq>',
    );
    const ret = retOf(rs);
    expect([textOf(ret, 'TxnID'), textOf(ret, 'TxnDate'), textOf(ret, 'DepositTotal'), textOf(childOf(ret, 'DepositToAccountRef'), 'FullName')]).toEqual([
      deposit.txnId,
      '2025-03-11',
      '120000.00',
      'Checking',
    ]);
    expect(
      childrenOf(ret, 'DepositLineRet').map((l) => [
        textOf(l, 'TxnType'),
        textOf(l, 'TxnID'),
        textOf(childOf(l, 'EntityRef'), 'FullName'),
        textOf(childOf(l, 'AccountRef'), 'FullName'),
        textOf(l, 'CheckNumber'),
        textOf(l, 'Amount'),
      ]),
    ).toEqual([
      ['ReceivePayment', first.txnId, JOB, 'Undeposited Funds', '501', '100000.00'],
      ['ReceivePayment', second.txnId, JOB, 'Undeposited Funds', '502', '20000.00'],
    ]);
    expect(childrenOf(retOf(await h.one('<DepositQueryRq/>')), 'DepositLineRet')).toEqual([]);
    expect(
      childrenOf(await h.one('<DepositQueryRq><EntityFilter><FullName>Lakeview Schools</FullName></EntityFilter></DepositQueryRq>'), 'DepositRet'),
    ).toEqual([]);
    // QuickBooks offers only payments still in Undeposited Funds, and no date in the closed period.
    expect(() => h.sim.depositPayments({ paymentTxnIds: [first.txnId] })).toThrow(/already deposited/);
    expect(() => h.sim.depositPayments({ paymentTxnIds: [direct.txnId] })).toThrow(/not in Undeposited Funds/);
    const third = h.sim.receivePayment({ customerId: job, applied: [{ invoiceTxnId: a, amountCents: 1_00 }] });
    h.sim.company.closingDate = '2025-03-31';
    expect(() => h.sim.depositPayments({ paymentTxnIds: [third.txnId], txnDate: '2025-03-31' })).toThrow(/closing date/);
    // A voided deposited payment comes off its deposit (the deposit is modified); a deleted deposit puts its payments
    // back in Undeposited Funds and shows in TxnDeletedQuery.
    h.clock.advance(60);
    h.sim.voidTransaction(second.txnId);
    const changed = retOf(await h.one(`<DepositQueryRq><TxnID>${deposit.txnId}</TxnID><IncludeLineItems>true</IncludeLineItems></DepositQueryRq>`));
    expect([textOf(changed, 'DepositTotal'), childrenOf(changed, 'DepositLineRet').length, textOf(changed, 'TimeModified')]).toEqual([
      '100000.00',
      1,
      '2025-03-10T11:01:00-05:00',
    ]);
    h.sim.deleteTransaction(deposit.txnId);
    expect(await balance('Undeposited Funds')).toBe('100001.00');
    const deleted = retOf(await h.one('<TxnDeletedQueryRq><TxnDelType>Deposit</TxnDelType></TxnDeletedQueryRq>'));
    expect([textOf(deleted, 'TxnDelType'), textOf(deleted, 'TxnID')]).toEqual(['Deposit', deposit.txnId]);
  });
});

describe('shape of a real answer', () => {
  it('ReceivePaymentRet has the elements, in the order, of one QuickBooks returned (QuickBooks 2013, published in a quickbooks-php example)', async () => {
    const h = makeHarness();
    await seed(h);
    const a = textOf(retOf(await h.one(invoiceAdd({ ref: '21' }))), 'TxnID') as string;
    const b = textOf(retOf(await h.one(invoiceAdd({ ref: '22' }))), 'TxnID') as string;
    const job = h.sim.store.listByFullName('customer', JOB)?.listId as string;
    h.sim.receivePayment({ customerId: job, applied: [{ invoiceTxnId: b, amountCents: 100_00 }], paymentMethod: 'Check' });
    const p = h.sim.receivePayment({
      customerId: job,
      refNumber: '456',
      paymentMethod: 'Check',
      applied: [
        { invoiceTxnId: a, amountCents: 150_000_00 },
        { invoiceTxnId: b, amountCents: 100_00 },
      ],
    });
    const ret = retOf(await h.one(`<ReceivePaymentQueryRq><TxnID>${p.txnId}</TxnID></ReceivePaymentQueryRq>`));
    // Element names only (the real answer: TxnID … UnusedCredits, then an AppliedToTxnRet per invoice; the one for an
    // invoice another payment also paid lists that payment as LinkedTxn).
    expect(ret.children.map((c) => c.name)).toEqual([
      'TxnID',
      'TimeCreated',
      'TimeModified',
      'EditSequence',
      'TxnNumber',
      'CustomerRef',
      'ARAccountRef',
      'TxnDate',
      'RefNumber',
      'TotalAmount',
      'PaymentMethodRef',
      'DepositToAccountRef',
      'UnusedPayment',
      'UnusedCredits',
      'AppliedToTxnRet',
      'AppliedToTxnRet',
    ]);
    const [first, second] = childrenOf(ret, 'AppliedToTxnRet');
    expect(first?.children.map((c) => c.name)).toEqual(['TxnID', 'TxnType', 'TxnDate', 'RefNumber', 'BalanceRemaining', 'Amount']);
    expect(second?.children.map((c) => c.name)).toEqual(['TxnID', 'TxnType', 'TxnDate', 'RefNumber', 'BalanceRemaining', 'Amount', 'LinkedTxn']);
    expect(childOf(second, 'LinkedTxn')?.children.map((c) => c.name)).toEqual(['TxnID', 'TxnType', 'TxnDate', 'LinkType', 'Amount']);
  });
});

describe('InvoiceQuery filters and paging', () => {
  it('EntityFilter with children, RefNumber, TxnDateRangeFilter, lines only when asked, iterator pages each invoice once', async () => {
    const h = makeHarness();
    await seed(h);
    for (let i = 0; i < 5; i++) await h.one(invoiceAdd({ job: i % 2 === 0 ? JOB : OTHER_JOB, date: `2025-03-0${i + 1}` }));
    await h.one(invoiceAdd({ job: 'Lakeview Schools', date: '2025-03-07' }));
    const ofOwner = await h.one(
      '<InvoiceQueryRq><EntityFilter><FullNameWithChildren>Harbor Point Development</FullNameWithChildren></EntityFilter></InvoiceQueryRq>',
    );
    expect(childrenOf(ofOwner, 'InvoiceRet')).toHaveLength(5);
    expect(childrenOf(childrenOf(ofOwner, 'InvoiceRet')[0], 'InvoiceLineRet')).toEqual([]);
    const ofJob = await h.one(
      `<InvoiceQueryRq><EntityFilter><FullName>${OTHER_JOB}</FullName></EntityFilter><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>`,
    );
    expect(childrenOf(ofJob, 'InvoiceRet').map((i) => textOf(i, 'RefNumber'))).toEqual(['2', '4']);
    expect(childrenOf(childrenOf(ofJob, 'InvoiceRet')[0], 'InvoiceLineRet')).toHaveLength(2);
    expect(
      childrenOf(await h.one('<InvoiceQueryRq><RefNumber>6</RefNumber></InvoiceQueryRq>'), 'InvoiceRet').map((i) =>
        textOf(childOf(i, 'CustomerRef'), 'FullName'),
      ),
    ).toEqual(['Lakeview Schools']);
    const dated = await h.one(
      '<InvoiceQueryRq><TxnDateRangeFilter><FromTxnDate>2025-03-02</FromTxnDate><ToTxnDate>2025-03-03</ToTxnDate></TxnDateRangeFilter></InvoiceQueryRq>',
    );
    expect(childrenOf(dated, 'InvoiceRet').map((i) => textOf(i, 'RefNumber'))).toEqual(['2', '3']);
    const start = await h.one('<InvoiceQueryRq iterator="Start"><MaxReturned>4</MaxReturned></InvoiceQueryRq>');
    expect([childrenOf(start, 'InvoiceRet').length, start.attrs.iteratorRemainingCount]).toEqual([4, '2']);
    const next = await h.one(`<InvoiceQueryRq iterator="Continue" iteratorID="${start.attrs.iteratorID}"><MaxReturned>4</MaxReturned></InvoiceQueryRq>`);
    expect([childrenOf(next, 'InvoiceRet').map((i) => textOf(i, 'RefNumber')), next.attrs.iteratorRemainingCount]).toEqual([['5', '6'], '0']);
  });
});
