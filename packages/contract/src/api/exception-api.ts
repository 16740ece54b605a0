import { Type, type Static } from 'typebox';
import { CompanyParams, ErrorBody, nullable, NullableInteger, NullableString, PAGE_PROPERTIES, stringEnum } from './common-schemas.ts';
import { FieldDifference } from './export-api.ts';

/** Which way a record was going: an export to QuickBooks, or a QuickBooks transaction on its way to Procore. */
export const EXCEPTION_DIRECTIONS = ['to_quickbooks', 'to_procore'] as const;
export type ExceptionDirection = (typeof EXCEPTION_DIRECTIONS)[number];
/**
 * What a person can do about a row: retry / dismiss / keep_quickbooks / resend_ours for an export (the export routes);
 * retry for an import (POST /imports/failures/retry).
 */
export const EXCEPTION_ACTIONS = ['retry', 'dismiss', 'keep_quickbooks', 'resend_ours'] as const;
export type ExceptionAction = (typeof EXCEPTION_ACTIONS)[number];

/** One row of the Exceptions screen, whichever way the record was going. */
export const ExceptionItemBody = Type.Object({
  direction: stringEnum(EXCEPTION_DIRECTIONS),
  /** Unique in the list: `export:<recordType>:<procoreId>` or `import:<txnType>:<txnId>`. */
  key: Type.String(),
  recordType: Type.String(),
  recordId: Type.String(),
  title: Type.String(),
  procoreProjectId: NullableString,
  amountCents: NullableInteger,
  /** Our code (exception-codes.ts) and the sentence about this record; what to do about it. */
  code: NullableString,
  reason: NullableString,
  todo: NullableString,
  qbStatusCode: NullableInteger,
  qbStatusMessage: NullableString,
  /** 3200: field by field, ours vs QuickBooks' (as stored). */
  fieldDifferences: nullable(Type.Array(FieldDifference)),
  keepQuickbooksWarning: NullableString,
  actions: Type.Array(stringEnum(EXCEPTION_ACTIONS)),
  /** It waits for another record and leaves the list by itself once that syncs. */
  waitsForAnother: Type.Boolean(),
  updatedAt: Type.String(),
});
export type ExceptionItemBody = Static<typeof ExceptionItemBody>;

export const ExceptionListBody = Type.Object({
  total: Type.Integer(),
  counts: Type.Object({ to_quickbooks: Type.Integer(), to_procore: Type.Integer() }),
  items: Type.Array(ExceptionItemBody),
});
export type ExceptionListBody = Static<typeof ExceptionListBody>;

export const exceptionApi = {
  /** GET …/exceptions[?direction=] — failed exports and QuickBooks transactions not brought into Procore, one list. */
  list: {
    params: CompanyParams,
    querystring: Type.Object({ ...PAGE_PROPERTIES, direction: Type.Optional(stringEnum(EXCEPTION_DIRECTIONS)) }, { additionalProperties: false }),
    response: { 200: ExceptionListBody, 404: ErrorBody },
  },
} as const;
