import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import { childOf, childrenOf, makeHarness, retOf, statusOf, textOf } from './test-support/simulator-fixture.ts';

const NOT_IN_LIST = 'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';

describe('terms, vendor and customer types, sales tax codes, templates', () => {
  it('a new company file has them, and their queries answer each as its own Ret', async () => {
    const h = makeHarness();
    const terms = await h.one('<TermsQueryRq/>');
    expect(childrenOf(terms, 'StandardTermsRet').map((t) => textOf(t, 'Name'))).toContain('Net 30');
    expect(
      textOf(
        childrenOf(terms, 'StandardTermsRet').find((t) => textOf(t, 'Name') === '2% 10 Net 30'),
        'StdDiscountDays',
      ),
    ).toBe('10');
    expect(childrenOf(terms, 'DateDrivenTermsRet').map((t) => textOf(t, 'Name'))).toEqual(['Due 10th']);
    expect(childrenOf(await h.one('<StandardTermsQueryRq><FullName>Net 60</FullName></StandardTermsQueryRq>'), 'StandardTermsRet')).toHaveLength(1);
    expect(childrenOf(await h.one('<VendorTypeQueryRq/>'), 'VendorTypeRet').map((t) => textOf(t, 'FullName'))).toContain('Subcontractors');
    expect(childrenOf(await h.one('<CustomerTypeQueryRq/>'), 'CustomerTypeRet').map((t) => textOf(t, 'Name'))).toContain('Commercial');
    const codes = childrenOf(await h.one('<SalesTaxCodeQueryRq/>'), 'SalesTaxCodeRet');
    expect(codes.map((c) => [textOf(c, 'Name'), textOf(c, 'IsTaxable')])).toEqual([
      ['Tax', 'true'],
      ['Non', 'false'],
    ]);
    expect(childrenOf(await h.one('<TemplateQueryRq/>'), 'TemplateRet').map((t) => textOf(t, 'TemplateType'))).toContain('PurchaseOrder');
  });

  it('a known reference comes back with ListID and FullName; an unknown one answers 3140 naming the list', async () => {
    const h = makeHarness();
    const net30 = childrenOf(await h.one('<StandardTermsQueryRq><FullName>Net 30</FullName></StandardTermsQueryRq>'), 'StandardTermsRet')[0];
    const ok = await h.one(
      '<VendorAddRq><VendorAdd><Name>Birch Framing</Name><VendorTypeRef><FullName>subcontractors</FullName></VendorTypeRef><TermsRef><FullName>Net 30</FullName></TermsRef></VendorAdd></VendorAddRq>',
    );
    expect(statusOf(ok).code).toBe(0);
    expect(textOf(childOf(retOf(ok), 'TermsRef'), 'ListID')).toBe(textOf(net30, 'ListID'));
    expect(textOf(childOf(retOf(ok), 'VendorTypeRef'), 'FullName')).toBe('Subcontractors');

    const cases: [string, string, string][] = [
      ['<VendorAddRq><VendorAdd><Name>A</Name><TermsRef><FullName>Net 45</FullName></TermsRef></VendorAdd></VendorAddRq>', 'Terms', 'Net 45'],
      ['<VendorAddRq><VendorAdd><Name>B</Name><VendorTypeRef><FullName>Subs</FullName></VendorTypeRef></VendorAdd></VendorAddRq>', 'Vendor Type', 'Subs'],
      [
        '<CustomerAddRq><CustomerAdd><Name>C</Name><CustomerTypeRef><FullName>Developer</FullName></CustomerTypeRef></CustomerAdd></CustomerAddRq>',
        'Customer Type',
        'Developer',
      ],
      [
        '<CustomerAddRq><CustomerAdd><Name>D</Name><SalesTaxCodeRef><FullName>Out</FullName></SalesTaxCodeRef></CustomerAdd></CustomerAddRq>',
        'Sales Tax Code',
        'Out',
      ],
    ];
    for (const [rq, list, value] of cases) {
      const rs = await h.one(rq);
      const name = /<Name>(\w+)<\/Name>/.exec(rq)?.[1] as string;
      const kind = rq.startsWith('<Vendor') ? 'Vendor' : 'Customer';
      expect(statusOf(rs)).toEqual({
        code: 3140,
        severity: 'Error',
        message: `There is an invalid reference to QuickBooks ${list} "${value}" in the ${kind} list element "${name}".  ${NOT_IN_LIST}`,
      });
    }
    // Nothing was added by the refused requests.
    expect(childrenOf(await h.one('<VendorQueryRq/>'), 'VendorRet').map((v) => textOf(v, 'Name'))).toEqual(['Birch Framing']);
  });

  it("a bill takes its vendor's terms and is due by them", async () => {
    const h = makeHarness();
    await h.one('<VendorAddRq><VendorAdd><Name>Birch Framing</Name><TermsRef><FullName>Net 15</FullName></TermsRef></VendorAdd></VendorAddRq>');
    const bill = retOf(
      await h.one(
        '<BillAddRq><BillAdd><VendorRef><FullName>Birch Framing</FullName></VendorRef><TxnDate>2025-03-03</TxnDate><ExpenseLineAdd><AccountRef><FullName>Job Expenses:Job Materials</FullName></AccountRef><Amount>100.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq>',
      ),
    );
    expect([textOf(childOf(bill, 'TermsRef'), 'FullName'), textOf(bill, 'DueDate')]).toEqual(['Net 15', '2025-03-18']);
    const own = retOf(
      await h.one(
        '<BillAddRq><BillAdd><VendorRef><FullName>Birch Framing</FullName></VendorRef><TxnDate>2025-03-12</TxnDate><TermsRef><FullName>Due 10th</FullName></TermsRef><ExpenseLineAdd><AccountRef><FullName>Job Expenses:Job Materials</FullName></AccountRef><Amount>100.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq>',
      ),
    );
    expect([textOf(childOf(own, 'TermsRef'), 'FullName'), textOf(own, 'DueDate')]).toEqual(['Due 10th', '2025-04-10']);
  });

  it('a generated file gives vendors and customers their types and terms', async () => {
    const h = makeHarness({
      company: generateCompanyFile({ seed: 3, vendors: 8, customers: 3, jobsPerCustomer: 1, items: 8, bills: 3, checks: 0, creditCardCharges: 0 }),
    });
    const vendors = childrenOf(await h.one('<VendorQueryRq><ActiveStatus>All</ActiveStatus></VendorQueryRq>'), 'VendorRet');
    expect(new Set(vendors.map((v) => textOf(childOf(v, 'VendorTypeRef'), 'FullName')))).toEqual(new Set(['Subcontractors', 'Suppliers', 'Tax agency']));
    expect(vendors.every((v) => textOf(childOf(v, 'TermsRef'), 'ListID') !== undefined || textOf(v, 'IsTaxAgency') === 'true')).toBe(true);
    const owners = childrenOf(await h.one('<CustomerQueryRq/>'), 'CustomerRet').filter((c) => textOf(c, 'Sublevel') === '0');
    for (const o of owners) expect(textOf(childOf(o, 'CustomerTypeRef'), 'FullName')).toBeDefined();
  });
});
