import { QbxmlParseError } from '@connector/qbxml';
import { validateQbxml } from '@connector/qbxml/testing';
import { describe, expect, it } from 'vitest';
import { readQbListEntry, type QbListEntry } from './read-qb-list-entry.ts';
import { parseRet, parseRets, refXml, responseXml } from './testing/parse-rets.ts';

const STAMP = '<TimeCreated>2026-01-05T09:00:00-08:00</TimeCreated><TimeModified>2026-03-01T14:30:00-08:00</TimeModified>';

/** VendorRet as the simulator renders it (renderVendorRet): core, CompanyName. */
const SIMULATOR_VENDOR = `<VendorRet><ListID>80000002-1700000000</ListID>${STAMP}<EditSequence>1709332200</EditSequence><Name>Smith Concrete &amp; Forms</Name><IsActive>true</IsActive><CompanyName>Smith Concrete &amp; Forms, Inc.</CompanyName></VendorRet>`;

/** VendorRet with the contact fields real QuickBooks returns (qbxml130.xsd order). */
const FULL_VENDOR = `<VendorRet><ListID>80000003-1700000000</ListID>${STAMP}<EditSequence>1709332201</EditSequence><Name>Valley Rebar</Name><IsActive>false</IsActive><CompanyName>Valley Rebar LLC</CompanyName>
<VendorAddress><Addr1>Valley Rebar LLC</Addr1><Addr2>12 Mill Rd</Addr2><City>Fresno</City><State>CA</State><PostalCode>93701</PostalCode><Country>US</Country></VendorAddress>
<Phone>559-555-0100</Phone><Email>ap@valleyrebar.example</Email></VendorRet>`;

/** A job (Customer with ParentRef) as the simulator renders it, plus addresses, phone and JobStatus. */
const JOB = `<CustomerRet><ListID>80000010-1700000000</ListID>${STAMP}<EditSequence>1709332202</EditSequence><Name>MOB Expansion</Name><FullName>Riverside Medical Center:MOB Expansion</FullName><IsActive>true</IsActive>
${refXml('ParentRef', '8000000F-1700000000', 'Riverside Medical Center')}<Sublevel>1</Sublevel><CompanyName>Riverside Medical Center</CompanyName>
<BillAddress><Addr1>1 Hospital Way</Addr1><City>Riverside</City><State>CA</State></BillAddress>
<ShipAddress><Addr1>400 Clinic Dr</Addr1><Addr2>Building B</Addr2><City>Riverside</City><State>CA</State><PostalCode>92501</PostalCode></ShipAddress>
<Phone>951-555-0199</Phone><Email>pm@riverside.example</Email><JobStatus>InProgress</JobStatus></CustomerRet>`;

const CUSTOMER = `<CustomerRet><ListID>8000000F-1700000000</ListID>${STAMP}<EditSequence>1709332203</EditSequence><Name>Riverside Medical Center</Name><FullName>Riverside Medical Center</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel>
<BillAddress><Addr1>1 Hospital Way</Addr1><City>Riverside</City></BillAddress></CustomerRet>`;

/** ItemQueryRs mixes Item*Ret elements (simulator renderItemRet: core + FullName, Sublevel, ParentRef). */
const ITEMS = `<ItemServiceRet><ListID>80000020-1700000000</ListID>${STAMP}<EditSequence>1709332204</EditSequence><Name>03-300 Cast-in-Place</Name><FullName>03 Concrete:03-300 Cast-in-Place</FullName><IsActive>true</IsActive>${refXml('ParentRef', '8000001F-1700000000', '03 Concrete')}<Sublevel>1</Sublevel></ItemServiceRet>
<ItemOtherChargeRet><ListID>80000021-1700000000</ListID>${STAMP}<EditSequence>1709332205</EditSequence><Name>Retainage Payable</Name><FullName>Retainage Payable</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel></ItemOtherChargeRet>`;

const NO_CONTACT = { email: null, phone: null, address: null };

describe('readQbListEntry', () => {
  it('fixtures are valid qbXML 13.0 responses', async () => {
    const results = await Promise.all([
      validateQbxml(responseXml('VendorQueryRs', SIMULATOR_VENDOR + FULL_VENDOR)),
      validateQbxml(responseXml('CustomerQueryRs', JOB + CUSTOMER)),
      validateQbxml(responseXml('ItemQueryRs', ITEMS)),
    ]);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });

  it('reads a vendor as the simulator renders it: FullName is its Name, no parent, no contact', () => {
    expect(readQbListEntry('Vendor', parseRet('VendorQueryRs', SIMULATOR_VENDOR), 'VendorRet')).toEqual<QbListEntry>({
      listType: 'Vendor',
      listId: '80000002-1700000000',
      editSequence: '1709332200',
      name: 'Smith Concrete & Forms',
      fullName: 'Smith Concrete & Forms',
      parentListId: null,
      sublevel: 0,
      isActive: true,
      timeModified: '2026-03-01T14:30:00-08:00',
      itemType: null,
      companyName: 'Smith Concrete & Forms, Inc.',
      jobStatus: null,
      contact: NO_CONTACT,
      currencyName: null,
    });
  });

  it('reads a vendor’s CurrencyRef (multi-currency on): the currency its transactions are in', () => {
    const xml = SIMULATOR_VENDOR.replace(
      '</VendorRet>',
      '<CurrencyRef><ListID>80000003-1700000000</ListID><FullName>Canadian Dollar</FullName></CurrencyRef></VendorRet>',
    );
    expect(readQbListEntry('Vendor', parseRet('VendorQueryRs', xml), 'VendorRet').currencyName).toBe('Canadian Dollar');
  });

  it('reads a vendor’s VendorAddress, phone, e-mail and inactive flag', () => {
    const vendor = readQbListEntry('Vendor', parseRet('VendorQueryRs', FULL_VENDOR));
    expect(vendor.isActive).toBe(false);
    expect(vendor.contact).toEqual({
      email: 'ap@valleyrebar.example',
      phone: '559-555-0100',
      address: {
        line1: 'Valley Rebar LLC',
        line2: '12 Mill Rd',
        line3: null,
        line4: null,
        line5: null,
        city: 'Fresno',
        state: 'CA',
        postalCode: '93701',
        country: 'US',
      },
    });
  });

  it('reads a job: own Name, Customer:Job FullName, parent, sublevel, JobStatus and the ShipAddress (the site)', () => {
    const job = readQbListEntry('Customer', parseRet('CustomerQueryRs', JOB));
    expect(job).toMatchObject({
      name: 'MOB Expansion',
      fullName: 'Riverside Medical Center:MOB Expansion',
      parentListId: '8000000F-1700000000',
      sublevel: 1,
      jobStatus: 'InProgress',
      companyName: 'Riverside Medical Center',
      itemType: null,
    });
    expect(job.contact.address).toEqual({
      line1: '400 Clinic Dr',
      line2: 'Building B',
      line3: null,
      line4: null,
      line5: null,
      city: 'Riverside',
      state: 'CA',
      postalCode: '92501',
      country: null,
    });
  });

  it('falls back to the BillAddress when a customer has no ShipAddress', () => {
    const customer = readQbListEntry('Customer', parseRet('CustomerQueryRs', CUSTOMER));
    expect(customer).toMatchObject({ parentListId: null, sublevel: 0, jobStatus: null });
    expect(customer.contact.address).toMatchObject({ line1: '1 Hospital Way', city: 'Riverside', state: null });
  });

  it('treats an address with only empty fields as no address', () => {
    const xml = CUSTOMER.replace(/<BillAddress>.*<\/BillAddress>/s, '<BillAddress><Addr1> </Addr1></BillAddress><ShipAddress></ShipAddress>');
    expect(readQbListEntry('Customer', parseRet('CustomerQueryRs', xml)).contact.address).toBeNull();
  });

  it('reads the item type from the element name the caller passes', () => {
    const [service, otherCharge] = parseRets('ItemQueryRs', ITEMS);
    expect(readQbListEntry('Item', service!.record, service!.type)).toMatchObject({
      itemType: 'ItemService',
      parentListId: '8000001F-1700000000',
      sublevel: 1,
      contact: NO_CONTACT,
    });
    expect(readQbListEntry('Item', otherCharge!.record, otherCharge!.type)).toMatchObject({ itemType: 'ItemOtherCharge', name: 'Retainage Payable' });
    expect(readQbListEntry('Item', service!.record, 'ItemNonInventoryRet').itemType).toBe('ItemNonInventory');
    expect(readQbListEntry('Item', service!.record).itemType).toBeNull();
  });

  it('refuses an element that does not belong to the list', () => {
    const [service] = parseRets('ItemQueryRs', ITEMS);
    expect(() => readQbListEntry('Item', service!.record, 'ItemWidgetRet')).toThrow('ItemWidgetRet is not a QuickBooks item element');
    expect(() => readQbListEntry('Vendor', parseRet('VendorQueryRs', SIMULATOR_VENDOR), 'CustomerRet')).toThrow(
      'CustomerRet is not a Vendor element; expected VendorRet.',
    );
  });

  it('defaults IsActive to true and reads "false" in any case', () => {
    expect(readQbListEntry('Vendor', parseRet('VendorQueryRs', SIMULATOR_VENDOR.replace('<IsActive>true</IsActive>', ''))).isActive).toBe(true);
    expect(
      readQbListEntry('Vendor', parseRet('VendorQueryRs', SIMULATOR_VENDOR.replace('<IsActive>true</IsActive>', '<IsActive>False</IsActive>'))).isActive,
    ).toBe(false);
  });

  it.each([
    ['ListID', (x: string) => x.replace('<ListID>80000002-1700000000</ListID>', ''), 'VendorRet has no ListID'],
    ['EditSequence', (x: string) => x.replace('<EditSequence>1709332200</EditSequence>', ''), 'VendorRet 80000002-1700000000 has no EditSequence'],
    ['Name', (x: string) => x.replace(/<Name>.*?<\/Name>/, ''), 'VendorRet 80000002-1700000000 has no Name'],
    ['TimeModified', (x: string) => x.replace(/<TimeModified>.*?<\/TimeModified>/, ''), 'VendorRet 80000002-1700000000 has no TimeModified'],
    ['a valid IsActive', (x: string) => x.replace('<IsActive>true</IsActive>', '<IsActive>yes</IsActive>'), 'IsActive "yes", which is not true or false'],
  ])('throws naming the element when %s is missing', (_name, edit, message) => {
    const record = parseRet('VendorQueryRs', edit(SIMULATOR_VENDOR));
    expect(() => readQbListEntry('Vendor', record)).toThrow(QbxmlParseError);
    expect(() => readQbListEntry('Vendor', record)).toThrow(message);
  });

  it('throws on a Sublevel that is not a whole number', () => {
    expect(() => readQbListEntry('Customer', parseRet('CustomerQueryRs', JOB.replace('<Sublevel>1</Sublevel>', '<Sublevel>one</Sublevel>')))).toThrow(
      'Sublevel "one"',
    );
  });
});
