import { DATE_MACROS, writeRefFilter, type RefFilter, type TxnFilter } from './build-txn-query.ts';
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

/**
 * qbxml130.xsd DepositFilter: MaxReturned, ModifiedDateRangeFilter | TxnDateRangeFilter, EntityFilter, AccountFilter,
 * CurrencyFilter. CurrencyFilter is not offered: the connector reads deposits in every currency. There is no
 * RefNumber filter: a deposit has no RefNumber in qbXML 13.0.
 */
export type DepositFilter = Pick<TxnFilter, 'maxReturned' | 'modifiedDateRangeFilter' | 'txnDateRangeFilter'> & {
  /** Matches the customers (or other payers) on the deposit's lines. */
  entityFilter?: RefFilter;
  /** Matches the bank account deposited to and the accounts the lines come from (Undeposited Funds). */
  accountFilter?: RefFilter;
};

type NoDepositFilter = { [K in keyof DepositFilter]?: never };

/**
 * DepositQueryRq (qbxml130.xsd group DepositQuery): choice(TxnID+ | DepositFilter), IncludeLineItems,
 * IncludeRetElement*, OwnerID*. The Rq accepts iterator/iteratorID (qbxmlops130.xsd DepositQueryRqType).
 * IncludeLineItems is what brings the DepositLineRet that name the payments received deposited (issue 21).
 */
export type DepositQueryRequest = { type: 'DepositQuery'; includeLineItems?: boolean } & (
  ({ txnIds: string[] } & NoDepositFilter) | ({ txnIds?: never } & DepositFilter)
) &
  IteratorOptions &
  ReturnOptions &
  OwnerOptions;

export function writeDepositQuery(f: FieldWriter, spec: DepositQueryRequest): void {
  const { maxReturned, modifiedDateRangeFilter, txnDateRangeFilter, entityFilter, accountFilter } = spec;
  const hasFilter =
    maxReturned !== undefined ||
    modifiedDateRangeFilter !== undefined ||
    txnDateRangeFilter !== undefined ||
    entityFilter !== undefined ||
    accountFilter !== undefined;
  assertOneChoice({ txnIds: spec.txnIds !== undefined, filters: hasFilter }, f.field('TxnID'));
  assertOneChoice(
    { modifiedDateRangeFilter: modifiedDateRangeFilter !== undefined, txnDateRangeFilter: txnDateRangeFilter !== undefined },
    f.field('ModifiedDateRangeFilter'),
  );

  if (spec.txnIds !== undefined) writeList(f, 'TxnID', spec.txnIds, 'TxnID');
  else if (hasFilter) {
    writeMaxReturned(f, maxReturned);
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
        if ('dateMacro' in txnDateRangeFilter) d.enumValue('DateMacro', txnDateRangeFilter.dateMacro, DATE_MACROS, 'Date macro');
        else d.date('FromTxnDate', txnDateRangeFilter.fromTxnDate, 'Deposit date from').date('ToTxnDate', txnDateRangeFilter.toTxnDate, 'Deposit date to');
      });
    }
    writeRefFilter(f, 'EntityFilter', entityFilter);
    writeRefFilter(f, 'AccountFilter', accountFilter);
  }
  f.bool('IncludeLineItems', spec.includeLineItems, 'Include line items');
  writeIncludeRetElements(f, spec.includeRetElements);
  writeOwnerIds(f, spec.ownerIds);
}
