import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import { createCompanyFile } from './model/create-company-file.ts';
import { childOf, childrenOf, makeHarness, retOf, statusOf, textOf } from './test-support/simulator-fixture.ts';

describe('iterators', () => {
  it('pages a generated file: every bill exactly once, remaining count counts down', async () => {
    const company = generateCompanyFile({ seed: 7, vendors: 30, customers: 4, jobsPerCustomer: 3, items: 30, bills: 1234, checks: 0, creditCardCharges: 0 });
    const h = makeHarness({ company });
    const first = await h.one('<BillQueryRq requestID="1" iterator="Start"><MaxReturned>100</MaxReturned></BillQueryRq>');
    const iteratorID = first.attrs.iteratorID as string;
    expect(iteratorID).toMatch(/^\{[0-9a-f-]+\}$/);
    expect(first.attrs.iteratorRemainingCount).toBe('1134');
    const seen: string[] = childrenOf(first, 'BillRet').map((b) => textOf(b, 'TxnID') as string);
    let remaining = Number(first.attrs.iteratorRemainingCount);
    let pages = 1;
    while (remaining > 0) {
      const page = await h.one(`<BillQueryRq requestID="n" iterator="Continue" iteratorID="${iteratorID}"><MaxReturned>100</MaxReturned></BillQueryRq>`, {
        validate: pages === 1,
      });
      seen.push(...childrenOf(page, 'BillRet').map((b) => textOf(b, 'TxnID') as string));
      expect(Number(page.attrs.iteratorRemainingCount)).toBeLessThan(remaining);
      remaining = Number(page.attrs.iteratorRemainingCount);
      pages++;
    }
    expect(pages).toBe(13);
    expect(seen).toHaveLength(1234);
    expect(new Set(seen).size).toBe(1234);
    expect(new Set(seen)).toEqual(new Set(company.bills.map((b) => b.txnId)));
    // The iterator is finished now.
    const after = await h.one(`<BillQueryRq iterator="Continue" iteratorID="${iteratorID}"><MaxReturned>100</MaxReturned></BillQueryRq>`);
    expect(statusOf(after).code).toBe(3391);
  });

  it('an iterator from an earlier session (or an unknown one) answers 3391', async () => {
    const company = generateCompanyFile({ seed: 3, vendors: 40, bills: 10, checks: 0, creditCardCharges: 0 });
    const h = makeHarness({ company });
    const start = await h.one('<VendorQueryRq iterator="Start"><MaxReturned>10</MaxReturned></VendorQueryRq>');
    const id = start.attrs.iteratorID as string;
    expect(statusOf(await h.one(`<VendorQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>10</MaxReturned></VendorQueryRq>`)).code).toBe(0);
    h.sim.closeSession();
    h.sim.openSession();
    const stale = await h.one(`<VendorQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>10</MaxReturned></VendorQueryRq>`);
    expect(statusOf(stale)).toEqual({ code: 3391, severity: 'Error', message: `The iteratorID "${id}" is not valid.` });
    expect(
      statusOf(
        await h.one('<VendorQueryRq iterator="Continue" iteratorID="{00000000-0000-0000-0000-000000000000}"><MaxReturned>10</MaxReturned></VendorQueryRq>'),
      ).code,
    ).toBe(3391);
  });

  it('MaxReturned without an iterator returns the first N', async () => {
    const company = generateCompanyFile({ seed: 5, vendors: 25, bills: 5, checks: 3, creditCardCharges: 3 });
    const h = makeHarness({ company });
    expect(childrenOf(await h.one('<VendorQueryRq><MaxReturned>7</MaxReturned><ActiveStatus>All</ActiveStatus></VendorQueryRq>'), 'VendorRet')).toHaveLength(7);
    const checks = await h.one('<CheckQueryRq><IncludeLineItems>true</IncludeLineItems></CheckQueryRq>');
    expect(childrenOf(checks, 'CheckRet')).toHaveLength(3);
    const ccc = await h.one('<CreditCardChargeQueryRq><MaxReturned>2</MaxReturned><IncludeLineItems>true</IncludeLineItems></CreditCardChargeQueryRq>');
    expect(childrenOf(ccc, 'CreditCardChargeRet')).toHaveLength(2);
    expect(
      childrenOf(childrenOf(ccc, 'CreditCardChargeRet')[0], 'ItemLineRet').length +
        childrenOf(childrenOf(ccc, 'CreditCardChargeRet')[0], 'ExpenseLineRet').length,
    ).toBeGreaterThan(0);
  });
});

describe('date filters in company local time', () => {
  it('FromModifiedDate without an offset is local; with an offset it is that instant', async () => {
    // Company at UTC-05:00. Vendor A modified 09:30 local (14:30Z), B 10:30 local (15:30Z).
    const h = makeHarness({ company: createCompanyFile({ utcOffset: '-05:00' }), clockIso: '2025-03-10T14:30:00Z' });
    await h.one('<VendorAddRq><VendorAdd><Name>A</Name></VendorAdd></VendorAddRq>');
    h.clock.advance(3600);
    await h.one('<VendorAddRq><VendorAdd><Name>B</Name></VendorAdd></VendorAddRq>');
    const names = async (filter: string) => childrenOf(await h.one(`<VendorQueryRq>${filter}</VendorQueryRq>`), 'VendorRet').map((v) => textOf(v, 'Name'));
    expect(await names('<FromModifiedDate>2025-03-10T10:00:00</FromModifiedDate>')).toEqual(['B']);
    // 10:00 UTC is 05:00 local: both.
    expect(await names('<FromModifiedDate>2025-03-10T10:00:00+00:00</FromModifiedDate>')).toEqual(['A', 'B']);
    expect(await names('<FromModifiedDate>2025-03-10T15:00:00Z</FromModifiedDate>'.replace('Z', '+00:00'))).toEqual(['B']);
    expect(await names('<ToModifiedDate>2025-03-10T09:59:59</ToModifiedDate>')).toEqual(['A']);
    // A bare date as the upper bound covers the whole local day.
    expect(await names('<FromModifiedDate>2025-03-10</FromModifiedDate><ToModifiedDate>2025-03-10</ToModifiedDate>')).toEqual(['A', 'B']);
    expect((await h.one('<VendorQueryRq><FromModifiedDate>2025-03-11</FromModifiedDate></VendorQueryRq>')).attrs.statusCode).toBe('1');
  });

  it('ModifiedDateRangeFilter and TxnDateRangeFilter on transactions; EntityFilter by job', async () => {
    const h = makeHarness({ clockIso: '2025-03-10T14:30:00Z' });
    await h.send(
      '<VendorAddRq><VendorAdd><Name>Apex Concrete LLC</Name></VendorAdd></VendorAddRq><VendorAddRq><VendorAdd><Name>Other Co</Name></VendorAdd></VendorAddRq>' +
        '<CustomerAddRq><CustomerAdd><Name>Owner</Name></CustomerAdd></CustomerAddRq><CustomerAddRq><CustomerAdd><Name>Job 1</Name><ParentRef><FullName>Owner</FullName></ParentRef></CustomerAdd></CustomerAddRq>',
      { validate: false },
    );
    const bill = (vendor: string, date: string, ref: string) =>
      `<BillAddRq><BillAdd><VendorRef><FullName>${vendor}</FullName></VendorRef><TxnDate>${date}</TxnDate><RefNumber>${ref}</RefNumber><ExpenseLineAdd><AccountRef><FullName>Job Expenses:Job Materials</FullName></AccountRef><Amount>5.00</Amount><CustomerRef><FullName>Owner:Job 1</FullName></CustomerRef></ExpenseLineAdd></BillAdd></BillAddRq>`;
    await h.one(bill('Apex Concrete LLC', '2025-02-01', 'B1'), { validate: false });
    h.clock.advance(2 * 3600);
    await h.one(bill('Other Co', '2025-03-01', 'B2'), { validate: false });
    const refs = async (filter: string) => childrenOf(await h.one(`<BillQueryRq>${filter}</BillQueryRq>`), 'BillRet').map((b) => textOf(b, 'RefNumber'));
    expect(await refs('<ModifiedDateRangeFilter><FromModifiedDate>2025-03-10T10:30:00</FromModifiedDate></ModifiedDateRangeFilter>')).toEqual(['B2']);
    expect(
      await refs(
        '<ModifiedDateRangeFilter><FromModifiedDate>2025-03-10T09:00:00</FromModifiedDate><ToModifiedDate>2025-03-10T10:00:00</ToModifiedDate></ModifiedDateRangeFilter>',
      ),
    ).toEqual(['B1']);
    expect(await refs('<TxnDateRangeFilter><FromTxnDate>2025-02-15</FromTxnDate><ToTxnDate>2025-03-31</ToTxnDate></TxnDateRangeFilter>')).toEqual(['B2']);
    expect(await refs('<EntityFilter><FullName>Apex Concrete LLC</FullName></EntityFilter>')).toEqual(['B1']);
    expect(await refs('<RefNumberFilter><MatchCriterion>StartsWith</MatchCriterion><RefNumber>B</RefNumber></RefNumberFilter>')).toEqual(['B1', 'B2']);
    expect(statusOf(await h.one('<BillQueryRq><TxnID>bad</TxnID></BillQueryRq>')).code).toBe(3000);
  });
});

describe('bill payments', () => {
  it('BillPaymentCheckQuery shows the bills paid; paid bills report IsPaid and the payment as LinkedTxn', async () => {
    const company = generateCompanyFile({ seed: 11, vendors: 10, bills: 40, paidBillRatio: 1, checks: 0, creditCardCharges: 0 });
    const h = makeHarness({ company });
    // Some bills are paid in part or in two checks (generateCompanyFile): take a payment that settles its bill.
    const pays = childrenOf(await h.one('<BillPaymentCheckQueryRq></BillPaymentCheckQueryRq>'), 'BillPaymentCheckRet');
    const applied = pays.map((p) => childOf(p, 'AppliedToTxnRet')).find((a) => textOf(a, 'BalanceRemaining') === '0.00');
    expect(textOf(applied, 'TxnType')).toBe('Bill');
    expect(textOf(applied, 'BalanceRemaining')).toBe('0.00');
    const bill = retOf(await h.one(`<BillQueryRq><TxnID>${textOf(applied, 'TxnID')}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>`));
    expect(textOf(bill, 'IsPaid')).toBe('true');
    expect(textOf(bill, 'OpenAmount')).toBe('0.00');
    expect(textOf(childOf(bill, 'LinkedTxn'), 'TxnType')).toBe('BillPaymentCheck');
    // Every bill has a payment, but those paid in part are still open.
    const open = childrenOf(await h.one('<BillQueryRq><PaidStatus>NotPaidOnly</PaidStatus></BillQueryRq>'), 'BillRet');
    const paidOn = (id: string) =>
      company.billPaymentChecks
        .flatMap((p) => p.applied)
        .filter((a) => a.txnId === id)
        .reduce((s, a) => s + a.amount, 0);
    const dueOn = (b: (typeof company.bills)[number]) => [...b.itemLines, ...b.expenseLines].reduce((s, l) => s + l.amount, 0);
    expect(open.map((b) => textOf(b, 'TxnID'))).toEqual(company.bills.filter((b) => paidOn(b.txnId) < dueOn(b)).map((b) => b.txnId));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((b) => textOf(b, 'IsPaid') === 'false' && Number(textOf(b, 'OpenAmount')) > 0)).toBe(true);
    expect(childrenOf(await h.one('<BillQueryRq><PaidStatus>PaidOnly</PaidStatus></BillQueryRq>'), 'BillRet')).toHaveLength(40 - open.length);
  });
});
