// @connector/mapping — Procore records → qbXML requests for QuickBooks Desktop (DESIGN.md §2). Pure: inputs
// in, values out; no database, network, files, environment or clock. Rules and refusals: ../README.md.

export type {
  QbRef,
  QbListLink,
  QbItemLink,
  QbTxnLink,
  QbTxnLineLink,
  LinkLookup,
  ItemType,
  ItemNameRule,
  MappingSettings,
  MappingContext,
  Dependency,
  DependencyKind,
  PreviewField,
  Refusal,
  RefusalCode,
  MappingSuccess,
  MappingFailure,
  MappingResult,
} from './mapping-types.ts';
export type {
  VendorExport,
  ProjectExport,
  CostCodeExport,
  BudgetExport,
  CommitmentExport,
  ChangeOrderExport,
  ChangeOrderLineItem,
  InvoiceExport,
  ExportRecord,
} from './export-records.ts';
export type { BudgetRow } from './read-budget-row.ts';

export { mapVendor } from './map-vendor.ts';
export { mapCustomer, type NewCustomerInput } from './map-customer.ts';
export { mapProject } from './map-project.ts';
export { mapCostCodes, itemNameForCostCode, type CostCodeMapping, type ItemRequest } from './map-cost-codes.ts';
export { mapBudget } from './map-budget.ts';
export { mapCommitment } from './map-commitment.ts';
export { mapChangeOrder } from './map-change-order.ts';
export { mapRequisition } from './map-requisition.ts';

export { planDependencies } from './plan-dependencies.ts';
export { checkCountrySupport, type UsOnlyFeature } from './check-country-support.ts';
export { shortenName } from './shorten-name.ts';
export { splitAddress, type AddressParts, type AddressResult } from './split-address.ts';
export { normalizeVendorName, vendorNamesMatch, looksLikeDuplicate, vendorDuplicateKey } from './match-vendor-name.ts';
export { diffQbRecord, type FieldDifference } from './diff-qb-record.ts';
export { diffQbTransaction, type QbTxnKind } from './diff-qb-transaction.ts';
export { previewQbRecord, type QbRecordKind } from './preview-qb-record.ts';
export { commitmentLineKey, changeOrderLineKey, budgetLineKey } from './line-keys.ts';
export { formatCents, describeCents } from './format-cents.ts';
export { toQbDate } from './to-qb-date.ts';
