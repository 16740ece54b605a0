import { invalidValue, requireValue } from './check-text.ts';
import type { Address, AmountInput, DecimalInput, ListRef, QbDate } from './common-types.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { FieldWriter } from './field-writer.ts';
import { QbxmlBuildError } from './qbxml-build-error.ts';

/** A budget line: cost code item and amount for the job (docs/integration-map.md#budgets-and-estimates, Budget → Estimates). */
export interface EstimateLine {
  itemRef?: ListRef;
  desc?: string;
  quantity?: DecimalInput;
  /** Choice with `ratePercent`. */
  rate?: DecimalInput;
  ratePercent?: DecimalInput;
  classRef?: ListRef;
  amount?: AmountInput;
  salesTaxCodeRef?: ListRef;
  /** Choice with `markupRatePercent`. */
  markupRate?: DecimalInput;
  markupRatePercent?: DecimalInput;
  other1?: string;
  other2?: string;
}

export interface EstimateLineAdd extends EstimateLine {
  overrideItemAccountRef?: ListRef;
}

/** Existing lines keep their TxnLineID; new lines use "-1" (NEW_TXN_LINE_ID). */
export interface EstimateLineMod extends EstimateLine {
  txnLineId: string;
}

interface EstimateFields {
  classRef?: ListRef;
  templateRef?: ListRef;
  txnDate?: QbDate;
  refNumber?: string;
  billAddress?: Address;
  shipAddress?: Address;
  isActive?: boolean;
  poNumber?: string;
  termsRef?: ListRef;
  dueDate?: QbDate;
  memo?: string;
  isToBeEmailed?: boolean;
  other?: string;
}

export interface EstimateAddRequest extends EstimateFields {
  type: 'EstimateAdd';
  /** The job (Customer:Job) the budget belongs to. */
  customerRef: ListRef;
  externalGuid?: string;
  /** At least one line (qbxml130.xsd: EstimateLineAdd minOccurs 1). */
  lines: EstimateLineAdd[];
}

export interface EstimateModRequest extends EstimateFields {
  type: 'EstimateMod';
  txnId: string;
  editSequence: string;
  customerRef?: ListRef;
  createChangeOrder?: boolean;
  lines?: EstimateLineMod[];
}

/** qbxml130.xsd EstimateAdd sequence. */
export function writeEstimateAdd(f: FieldWriter, spec: EstimateAddRequest): void {
  f.requiredRef('CustomerRef', spec.customerRef, 'Estimate job', FIELD_LIMITS.customerRefFullName);
  writeHeader(f, spec, undefined);
  f.guid('ExternalGUID', spec.externalGuid, 'Estimate external GUID');
  const lines = requireValue(spec.lines, f.field('EstimateLineAdd'), 'Estimate lines');
  if (lines.length === 0) {
    throw new QbxmlBuildError('An estimate needs at least one line.', {
      code: 'REQUIRED_FIELD_MISSING',
      field: f.field('EstimateLineAdd'),
    });
  }
  lines.forEach((line, index) => {
    f.nested(
      'EstimateLineAdd',
      (l) => {
        writeLine(l, line, index);
        l.ref('OverrideItemAccountRef', line.overrideItemAccountRef, `Estimate line ${index + 1} account override`, FIELD_LIMITS.listRefFullName);
        writeOthers(l, line, index);
      },
      `EstimateLineAdd[${index}]`,
    );
  });
}

/** qbxml130.xsd EstimateMod sequence (TxnCoreMod, header with CreateChangeOrder after IsActive, lines). */
export function writeEstimateMod(f: FieldWriter, spec: EstimateModRequest): void {
  f.id('TxnID', spec.txnId, 'Estimate TxnID').editSequence(spec.editSequence, 'Estimate EditSequence');
  f.ref('CustomerRef', spec.customerRef, 'Estimate job', FIELD_LIMITS.customerRefFullName);
  writeHeader(f, spec, spec.createChangeOrder);
  (spec.lines ?? []).forEach((line, index) => {
    f.nested(
      'EstimateLineMod',
      (l) => {
        l.id('TxnLineID', line.txnLineId, `Estimate line ${index + 1} TxnLineID (use "-1" for a new line)`);
        writeLine(l, line, index);
        writeOthers(l, line, index);
      },
      `EstimateLineMod[${index}]`,
    );
  });
}

function writeHeader(f: FieldWriter, spec: EstimateFields, createChangeOrder: boolean | undefined): void {
  f.ref('ClassRef', spec.classRef, 'Estimate class', FIELD_LIMITS.listRefFullName)
    .ref('TemplateRef', spec.templateRef, 'Estimate template', FIELD_LIMITS.simpleRefFullName)
    .date('TxnDate', spec.txnDate, 'Estimate date')
    .text('RefNumber', spec.refNumber, 'Estimate number', FIELD_LIMITS.estimateRefNumber)
    .address('BillAddress', spec.billAddress, 'Estimate bill-to address')
    .address('ShipAddress', spec.shipAddress, 'Estimate ship-to address')
    .bool('IsActive', spec.isActive, 'Estimate active flag')
    .bool('CreateChangeOrder', createChangeOrder, 'Estimate change-order flag')
    .text('PONumber', spec.poNumber, 'Estimate PO number', FIELD_LIMITS.poNumber)
    .ref('TermsRef', spec.termsRef, 'Estimate terms', FIELD_LIMITS.simpleRefFullName)
    .date('DueDate', spec.dueDate, 'Estimate due date')
    .text('Memo', spec.memo, 'Estimate memo', FIELD_LIMITS.memo)
    .bool('IsToBeEmailed', spec.isToBeEmailed, 'Estimate to-be-emailed flag')
    .text('Other', spec.other, 'Estimate Other', FIELD_LIMITS.other);
}

/** TxnLineCore(Add) fields, SalesTaxCodeRef and the markup choice. */
function writeLine(l: FieldWriter, line: EstimateLine, index: number): void {
  const label = `Estimate line ${index + 1}`;
  if (line.rate !== undefined && line.ratePercent !== undefined) {
    throw invalidValue(`${label} has a rate or a rate percent, not both.`, l.field('Rate'));
  }
  if (line.markupRate !== undefined && line.markupRatePercent !== undefined) {
    throw invalidValue(`${label} has a markup rate or a markup percent, not both.`, l.field('MarkupRate'));
  }
  l.ref('ItemRef', line.itemRef, `${label} item`, FIELD_LIMITS.listRefFullName)
    .text('Desc', line.desc, `${label} description`, FIELD_LIMITS.lineDesc)
    .decimal('Quantity', line.quantity, `${label} quantity`)
    .decimal('Rate', line.rate, `${label} rate`)
    .decimal('RatePercent', line.ratePercent, `${label} rate percent`)
    .ref('ClassRef', line.classRef, `${label} class`, FIELD_LIMITS.listRefFullName)
    .amount('Amount', line.amount, `${label} amount`)
    .ref('SalesTaxCodeRef', line.salesTaxCodeRef, `${label} sales tax code`, FIELD_LIMITS.salesTaxCodeRefFullName)
    .decimal('MarkupRate', line.markupRate, `${label} markup rate`)
    .decimal('MarkupRatePercent', line.markupRatePercent, `${label} markup percent`);
}

function writeOthers(l: FieldWriter, line: EstimateLine, index: number): void {
  l.text('Other1', line.other1, `Estimate line ${index + 1} Other1`, FIELD_LIMITS.other).text(
    'Other2',
    line.other2,
    `Estimate line ${index + 1} Other2`,
    FIELD_LIMITS.other,
  );
}
