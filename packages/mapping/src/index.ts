// @connector/mapping — Procore records → qbXML requests for QuickBooks Desktop (docs/integration-map.md). Pure: inputs
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
  LinkedField,
  LinkedChoices,
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
  OwnerInvoiceExport,
  PrimeContractExport,
  PrimeChangeOrderExport,
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
export { describeOwnerInvoice, mapOwnerInvoice, procoreOwnerInvoiceNumber } from './map-owner-invoice.ts';
export type { OwnerInvoiceContext, OwnerInvoiceRequests } from './map-owner-invoice.ts';
export { sumOwnerInvoiceLines } from './sum-owner-invoice-lines.ts';
export {
  describePrimeContract,
  mapPrimeContract,
  primeChangeOrderLineKey,
  primeContractLineKey,
  primeContractMemo,
  type PrimeContractContext,
} from './map-prime-contract.ts';
export { describePrimeChangeOrder, mapPrimeChangeOrder, primeChangeOrderLabel } from './map-prime-change-order.ts';
export type { OwnerInvoiceLine, OwnerInvoiceSums } from './sum-owner-invoice-lines.ts';

export { planDependencies } from './plan-dependencies.ts';
export { LINKED_FIELDS, compareLinkedFields, linkedValuesFromQuickBooks, joinAddress, type LinkedKind, type LinkedFieldChange } from './linked-fields.ts';
export { checkCountrySupport, type UsOnlyFeature } from './check-country-support.ts';
export { checkClosingDate } from './check-closing-date.ts';
export { checkVendorCurrency } from './check-vendor-currency.ts';
export {
  checkProcoreApproval,
  hasProcoreApproval,
  normalizeProcoreStatus,
  procoreStatusLabel,
  NOT_APPROVED_IN_PROCORE,
  type ApprovalRecordType,
  type NotApprovedInProcore,
} from './check-procore-approval.ts';
export { shortenName } from './shorten-name.ts';
export { splitAddress, type AddressParts, type AddressResult } from './split-address.ts';
export { normalizeVendorName, vendorNamesMatch, looksLikeDuplicate, vendorDuplicateKey } from './match-vendor-name.ts';
export { diffQbRecord, type FieldDifference } from './diff-qb-record.ts';
export { diffQbTransaction, type QbTxnKind } from './diff-qb-transaction.ts';
export { previewQbRecord, type QbRecordKind } from './preview-qb-record.ts';
export { commitmentLineKey, changeOrderLineKey, parseChangeOrderLineKey, budgetLineKey } from './line-keys.ts';
export { formatCents, describeCents } from './format-cents.ts';
export { toQbDate } from './to-qb-date.ts';

// import: QuickBooks back into Procore — readers, attribution, Procore payloads, reconciliation, links.
export { readCostTransaction, QB_COST_TXN_TYPES, type QbCostTxnType, type QbCostLine, type QbCostTransaction } from './import/read-cost-transaction.ts';
export { readBillPayment, type QbBillPayment } from './import/read-bill-payment.ts';
export { convertCents, describeTxnCurrency, ForeignCurrencyError, readTxnCurrency, toHomeCents, type QbTxnCurrency } from './import/read-txn-currency.ts';
export { readQbListEntry, type QbListType, type QbListEntry, type QbItemType, type QbAddress } from './import/read-qb-list-entry.ts';
export {
  attributeCostTransaction,
  describeCostTransaction,
  type AttributionContext,
  type CommitmentForPurchaseOrder,
  type AttributedLine,
  type AttributedTransaction,
  type PurchaseOrderLineRef,
  type UnattributedCode,
  type CostDestination,
  type CostCodeSource,
} from './import/attribute-cost-transaction.ts';
export { buildDirectCosts, type DirectCostContext, type DirectCostToSync } from './import/build-direct-costs.ts';
export {
  buildRequisitionFromBill,
  type RequisitionFromBill,
  type RequisitionFromBillContext,
  type RequisitionItemFromBill,
  type RequisitionProblem,
  type RequisitionProblemCode,
} from './import/build-requisition-from-bill.ts';
export { splitCents } from './import/split-cents.ts';
export { buildContractPayments, type ContractPaymentContext, type ContractPaymentToSync } from './import/build-contract-payments.ts';
export { readReceivePayment, ReceivePaymentCurrencyError, type QbReceivePayment, type QbReceivePaymentApplication } from './import/read-receive-payment.ts';
export {
  buildPrimeContractPayments,
  procorePaymentMethod,
  receivePaymentOriginId,
  receivePaymentOriginIdPrefix,
  toNewPrimeContractPayment,
  type OwnerInvoiceForQbInvoice,
  type PrimeContractPaymentContext,
  type PrimeContractPaymentPlan,
  type PrimeContractPaymentRemoval,
  type PrimeContractPaymentRemovalReason,
  type PrimeContractPaymentToSync,
  type SkippedApplication,
  type SkippedApplicationCode,
} from './import/build-prime-contract-payments.ts';
export { aggregateJobCosts, jobCostKey, jobCostLines, type JobCostLine } from './import/aggregate-job-costs.ts';
export {
  reconcileJobCosts,
  type ReconciliationInput,
  type CostCodeFigures,
  type ReconciliationCostCode,
  type ReconciliationRow,
  type ReconciliationTotals,
  type ReconciliationReport,
  type ReconciliationDifference,
  type DifferenceKind,
} from './import/reconcile-job-costs.ts';
export { renderCsv, renderCsvCell, type CsvCell } from './import/render-csv.ts';
export { reconciliationCsv, RECONCILIATION_CSV_HEADER } from './import/render-reconciliation-csv.ts';
export { classifyLinks, flagDuplicateVendors, type LinkCandidate, type QbLinkable, type LinkStatus, type LinkClassification } from './import/suggest-links.ts';
export { hashContent, fnv1a64, canonicalJson } from './import/hash-content.ts';
export { formatDollars, formatDollarDifference } from './import/format-dollars.ts';

// QuickBooks Online: the same mapping decisions rendered as QBO v3 payloads (issue 22; src/qbo/, README "QuickBooks Online").
export {
  QBO_RENDERING,
  isQboRenderable,
  renderForQbo,
  renderMappingForQbo,
  type QboMappingResult,
  type QboRenderableRequest,
  type QboRenderingKind,
} from './qbo/render-for-qbo.ts';
export {
  QboRenderError,
  toQboAmount,
  type QboCurrentRecord,
  type QboCurrentTxn,
  type QboListKind,
  type QboRefs,
  type QboRendering,
} from './qbo/qbo-rendering.ts';
export { CUSTOMER_FIELDS_DROPPED_ON_QBO, JOB_NAME_SUFFIX_ON_QBO, qboCustomerDisplayName } from './qbo/render-qbo-customer.ts';
export { QboAnswerError, readQboAnswer, type DesktopShapedAnswer } from './qbo/read-qbo-answer.ts';
export { readQboListRecord } from './qbo/read-qbo-list-record.ts';
export type {
  QboRef,
  QboAddress,
  QboVendorPayload,
  QboCustomerPayload,
  QboItemPayload,
  QboExpenseLine,
  QboSalesLine,
  QboLinkedTxn,
  QboPurchaseOrderPayload,
  QboBillPayload,
  QboInvoicePayload,
  QboEstimatePayload,
  QboPayloadMap,
  QboWriteEntity,
} from './qbo/qbo-payload-types.ts';
