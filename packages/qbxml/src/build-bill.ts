import { QbxmlBuildError } from './qbxml-build-error.ts';
import type { AmountInput, BillableStatus, DecimalInput, ListRef, QbDate } from './common-types.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { FieldWriter } from './field-writer.ts';

const BILLABLE_STATUSES: readonly BillableStatus[] = ['Billable', 'NotBillable', 'HasBeenBilled'];

/** A cost posted straight to an account (no item). */
export interface BillExpenseLine {
  accountRef?: ListRef;
  amount?: AmountInput;
  memo?: string;
  customerRef?: ListRef;
  classRef?: ListRef;
  billableStatus?: BillableStatus;
}

/** A cost-code line; negative amounts carry retainage (Invoice Retainage Item, docs/integration-map.md#subcontractor-invoices-and-bills). */
export interface BillItemLine {
  itemRef?: ListRef;
  desc?: string;
  quantity?: DecimalInput;
  cost?: DecimalInput;
  amount?: AmountInput;
  customerRef?: ListRef;
  classRef?: ListRef;
  billableStatus?: BillableStatus;
  overrideItemAccountRef?: ListRef;
  /** Receive against one purchase-order line. */
  linkToTxn?: { txnId: string; txnLineId: string };
}

export interface BillAddRequest {
  type: 'BillAdd';
  vendorRef: ListRef;
  apAccountRef?: ListRef;
  txnDate?: QbDate;
  dueDate?: QbDate;
  refNumber?: string;
  termsRef?: ListRef;
  memo?: string;
  externalGuid?: string;
  /** Purchase orders this bill receives against (LinkToTxnID). */
  linkToTxnIds?: string[];
  expenseLines?: BillExpenseLine[];
  itemLines?: BillItemLine[];
}

/** qbxml130.xsd BillAdd sequence: header, LinkToTxnID*, ExpenseLineAdd*, ItemLineAdd*. */
export function writeBillAdd(f: FieldWriter, spec: BillAddRequest): void {
  const expenseLines = spec.expenseLines ?? [];
  const itemLines = spec.itemLines ?? [];
  const links = spec.linkToTxnIds ?? [];
  if (expenseLines.length === 0 && itemLines.length === 0 && links.length === 0) {
    throw new QbxmlBuildError('A bill needs at least one expense line, item line or linked purchase order.', {
      code: 'REQUIRED_FIELD_MISSING',
      field: f.field('ItemLineAdd'),
    });
  }
  f.requiredRef('VendorRef', spec.vendorRef, 'Bill vendor', FIELD_LIMITS.vendorRefFullName)
    .ref('APAccountRef', spec.apAccountRef, 'Bill accounts-payable account', FIELD_LIMITS.listRefFullName)
    .date('TxnDate', spec.txnDate, 'Bill date')
    .date('DueDate', spec.dueDate, 'Bill due date')
    .text('RefNumber', spec.refNumber, 'Bill reference number', FIELD_LIMITS.billRefNumber)
    .ref('TermsRef', spec.termsRef, 'Bill terms', FIELD_LIMITS.simpleRefFullName)
    .text('Memo', spec.memo, 'Bill memo', FIELD_LIMITS.memo)
    .guid('ExternalGUID', spec.externalGuid, 'Bill external GUID');
  links.forEach((txnId, index) => f.id('LinkToTxnID', txnId, `Bill linked transaction ${index + 1} TxnID`));
  expenseLines.forEach((line, index) => {
    const label = `Bill expense line ${index + 1}`;
    f.nested(
      'ExpenseLineAdd',
      (l) => {
        l.ref('AccountRef', line.accountRef, `${label} account`, FIELD_LIMITS.listRefFullName)
          .amount('Amount', line.amount, `${label} amount`)
          .text('Memo', line.memo, `${label} memo`, FIELD_LIMITS.memo)
          .ref('CustomerRef', line.customerRef, `${label} job`, FIELD_LIMITS.customerRefFullName)
          .ref('ClassRef', line.classRef, `${label} class`, FIELD_LIMITS.listRefFullName)
          .enumValue('BillableStatus', line.billableStatus, BILLABLE_STATUSES, `${label} billable status`);
      },
      `ExpenseLineAdd[${index}]`,
    );
  });
  itemLines.forEach((line, index) => {
    const label = `Bill item line ${index + 1}`;
    f.nested(
      'ItemLineAdd',
      (l) => {
        l.ref('ItemRef', line.itemRef, `${label} item`, FIELD_LIMITS.listRefFullName)
          .text('Desc', line.desc, `${label} description`, FIELD_LIMITS.lineDesc)
          .decimal('Quantity', line.quantity, `${label} quantity`)
          .decimal('Cost', line.cost, `${label} cost`)
          .amount('Amount', line.amount, `${label} amount`)
          .ref('CustomerRef', line.customerRef, `${label} job`, FIELD_LIMITS.customerRefFullName)
          .ref('ClassRef', line.classRef, `${label} class`, FIELD_LIMITS.listRefFullName)
          .enumValue('BillableStatus', line.billableStatus, BILLABLE_STATUSES, `${label} billable status`)
          .ref('OverrideItemAccountRef', line.overrideItemAccountRef, `${label} account override`, FIELD_LIMITS.listRefFullName);
        if (line.linkToTxn !== undefined) {
          const link = line.linkToTxn;
          l.nested('LinkToTxn', (k) => {
            k.id('TxnID', link.txnId, `${label} linked purchase order TxnID`).id('TxnLineID', link.txnLineId, `${label} linked purchase order TxnLineID`);
          });
        }
      },
      `ItemLineAdd[${index}]`,
    );
  });
}
