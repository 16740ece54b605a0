// Owner invoices (Procore payment applications) → QuickBooks invoices (accounts receivable), issue 21. The
// element order is qbxml130.xsd InvoiceAdd / InvoiceMod; a line is InvoiceLineAdd / InvoiceLineMod, whose first
// part is the TxnLineCorePriceLevelAdd group (ItemRef, Desc, Quantity, UnitOfMeasure, Rate | RatePercent |
// PriceLevelRef, ClassRef, Amount). Retainage withheld from the owner is a negative line on the Retainage
// Receivable item; released retainage is an invoice of its own (docs/integration-map.md, owner side).
import { QbxmlBuildError } from './qbxml-build-error.ts';
import type { AmountInput, DecimalInput, ListRef, QbDate } from './common-types.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { FieldWriter } from './field-writer.ts';

/** One schedule-of-values line billed (item per cost code or one item per contract, per setting), or the retainage line. */
export interface InvoiceLine {
  itemRef?: ListRef;
  desc?: string;
  quantity?: DecimalInput;
  /** Choice with `ratePercent`. */
  rate?: DecimalInput;
  ratePercent?: DecimalInput;
  classRef?: ListRef;
  amount?: AmountInput;
  /** A service date on the line (the period billed). */
  serviceDate?: QbDate;
  salesTaxCodeRef?: ListRef;
  overrideItemAccountRef?: ListRef;
}

/** Existing lines keep their TxnLineID; new lines use "-1". */
export interface InvoiceLineMod extends Omit<InvoiceLine, 'overrideItemAccountRef'> {
  txnLineId: string;
  overrideItemAccountRef?: ListRef;
}

interface InvoiceFields {
  classRef?: ListRef;
  /** The accounts-receivable account (setting); QuickBooks' default A/R account when absent. */
  arAccountRef?: ListRef;
  templateRef?: ListRef;
  txnDate?: QbDate;
  /** Invoice number: from Procore or typed (setting). At most 11 characters (qbxml130.xsd InvoiceAdd RefNumber). */
  refNumber?: string;
  /** The owner's purchase order / contract number. */
  poNumber?: string;
  termsRef?: ListRef;
  dueDate?: QbDate;
  memo?: string;
  isToBePrinted?: boolean;
  isToBeEmailed?: boolean;
  other?: string;
}

export interface InvoiceAddRequest extends InvoiceFields {
  type: 'InvoiceAdd';
  /** The job (Customer:Job) the prime contract belongs to. */
  customerRef: ListRef;
  externalGuid?: string;
  /** At least one line: an invoice with no line bills nothing. */
  lines: InvoiceLine[];
}

export interface InvoiceModRequest extends InvoiceFields {
  type: 'InvoiceMod';
  txnId: string;
  editSequence: string;
  customerRef?: ListRef;
  /** Lines left out of a Mod that lists any line are deleted by QuickBooks: list every line kept. */
  lines?: InvoiceLineMod[];
}

/** qbxml130.xsd InvoiceAdd sequence: header, ExternalGUID, InvoiceLineAdd+. */
export function writeInvoiceAdd(f: FieldWriter, spec: InvoiceAddRequest): void {
  f.requiredRef('CustomerRef', spec.customerRef, 'Invoice customer:job', FIELD_LIMITS.customerRefFullName);
  writeHeader(f, spec);
  f.guid('ExternalGUID', spec.externalGuid, 'Invoice external GUID');
  const lines = spec.lines ?? [];
  if (lines.length === 0) {
    throw new QbxmlBuildError('An invoice needs at least one line.', { code: 'REQUIRED_FIELD_MISSING', field: f.field('InvoiceLineAdd') });
  }
  lines.forEach((line, index) => {
    f.nested(
      'InvoiceLineAdd',
      (l) => {
        writeLineCore(l, line, index);
        writeLineTail(l, line, index);
      },
      `InvoiceLineAdd[${index}]`,
    );
  });
}

/** qbxml130.xsd InvoiceMod sequence: TxnID, EditSequence, header, InvoiceLineMod*. */
export function writeInvoiceMod(f: FieldWriter, spec: InvoiceModRequest): void {
  f.id('TxnID', spec.txnId, 'Invoice TxnID').editSequence(spec.editSequence, 'Invoice EditSequence');
  f.ref('CustomerRef', spec.customerRef, 'Invoice customer:job', FIELD_LIMITS.customerRefFullName);
  writeHeader(f, spec);
  (spec.lines ?? []).forEach((line, index) => {
    f.nested(
      'InvoiceLineMod',
      (l) => {
        l.id('TxnLineID', line.txnLineId, `Invoice line ${index + 1} TxnLineID (use "-1" for a new line)`);
        writeLineCore(l, line, index);
        writeLineTail(l, line, index);
      },
      `InvoiceLineMod[${index}]`,
    );
  });
}

// InvoiceAdd and InvoiceMod share this run of the header (InvoiceAdd's IsFinanceCharge, FOB, ship fields and
// sales-tax fields are not sent: a contractor's progress invoice uses none of them).
function writeHeader(f: FieldWriter, spec: InvoiceFields): void {
  f.ref('ClassRef', spec.classRef, 'Invoice class', FIELD_LIMITS.listRefFullName)
    .ref('ARAccountRef', spec.arAccountRef, 'Invoice accounts-receivable account', FIELD_LIMITS.listRefFullName)
    .ref('TemplateRef', spec.templateRef, 'Invoice template', FIELD_LIMITS.simpleRefFullName)
    .date('TxnDate', spec.txnDate, 'Invoice date')
    .text('RefNumber', spec.refNumber, 'Invoice number', FIELD_LIMITS.invoiceRefNumber)
    .text('PONumber', spec.poNumber, 'Invoice PO number', FIELD_LIMITS.poNumber)
    .ref('TermsRef', spec.termsRef, 'Invoice terms', FIELD_LIMITS.simpleRefFullName)
    .date('DueDate', spec.dueDate, 'Invoice due date')
    .text('Memo', spec.memo, 'Invoice memo', FIELD_LIMITS.memo)
    .bool('IsToBePrinted', spec.isToBePrinted, 'Invoice to-be-printed flag')
    .bool('IsToBeEmailed', spec.isToBeEmailed, 'Invoice to-be-emailed flag')
    .text('Other', spec.other, 'Invoice other field', FIELD_LIMITS.other);
}

/** TxnLineCorePriceLevelAdd: ItemRef, Desc, Quantity, Rate | RatePercent, ClassRef, Amount. */
function writeLineCore(l: FieldWriter, line: InvoiceLine | InvoiceLineMod, index: number): void {
  const label = `Invoice line ${index + 1}`;
  if (line.rate !== undefined && line.ratePercent !== undefined) {
    throw new QbxmlBuildError(`${label} has both a rate and a rate percent; QuickBooks takes one.`, {
      code: 'INVALID_VALUE',
      field: l.field('Rate'),
    });
  }
  l.ref('ItemRef', line.itemRef, `${label} item`, FIELD_LIMITS.listRefFullName)
    .text('Desc', line.desc, `${label} description`, FIELD_LIMITS.lineDesc)
    .decimal('Quantity', line.quantity, `${label} quantity`)
    .decimal('Rate', line.rate, `${label} rate`)
    .decimal('RatePercent', line.ratePercent, `${label} rate percent`)
    .ref('ClassRef', line.classRef, `${label} class`, FIELD_LIMITS.listRefFullName)
    .amount('Amount', line.amount, `${label} amount`);
}

/** After the price-level group: ServiceDate, SalesTaxCodeRef, OverrideItemAccountRef (qbxml130.xsd InvoiceLineAdd). */
function writeLineTail(l: FieldWriter, line: InvoiceLine | InvoiceLineMod, index: number): void {
  const label = `Invoice line ${index + 1}`;
  l.date('ServiceDate', line.serviceDate, `${label} service date`)
    .ref('SalesTaxCodeRef', line.salesTaxCodeRef, `${label} sales tax code`, FIELD_LIMITS.simpleRefFullName)
    .ref('OverrideItemAccountRef', line.overrideItemAccountRef, `${label} account override`, FIELD_LIMITS.listRefFullName);
}
