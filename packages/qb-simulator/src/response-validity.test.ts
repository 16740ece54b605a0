import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import { SUPPORTED_REQUESTS } from './handlers/request-handlers.ts';
import { childrenOf, makeHarness, retOf, statusOf, textOf } from './test-support/simulator-fixture.ts';

describe('responses validate against the qbXML 13.0 XSD', () => {
  it('every supported query, with lines and links, over a generated file', async () => {
    const company = generateCompanyFile({
      seed: 99,
      vendors: 20,
      customers: 3,
      jobsPerCustomer: 2,
      items: 30,
      classes: 4,
      bills: 40,
      purchaseOrders: 5,
      checks: 5,
      creditCardCharges: 5,
      estimates: 3,
      paidBillRatio: 0.5,
      invoices: 8,
    });
    const h = makeHarness({ company });
    h.sim.deleteTransaction(company.bills[0]?.txnId as string);
    h.sim.deleteTransaction(company.invoices[0]?.txnId as string);
    h.sim.deleteListEntry(
      company.vendors.find(
        (v) =>
          !company.bills.some((b) => b.vendorId === v.listId) &&
          !company.purchaseOrders.some((p) => p.vendorId === v.listId) &&
          !company.billPaymentChecks.some((p) => p.payeeId === v.listId),
      )?.listId as string,
      { force: true },
    );
    const withLines = '<IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns>';
    const rs = await h.send(
      '<HostQueryRq/><CompanyQueryRq/><PreferencesQueryRq/>' +
        '<VendorQueryRq><MaxReturned>3</MaxReturned></VendorQueryRq><CustomerQueryRq><MaxReturned>4</MaxReturned></CustomerQueryRq>' +
        '<ItemQueryRq><MaxReturned>4</MaxReturned></ItemQueryRq><ItemServiceQueryRq><MaxReturned>2</MaxReturned></ItemServiceQueryRq>' +
        '<ItemOtherChargeQueryRq/><ClassQueryRq/><AccountQueryRq/>' +
        `<PurchaseOrderQueryRq><MaxReturned>2</MaxReturned>${withLines}</PurchaseOrderQueryRq>` +
        `<BillQueryRq><MaxReturned>5</MaxReturned>${withLines}</BillQueryRq>` +
        '<BillPaymentCheckQueryRq><MaxReturned>3</MaxReturned><IncludeLineItems>true</IncludeLineItems></BillPaymentCheckQueryRq>' +
        `<CheckQueryRq><MaxReturned>2</MaxReturned>${withLines}</CheckQueryRq>` +
        '<CreditCardChargeQueryRq><MaxReturned>2</MaxReturned><IncludeLineItems>true</IncludeLineItems></CreditCardChargeQueryRq>' +
        `<EstimateQueryRq><MaxReturned>2</MaxReturned>${withLines}</EstimateQueryRq>` +
        `<InvoiceQueryRq>${withLines}</InvoiceQueryRq><ReceivePaymentQueryRq><IncludeLineItems>true</IncludeLineItems></ReceivePaymentQueryRq>` +
        '<DepositQueryRq><IncludeLineItems>true</IncludeLineItems></DepositQueryRq>' +
        '<TxnDeletedQueryRq><TxnDelType>Bill</TxnDelType><TxnDelType>Invoice</TxnDelType></TxnDeletedQueryRq><ListDeletedQueryRq><ListDelType>Vendor</ListDelType></ListDeletedQueryRq>',
      { attrs: 'onError="continueOnError"' },
    );
    expect(rs.filter((r) => r.attrs.statusCode !== '0').map((r) => `${r.name} ${r.attrs.statusCode}`)).toEqual([]);
    expect(rs).toHaveLength(21);
  });

  it('every query the simulator answers, over every list and item type of a generated file (each response is XSD-checked by the harness)', async () => {
    // Multi-currency on, so the currency list and every currency element are XSD-checked too.
    const company = generateCompanyFile({
      seed: 21,
      vendors: 12,
      customers: 3,
      jobsPerCustomer: 2,
      items: 20,
      classes: 3,
      bills: 30,
      purchaseOrders: 4,
      checks: 4,
      creditCardCharges: 4,
      estimates: 3,
      paidBillRatio: 0.5,
      multiCurrency: true,
      invoices: 6,
    });
    const h = makeHarness({ company });
    // A payment still in Undeposited Funds (the generated ones are all deposited), for ReceivePaymentToDepositQuery.
    const open = company.invoices.find((inv) => inv.lines.reduce((t, l) => t + l.amount, 0) > h.sim.store.paidOn(inv.txnId));
    h.sim.receivePayment({ customerId: open?.customerId as string, applied: [{ invoiceTxnId: open?.txnId as string, amountCents: 1 }] });
    const special: Record<string, string> = {
      TxnDeletedQueryRq: '<TxnDelType>Bill</TxnDelType>',
      ListDeletedQueryRq: '<ListDelType>ItemInventory</ListDelType><ListDelType>Vendor</ListDelType>',
      CreditCardChargeQueryRq: '<IncludeLineItems>true</IncludeLineItems>',
      BillPaymentCheckQueryRq: '<IncludeLineItems>true</IncludeLineItems>',
      ReceivePaymentQueryRq: '<IncludeLineItems>true</IncludeLineItems>',
      DepositQueryRq: '<IncludeLineItems>true</IncludeLineItems>',
    };
    const txnQueries = new Set(['PurchaseOrderQueryRq', 'BillQueryRq', 'CheckQueryRq', 'EstimateQueryRq', 'InvoiceQueryRq']);
    const queries = SUPPORTED_REQUESTS.filter((r) => r.endsWith('QueryRq'));
    expect(queries).toEqual(
      expect.arrayContaining([
        'ItemInventoryQueryRq',
        'ItemGroupQueryRq',
        'TermsQueryRq',
        'VendorTypeQueryRq',
        'CustomerTypeQueryRq',
        'SalesTaxCodeQueryRq',
        'AccountQueryRq',
        'ClassQueryRq',
      ]),
    );
    const body = queries
      .map(
        (q) =>
          `<${q} requestID="${q}">${special[q] ?? (txnQueries.has(q) ? '<IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns>' : '')}</${q}>`,
      )
      .join('');
    const rs = await h.send(body, { attrs: 'onError="continueOnError"' });
    expect(rs.map((r) => r.attrs.requestID)).toEqual(queries);
    // Everything is there to be found except deletions (none yet): status 0 or "no match".
    expect(rs.filter((r) => !['0', '1'].includes(r.attrs.statusCode ?? '')).map((r) => `${r.name} ${r.attrs.statusCode} ${r.attrs.statusMessage}`)).toEqual([]);
    expect(
      rs
        .filter((r) => r.attrs.statusCode === '1')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['ListDeletedQueryRs', 'TxnDeletedQueryRs']);
  });

  it('OtherCharge Mod, a job Mod and a PO add/link round trip', async () => {
    const h = makeHarness({
      company: generateCompanyFile({ seed: 4, vendors: 5, customers: 2, jobsPerCustomer: 1, items: 10, bills: 2, checks: 0, creditCardCharges: 0 }),
    });
    const charge = childrenOf(await h.one('<ItemOtherChargeQueryRq/>'), 'ItemOtherChargeRet')[0];
    const mod = await h.one(
      `<ItemOtherChargeModRq><ItemOtherChargeMod><ListID>${textOf(charge, 'ListID')}</ListID><EditSequence>${textOf(charge, 'EditSequence')}</EditSequence><IsActive>false</IsActive></ItemOtherChargeMod></ItemOtherChargeModRq>`,
    );
    expect(textOf(retOf(mod), 'IsActive')).toBe('false');
    const job = childrenOf(await h.one('<CustomerQueryRq/>'), 'CustomerRet').find((c) => textOf(c, 'Sublevel') === '1');
    const jobMod = await h.one(
      `<CustomerModRq><CustomerMod><ListID>${textOf(job, 'ListID')}</ListID><EditSequence>${textOf(job, 'EditSequence')}</EditSequence><JobStatus>Closed</JobStatus></CustomerMod></CustomerModRq>`,
    );
    expect(textOf(retOf(jobMod), 'JobStatus')).toBe('Closed');
    expect(statusOf(jobMod).code).toBe(0);
  });
});
