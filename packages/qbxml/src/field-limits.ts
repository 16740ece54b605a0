/**
 * Maximum lengths (in characters) that QuickBooks Desktop enforces, from the
 * `xsd:maxLength` facets in qbxml130.xsd (qbXML 13.0) and docs/qbxml.md#field-limits.
 * QuickBooks answers an over-long value with an error for the whole request,
 * so builders check these before any XML is produced.
 */
export const FIELD_LIMITS = {
  // qbxml130.xsd VendorAdd/CustomerAdd Name; ItemServiceAdd/ItemOtherChargeAdd Name.
  vendorName: 41,
  customerName: 41,
  itemName: 31,

  // Reference FullNames: ListRef group (accounts, classes, items, types),
  // CustomerListRef (Customer:Job), VendorListRef, SimpleListRef (terms, templates),
  // SalesTaxCodeListRef.
  listRefFullName: 159,
  customerRefFullName: 209,
  vendorRefFullName: 41,
  simpleRefFullName: 31,
  salesTaxCodeRefFullName: 3,

  // RefNumber: PurchaseOrderAdd/EstimateAdd/InvoiceAdd/BillPaymentCheck 11, BillAdd 20.
  purchaseOrderRefNumber: 11,
  invoiceRefNumber: 11,
  estimateRefNumber: 11,
  billPaymentCheckRefNumber: 11,
  billRefNumber: 20,

  memo: 4095,
  notes: 4095,
  lineDesc: 4095,
  jobDesc: 99,
  accountNumber: 99,

  // PersonName / CommInfo / AddressData groups.
  companyName: 41,
  salutation: 15,
  firstName: 25,
  middleName: 5,
  lastName: 25,
  jobTitle: 41,
  addressLine: 41,
  city: 31,
  state: 21,
  postalCode: 13,
  country: 31,
  addressNote: 41,
  phone: 21,
  email: 1023,
  contact: 41,

  nameOnCheck: 41,
  vendorTaxIdent: 15,
  printAs: 41,
  fob: 13,
  vendorMsg: 99,
  poNumber: 25,
  // PurchaseOrderAdd Other1 is 25; every other Other/Other1/Other2 we use is 29.
  purchaseOrderOther1: 25,
  other: 29,

  // qbxmltypes130.xsd IDTYPE; ListCoreMod/TxnCoreMod EditSequence.
  id: 36,
  editSequence: 16,
  includeRetElement: 50,

  // Message attributes: requestID ≤ 50 (status 1060 "Invalid request ID ... max 50
  // chars"); newMessageSetID/oldMessageSetID ≤ 23 (Intuit error-recovery docs).
  requestId: 50,
  messageSetId: 23,
} as const satisfies Record<string, number>;

export type FieldLimitName = keyof typeof FIELD_LIMITS;
