import { invalidValue } from './check-text.ts';
import type { MatchCriterion, QbDate, QbDateTime } from './common-types.ts';
import type { FieldWriter } from './field-writer.ts';
import {
  assertOneChoice,
  writeIncludeRetElements,
  writeList,
  writeMaxReturned,
  writeOwnerIds,
  type IteratorOptions,
  type OwnerOptions,
  type ReturnOptions,
} from './query-options.ts';

const MATCH_CRITERIA: readonly MatchCriterion[] = ['StartsWith', 'Contains', 'EndsWith'];

// qbxml130.xsd DateMacro enumeration.
export const DATE_MACROS = [
  'All',
  'Today',
  'ThisWeek',
  'ThisWeekToDate',
  'ThisMonth',
  'ThisMonthToDate',
  'ThisCalendarQuarter',
  'ThisCalendarQuarterToDate',
  'ThisFiscalQuarter',
  'ThisFiscalQuarterToDate',
  'ThisCalendarYear',
  'ThisCalendarYearToDate',
  'ThisFiscalYear',
  'ThisFiscalYearToDate',
  'Yesterday',
  'LastWeek',
  'LastWeekToDate',
  'LastMonth',
  'LastMonthToDate',
  'LastCalendarQuarter',
  'LastCalendarQuarterToDate',
  'LastFiscalQuarter',
  'LastFiscalQuarterToDate',
  'LastCalendarYear',
  'LastCalendarYearToDate',
  'LastFiscalYear',
  'LastFiscalYearToDate',
  'NextWeek',
  'NextFourWeeks',
  'NextMonth',
  'NextCalendarQuarter',
  'NextCalendarYear',
  'NextFiscalQuarter',
  'NextFiscalYear',
] as const;
export type DateMacro = (typeof DATE_MACROS)[number];

const PAID_STATUSES = ['All', 'PaidOnly', 'NotPaidOnly'] as const;
export type PaidStatus = (typeof PAID_STATUSES)[number];

/** EntityFilter / AccountFilter: one choice of ListID+ | FullName+ | ListIDWithChildren | FullNameWithChildren. */
export type RefFilter = { listIds: string[] } | { fullNames: string[] } | { listIdWithChildren: string } | { fullNameWithChildren: string };

/** qbxml130.xsd TxnFilter group. */
export interface TxnFilter {
  maxReturned?: number;
  /** Incremental reads (docs/qbxml.md#incremental-reads). Choice with `txnDateRangeFilter`. */
  modifiedDateRangeFilter?: { fromModifiedDate?: QbDateTime; toModifiedDate?: QbDateTime };
  txnDateRangeFilter?: { fromTxnDate?: QbDate; toTxnDate?: QbDate } | { dateMacro: DateMacro };
  /** Vendor/payee (or job) the transactions belong to. */
  entityFilter?: RefFilter;
  accountFilter?: RefFilter;
  /** Choice with `refNumberRangeFilter`. */
  refNumberFilter?: { matchCriterion: MatchCriterion; refNumber: string };
  refNumberRangeFilter?: { fromRefNumber?: string; toRefNumber?: string };
}

type NoTxnFilter = { [K in keyof TxnFilter]?: never };

/** The XSD choice at the top of a transaction query: TxnID+ | RefNumber+ | TxnFilter. */
export type TxnSelection =
  | ({ txnIds: string[]; refNumbers?: never } & NoTxnFilter)
  | ({ refNumbers: string[]; txnIds?: never } & NoTxnFilter)
  | ({ txnIds?: never; refNumbers?: never } & TxnFilter);

interface LineOptions {
  includeLineItems?: boolean;
}
interface LinkedTxnOptions {
  includeLinkedTxns?: boolean;
}

type TxnQueryCommon = IteratorOptions & ReturnOptions & OwnerOptions & LineOptions;

export type BillQueryRequest = { type: 'BillQuery'; /** BillFilter; only with the filter branch. */ paidStatus?: PaidStatus } & TxnSelection &
  TxnQueryCommon &
  LinkedTxnOptions;
export type CheckQueryRequest = { type: 'CheckQuery' } & TxnSelection & TxnQueryCommon & LinkedTxnOptions;
// qbxmlops130.xsd: CreditCardChargeQuery and BillPaymentCheckQuery use the plain TxnQuery
// group, which has no IncludeLinkedTxns.
export type CreditCardChargeQueryRequest = { type: 'CreditCardChargeQuery' } & TxnSelection & TxnQueryCommon;
export type BillPaymentCheckQueryRequest = { type: 'BillPaymentCheckQuery' } & TxnSelection & TxnQueryCommon;

// qbxml130.xsd PurchaseOrderQuery / EstimateQuery: the same TxnFilter choice, with IncludeLinkedTxns.
// Used to read back a transaction QuickBooks says changed (3200) before a person resolves it.
export type PurchaseOrderQueryRequest = { type: 'PurchaseOrderQuery' } & TxnSelection & TxnQueryCommon & LinkedTxnOptions;
export type EstimateQueryRequest = { type: 'EstimateQuery' } & TxnSelection & TxnQueryCommon & LinkedTxnOptions;

// Owner side (issue 21). qbxml130.xsd InvoiceQuery: TxnFilter inside InvoiceFilter with PaidStatus (as BillFilter),
// IncludeLinkedTxns (the payments applied to it). ReceivePaymentQuery uses the plain TxnQuery group: no
// IncludeLinkedTxns; each ReceivePaymentRet lists the invoices it pays as AppliedToTxnRet.
export type InvoiceQueryRequest = { type: 'InvoiceQuery'; /** InvoiceFilter; only with the filter branch. */ paidStatus?: PaidStatus } & TxnSelection &
  TxnQueryCommon &
  LinkedTxnOptions;
export type ReceivePaymentQueryRequest = { type: 'ReceivePaymentQuery' } & TxnSelection & TxnQueryCommon;

export type TxnQueryRequest =
  | BillQueryRequest
  | CheckQueryRequest
  | CreditCardChargeQueryRequest
  | BillPaymentCheckQueryRequest
  | PurchaseOrderQueryRequest
  | EstimateQueryRequest
  | InvoiceQueryRequest
  | ReceivePaymentQueryRequest;

/**
 * qbxmlops130.xsd BillQuery / TxnQueryWithLinkedTxnsFilter / TxnQuery groups:
 * choice(TxnID+ | RefNumber+ | RefNumberCaseSensitive+ | filter), IncludeLineItems,
 * IncludeLinkedTxns (Bill, Check), IncludeRetElement*, OwnerID*.
 */
export function writeTxnQuery(f: FieldWriter, spec: TxnQueryRequest): void {
  const filter: TxnFilter = spec;
  const paidStatus = spec.type === 'BillQuery' || spec.type === 'InvoiceQuery' ? spec.paidStatus : undefined;
  const hasFilter =
    filter.maxReturned !== undefined ||
    filter.modifiedDateRangeFilter !== undefined ||
    filter.txnDateRangeFilter !== undefined ||
    filter.entityFilter !== undefined ||
    filter.accountFilter !== undefined ||
    filter.refNumberFilter !== undefined ||
    filter.refNumberRangeFilter !== undefined ||
    paidStatus !== undefined;
  assertOneChoice({ txnIds: spec.txnIds !== undefined, refNumbers: spec.refNumbers !== undefined, filters: hasFilter }, f.field('TxnID'));
  assertOneChoice(
    { modifiedDateRangeFilter: filter.modifiedDateRangeFilter !== undefined, txnDateRangeFilter: filter.txnDateRangeFilter !== undefined },
    f.field('ModifiedDateRangeFilter'),
  );
  assertOneChoice(
    { refNumberFilter: filter.refNumberFilter !== undefined, refNumberRangeFilter: filter.refNumberRangeFilter !== undefined },
    f.field('RefNumberFilter'),
  );

  if (spec.txnIds !== undefined) writeList(f, 'TxnID', spec.txnIds, 'TxnID');
  else if (spec.refNumbers !== undefined) writeList(f, 'RefNumber', spec.refNumbers, 'RefNumber');
  else if (hasFilter) {
    writeMaxReturned(f, filter.maxReturned);
    const { modifiedDateRangeFilter, txnDateRangeFilter, refNumberFilter, refNumberRangeFilter } = filter;
    if (modifiedDateRangeFilter !== undefined) {
      f.nested('ModifiedDateRangeFilter', (d) => {
        d.dateTime('FromModifiedDate', modifiedDateRangeFilter.fromModifiedDate, 'Modified-since date').dateTime(
          'ToModifiedDate',
          modifiedDateRangeFilter.toModifiedDate,
          'Modified-until date',
        );
      });
    }
    if (txnDateRangeFilter !== undefined) {
      f.nested('TxnDateRangeFilter', (d) => {
        if ('dateMacro' in txnDateRangeFilter) {
          d.enumValue('DateMacro', txnDateRangeFilter.dateMacro, DATE_MACROS, 'Date macro');
        } else {
          d.date('FromTxnDate', txnDateRangeFilter.fromTxnDate, 'Transaction date from').date('ToTxnDate', txnDateRangeFilter.toTxnDate, 'Transaction date to');
        }
      });
    }
    writeRefFilter(f, 'EntityFilter', filter.entityFilter);
    writeRefFilter(f, 'AccountFilter', filter.accountFilter);
    if (refNumberFilter !== undefined) {
      f.nested('RefNumberFilter', (r) => {
        r.enumValue('MatchCriterion', refNumberFilter.matchCriterion, MATCH_CRITERIA, 'RefNumber match criterion');
        r.requiredText('RefNumber', refNumberFilter.refNumber, 'RefNumber filter');
      });
    }
    if (refNumberRangeFilter !== undefined) {
      f.nested('RefNumberRangeFilter', (r) => {
        r.text('FromRefNumber', refNumberRangeFilter.fromRefNumber, 'RefNumber range start').text(
          'ToRefNumber',
          refNumberRangeFilter.toRefNumber,
          'RefNumber range end',
        );
      });
    }
    f.enumValue('PaidStatus', paidStatus, PAID_STATUSES, 'Paid status');
  }
  f.bool('IncludeLineItems', spec.includeLineItems, 'Include line items');
  if (
    spec.type === 'BillQuery' ||
    spec.type === 'CheckQuery' ||
    spec.type === 'PurchaseOrderQuery' ||
    spec.type === 'EstimateQuery' ||
    spec.type === 'InvoiceQuery'
  ) {
    f.bool('IncludeLinkedTxns', spec.includeLinkedTxns, 'Include linked transactions');
  } else if ((spec as { includeLinkedTxns?: unknown }).includeLinkedTxns !== undefined) {
    throw invalidValue(`${spec.type} does not support includeLinkedTxns (qbXML 13.0).`, f.field('IncludeLinkedTxns'));
  }
  writeIncludeRetElements(f, spec.includeRetElements);
  writeOwnerIds(f, spec.ownerIds);
}

export function writeRefFilter(f: FieldWriter, element: string, filter: RefFilter | undefined): void {
  if (filter === undefined) return;
  const branches = {
    listIds: 'listIds' in filter,
    fullNames: 'fullNames' in filter,
    listIdWithChildren: 'listIdWithChildren' in filter,
    fullNameWithChildren: 'fullNameWithChildren' in filter,
  };
  assertOneChoice(branches, f.field(element));
  f.nested(element, (e) => {
    if ('listIds' in filter) writeList(e, 'ListID', filter.listIds, `${element} ListID`);
    else if ('fullNames' in filter) writeList(e, 'FullName', filter.fullNames, `${element} FullName`);
    else if ('listIdWithChildren' in filter) e.id('ListIDWithChildren', filter.listIdWithChildren, `${element} ListID`);
    else if ('fullNameWithChildren' in filter) e.requiredText('FullNameWithChildren', filter.fullNameWithChildren, `${element} full name`);
    else throw invalidValue(`${element} needs listIds, fullNames, listIdWithChildren or fullNameWithChildren.`, e.path);
  });
}
