import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import { childOf, childrenOf, makeHarness, retOf, statusOf, textOf } from './test-support/simulator-fixture.ts';

const FILE = {
  seed: 11,
  vendors: 10,
  customers: 2,
  jobsPerCustomer: 2,
  items: 12,
  classes: 2,
  bills: 30,
  purchaseOrders: 6,
  checks: 4,
  creditCardCharges: 4,
  paidBillRatio: 0.5,
  multiCurrency: { foreignVendorRatio: 0.3 },
};

const cents = (text: string | undefined): number => Math.round(Number(text) * 100);

describe('a multi-currency company file (generateCompanyFile multiCurrency)', () => {
  it('leaves the rest of a seed unchanged: the same vendors, bills and amounts as without multi-currency', () => {
    const plain = generateCompanyFile({ ...FILE, multiCurrency: false });
    const multi = generateCompanyFile(FILE);
    expect(multi.bills.map((b) => [b.txnId, b.itemLines.map((l) => l.amount)])).toEqual(plain.bills.map((b) => [b.txnId, b.itemLines.map((l) => l.amount)]));
    expect(multi.vendors.map((v) => v.name)).toEqual(plain.vendors.map((v) => v.name));
    expect(plain.isMultiCurrencyOn).toBeUndefined();
    expect(multi.isMultiCurrencyOn).toBe(true);
  });

  it('HCP: MultiCurrencyPreferences on with the home currency as ListID + FullName; CurrencyQuery lists the currencies (XSD-valid)', async () => {
    const company = generateCompanyFile(FILE);
    const h = makeHarness({ company });
    const prefs = childOf(childOf(await h.one('<PreferencesQueryRq/>'), 'PreferencesRet'), 'MultiCurrencyPreferences');
    expect(textOf(prefs, 'IsMultiCurrencyOn')).toBe('true');
    expect(textOf(childOf(prefs, 'HomeCurrencyRef'), 'FullName')).toBe('US Dollar');
    expect(textOf(childOf(prefs, 'HomeCurrencyRef'), 'ListID')).toBe(company.homeCurrencyId);
    const rs = await h.one('<CurrencyQueryRq/>');
    const rets = childrenOf(rs, 'CurrencyRet');
    expect(rets.map((r) => textOf(r, 'CurrencyCode'))).toEqual(['USD', 'CAD', 'EUR', 'GBP', 'MXN']);
    const cad = rets.find((r) => textOf(r, 'CurrencyCode') === 'CAD')!;
    expect(cad.children.map((c) => c.name)).toEqual([
      'ListID',
      'TimeCreated',
      'TimeModified',
      'EditSequence',
      'Name',
      'IsActive',
      'CurrencyCode',
      'IsUserDefinedCurrency',
      'ExchangeRate',
      'AsOfDate',
    ]);
    expect(Number(textOf(cad, 'ExchangeRate'))).toBeGreaterThan(0.6);
    // The home currency has no rate of its own.
    expect(childOf(rets[0]!, 'ExchangeRate')).toBeUndefined();
    expect(statusOf(await h.one('<CurrencyQueryRq><FullName>Canadian Dollar</FullName></CurrencyQueryRq>')).code).toBe(0);
  });

  it('vendors carry their currency; foreign bills carry CurrencyRef, ExchangeRate and AmountDueInHomeCurrency = AmountDue × rate, on their own A/P account', async () => {
    const company = generateCompanyFile(FILE);
    const h = makeHarness({ company });
    const vendors = childrenOf(await h.one('<VendorQueryRq/>'), 'VendorRet');
    const currencies = new Set(vendors.map((v) => textOf(childOf(v, 'CurrencyRef'), 'FullName')));
    expect(currencies).toEqual(new Set(['US Dollar', 'Canadian Dollar', 'Euro']));
    const bills = childrenOf(await h.one('<BillQueryRq><IncludeLineItems>true</IncludeLineItems></BillQueryRq>'), 'BillRet');
    const foreign = bills.filter((b) => textOf(childOf(b, 'CurrencyRef'), 'FullName') !== 'US Dollar');
    expect(foreign.length).toBeGreaterThan(0);
    for (const bill of bills) {
      const names = bill.children.map((c) => c.name);
      // XSD order: AmountDue, CurrencyRef, ExchangeRate, AmountDueInHomeCurrency.
      expect(names.indexOf('CurrencyRef')).toBe(names.indexOf('AmountDue') + 1);
      expect(names.slice(names.indexOf('AmountDue'), names.indexOf('AmountDue') + 4)).toEqual([
        'AmountDue',
        'CurrencyRef',
        'ExchangeRate',
        'AmountDueInHomeCurrency',
      ]);
      const rate = Number(textOf(bill, 'ExchangeRate'));
      expect(cents(textOf(bill, 'AmountDueInHomeCurrency'))).toBe(Math.round(cents(textOf(bill, 'AmountDue')) * rate));
      const vendor = vendors.find((v) => textOf(childOf(v, 'VendorRef') ?? v, 'ListID') === textOf(childOf(bill, 'VendorRef'), 'ListID'))!;
      expect(textOf(childOf(bill, 'CurrencyRef'), 'ListID')).toBe(textOf(childOf(vendor, 'CurrencyRef'), 'ListID'));
    }
    for (const bill of foreign) {
      expect(Number(textOf(bill, 'ExchangeRate'))).not.toBe(1);
      const code = textOf(childOf(bill, 'CurrencyRef'), 'FullName') === 'Euro' ? 'EUR' : 'CAD';
      expect(textOf(childOf(bill, 'APAccountRef'), 'FullName')).toBe(`Accounts Payable - ${code}`);
    }
  });

  it('bill payments, purchase orders, checks and credit card charges carry their currency amounts; checks stay in home currency', async () => {
    const h = makeHarness({ company: generateCompanyFile(FILE) });
    const payments = childrenOf(await h.one('<BillPaymentCheckQueryRq/>'), 'BillPaymentCheckRet');
    expect(payments.some((p) => textOf(childOf(p, 'CurrencyRef'), 'FullName') !== 'US Dollar')).toBe(true);
    for (const p of payments) expect(cents(textOf(p, 'AmountInHomeCurrency'))).toBe(Math.round(cents(textOf(p, 'Amount')) * Number(textOf(p, 'ExchangeRate'))));
    const pos = childrenOf(await h.one('<PurchaseOrderQueryRq/>'), 'PurchaseOrderRet');
    for (const p of pos)
      expect(cents(textOf(p, 'TotalAmountInHomeCurrency'))).toBe(Math.round(cents(textOf(p, 'TotalAmount')) * Number(textOf(p, 'ExchangeRate'))));
    for (const c of childrenOf(await h.one('<CheckQueryRq/>'), 'CheckRet')) {
      expect(textOf(childOf(c, 'CurrencyRef'), 'FullName')).toBe('US Dollar');
      expect(textOf(c, 'ExchangeRate')).toBe('1');
      expect(textOf(c, 'AmountInHomeCurrency')).toBe(textOf(c, 'Amount'));
    }
    expect(childrenOf(await h.one('<CreditCardChargeQueryRq/>'), 'CreditCardChargeRet').every((c) => textOf(c, 'ExchangeRate') === '1')).toBe(true);
  });

  it("a bill or PO added for a foreign vendor is in the vendor's currency: the rate sent, else the currency list's; on that currency's A/P account", async () => {
    const company = generateCompanyFile(FILE);
    const h = makeHarness({ company });
    const eur = company.currencies.find((c) => c.currencyCode === 'EUR')!;
    const materials = company.accounts.find((a) => a.name === 'Job Materials')!.listId;
    const added = retOf(
      await h.one(`<VendorAddRq><VendorAdd><Name>Hamburg Glas GmbH</Name><CurrencyRef><FullName>Euro</FullName></CurrencyRef></VendorAdd></VendorAddRq>`),
    );
    expect(textOf(childOf(added, 'CurrencyRef'), 'ListID')).toBe(eur.listId);
    const bill = retOf(
      await h.one(
        `<BillAddRq><BillAdd><VendorRef><FullName>Hamburg Glas GmbH</FullName></VendorRef><TxnDate>2024-06-03</TxnDate><ExchangeRate>1.1</ExchangeRate>` +
          `<ExpenseLineAdd><AccountRef><ListID>${materials}</ListID></AccountRef><Amount>1000.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq>`,
      ),
    );
    expect(textOf(childOf(bill, 'CurrencyRef'), 'FullName')).toBe('Euro');
    expect(textOf(bill, 'ExchangeRate')).toBe('1.1');
    expect(textOf(bill, 'AmountDueInHomeCurrency')).toBe('1100.00');
    expect(textOf(childOf(bill, 'APAccountRef'), 'FullName')).toBe('Accounts Payable - EUR');
    const po = retOf(
      await h.one(
        '<PurchaseOrderAddRq><PurchaseOrderAdd><VendorRef><FullName>Hamburg Glas GmbH</FullName></VendorRef><TxnDate>2024-06-03</TxnDate>' +
          '<PurchaseOrderLineAdd><Desc>Glazing</Desc><Amount>200.00</Amount></PurchaseOrderLineAdd></PurchaseOrderAdd></PurchaseOrderAddRq>',
      ),
    );
    expect(textOf(po, 'ExchangeRate')).toBe(String(eur.exchangeRate));
    expect(cents(textOf(po, 'TotalAmountInHomeCurrency'))).toBe(Math.round(20_000 * eur.exchangeRate!));
    // A home-currency vendor's transaction is at 1, whatever rate the request names.
    const home = company.vendors.find((v) => !v.extra?.some((n) => n.name === 'CurrencyRef') && v.isActive)!;
    const homeBill = retOf(
      await h.one(
        `<BillAddRq><BillAdd><VendorRef><ListID>${home.listId}</ListID></VendorRef><TxnDate>2024-06-03</TxnDate><ExchangeRate>1.3</ExchangeRate>` +
          `<ExpenseLineAdd><AccountRef><ListID>${materials}</ListID></AccountRef><Amount>10.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq>`,
      ),
    );
    expect(textOf(homeBill, 'ExchangeRate')).toBe('1');
    expect(textOf(childOf(homeBill, 'APAccountRef'), 'FullName')).toBe('Accounts Payable');
  });

  it('an unknown currency answers 3140; a file without multi-currency has no currency list and no currency elements', async () => {
    const h = makeHarness({ company: generateCompanyFile(FILE) });
    const refused = statusOf(
      await h.one('<VendorAddRq><VendorAdd><Name>Nowhere Ltd</Name><CurrencyRef><FullName>Martian Credit</FullName></CurrencyRef></VendorAdd></VendorAddRq>'),
    );
    expect(refused.code).toBe(3140);
    expect(refused.message).toContain('Currency');
    const plain = makeHarness({ company: generateCompanyFile({ ...FILE, multiCurrency: false }) });
    expect(statusOf(await plain.one('<CurrencyQueryRq/>')).code).toBe(1);
    const bill = childrenOf(await plain.one('<BillQueryRq><MaxReturned>1</MaxReturned></BillQueryRq>'), 'BillRet')[0]!;
    expect(childOf(bill, 'CurrencyRef')).toBeUndefined();
    expect(childOf(bill, 'AmountDueInHomeCurrency')).toBeUndefined();
  });
});
