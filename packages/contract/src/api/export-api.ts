import { Type, type Static } from 'typebox';
import { companyIdSchema, CompanyParams, ErrorBody, nullable, NullableInteger, NullableString, PAGE_PROPERTIES, stringEnum } from './common-schemas.ts';

/** What can be exported to QuickBooks (docs/integration-map.md), in the order a project's records depend on each other. */
export const EXPORT_RECORD_TYPES = [
  'cost_code',
  'project',
  'vendor',
  'budget',
  'commitment',
  'change_order',
  'invoice',
  'owner_invoice',
  'prime_contract',
  'prime_change_order',
] as const;
export type ExportRecordType = (typeof EXPORT_RECORD_TYPES)[number];
/** An export's states (the workflow table is packages/sync exports/export-workflow.ts). */
export const EXPORT_STATUSES = ['not_synced', 'sent_to_accounting', 'approved', 'rejected', 'queued', 'in_flight', 'synced', 'failed', 'dismissed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
/** The people's actions on a list of exports, each a POST …/exports/:recordType/<action>. */
export const EXPORT_ACTIONS = ['send', 'approve', 'reject', 'retry', 'dismiss'] as const;
export type ExportAction = (typeof EXPORT_ACTIONS)[number];
/** How a "changed in QuickBooks" (3200) exception is settled. */
export const CONFLICT_RESOLUTIONS = ['keep_quickbooks', 'resend_ours'] as const;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];
/** The export lists' sort keys (`-` = descending). */
export const EXPORT_SORTS = [
  'project',
  '-project',
  'record',
  '-record',
  'amount',
  '-amount',
  'status',
  '-status',
  'procore_status',
  '-procore_status',
  'updated',
  '-updated',
] as const;
export type ExportSort = (typeof EXPORT_SORTS)[number];

export const ExportListParams = Type.Object({ companyId: companyIdSchema(), recordType: stringEnum(EXPORT_RECORD_TYPES) });
export type ExportListParams = Static<typeof ExportListParams>;
export const ExportRecordParams = Type.Object({
  companyId: companyIdSchema(),
  recordType: stringEnum(EXPORT_RECORD_TYPES),
  procoreId: Type.String({ pattern: '^[0-9]+$' }),
});
export type ExportRecordParams = Static<typeof ExportRecordParams>;

/** A field whose value in QuickBooks differs from ours (a 3200, or a linked record's preview). */
export const FieldDifference = Type.Object({ field: Type.String(), ours: NullableString, theirs: NullableString, source: Type.Optional(Type.String()) });
export type FieldDifference = Static<typeof FieldDifference>;
const FieldDifferences = nullable(Type.Array(FieldDifference));

export const ExportItemBody = Type.Object({
  procoreId: Type.String(),
  procoreProjectId: NullableString,
  recordType: stringEnum(EXPORT_RECORD_TYPES),
  title: Type.String(),
  status: stringEnum(EXPORT_STATUSES),
  sentBy: NullableString,
  sentByName: NullableString,
  sentAt: NullableString,
  decidedBy: NullableString,
  decidedByName: NullableString,
  decidedAt: NullableString,
  decisionComment: NullableString,
  errorCode: NullableString,
  errorMessage: NullableString,
  qbStatusCode: NullableInteger,
  qbStatusMessage: NullableString,
  qbId: NullableString,
  updatedAt: NullableString,
  waitingOn: Type.Array(Type.String()),
  /** The records it waits for by name ("ABC Concrete"), in the order of waitingOn. */
  waitingOnTitles: Type.Array(Type.String()),
  fieldDifferences: FieldDifferences,
  /** Linked to an entry already in QuickBooks (data safety): listed as synced, "Linked to <full name>". */
  linkedTo: nullable(Type.Object({ listId: Type.String(), fullName: Type.String() })),
  /** Not approved in Procore: cannot be sent or approved, and why (data safety). */
  notReady: nullable(Type.Object({ code: Type.String(), procoreStatus: NullableString, message: Type.String() })),
  /** What tells records apart in a list: project, amount, commitment, status in Procore. */
  projectName: NullableString,
  amount: NullableString,
  procoreStatus: NullableString,
  commitment: nullable(Type.Object({ procoreId: Type.String(), title: Type.String() })),
  /**
   * Owner invoices (issue 21), null for other types: Procore's invoice number as QuickBooks gets it unless one is typed
   * (its invoice_number, else its number; the typed-number dialog starts from it), and the retainage withheld this
   * period (already taken off `amount`, the QuickBooks invoice's total) and released this period (its own invoice),
   * decimal strings, null when there is none.
   */
  number: Type.Optional(NullableString),
  retainageWithheld: Type.Optional(NullableString),
  retainageReleased: Type.Optional(NullableString),
});
export type ExportItemBody = Static<typeof ExportItemBody>;

export const ExportListBody = Type.Object({
  total: Type.Integer(),
  notice: NullableString,
  items: Type.Array(ExportItemBody),
  /** The projects with records of this type, for the project filter. */
  projects: Type.Array(Type.Object({ procoreId: Type.String(), name: Type.String() })),
});
export type ExportListBody = Static<typeof ExportListBody>;

export const ExportListQuery = Type.Object({
  status: Type.Optional(stringEnum(EXPORT_STATUSES)),
  project: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
  sort: Type.Optional(stringEnum(EXPORT_SORTS)),
  ...PAGE_PROPERTIES,
});
export type ExportListQuery = Static<typeof ExportListQuery>;

export const ExportExceptionBody = Type.Object({
  recordType: Type.String(),
  procoreId: Type.String(),
  procoreProjectId: NullableString,
  title: Type.String(),
  errorCode: NullableString,
  errorMessage: NullableString,
  qbStatusCode: NullableInteger,
  qbStatusMessage: NullableString,
  fieldDifferences: FieldDifferences,
  actions: Type.Array(Type.String()),
  keepQuickbooksWarning: NullableString,
  updatedAt: Type.String(),
});
export type ExportExceptionBody = Static<typeof ExportExceptionBody>;
export const ExportExceptionListBody = Type.Object({ total: Type.Integer(), items: Type.Array(ExportExceptionBody) });
export type ExportExceptionListBody = Static<typeof ExportExceptionListBody>;

/** What the export would write, field by field, and what it depends on (before approval). */
export const ExportPreviewBody = Type.Object({
  recordType: Type.String(),
  procoreId: Type.String(),
  action: NullableString,
  fields: Type.Array(Type.Object({ field: Type.String(), value: Type.String(), source: Type.Optional(Type.String()) })),
  dependencies: Type.Array(Type.Object({ kind: Type.String(), procoreId: Type.Integer(), label: Type.String() })),
  problem: nullable(Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(NullableString) })),
  notice: Type.Optional(NullableString),
  linked: Type.Optional(nullable(Type.Object({ listId: Type.String(), fullName: Type.String(), readAt: NullableString }))),
  changes: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.String(),
        before: NullableString,
        beforeKnown: Type.Boolean(),
        after: NullableString,
        differs: Type.Boolean(),
        selected: Type.Boolean(),
        source: Type.Optional(Type.String()),
        problem: Type.Optional(Type.String()),
      }),
    ),
  ),
});
export type ExportPreviewBody = Static<typeof ExportPreviewBody>;

export const ResolveConflictBody = Type.Object(
  { resolution: stringEnum(CONFLICT_RESOLUTIONS), confirm: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ResolveConflictBody = Static<typeof ResolveConflictBody>;
export const ResolveConflictAnswerBody = Type.Object({ status: Type.String() });
export type ResolveConflictAnswerBody = Static<typeof ResolveConflictAnswerBody>;

const QbRefChoice = Type.Object({ listId: Type.String({ minLength: 1 }), fullName: Type.String({ minLength: 1 }) }, { additionalProperties: false });
/** Choices made when sending: the customer for a project's job, a typed PO number, a linked record's fields to send. */
export const ExportChoicesBody = Type.Object(
  {
    customer: Type.Optional(QbRefChoice),
    customerName: Type.Optional(Type.String({ minLength: 1, maxLength: 41 })),
    refNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 11 })),
    /** A linked vendor, project or cost code: the fields to send over QuickBooks' values (data safety). */
    fields: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type ExportChoicesBody = Static<typeof ExportChoicesBody>;

export const ExportActionBody = Type.Object(
  {
    procoreIds: Type.Array(Type.String({ pattern: '^[0-9]+$' }), { minItems: 1, maxItems: 500 }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    options: Type.Optional(ExportChoicesBody),
  },
  { additionalProperties: false },
);
export type ExportActionBody = Static<typeof ExportActionBody>;

/** How one record's action ended: done, already so, or refused (its code and message say why). */
export const EXPORT_ACTION_OUTCOMES = ['applied', 'already', 'refused'] as const;
export type ExportActionOutcome = (typeof EXPORT_ACTION_OUTCOMES)[number];
export const ExportActionResult = Type.Object({
  procoreId: Type.String(),
  outcome: stringEnum(EXPORT_ACTION_OUTCOMES),
  status: stringEnum(EXPORT_STATUSES),
  code: NullableString,
  message: NullableString,
});
export type ExportActionResult = Static<typeof ExportActionResult>;
export const ExportActionAnswerBody = Type.Object({ results: Type.Array(ExportActionResult) });
export type ExportActionAnswerBody = Static<typeof ExportActionAnswerBody>;

export const exportApi = {
  /** GET …/exports/exceptions — the exception queue: failed exports of every type. */
  exceptions: { params: CompanyParams, querystring: Type.Object({ ...PAGE_PROPERTIES }), response: { 200: ExportExceptionListBody, 404: ErrorBody } },
  /** GET …/exports/:recordType/:procoreId/preview[?fields=Phone,Email] */
  preview: {
    params: ExportRecordParams,
    querystring: Type.Object({ fields: Type.Optional(Type.String({ maxLength: 500 })) }),
    response: { 200: ExportPreviewBody, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 502: ErrorBody },
  },
  /** POST …/exports/:recordType/:procoreId/resolve — settle a 3200 (accountants). */
  resolve: {
    params: ExportRecordParams,
    body: ResolveConflictBody,
    response: { 200: ResolveConflictAnswerBody, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
  },
  /** GET …/exports/:recordType */
  list: { params: ExportListParams, querystring: ExportListQuery, response: { 200: ExportListBody, 404: ErrorBody } },
  /** POST …/exports/:recordType/{send,approve,reject,retry,dismiss} */
  action: {
    params: ExportListParams,
    body: ExportActionBody,
    response: { 200: ExportActionAnswerBody, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
  },
} as const;
