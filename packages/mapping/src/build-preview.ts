// Collects the field-by-field preview an accountant reads before approving an export (issue: "the
// QuickBooks record that will be created or changed, field by field"). Labels are QuickBooks' own
// field names so preview-qb-record.ts can read the same labels back from QuickBooks for a diff.
import type { Address } from '@connector/qbxml';
import type { PreviewField } from './mapping-types.ts';

export class PreviewBuilder {
  private readonly fields: PreviewField[] = [];

  /** Adds a field; empty values are left out (QuickBooks shows nothing for them either). */
  add(field: string, value: string | null | undefined, source?: string): this {
    if (value === null || value === undefined || value === '') return this;
    this.fields.push(source === undefined ? { field, value } : { field, value, source });
    return this;
  }

  address(prefix: string, address: Address | null | undefined, source?: string): this {
    if (!address) return this;
    return addressFields(prefix, address).reduce((b, [field, value]) => b.add(field, value, source), this);
  }

  build(): PreviewField[] {
    return [...this.fields];
  }
}

/** The labels of an AddressData aggregate: "Address line 1" … "Address country". */
export function addressFields(prefix: string, address: Address): Array<[string, string | undefined]> {
  return [
    [`${prefix} line 1`, address.addr1],
    [`${prefix} line 2`, address.addr2],
    [`${prefix} line 3`, address.addr3],
    [`${prefix} line 4`, address.addr4],
    [`${prefix} line 5`, address.addr5],
    [`${prefix} city`, address.city],
    [`${prefix} state`, address.state],
    [`${prefix} postal code`, address.postalCode],
    [`${prefix} country`, address.country],
  ];
}
