// The same field-by-field preview, read from what QuickBooks answers (VendorRet, CustomerRet,
// ItemServiceRet, ItemOtherChargeRet), with the labels the mappers use — so that, when QuickBooks answers
// 3200 (EditSequence out of date: someone changed the record since we last saw it, docs/qbxml.md#status-codes, docs/data-safety.md#nothing-silently-overwritten),
// diffQbRecord can put our fields and QuickBooks' fields side by side.
import { readRecord, readText, type QbRecord } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import type { PreviewField } from './mapping-types.ts';

export type QbRecordKind = 'vendor' | 'customer' | 'job' | 'item_service' | 'item_other_charge';

export function previewQbRecord(kind: QbRecordKind, record: QbRecord): PreviewField[] {
  const preview = new PreviewBuilder();
  const text = (element: string) => readText(record, element);
  const refName = (element: string) => readText(readRecord(record, element), 'FullName');
  const active = (() => {
    const value = text('IsActive');
    return value === 'true' ? 'Yes' : value === 'false' ? 'No' : undefined;
  })();
  const address = (element: string) => {
    const a = readRecord(record, element);
    if (!a) return null;
    const read = (e: string) => readText(a, e);
    const out: Record<string, string> = {};
    const pairs: Array<[string, string]> = [
      ['addr1', 'Addr1'],
      ['addr2', 'Addr2'],
      ['addr3', 'Addr3'],
      ['addr4', 'Addr4'],
      ['addr5', 'Addr5'],
      ['city', 'City'],
      ['state', 'State'],
      ['postalCode', 'PostalCode'],
      ['country', 'Country'],
    ];
    for (const [key, e] of pairs) {
      const value = read(e);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };

  switch (kind) {
    case 'vendor':
      return preview
        .add('Name', text('Name'))
        .add('Company name', text('CompanyName'))
        .address('Address', address('VendorAddress'))
        .add('Phone', text('Phone'))
        .add('Mobile', text('Mobile'))
        .add('Fax', text('Fax'))
        .add('Email', text('Email'))
        .add('Active', active)
        .build();
    case 'customer':
      return preview.add('Name', text('Name')).add('Company name', text('CompanyName')).add('Active', active).build();
    case 'job':
      return preview
        .add('Name', text('Name'))
        .add('Customer', refName('ParentRef'))
        .add('Full name', text('FullName'))
        .address('Ship to', address('ShipAddress'))
        .add('Account number', text('AccountNumber'))
        .add('Start date', text('JobStartDate'))
        .add('Projected end date', text('JobProjectedEndDate'))
        .add('Job description', text('JobDesc'))
        .add('Active', active)
        .build();
    case 'item_service':
    case 'item_other_charge':
      return preview
        .add('Name', text('Name'))
        .add('Parent', refName('ParentRef'))
        .add('Full name', text('FullName'))
        .add('Type', kind === 'item_service' ? 'Service' : 'Other Charge')
        .add('Active', active)
        .build();
  }
}
