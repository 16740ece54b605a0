import { describe, expect, it } from 'vitest';
import { addressFields, PreviewBuilder } from './build-preview.ts';

describe('PreviewBuilder', () => {
  it('keeps fields in order, with their source, leaving empty values out', () => {
    const preview = new PreviewBuilder().add('Name', 'ABC', 'name').add('Fax', undefined).add('Phone', '').add('Notes', null).add('Active', 'No').build();
    expect(preview).toEqual([
      { field: 'Name', value: 'ABC', source: 'name' },
      { field: 'Active', value: 'No' },
    ]);
  });

  it('writes an address as one field per QuickBooks address element', () => {
    const preview = new PreviewBuilder()
      .address('Ship to', { addr1: '1 Main St', city: 'Austin', postalCode: '78701' }, 'address')
      .address('Bill to', null)
      .build();
    expect(preview).toEqual([
      { field: 'Ship to line 1', value: '1 Main St', source: 'address' },
      { field: 'Ship to city', value: 'Austin', source: 'address' },
      { field: 'Ship to postal code', value: '78701', source: 'address' },
    ]);
    expect(addressFields('Address', {}).map(([f]) => f)).toEqual([
      'Address line 1',
      'Address line 2',
      'Address line 3',
      'Address line 4',
      'Address line 5',
      'Address city',
      'Address state',
      'Address postal code',
      'Address country',
    ]);
  });

  it('build returns a copy', () => {
    const builder = new PreviewBuilder().add('A', '1');
    const first = builder.build();
    builder.add('B', '2');
    expect(first).toHaveLength(1);
  });
});
