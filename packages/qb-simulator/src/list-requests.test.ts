import { describe, expect, it } from 'vitest';
import { childOf, childrenOf, makeHarness, retOf, statusOf, textOf } from './test-support/simulator-fixture.ts';

const vendorAdd = (name: string, extra = '') => `<VendorAddRq requestID="v"><VendorAdd><Name>${name}</Name>${extra}</VendorAdd></VendorAddRq>`;

describe('vendors', () => {
  it('adds a vendor with QuickBooks-shaped IDs, local-time stamps and an EditSequence', async () => {
    const h = makeHarness({ clockIso: '2025-03-10T15:00:00Z' });
    const rs = await h.one(
      vendorAdd(
        'Apex Concrete LLC',
        '<CompanyName>Apex Concrete</CompanyName><VendorAddress><Addr1>12 Quarry Rd</Addr1><City>Austin</City><State>TX</State></VendorAddress><Phone>512-555-0100</Phone>',
      ),
    );
    expect(statusOf(rs)).toEqual({ code: 0, severity: 'Info', message: 'Status OK' });
    expect(rs.attrs.requestID).toBe('v');
    const ret = retOf(rs);
    expect(textOf(ret, 'ListID')).toMatch(/^8000[0-9A-F]{4}-1741618800$/);
    expect(textOf(ret, 'TimeCreated')).toBe('2025-03-10T10:00:00-05:00');
    expect(textOf(ret, 'EditSequence')).toBe('1741618800');
    expect(textOf(childOf(ret, 'VendorAddress'), 'City')).toBe('Austin');
    expect(textOf(ret, 'Phone')).toBe('512-555-0100');
  });

  it('refuses a duplicate name with 3100 (case-insensitive, shared with customers)', async () => {
    const h = makeHarness();
    await h.one(vendorAdd('Apex Concrete LLC'));
    const dup = await h.one(vendorAdd('APEX CONCRETE LLC'));
    expect(statusOf(dup)).toEqual({ code: 3100, severity: 'Error', message: 'The name "APEX CONCRETE LLC" of the list element is already in use.' });
    const asCustomer = await h.one('<CustomerAddRq><CustomerAdd><Name>Apex Concrete LLC</Name></CustomerAdd></CustomerAddRq>');
    expect(statusOf(asCustomer).code).toBe(3100);
  });

  it('answers 3070 for a name over the 41-character limit (per request, not a parse error)', async () => {
    const h = makeHarness();
    const long = 'A'.repeat(42);
    const rs = await h.one(vendorAdd(long));
    expect(statusOf(rs).code).toBe(3070);
    expect(statusOf(rs).message).toContain('"Name"');
    expect(statusOf(await h.one(vendorAdd('A'.repeat(41)))).code).toBe(0);
  });

  it('modifies with the current EditSequence, refuses a stale one with 3200', async () => {
    const h = makeHarness();
    const ret = retOf(await h.one(vendorAdd('Keystone Steel Inc')));
    const id = textOf(ret, 'ListID') as string;
    const seq = textOf(ret, 'EditSequence') as string;
    h.clock.advance(60);
    const mod = await h.one(
      `<VendorModRq><VendorMod><ListID>${id}</ListID><EditSequence>${seq}</EditSequence><Name>Keystone Steel LLC</Name><Phone>1</Phone></VendorMod></VendorModRq>`,
    );
    expect(statusOf(mod).code).toBe(0);
    const modded = retOf(mod);
    expect(textOf(modded, 'Name')).toBe('Keystone Steel LLC');
    expect(textOf(modded, 'EditSequence')).not.toBe(seq);
    expect(textOf(modded, 'TimeModified')).toBe('2025-03-10T10:01:00-05:00');
    const stale = await h.one(`<VendorModRq><VendorMod><ListID>${id}</ListID><EditSequence>${seq}</EditSequence><Name>X</Name></VendorMod></VendorModRq>`);
    expect(statusOf(stale).code).toBe(3200);
    expect(statusOf(stale).message.trim()).toBe(`The provided edit sequence "${seq}" is out-of-date.`);
  });

  it('EditSequence changes on every modify, even twice in one second', async () => {
    const h = makeHarness();
    const ret = retOf(await h.one(vendorAdd('Pioneer Paving Co')));
    const id = textOf(ret, 'ListID') as string;
    let seq = textOf(ret, 'EditSequence') as string;
    const seen = new Set([seq]);
    for (let i = 0; i < 3; i++) {
      const r = retOf(
        await h.one(`<VendorModRq><VendorMod><ListID>${id}</ListID><EditSequence>${seq}</EditSequence><Phone>${i}</Phone></VendorMod></VendorModRq>`, {
          validate: false,
        }),
      );
      seq = textOf(r, 'EditSequence') as string;
      expect(seen.has(seq)).toBe(false);
      seen.add(seq);
    }
  });

  it('unknown ListID answers 3120, a malformed one 3000', async () => {
    const h = makeHarness();
    const missing = await h.one(
      '<VendorModRq><VendorMod><ListID>80009999-1700000000</ListID><EditSequence>1</EditSequence><Name>X</Name></VendorMod></VendorModRq>',
    );
    expect(statusOf(missing)).toEqual({
      code: 3120,
      severity: 'Error',
      message:
        'Object "80009999-1700000000" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
    });
    const bad = await h.one('<VendorModRq><VendorMod><ListID>not-an-id</ListID><EditSequence>1</EditSequence></VendorMod></VendorModRq>');
    expect(statusOf(bad).code).toBe(3000);
  });

  it('a restricted user gets 3260 on writes but can still query', async () => {
    const h = makeHarness({ restrictedUser: true });
    expect(statusOf(await h.one(vendorAdd('Nope LLC')))).toEqual({
      code: 3260,
      severity: 'Error',
      message: 'Insufficient permission level to perform this action.',
    });
    expect(statusOf(await h.one('<VendorQueryRq/>')).code).toBe(1);
    h.sim.setOptions({ restrictedUser: false });
    expect(statusOf(await h.one(vendorAdd('Nope LLC'))).code).toBe(0);
  });

  it('a record another user has open answers 3170 on Mod', async () => {
    const h = makeHarness();
    const ret = retOf(await h.one(vendorAdd('Atlas Glass Co')));
    const id = textOf(ret, 'ListID') as string;
    h.sim.lockRecord(id);
    const rs = await h.one(
      `<VendorModRq><VendorMod><ListID>${id}</ListID><EditSequence>${textOf(ret, 'EditSequence')}</EditSequence><Name>Y</Name></VendorMod></VendorModRq>`,
    );
    expect(statusOf(rs).code).toBe(3170);
    h.sim.unlockRecord(id);
    expect(
      statusOf(
        await h.one(
          `<VendorModRq><VendorMod><ListID>${id}</ListID><EditSequence>${textOf(ret, 'EditSequence')}</EditSequence><Name>Y</Name></VendorMod></VendorModRq>`,
        ),
      ).code,
    ).toBe(0);
  });

  it('queries by FullName, ActiveStatus and NameFilter; missing names answer 500, nothing matching answers 1', async () => {
    const h = makeHarness();
    await h.send(vendorAdd('Apex Concrete LLC') + vendorAdd('Apex Electric Inc') + vendorAdd('Valley Roofing Co', '<IsActive>false</IsActive>'));
    const byName = await h.one('<VendorQueryRq><FullName>apex electric inc</FullName></VendorQueryRq>');
    expect(childrenOf(byName, 'VendorRet').map((r) => textOf(r, 'Name'))).toEqual(['Apex Electric Inc']);
    const active = await h.one('<VendorQueryRq/>');
    expect(childrenOf(active, 'VendorRet')).toHaveLength(2);
    const all = await h.one('<VendorQueryRq><ActiveStatus>All</ActiveStatus></VendorQueryRq>');
    expect(childrenOf(all, 'VendorRet')).toHaveLength(3);
    const inactiveByName = await h.one('<VendorQueryRq><FullName>Valley Roofing Co</FullName></VendorQueryRq>');
    expect(childrenOf(inactiveByName, 'VendorRet')).toHaveLength(1);
    const filtered = await h.one('<VendorQueryRq><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>apex</Name></NameFilter></VendorQueryRq>');
    expect(childrenOf(filtered, 'VendorRet')).toHaveLength(2);
    const missing = await h.one('<VendorQueryRq><FullName>Apex Concrete LLC</FullName><FullName>Nobody</FullName></VendorQueryRq>');
    expect(statusOf(missing).code).toBe(500);
    expect(statusOf(missing).severity).toBe('Warn');
    expect(childrenOf(missing, 'VendorRet')).toHaveLength(1);
    const none = await h.one('<VendorQueryRq><NameFilter><MatchCriterion>Contains</MatchCriterion><Name>zzz</Name></NameFilter></VendorQueryRq>');
    expect(statusOf(none)).toEqual({ code: 1, severity: 'Info', message: 'A query request did not find a matching object in QuickBooks' });
  });
});

describe('customers and jobs', () => {
  it('nests jobs under customers: FullName Customer:Job, Sublevel, ParentRef', async () => {
    const h = makeHarness();
    const cust = retOf(await h.one('<CustomerAddRq><CustomerAdd><Name>Harbor Point Development</Name></CustomerAdd></CustomerAddRq>'));
    const job = retOf(
      await h.one(
        '<CustomerAddRq><CustomerAdd><Name>Riverside Medical Office</Name><ParentRef><FullName>Harbor Point Development</FullName></ParentRef><JobStatus>InProgress</JobStatus></CustomerAdd></CustomerAddRq>',
      ),
    );
    expect(textOf(job, 'FullName')).toBe('Harbor Point Development:Riverside Medical Office');
    expect(textOf(job, 'Sublevel')).toBe('1');
    expect(textOf(childOf(job, 'ParentRef'), 'ListID')).toBe(textOf(cust, 'ListID'));
    // The same job name under another customer is fine; under the same one it is taken.
    await h.one('<CustomerAddRq><CustomerAdd><Name>Greenfield Health</Name></CustomerAdd></CustomerAddRq>');
    expect(
      statusOf(
        await h.one(
          '<CustomerAddRq><CustomerAdd><Name>Riverside Medical Office</Name><ParentRef><FullName>Greenfield Health</FullName></ParentRef></CustomerAdd></CustomerAddRq>',
        ),
      ).code,
    ).toBe(0);
    expect(
      statusOf(
        await h.one(
          '<CustomerAddRq><CustomerAdd><Name>riverside medical office</Name><ParentRef><FullName>Harbor Point Development</FullName></ParentRef></CustomerAdd></CustomerAddRq>',
        ),
      ).code,
    ).toBe(3100);
    // Renaming the customer renames its jobs' FullNames.
    await h.one(
      `<CustomerModRq><CustomerMod><ListID>${textOf(cust, 'ListID')}</ListID><EditSequence>${textOf(cust, 'EditSequence')}</EditSequence><Name>Harbor Point Dev</Name></CustomerMod></CustomerModRq>`,
    );
    const q = await h.one('<CustomerQueryRq><FullName>Harbor Point Dev:Riverside Medical Office</FullName></CustomerQueryRq>');
    expect(childrenOf(q, 'CustomerRet')).toHaveLength(1);
  });

  it('a job under a missing customer answers 3140', async () => {
    const h = makeHarness();
    const rs = await h.one(
      '<CustomerAddRq><CustomerAdd><Name>Orphan Job</Name><ParentRef><FullName>No Such Customer</FullName></ParentRef></CustomerAdd></CustomerAddRq>',
    );
    expect(statusOf(rs).code).toBe(3140);
    expect(statusOf(rs).message).toBe(
      'There is an invalid reference to QuickBooks Customer "No Such Customer" in the Customer list element "Orphan Job".  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
    );
  });
});

describe('items, classes, accounts', () => {
  it('adds Service and OtherCharge items with parents and answers ItemQuery with each Ret type', async () => {
    const h = makeHarness();
    await h.one(
      '<ItemServiceAddRq><ItemServiceAdd><Name>03 Concrete</Name><SalesOrPurchase><Desc>Concrete</Desc><AccountRef><FullName>Job Expenses:Subcontractors</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
    );
    const child = retOf(
      await h.one(
        '<ItemServiceAddRq><ItemServiceAdd><Name>03-300 Cast-in-Place Concrete</Name><ParentRef><FullName>03 Concrete</FullName></ParentRef><SalesOrPurchase><Desc>CIP</Desc><Price>0</Price><AccountRef><FullName>Job Expenses:Subcontractors</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
      ),
    );
    expect(textOf(child, 'FullName')).toBe('03 Concrete:03-300 Cast-in-Place Concrete');
    expect(textOf(childOf(childOf(child, 'SalesOrPurchase'), 'AccountRef'), 'FullName')).toBe('Job Expenses:Subcontractors');
    await h.one(
      '<ItemOtherChargeAddRq><ItemOtherChargeAdd><Name>Retainage</Name><SalesOrPurchase><AccountRef><FullName>Retainage Payable</FullName></AccountRef></SalesOrPurchase></ItemOtherChargeAdd></ItemOtherChargeAddRq>',
    );
    const all = await h.one('<ItemQueryRq/>');
    expect(all.children.map((c) => c.name)).toEqual(['ItemServiceRet', 'ItemServiceRet', 'ItemOtherChargeRet']);
    // Item names are limited to 31 characters.
    expect(
      statusOf(
        await h.one(
          '<ItemServiceAddRq><ItemServiceAdd><Name>03-310 Concrete Forming and Accessories</Name><SalesOrPurchase><AccountRef><FullName>Job Expenses:Subcontractors</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
        ),
      ).code,
    ).toBe(3070);
    // A missing account answers 3140.
    expect(
      statusOf(
        await h.one(
          '<ItemServiceAddRq><ItemServiceAdd><Name>X</Name><SalesOrPurchase><AccountRef><FullName>Nope</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
        ),
      ).code,
    ).toBe(3140);
    // SalesOrPurchaseMod changes only the fields sent.
    const mod = retOf(
      await h.one(
        `<ItemServiceModRq><ItemServiceMod><ListID>${textOf(child, 'ListID')}</ListID><EditSequence>${textOf(child, 'EditSequence')}</EditSequence><SalesOrPurchaseMod><Desc>Cast in place</Desc></SalesOrPurchaseMod></ItemServiceMod></ItemServiceModRq>`,
      ),
    );
    const sop = childOf(mod, 'SalesOrPurchase');
    expect(textOf(sop, 'Desc')).toBe('Cast in place');
    expect(textOf(childOf(sop, 'AccountRef'), 'FullName')).toBe('Job Expenses:Subcontractors');
  });

  it('has a default chart of accounts and filters AccountQuery by type', async () => {
    const h = makeHarness();
    const ap = await h.one('<AccountQueryRq><AccountType>AccountsPayable</AccountType></AccountQueryRq>');
    expect(childrenOf(ap, 'AccountRet').map((a) => textOf(a, 'Name'))).toEqual(['Accounts Payable']);
    const names = childrenOf(await h.one('<AccountQueryRq/>'), 'AccountRet').map((a) => textOf(a, 'FullName'));
    expect(names).toEqual(expect.arrayContaining(['Checking', 'Job Expenses:Job Materials', 'Job Expenses:Subcontractors', 'Retainage Payable']));
    expect(statusOf(await h.one('<ClassQueryRq/>')).code).toBe(1);
  });
});
