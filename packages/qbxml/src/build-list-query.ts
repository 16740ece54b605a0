import type { ActiveStatus, MatchCriterion, QbDateTime } from './common-types.ts';
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

const ACTIVE_STATUSES: readonly ActiveStatus[] = ['ActiveOnly', 'InactiveOnly', 'All'];
const MATCH_CRITERIA: readonly MatchCriterion[] = ['StartsWith', 'Contains', 'EndsWith'];

export const ACCOUNT_TYPES = [
  'AccountsPayable',
  'AccountsReceivable',
  'Bank',
  'CostOfGoodsSold',
  'CreditCard',
  'Equity',
  'Expense',
  'FixedAsset',
  'Income',
  'LongTermLiability',
  'NonPosting',
  'OtherAsset',
  'OtherCurrentAsset',
  'OtherCurrentLiability',
  'OtherExpense',
  'OtherIncome',
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** qbxml130.xsd ListFilter group. */
export interface ListFilter {
  maxReturned?: number;
  activeStatus?: ActiveStatus;
  /** Incremental reads (docs/qbxml.md#local-time-dates): a DATETIMETYPE with QuickBooks' offset. */
  fromModifiedDate?: QbDateTime;
  toModifiedDate?: QbDateTime;
  /** Choice with `nameRangeFilter`. */
  nameFilter?: { matchCriterion: MatchCriterion; name: string };
  nameRangeFilter?: { fromName?: string; toName?: string };
}

type NoListFilter = { [K in keyof ListFilter]?: never };

/**
 * The XSD choice at the top of every list query: ListID+ | FullName+ | ListFilter.
 * With none of them, QuickBooks returns every entry.
 */
export type ListSelection =
  | ({ listIds: string[]; fullNames?: never } & NoListFilter)
  | ({ fullNames: string[]; listIds?: never } & NoListFilter)
  | ({ listIds?: never; fullNames?: never } & ListFilter);

export type VendorQueryRequest = { type: 'VendorQuery' } & ListSelection & IteratorOptions & ReturnOptions & OwnerOptions;
export type CustomerQueryRequest = { type: 'CustomerQuery' } & ListSelection & IteratorOptions & ReturnOptions & OwnerOptions;
/** ItemQuery returns every item kind (ItemServiceRet, ItemOtherChargeRet, …). */
export type ItemQueryRequest = { type: 'ItemQuery' } & ListSelection & IteratorOptions & ReturnOptions & OwnerOptions;
export type ClassQueryRequest = { type: 'ClassQuery' } & ListSelection & ReturnOptions;
export type AccountQueryRequest = {
  type: 'AccountQuery';
  /** AccountListFilter; only with the filter branch. */ accountTypes?: AccountType[];
} & ListSelection &
  ReturnOptions &
  OwnerOptions;

export type ListQueryRequest = VendorQueryRequest | CustomerQueryRequest | ItemQueryRequest | ClassQueryRequest | AccountQueryRequest;

/**
 * qbxmlops130.xsd *ListQuery groups: choice(ListID+ | FullName+ | filter), IncludeRetElement*,
 * OwnerID* (not ClassQuery). Entity filters beyond ListFilter: AccountType* for accounts.
 */
export function writeListQuery(f: FieldWriter, spec: ListQueryRequest): void {
  const filter: ListFilter = spec;
  const accountTypes = spec.type === 'AccountQuery' ? spec.accountTypes : undefined;
  const hasFilter =
    filter.maxReturned !== undefined ||
    filter.activeStatus !== undefined ||
    filter.fromModifiedDate !== undefined ||
    filter.toModifiedDate !== undefined ||
    filter.nameFilter !== undefined ||
    filter.nameRangeFilter !== undefined ||
    accountTypes !== undefined;
  assertOneChoice({ listIds: spec.listIds !== undefined, fullNames: spec.fullNames !== undefined, filters: hasFilter }, f.field('ListID'));
  assertOneChoice({ nameFilter: filter.nameFilter !== undefined, nameRangeFilter: filter.nameRangeFilter !== undefined }, f.field('NameFilter'));

  if (spec.listIds !== undefined) writeList(f, 'ListID', spec.listIds, 'ListID');
  else if (spec.fullNames !== undefined) writeList(f, 'FullName', spec.fullNames, 'FullName');
  else if (hasFilter) {
    writeMaxReturned(f, filter.maxReturned);
    f.enumValue('ActiveStatus', filter.activeStatus, ACTIVE_STATUSES, 'Active status')
      .dateTime('FromModifiedDate', filter.fromModifiedDate, 'Modified-since date')
      .dateTime('ToModifiedDate', filter.toModifiedDate, 'Modified-until date');
    const { nameFilter, nameRangeFilter } = filter;
    if (nameFilter !== undefined) {
      f.nested('NameFilter', (n) => {
        n.enumValue('MatchCriterion', nameFilter.matchCriterion, MATCH_CRITERIA, 'Name match criterion');
        n.requiredText('Name', nameFilter.name, 'Name filter');
      });
    }
    if (nameRangeFilter !== undefined) {
      f.nested('NameRangeFilter', (n) => {
        n.text('FromName', nameRangeFilter.fromName, 'Name range start').text('ToName', nameRangeFilter.toName, 'Name range end');
      });
    }
    (accountTypes ?? []).forEach((accountType) => f.enumValue('AccountType', accountType, ACCOUNT_TYPES, 'Account type'));
  }
  writeIncludeRetElements(f, spec.includeRetElements);
  if (spec.type !== 'ClassQuery') writeOwnerIds(f, spec.ownerIds);
}
