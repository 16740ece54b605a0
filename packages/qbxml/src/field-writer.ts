import { checkGuid } from './check-guid.ts';
import { checkName, checkRequiredText, checkText, invalidValue, requireValue } from './check-text.ts';
import type { Address, CommInfo, ListRef, PersonName } from './common-types.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import { formatAmount, type AmountInput } from './format-amount.ts';
import { formatDate, formatDateTime } from './format-date.ts';
import { formatDecimal, type DecimalInput } from './format-decimal.ts';
import type { XmlWriter } from './xml-writer.ts';

/**
 * Writes the elements of one qbXML aggregate, checking each value on the way
 * (limits, formats, required fields). Callers write elements in the exact order
 * of the XSD sequence; optional values that are undefined are omitted.
 * `path` names the aggregate in error messages, e.g. `PurchaseOrderAdd.PurchaseOrderLineAdd[2]`.
 */
export class FieldWriter {
  readonly xml: XmlWriter;
  readonly path: string;

  constructor(xml: XmlWriter, path: string) {
    this.xml = xml;
    this.path = path;
  }

  field(element: string): string {
    return `${this.path}.${element}`;
  }

  text(element: string, value: string | undefined, label: string, limit?: number): this {
    if (value !== undefined) this.xml.leaf(element, checkText(value, this.field(element), label, limit));
    return this;
  }

  requiredText(element: string, value: string | undefined, label: string, limit?: number): this {
    this.xml.leaf(element, checkRequiredText(value, this.field(element), label, limit));
    return this;
  }

  /** A list-entry name: required, limited, and without ":" (see check-text.ts). */
  name(element: string, value: string | undefined, label: string, limit: number): this {
    this.xml.leaf(element, checkName(value, this.field(element), label, limit));
    return this;
  }

  optionalName(element: string, value: string | undefined, label: string, limit: number): this {
    if (value !== undefined) this.name(element, value, label, limit);
    return this;
  }

  bool(element: string, value: boolean | undefined, label: string): this {
    if (value === undefined) return this;
    if (typeof value !== 'boolean') throw invalidValue(`${label} must be true or false.`, this.field(element), value);
    this.xml.leaf(element, value ? 'true' : 'false');
    return this;
  }

  amount(element: string, value: AmountInput | undefined, label: string): this {
    if (value !== undefined) this.xml.leaf(element, formatAmount(value, this.field(element), label));
    return this;
  }

  /** QUANTYPE / PRICETYPE / PERCENTTYPE. */
  decimal(element: string, value: DecimalInput | undefined, label: string): this {
    if (value !== undefined) this.xml.leaf(element, formatDecimal(value, this.field(element), label));
    return this;
  }

  date(element: string, value: string | undefined, label: string): this {
    if (value !== undefined) this.xml.leaf(element, formatDate(value, this.field(element), label));
    return this;
  }

  dateTime(element: string, value: string | undefined, label: string): this {
    if (value !== undefined) this.xml.leaf(element, formatDateTime(value, this.field(element), label));
    return this;
  }

  guid(element: string, value: string | undefined, label: string): this {
    if (value !== undefined) this.xml.leaf(element, checkGuid(value, this.field(element), label));
    return this;
  }

  /** IDTYPE values (ListID, TxnID, TxnLineID): non-blank, at most 36 characters. */
  id(element: string, value: string | undefined, label: string): this {
    this.xml.leaf(element, checkRequiredText(value, this.field(element), label, FIELD_LIMITS.id));
    return this;
  }

  optionalId(element: string, value: string | undefined, label: string): this {
    if (value !== undefined) this.id(element, value, label);
    return this;
  }

  editSequence(value: string | undefined, label: string): this {
    this.xml.leaf('EditSequence', checkRequiredText(value, this.field('EditSequence'), label, FIELD_LIMITS.editSequence));
    return this;
  }

  enumValue<T extends string>(element: string, value: T | undefined, allowed: readonly T[], label: string): this {
    if (value === undefined) return this;
    if (!allowed.includes(value)) {
      throw invalidValue(`${label} "${String(value)}" is not one of: ${allowed.join(', ')}.`, this.field(element), value);
    }
    this.xml.leaf(element, value);
    return this;
  }

  /** A `*Ref` aggregate holding exactly one of ListID or FullName (ListRef groups, qbxml130.xsd). */
  ref(element: string, ref: ListRef | undefined, label: string, fullNameLimit?: number): this {
    if (ref === undefined) return this;
    const hasId = ref.listId !== undefined;
    const hasName = ref.fullName !== undefined;
    if (hasId === hasName) {
      throw invalidValue(`${label} must give either a ListID or a full name, not ${hasId ? 'both' : 'neither'}.`, this.field(element));
    }
    this.xml.open(element);
    if (hasId) {
      this.xml.leaf('ListID', checkRequiredText(ref.listId, this.field(`${element}.ListID`), `${label} ListID`, FIELD_LIMITS.id));
    } else {
      this.xml.leaf('FullName', checkRequiredText(ref.fullName, this.field(`${element}.FullName`), `${label} full name`, fullNameLimit));
    }
    this.xml.close(element);
    return this;
  }

  requiredRef(element: string, ref: ListRef | undefined, label: string, fullNameLimit?: number): this {
    return this.ref(element, requireValue(ref, this.field(element), label), label, fullNameLimit);
  }

  /** Opens `element`, lets `write` fill it through a nested FieldWriter, closes it. */
  nested(element: string, write: (fields: FieldWriter) => void, pathSegment: string = element): this {
    this.xml.open(element);
    write(new FieldWriter(this.xml, `${this.path}.${pathSegment}`));
    this.xml.close(element);
    return this;
  }

  /** qbxml130.xsd AddressData group. */
  address(element: string, address: Address | undefined, label: string): this {
    if (address === undefined) return this;
    return this.nested(element, (a) => {
      a.text('Addr1', address.addr1, `${label} line 1`, FIELD_LIMITS.addressLine)
        .text('Addr2', address.addr2, `${label} line 2`, FIELD_LIMITS.addressLine)
        .text('Addr3', address.addr3, `${label} line 3`, FIELD_LIMITS.addressLine)
        .text('Addr4', address.addr4, `${label} line 4`, FIELD_LIMITS.addressLine)
        .text('Addr5', address.addr5, `${label} line 5`, FIELD_LIMITS.addressLine)
        .text('City', address.city, `${label} city`, FIELD_LIMITS.city)
        .text('State', address.state, `${label} state`, FIELD_LIMITS.state)
        .text('PostalCode', address.postalCode, `${label} postal code`, FIELD_LIMITS.postalCode)
        .text('Country', address.country, `${label} country`, FIELD_LIMITS.country)
        .text('Note', address.note, `${label} note`, FIELD_LIMITS.addressNote);
    });
  }

  /** qbxml130.xsd PersonName group followed by JobTitle (same in Vendor and Customer aggregates). */
  personName(person: PersonName, label: string): this {
    return this.text('Salutation', person.salutation, `${label} salutation`, FIELD_LIMITS.salutation)
      .text('FirstName', person.firstName, `${label} first name`, FIELD_LIMITS.firstName)
      .text('MiddleName', person.middleName, `${label} middle name`, FIELD_LIMITS.middleName)
      .text('LastName', person.lastName, `${label} last name`, FIELD_LIMITS.lastName)
      .text('JobTitle', person.jobTitle, `${label} job title`, FIELD_LIMITS.jobTitle);
  }

  /** qbxml130.xsd CommInfo group. */
  commInfo(info: CommInfo, label: string): this {
    return this.text('Phone', info.phone, `${label} phone`, FIELD_LIMITS.phone)
      .text('Mobile', info.mobile, `${label} mobile`, FIELD_LIMITS.phone)
      .text('Pager', info.pager, `${label} pager`, FIELD_LIMITS.phone)
      .text('AltPhone', info.altPhone, `${label} alternate phone`, FIELD_LIMITS.phone)
      .text('Fax', info.fax, `${label} fax`, FIELD_LIMITS.phone)
      .text('Email', info.email, `${label} email`, FIELD_LIMITS.email)
      .text('Cc', info.cc, `${label} cc email`, FIELD_LIMITS.email)
      .text('Contact', info.contact, `${label} contact`, FIELD_LIMITS.contact)
      .text('AltContact', info.altContact, `${label} alternate contact`, FIELD_LIMITS.contact);
  }
}
