import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import { formatAmount } from './model/format-values.ts';
import { childOf, childrenOf, makeHarness, retOf, textOf } from './test-support/simulator-fixture.ts';

const names = (ret: { children: { name: string }[] }) => ret.children.map((c) => c.name);

describe('elements QuickBooks always returns', () => {
  it('CustomerRet: Balance, TotalBalance, SalesTaxCodeRef, JobStatus, PreferredDeliveryMethod; BillAddressBlock beside BillAddress', async () => {
    const h = makeHarness();
    const c = retOf(
      await h.one(
        '<CustomerAddRq><CustomerAdd><Name>Harbor Point Development</Name><BillAddress><Addr1>Harbor Point Development</Addr1><Addr2>400 Commerce Way</Addr2><City>Columbus</City><State>OH</State><PostalCode>43215</PostalCode></BillAddress></CustomerAdd></CustomerAddRq>',
      ),
    );
    expect(names(c)).toEqual(
      expect.arrayContaining(['Balance', 'TotalBalance', 'SalesTaxCodeRef', 'JobStatus', 'PreferredDeliveryMethod', 'BillAddressBlock']),
    );
    expect([textOf(c, 'Balance'), textOf(c, 'JobStatus'), textOf(c, 'PreferredDeliveryMethod'), textOf(childOf(c, 'SalesTaxCodeRef'), 'FullName')]).toEqual([
      '0.00',
      'None',
      'None',
      'Tax',
    ]);
    expect(childOf(c, 'BillAddressBlock')?.children.map((l) => l.text)).toEqual(['Harbor Point Development', '400 Commerce Way', 'Columbus, OH 43215']);
    const job = retOf(
      await h.one(
        '<CustomerAddRq><CustomerAdd><Name>Riverside Clinic</Name><ParentRef><FullName>Harbor Point Development</FullName></ParentRef><JobStatus>InProgress</JobStatus></CustomerAdd></CustomerAddRq>',
      ),
    );
    expect([textOf(job, 'JobStatus'), textOf(job, 'TotalBalance')]).toEqual(['InProgress', '0.00']);
    const abroad = retOf(
      await h.one(
        '<CustomerAddRq><CustomerAdd><Name>Lakeshore</Name><ShipAddress><Addr1>9 Lake Rd</Addr1><City>Erie</City><State>PA</State><Country>USA</Country></ShipAddress></CustomerAdd></CustomerAddRq>',
      ),
    );
    expect(childOf(abroad, 'ShipAddressBlock')?.children.map((l) => l.text)).toEqual(['9 Lake Rd', 'Erie, PA', 'United States']);
    // An estimate for the job: its form, due date, emailing flag and the customer's tax code (as in a real EstimateRet).
    const est = retOf(
      await h.one(
        '<EstimateAddRq><EstimateAdd><CustomerRef><FullName>Harbor Point Development:Riverside Clinic</FullName></CustomerRef><TxnDate>2025-02-01</TxnDate><EstimateLineAdd><Desc>Allowance</Desc><Amount>100.00</Amount></EstimateLineAdd></EstimateAdd></EstimateAddRq>',
      ),
    );
    expect([
      textOf(childOf(est, 'TemplateRef'), 'FullName'),
      textOf(est, 'DueDate'),
      textOf(est, 'IsToBeEmailed'),
      textOf(childOf(est, 'CustomerSalesTaxCodeRef'), 'FullName'),
    ]).toEqual(['Custom Estimate', '2025-02-01', 'false', 'Tax']);
  });

  it('VendorRet: Balance is what is open on its bills; IsVendorEligibleFor1099 and NameOnCheck are always there', async () => {
    const company = generateCompanyFile({
      seed: 11,
      vendors: 4,
      customers: 1,
      jobsPerCustomer: 1,
      items: 6,
      bills: 30,
      checks: 0,
      creditCardCharges: 0,
      paidBillRatio: 0.5,
    });
    const h = makeHarness({ company });
    for (const v of childrenOf(await h.one('<VendorQueryRq><ActiveStatus>All</ActiveStatus></VendorQueryRq>'), 'VendorRet')) {
      expect(names(v)).toEqual(expect.arrayContaining(['IsVendorEligibleFor1099', 'Balance', 'NameOnCheck']));
      const bills = childrenOf(await h.one(`<BillQueryRq><EntityFilter><ListID>${textOf(v, 'ListID')}</ListID></EntityFilter></BillQueryRq>`), 'BillRet');
      const open = bills.reduce((s, b) => s + Math.round(Number(textOf(b, 'OpenAmount')) * 100), 0);
      expect(textOf(v, 'Balance'), textOf(v, 'Name')).toBe(formatAmount(open));
    }
    // A payment moves the vendor's balance and the A/P account's.
    const bill = company.bills.find((b) => !company.billPaymentChecks.some((p) => p.applied.some((a) => a.txnId === b.txnId))) ?? company.bills[0];
    const before = textOf(retOf(await h.one(`<VendorQueryRq><ListID>${bill?.vendorId}</ListID></VendorQueryRq>`)), 'Balance');
    const ap = async () => textOf(retOf(await h.one('<AccountQueryRq><FullName>Accounts Payable</FullName></AccountQueryRq>')), 'Balance');
    const apBefore = await ap();
    h.sim.payBill(bill?.txnId as string, 1000);
    expect(Number(textOf(retOf(await h.one(`<VendorQueryRq><ListID>${bill?.vendorId}</ListID></VendorQueryRq>`)), 'Balance'))).toBeCloseTo(
      Number(before) - 10,
      2,
    );
    expect(Number(await ap())).toBeCloseTo(Number(apBefore) - 10, 2);
  });

  it("PurchaseOrderRet: TemplateRef, DueDate, ExpectedDate, IsToBePrinted, IsToBeEmailed, and the vendor's address", async () => {
    const h = makeHarness();
    await h.one(
      '<VendorAddRq><VendorAdd><Name>Birch Framing</Name><VendorAddress><Addr1>Birch Framing</Addr1><City>Dayton</City><State>OH</State><PostalCode>45402</PostalCode></VendorAddress></VendorAdd></VendorAddRq>',
    );
    await h.one(
      '<ItemServiceAddRq><ItemServiceAdd><Name>Framing</Name><SalesOrPurchase><Price>0</Price><AccountRef><FullName>Job Expenses:Subcontractors</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
    );
    const po = retOf(
      await h.one(
        '<PurchaseOrderAddRq><PurchaseOrderAdd><VendorRef><FullName>Birch Framing</FullName></VendorRef><TxnDate>2025-03-03</TxnDate><PurchaseOrderLineAdd><ItemRef><FullName>Framing</FullName></ItemRef><Amount>500.00</Amount></PurchaseOrderLineAdd></PurchaseOrderAdd></PurchaseOrderAddRq>',
      ),
    );
    expect(textOf(childOf(po, 'TemplateRef'), 'FullName')).toBe('Custom Purchase Order');
    expect([textOf(po, 'DueDate'), textOf(po, 'ExpectedDate'), textOf(po, 'IsToBePrinted'), textOf(po, 'IsToBeEmailed')]).toEqual([
      '2025-03-03',
      '2025-03-03',
      'true',
      'false',
    ]);
    expect(childOf(po, 'VendorAddressBlock')?.children.map((l) => l.text)).toEqual(['Birch Framing', 'Dayton, OH 45402']);
    const sent = retOf(
      await h.one(
        '<PurchaseOrderAddRq><PurchaseOrderAdd><VendorRef><FullName>Birch Framing</FullName></VendorRef><TxnDate>2025-03-03</TxnDate><TermsRef><FullName>Net 30</FullName></TermsRef><IsToBePrinted>false</IsToBePrinted><PurchaseOrderLineAdd><ItemRef><FullName>Framing</FullName></ItemRef><Amount>5.00</Amount></PurchaseOrderLineAdd></PurchaseOrderAdd></PurchaseOrderAddRq>',
      ),
    );
    expect([textOf(sent, 'DueDate'), textOf(sent, 'IsToBePrinted')]).toEqual(['2025-04-02', 'false']);
    expect(childrenOf(sent, 'IsToBePrinted')).toHaveLength(1);
    // A bill prints the vendor's address too.
    const bill = retOf(
      await h.one(
        `<BillAddRq><BillAdd><VendorRef><FullName>Birch Framing</FullName></VendorRef><LinkToTxnID>${textOf(po, 'TxnID')}</LinkToTxnID></BillAdd></BillAddRq>`,
      ),
    );
    expect(textOf(childOf(bill, 'VendorAddress'), 'City')).toBe('Dayton');
  });

  it('AccountRet: Balance, TotalBalance and CashFlowClassification on every account', async () => {
    const h = makeHarness({
      company: generateCompanyFile({ seed: 12, vendors: 3, customers: 1, jobsPerCustomer: 1, items: 6, bills: 10, checks: 4, creditCardCharges: 4 }),
    });
    const accounts = childrenOf(await h.one('<AccountQueryRq/>'), 'AccountRet');
    for (const a of accounts) expect(names(a), textOf(a, 'FullName')).toEqual(expect.arrayContaining(['Balance', 'TotalBalance', 'CashFlowClassification']));
    const byName = new Map(accounts.map((a) => [textOf(a, 'FullName'), a]));
    expect(Number(textOf(byName.get('Checking'), 'Balance'))).toBeLessThan(0);
    expect(Number(textOf(byName.get('Company Visa'), 'Balance'))).toBeGreaterThan(0);
    expect(textOf(byName.get('Trucks & Equipment'), 'CashFlowClassification')).toBe('Investing');
  });
});
