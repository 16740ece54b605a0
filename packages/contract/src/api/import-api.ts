import { Type, type Static } from 'typebox';
import { companyIdSchema, CompanyParams, ErrorBody, nullable, NullableString, PAGE_PROPERTIES, stringEnum } from './common-schemas.ts';

/** What a refresh reads from QuickBooks (docs/integration-map.md): the lists, or Update Job Costs. */
export const REFRESH_KINDS = ['jobs', 'vendors', 'items', 'job_costs'] as const;
export type RefreshKind = (typeof REFRESH_KINDS)[number];
/** Where a QuickBooks job or vendor stands against Procore on the import screens. */
export const IMPORT_ENTRY_STATUSES = ['linked', 'suggested', 'unlinked', 'archived'] as const;
export type ImportEntryStatus = (typeof IMPORT_ENTRY_STATUSES)[number];
export const IMPORT_LIST_KINDS = ['jobs', 'vendors'] as const;
export type ImportListKind = (typeof IMPORT_LIST_KINDS)[number];
export const IMPORT_SORTS = ['name', '-name', 'modified', '-modified'] as const;

export const ImportKindParams = Type.Object({ companyId: companyIdSchema(), kind: stringEnum(IMPORT_LIST_KINDS) });
export type ImportKindParams = Static<typeof ImportKindParams>;
export const ImportEntryParams = Type.Object({
  companyId: companyIdSchema(),
  kind: stringEnum(IMPORT_LIST_KINDS),
  listId: Type.String({ minLength: 1, maxLength: 64 }),
});
export type ImportEntryParams = Static<typeof ImportEntryParams>;

/** A Procore project or vendor a QuickBooks entry is linked to. */
const ProcoreRef = nullable(Type.Object({ id: Type.Integer(), name: Type.String() }));

export const RefreshRequestBody = Type.Object({ kind: stringEnum(REFRESH_KINDS) }, { additionalProperties: false });
export type RefreshRequestBody = Static<typeof RefreshRequestBody>;
export const RefreshQueuedBody = Type.Object({ kind: Type.String(), outcome: Type.String(), queuedAt: Type.String() });
export type RefreshQueuedBody = Static<typeof RefreshQueuedBody>;

export const RefreshStatusBody = Type.Object({
  refreshes: Type.Array(
    Type.Object({
      kind: Type.String(),
      everyHours: Type.Number(),
      lastRequestedAt: NullableString,
      lastCompletedAt: NullableString,
      nextDueAt: NullableString,
      pending: Type.Boolean(),
    }),
  ),
});
export type RefreshStatusBody = Static<typeof RefreshStatusBody>;

export const ImportItemBody = Type.Object({
  qbListId: Type.String(),
  fullName: Type.String(),
  itemType: NullableString,
  isActive: Type.Boolean(),
  procoreCostCode: nullable(Type.Object({ id: Type.Integer(), code: Type.String() })),
});
export type ImportItemBody = Static<typeof ImportItemBody>;
export const ImportItemListBody = Type.Object({ items: Type.Array(ImportItemBody) });
export type ImportItemListBody = Static<typeof ImportItemListBody>;

/** A QuickBooks transaction Update Job Costs could not bring into Procore, and why. */
export const ImportFailureBody = Type.Object({
  txnType: Type.String(),
  txnId: Type.String(),
  refNumber: NullableString,
  txnDate: Type.String(),
  payeeName: NullableString,
  amountCents: Type.Integer(),
  errorCode: Type.String(),
  message: Type.String(),
  fetchedAt: Type.String(),
});
export type ImportFailureBody = Static<typeof ImportFailureBody>;
export const ImportFailureListBody = Type.Object({ total: Type.Integer(), items: Type.Array(ImportFailureBody) });
export type ImportFailureListBody = Static<typeof ImportFailureListBody>;

export const RetryPushBody = Type.Object({ outcome: Type.String(), failed: Type.Integer() });
export type RetryPushBody = Static<typeof RetryPushBody>;

export const LinkSuggestedBody = Type.Object({
  linked: Type.Integer(),
  failed: Type.Array(Type.Object({ qbListId: Type.String(), code: Type.String(), message: Type.String() })),
});
export type LinkSuggestedBody = Static<typeof LinkSuggestedBody>;

/** A QuickBooks job or vendor on the import screens: its Procore link, a suggestion, duplicates, or why it cannot be linked. */
export const ImportEntryBody = Type.Object({
  qbListId: Type.String(),
  fullName: Type.String(),
  name: Type.String(),
  customerName: Type.Optional(NullableString),
  isActive: Type.Boolean(),
  status: stringEnum(IMPORT_ENTRY_STATUSES),
  procoreProject: Type.Optional(ProcoreRef),
  procoreVendor: Type.Optional(ProcoreRef),
  suggestion: nullable(Type.Object({ id: Type.Integer(), name: Type.String(), reason: Type.String() })),
  duplicates: Type.Array(Type.Object({ qbListId: Type.String(), name: Type.String() })),
  refusal: NullableString,
  /** Vendors on a multi-currency file: in another currency than the home one, so not exported to (FOREIGN_CURRENCY_VENDOR), in words. */
  currencyNote: Type.Optional(NullableString),
  qbModifiedAt: Type.String(),
});
export type ImportEntryBody = Static<typeof ImportEntryBody>;

export const ImportEntryListBody = Type.Object({
  total: Type.Integer(),
  counts: Type.Object({ linked: Type.Integer(), suggested: Type.Integer(), unlinked: Type.Integer(), archived: Type.Integer() }),
  items: Type.Array(ImportEntryBody),
});
export type ImportEntryListBody = Static<typeof ImportEntryListBody>;

export const ImportEntryQuery = Type.Object({
  status: Type.Optional(stringEnum(IMPORT_ENTRY_STATUSES)),
  search: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(stringEnum(IMPORT_SORTS)),
  ...PAGE_PROPERTIES,
});
export type ImportEntryQuery = Static<typeof ImportEntryQuery>;

export const LinkRequestBody = Type.Object(
  { procoreProjectId: Type.Optional(Type.Integer({ minimum: 1 })), procoreVendorId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type LinkRequestBody = Static<typeof LinkRequestBody>;

/** The answer of link, unlink and create: the entry's status and its Procore record (project for jobs, vendor for vendors). */
export const LinkAnswerBody = Type.Object({ status: Type.String(), procoreProject: Type.Optional(ProcoreRef), procoreVendor: Type.Optional(ProcoreRef) });
export type LinkAnswerBody = Static<typeof LinkAnswerBody>;
export const ArchiveAnswerBody = Type.Object({ status: Type.String() });
export type ArchiveAnswerBody = Static<typeof ArchiveAnswerBody>;

export const importApi = {
  /** POST …/imports/refresh {kind} — queue a refresh for the next Web Connector session. */
  refresh: { params: CompanyParams, body: RefreshRequestBody, response: { 202: RefreshQueuedBody, 403: ErrorBody, 404: ErrorBody } },
  /** GET …/imports/status */
  status: { params: CompanyParams, response: { 200: RefreshStatusBody, 404: ErrorBody } },
  /** GET …/imports/items — the QuickBooks items (after a refresh). */
  items: { params: CompanyParams, response: { 200: ImportItemListBody, 404: ErrorBody } },
  /** GET …/imports/failures — Update Job Costs' exception list. */
  failures: {
    params: CompanyParams,
    querystring: Type.Object({ ...PAGE_PROPERTIES }, { additionalProperties: false }),
    response: { 200: ImportFailureListBody, 404: ErrorBody },
  },
  /** POST …/imports/failures/retry */
  retryFailures: { params: CompanyParams, response: { 200: RetryPushBody, 403: ErrorBody, 404: ErrorBody } },
  /** POST …/imports/:kind/link-suggested */
  linkSuggested: { params: ImportKindParams, response: { 200: LinkSuggestedBody, 403: ErrorBody, 404: ErrorBody } },
  /** GET …/imports/:kind — the Jobs or Vendors list. */
  list: { params: ImportKindParams, querystring: ImportEntryQuery, response: { 200: ImportEntryListBody, 404: ErrorBody } },
  /** POST …/imports/:kind/:listId/link */
  link: { params: ImportEntryParams, body: LinkRequestBody, response: { 200: LinkAnswerBody, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  /** POST …/imports/:kind/:listId/unlink */
  unlink: { params: ImportEntryParams, response: { 200: LinkAnswerBody, 403: ErrorBody, 404: ErrorBody } },
  /** POST …/imports/:kind/:listId/create-project | create-vendor */
  create: { params: ImportEntryParams, response: { 200: LinkAnswerBody, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 502: ErrorBody } },
  /** POST …/imports/:kind/:listId/archive | unarchive */
  archive: { params: ImportEntryParams, response: { 200: ArchiveAnswerBody, 403: ErrorBody, 404: ErrorBody } },
} as const;
