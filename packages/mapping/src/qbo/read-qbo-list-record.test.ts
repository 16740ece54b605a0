import { describe, expect, it } from 'vitest';
import { readQbListEntry } from '../import/read-qb-list-entry.ts';
import { readQboListRecord } from './read-qbo-list-record.ts';

const meta = { CreateTime: '2026-12-01T09:00:00-08:00', LastUpdatedTime: '2026-12-07T10:15:30-08:00' };

/** The entry the connector keeps: what readQbListEntry reads from the re-spelled record. */
const entry = (listType: Parameters<typeof readQboListRecord>[0], qbo: object) => {
  const read = readQboListRecord(listType, qbo);
  if (!read) return null;
  return readQbListEntry(listType, read.record, read.retElement);
};

describe('readQboListRecord: a QuickBooks Online list record as the QuickBooks Desktop list entry', () => {
  it('a job (sub-customer): its own name, the full name, its parent, level, site address, SyncToken as EditSequence', () => {
    expect(
      entry('Customer', {
        Id: '61',
        SyncToken: '3',
        DisplayName: 'Hillcrest Hotel (job)',
        FullyQualifiedName: 'Hillcrest Hotel:Hillcrest Hotel (job)',
        Job: true,
        ParentRef: { value: '60' },
        Level: 1,
        Active: true,
        CompanyName: 'Hillcrest Hotel LLC',
        PrimaryEmailAddr: { Address: 'ap@hillcrest.example' },
        ShipAddr: { Line1: '12 Main St', City: 'Sacramento', CountrySubDivisionCode: 'CA', PostalCode: '95815' },
        MetaData: meta,
      }),
    ).toMatchObject({
      listType: 'Customer',
      listId: '61',
      editSequence: '3',
      name: 'Hillcrest Hotel (job)',
      fullName: 'Hillcrest Hotel:Hillcrest Hotel (job)',
      parentListId: '60',
      sublevel: 1,
      isActive: true,
      timeModified: '2026-12-07T10:15:30-08:00',
      companyName: 'Hillcrest Hotel LLC',
      contact: { email: 'ap@hillcrest.example', address: { line1: '12 Main St', city: 'Sacramento', state: 'CA', postalCode: '95815' } },
    });
  });

  it('a vendor: DisplayName, its bill address as the vendor address, inactive kept as inactive', () => {
    expect(
      entry('Vendor', {
        Id: '7',
        SyncToken: '0',
        DisplayName: "O'Brien Steel",
        Active: false,
        PrimaryPhone: { FreeFormNumber: '555-0100' },
        BillAddr: { City: 'Reno' },
        MetaData: meta,
      }),
    ).toMatchObject({
      listId: '7',
      name: "O'Brien Steel",
      fullName: "O'Brien Steel",
      isActive: false,
      contact: { phone: '555-0100', address: { city: 'Reno' } },
    });
  });

  it("accounts: Intuit's AccountType in qbXML's spelling, AcctNum as the account number", () => {
    const types: Array<[string, string]> = [
      ['Cost of Goods Sold', 'CostOfGoodsSold'],
      ['Income', 'Income'],
      ['Other Income', 'OtherIncome'],
      ['Accounts Receivable', 'AccountsReceivable'],
      ['Other Current Liability', 'OtherCurrentLiability'],
      ['Expense', 'Expense'],
    ];
    for (const [qbo, desktop] of types) {
      expect(
        entry('Account', { Id: '5', SyncToken: '1', Name: 'Job Costs', FullyQualifiedName: 'Job Costs', AccountType: qbo, AcctNum: '5100', MetaData: meta }),
      ).toMatchObject({
        accountType: desktop,
        accountNumber: '5100',
      });
    }
  });

  it('items by type; a category (a folder of items, not an item) is left out; a sub-item keeps its parent', () => {
    expect(
      entry('Item', {
        Id: '30',
        SyncToken: '0',
        Name: 'Drywall',
        FullyQualifiedName: '09 Finishes:Drywall',
        Type: 'Service',
        SubItem: true,
        ParentRef: { value: '29' },
        MetaData: meta,
      }),
    ).toMatchObject({
      itemType: 'ItemService',
      name: 'Drywall',
      fullName: '09 Finishes:Drywall',
      parentListId: '29',
      sublevel: 1,
    });
    expect(entry('Item', { Id: '31', SyncToken: '0', Name: 'Lumber', Type: 'NonInventory', MetaData: meta })).toMatchObject({ itemType: 'ItemNonInventory' });
    expect(readQboListRecord('Item', { Id: '29', SyncToken: '0', Name: '09 Finishes', Type: 'Category', MetaData: meta })).toBeNull();
  });

  it('a class', () => {
    expect(entry('Class', { Id: '4', SyncToken: '2', Name: 'Commercial', FullyQualifiedName: 'Commercial', Active: true, MetaData: meta })).toMatchObject({
      listType: 'Class',
      listId: '4',
      name: 'Commercial',
    });
  });

  it('a record without Id, SyncToken or LastUpdatedTime cannot be kept (readQbListEntry names what is missing)', () => {
    expect(() => entry('Vendor', { DisplayName: 'No Id', SyncToken: '0', MetaData: meta })).toThrow(/ListID/);
    expect(() => entry('Vendor', { Id: '9', DisplayName: 'No token', MetaData: meta })).toThrow(/EditSequence/);
    expect(() => entry('Vendor', { Id: '9', SyncToken: '0', DisplayName: 'No time' })).toThrow(/TimeModified/);
    expect(() => readQboListRecord('Vendor', 'not a record')).toThrow(TypeError);
  });
});
