// Builds MappingResult values, so every mapper answers in the same shape.
import type { QbxmlRequest } from '@connector/qbxml';
import type { Dependency, MappingFailure, MappingSuccess, PreviewField, RefusalCode } from './mapping-types.ts';

export function refuse(code: RefusalCode, message: string, extra: { field?: string; dependencies?: Dependency[] } = {}): MappingFailure {
  return {
    ok: false,
    refusal: {
      code,
      message,
      ...(extra.field === undefined ? {} : { field: extra.field }),
      ...(extra.dependencies === undefined ? {} : { dependencies: extra.dependencies }),
    },
  };
}

export function succeed<R extends QbxmlRequest>(
  request: R,
  preview: PreviewField[],
  extra: { dependencies?: Dependency[]; lineKeys?: Array<string | null> } = {},
): MappingSuccess<R> {
  return {
    ok: true,
    request,
    action: request.type.endsWith('Mod') ? 'change' : 'create',
    dependencies: extra.dependencies ?? [],
    preview,
    ...(extra.lineKeys === undefined ? {} : { lineKeys: extra.lineKeys }),
  };
}

/**
 * A purchase order or estimate always has at least one line (qbxml130.xsd: *LineAdd minOccurs 1). A link
 * without lines means we never recorded them; a Mod sent from it would delete every line in QuickBooks.
 */
export function refuseUnknownLines(transaction: string): MappingFailure {
  return refuse(
    'LINK_INCOMPLETE',
    `The connector does not know the lines of QuickBooks ${transaction}, and changing it without them would delete them. Refresh the transaction from QuickBooks, then export again.`,
  );
}
