import { QbxmlBuildError } from './qbxml-build-error.ts';
import type { Address, AmountInput, DecimalInput, ListRef, QbDate } from './common-types.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { FieldWriter } from './field-writer.ts';
import { requireValue } from './check-text.ts';

/** qbXML's TxnLineID for a line added by a *Mod request. */
export const NEW_TXN_LINE_ID = '-1';

/** A commitment line: cost code item, job (CustomerRef) and amount (docs/integration-map.md#commitments-and-purchase-orders). */
export interface PurchaseOrderLine {
  itemRef?: ListRef;
  desc?: string;
  quantity?: DecimalInput;
  rate?: DecimalInput;
  classRef?: ListRef;
  amount?: AmountInput;
  /** The job (Customer:Job) the cost belongs to. */
  customerRef?: ListRef;
  serviceDate?: QbDate;
  overrideItemAccountRef?: ListRef;
  other1?: string;
  other2?: string;
}

/**
 * A line of a PurchaseOrderMod. Existing lines carry their TxnLineID; new lines
 * (change-order additions) carry {@link NEW_TXN_LINE_ID}. QuickBooks deletes
 * existing lines that a Mod with lines leaves out, so send every line to keep.
 */
export interface PurchaseOrderLineMod extends PurchaseOrderLine {
  txnLineId: string;
  isManuallyClosed?: boolean;
}

interface PurchaseOrderFields {
  vendorRef?: ListRef;
  classRef?: ListRef;
  shipToEntityRef?: ListRef;
  templateRef?: ListRef;
  txnDate?: QbDate;
  refNumber?: string;
  vendorAddress?: Address;
  shipAddress?: Address;
  termsRef?: ListRef;
  dueDate?: QbDate;
  expectedDate?: QbDate;
  fob?: string;
  memo?: string;
  vendorMsg?: string;
  isToBePrinted?: boolean;
  isToBeEmailed?: boolean;
  other1?: string;
  other2?: string;
}

export interface PurchaseOrderAddRequest extends PurchaseOrderFields {
  type: 'PurchaseOrderAdd';
  vendorRef: ListRef;
  externalGuid?: string;
  /** At least one line (qbxml130.xsd: PurchaseOrderLineAdd minOccurs 1). */
  lines: PurchaseOrderLine[];
}

export interface PurchaseOrderModRequest extends PurchaseOrderFields {
  type: 'PurchaseOrderMod';
  txnId: string;
  editSequence: string;
  isManuallyClosed?: boolean;
  lines?: PurchaseOrderLineMod[];
}

/** qbxml130.xsd PurchaseOrderAdd sequence. */
export function writePurchaseOrderAdd(f: FieldWriter, spec: PurchaseOrderAddRequest): void {
  f.requiredRef('VendorRef', spec.vendorRef, 'Purchase order vendor', FIELD_LIMITS.vendorRefFullName);
  writeHeader(f, spec, undefined);
  f.guid('ExternalGUID', spec.externalGuid, 'Purchase order external GUID');
  const lines = requireValue(spec.lines, f.field('PurchaseOrderLineAdd'), 'Purchase order lines');
  if (lines.length === 0) {
    throw new QbxmlBuildError('A purchase order needs at least one line.', {
      code: 'REQUIRED_FIELD_MISSING',
      field: f.field('PurchaseOrderLineAdd'),
    });
  }
  lines.forEach((line, index) => {
    f.nested('PurchaseOrderLineAdd', (l) => writeLine(l, line, index, undefined), `PurchaseOrderLineAdd[${index}]`);
  });
}

/** qbxml130.xsd PurchaseOrderMod sequence (TxnID, EditSequence, header, IsManuallyClosed after FOB, lines). */
export function writePurchaseOrderMod(f: FieldWriter, spec: PurchaseOrderModRequest): void {
  f.id('TxnID', spec.txnId, 'Purchase order TxnID').editSequence(spec.editSequence, 'Purchase order EditSequence');
  f.ref('VendorRef', spec.vendorRef, 'Purchase order vendor', FIELD_LIMITS.vendorRefFullName);
  writeHeader(f, spec, spec.isManuallyClosed);
  (spec.lines ?? []).forEach((line, index) => {
    f.nested(
      'PurchaseOrderLineMod',
      (l) => {
        l.id('TxnLineID', line.txnLineId, `Purchase order line ${index + 1} TxnLineID (use "${NEW_TXN_LINE_ID}" for a new line)`);
        writeLine(l, line, index, line);
      },
      `PurchaseOrderLineMod[${index}]`,
    );
  });
}

function writeHeader(f: FieldWriter, spec: PurchaseOrderFields, isManuallyClosed: boolean | undefined): void {
  f.ref('ClassRef', spec.classRef, 'Purchase order class', FIELD_LIMITS.listRefFullName)
    .ref('ShipToEntityRef', spec.shipToEntityRef, 'Purchase order ship-to', FIELD_LIMITS.customerRefFullName)
    .ref('TemplateRef', spec.templateRef, 'Purchase order template', FIELD_LIMITS.simpleRefFullName)
    .date('TxnDate', spec.txnDate, 'Purchase order date')
    .text('RefNumber', spec.refNumber, 'Purchase order number', FIELD_LIMITS.purchaseOrderRefNumber)
    .address('VendorAddress', spec.vendorAddress, 'Purchase order vendor address')
    .address('ShipAddress', spec.shipAddress, 'Purchase order ship-to address')
    .ref('TermsRef', spec.termsRef, 'Purchase order terms', FIELD_LIMITS.simpleRefFullName)
    .date('DueDate', spec.dueDate, 'Purchase order due date')
    .date('ExpectedDate', spec.expectedDate, 'Purchase order expected date')
    .text('FOB', spec.fob, 'Purchase order FOB', FIELD_LIMITS.fob)
    .bool('IsManuallyClosed', isManuallyClosed, 'Purchase order closed flag')
    .text('Memo', spec.memo, 'Purchase order memo', FIELD_LIMITS.memo)
    .text('VendorMsg', spec.vendorMsg, 'Purchase order vendor message', FIELD_LIMITS.vendorMsg)
    .bool('IsToBePrinted', spec.isToBePrinted, 'Purchase order to-be-printed flag')
    .bool('IsToBeEmailed', spec.isToBeEmailed, 'Purchase order to-be-emailed flag')
    .text('Other1', spec.other1, 'Purchase order Other1', FIELD_LIMITS.purchaseOrderOther1)
    .text('Other2', spec.other2, 'Purchase order Other2', FIELD_LIMITS.other);
}

/** PurchaseOrderLineAdd / PurchaseOrderLineMod body after TxnLineID (same order for our fields). */
function writeLine(l: FieldWriter, line: PurchaseOrderLine, index: number, mod: PurchaseOrderLineMod | undefined): void {
  const label = `Purchase order line ${index + 1}`;
  l.ref('ItemRef', line.itemRef, `${label} item`, FIELD_LIMITS.listRefFullName)
    .text('Desc', line.desc, `${label} description`, FIELD_LIMITS.lineDesc)
    .decimal('Quantity', line.quantity, `${label} quantity`)
    .decimal('Rate', line.rate, `${label} rate`)
    .ref('ClassRef', line.classRef, `${label} class`, FIELD_LIMITS.listRefFullName)
    .amount('Amount', line.amount, `${label} amount`)
    .ref('CustomerRef', line.customerRef, `${label} job`, FIELD_LIMITS.customerRefFullName)
    .date('ServiceDate', line.serviceDate, `${label} service date`)
    .bool('IsManuallyClosed', mod?.isManuallyClosed, `${label} closed flag`)
    .ref('OverrideItemAccountRef', line.overrideItemAccountRef, `${label} account override`, FIELD_LIMITS.listRefFullName)
    .text('Other1', line.other1, `${label} Other1`, FIELD_LIMITS.other)
    .text('Other2', line.other2, `${label} Other2`, FIELD_LIMITS.other);
}
