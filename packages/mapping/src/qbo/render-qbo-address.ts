// qbXML AddressData (Addr1–Addr5, City, State, PostalCode, Country) → QBO PhysicalAddress (Line1–Line5, City,
// CountrySubDivisionCode, PostalCode, Country; Intuit's Vendor/Customer reference, "BillAddr"). The lines were
// already split and shortened by the domain (split-address.ts); they are re-spelled, not re-cut.
import type { Address } from '@connector/qbxml';
import { assertKnownFields } from './qbo-rendering.ts';
import type { QboAddress } from './qbo-payload-types.ts';

const KNOWN = ['addr1', 'addr2', 'addr3', 'addr4', 'addr5', 'city', 'state', 'postalCode', 'country'];

export function renderQboAddress(address: Address): QboAddress {
  assertKnownFields(address, KNOWN);
  const out: QboAddress = {};
  if (address.addr1 !== undefined) out.Line1 = address.addr1;
  if (address.addr2 !== undefined) out.Line2 = address.addr2;
  if (address.addr3 !== undefined) out.Line3 = address.addr3;
  if (address.addr4 !== undefined) out.Line4 = address.addr4;
  if (address.addr5 !== undefined) out.Line5 = address.addr5;
  if (address.city !== undefined) out.City = address.city;
  if (address.state !== undefined) out.CountrySubDivisionCode = address.state;
  if (address.postalCode !== undefined) out.PostalCode = address.postalCode;
  if (address.country !== undefined) out.Country = address.country;
  return out;
}
