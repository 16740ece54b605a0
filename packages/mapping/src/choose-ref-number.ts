// The purchase order number (RefNumber ≤ 11, qbxml130.xsd PurchaseOrderAdd RefNumber maxLength 11;
// docs/qbxml.md#field-limits): the Procore contract number when the setting "Use Procore contract # as the QuickBooks
// RefNumber" is on, otherwise the number the user typed at export (also ≤ 11), or none — QuickBooks then
// numbers the PO itself.
import { FIELD_LIMITS } from '@connector/qbxml';
import { cleanText, countChars } from './clean-text.ts';
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';
import { capitalize } from './capitalize.ts';

export type RefNumberResult = { ok: true; refNumber: string | undefined; source: string | undefined } | MappingFailure;

export function chooseRefNumber(input: {
  useProcoreContractNumber: boolean;
  contractNumber: string | null | undefined;
  typedRefNumber: string | null | undefined;
  /** describeCommitment(...) */
  what: string;
}): RefNumberResult {
  const limit = FIELD_LIMITS.purchaseOrderRefNumber;
  if (input.useProcoreContractNumber) {
    const number = cleanText(input.contractNumber);
    if (number === '') {
      return refuse(
        'INCOMPLETE_RECORD',
        `${capitalize(input.what)} has no contract number in Procore, and the setting "Use Procore contract # as the QuickBooks RefNumber" is on. Enter a contract number of at most ${limit} characters in Procore, or turn the setting off and type the PO number at export.`,
        { field: 'RefNumber' },
      );
    }
    const length = countChars(number);
    if (length > limit) {
      return refuse(
        'REF_NUMBER_TOO_LONG',
        `The contract number "${number}" of ${input.what} is ${length} characters; a QuickBooks purchase order number (RefNumber) holds at most ${limit} characters. Shorten the contract number in Procore, or turn off "Use Procore contract # as the QuickBooks RefNumber" and type a number of at most ${limit} characters at export.`,
        { field: 'RefNumber' },
      );
    }
    return { ok: true, refNumber: number, source: 'number' };
  }
  const typed = cleanText(input.typedRefNumber);
  if (typed === '') return { ok: true, refNumber: undefined, source: undefined };
  const length = countChars(typed);
  if (length > limit) {
    return refuse(
      'REF_NUMBER_TOO_LONG',
      `The purchase order number "${typed}" typed for ${input.what} is ${length} characters; a QuickBooks purchase order number (RefNumber) holds at most ${limit} characters. Type a shorter number and export again.`,
      { field: 'RefNumber' },
    );
  }
  return { ok: true, refNumber: typed, source: 'typed at export' };
}
