// @connector/qbxml — typed qbXML 13.0 requests and responses (ARCHITECTURE.md, docs/qbxml.md). Pure: no I/O.

export type { Address, CommInfo, ListRef, PersonName, QbDate, QbDateTime, ActiveStatus, MatchCriterion, BillableStatus } from './common-types.ts';
export type { AmountInput } from './format-amount.ts';
export type { DecimalInput } from './format-decimal.ts';

export type { VendorAddRequest, VendorModRequest, VendorFields } from './build-vendor.ts';
export { JOB_STATUSES } from './build-customer.ts';
export type { CustomerAddRequest, CustomerModRequest, CustomerFields, JobStatus } from './build-customer.ts';
export type {
  ItemServiceAddRequest,
  ItemServiceModRequest,
  ItemOtherChargeAddRequest,
  ItemOtherChargeModRequest,
  SalesOrPurchase,
  SalesOrPurchaseMod,
  SalesAndPurchase,
  SalesAndPurchaseMod,
} from './build-item.ts';
export { NEW_TXN_LINE_ID } from './build-purchase-order.ts';
export type { PurchaseOrderAddRequest, PurchaseOrderModRequest, PurchaseOrderLine, PurchaseOrderLineMod } from './build-purchase-order.ts';
export type { BillAddRequest, BillExpenseLine, BillItemLine } from './build-bill.ts';
export type { EstimateAddRequest, EstimateModRequest, EstimateLine, EstimateLineAdd, EstimateLineMod } from './build-estimate.ts';
export type { InvoiceAddRequest, InvoiceModRequest, InvoiceLine, InvoiceLineMod } from './build-invoice.ts';
export { ACCOUNT_TYPES } from './build-list-query.ts';
export type {
  AccountType,
  ListFilter,
  ListSelection,
  VendorQueryRequest,
  CustomerQueryRequest,
  ItemQueryRequest,
  ClassQueryRequest,
  AccountQueryRequest,
} from './build-list-query.ts';
export { DATE_MACROS } from './build-txn-query.ts';
export type {
  DateMacro,
  PaidStatus,
  RefFilter,
  TxnFilter,
  TxnSelection,
  BillQueryRequest,
  CheckQueryRequest,
  CreditCardChargeQueryRequest,
  BillPaymentCheckQueryRequest,
  PurchaseOrderQueryRequest,
  EstimateQueryRequest,
  InvoiceQueryRequest,
  ReceivePaymentQueryRequest,
} from './build-txn-query.ts';
export type { DepositQueryRequest, DepositFilter } from './build-deposit-query.ts';
export { readDepositRet, depositedPaymentTxnIds } from './read-deposit-ret.ts';
export type { DepositRecord, DepositLine } from './read-deposit-ret.ts';
export { TXN_DEL_TYPES, LIST_DEL_TYPES } from './build-deleted-query.ts';
export type { TxnDelType, ListDelType, DeletedDateRangeFilter, TxnDeletedQueryRequest, ListDeletedQueryRequest } from './build-deleted-query.ts';
export type { HostQueryRequest, CompanyQueryRequest, PreferencesQueryRequest } from './build-company-queries.ts';
export type { IteratorOptions, ReturnOptions, OwnerOptions } from './query-options.ts';

export { ITERABLE_REQUEST_TYPES, isIterableRequestType } from './qbxml-request.ts';
export type { QbxmlRequest, QbxmlRequestType, IterableRequestType } from './qbxml-request.ts';
export { isWriteRequest } from './is-write-request.ts';
export { RESPONSE_ELEMENT_FOR, responseElementFor, answersRequestType, readSentMessage, matchResponses, describeMismatch } from './match-responses.ts';
export type { SentRequest, SentMessage, AnswerToMatch, ResponseMismatch, ResponseMatch } from './match-responses.ts';
export { assertValidRequest } from './assert-valid-request.ts';
export { buildRequestMessage, buildRecoveryStatusMessage, buildClearRecoveryMessage, DEFAULT_QBXML_VERSION } from './build-request-message.ts';
export type { RequestMessageInput, OnErrorMode } from './build-request-message.ts';

export { FIELD_LIMITS } from './field-limits.ts';
export type { FieldLimitName } from './field-limits.ts';
export { QbxmlBuildError } from './qbxml-build-error.ts';
export type { QbxmlBuildErrorCode, QbxmlBuildErrorDetails } from './qbxml-build-error.ts';
export { QbxmlParseError } from './qbxml-parse-error.ts';
export { escapeXmlText, escapeXmlAttribute, stripDisallowedChars } from './escape-xml.ts';

export { parseResponseMessage } from './parse-response-message.ts';
export type { QbxmlResponse, QbxmlResponseMessage, StatusSeverity } from './parse-response-message.ts';
export { parseResponseToMessage, settleParsedResponse, type ParsedResponse } from './parsed-response.ts';
export { readText, readTexts, readRecord, readRecords } from './qb-record.ts';
export type { QbRecord, QbValue } from './qb-record.ts';
export { readListRef, readTxnRef } from './read-record-ref.ts';
export type { ListRecordRef, TxnRecordRef } from './read-record-ref.ts';
export { classifyStatus } from './classify-status.ts';
export type { StatusClassification, StatusOutcome, StatusCategory, StatusRetry } from './classify-status.ts';
export { parseHostCompanyPreferences } from './parse-host-company-preferences.ts';
export type { HostCompanyPreferences, HostInfo, CompanyInfo, PreferencesInfo } from './parse-host-company-preferences.ts';
