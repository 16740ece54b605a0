import { Type, type Static, type TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { FieldDifference } from './api/export-api.ts';
import { REFRESH_KINDS } from './api/import-api.ts';
import { nullable, stringEnum } from './api/common-schemas.ts';
import { SettingsBody } from './api/settings-api.ts';

/**
 * Shapes of JSON columns and job payloads, checked where they are read (issue 17 item 1). They sit here, beside the
 * API schemas they reuse (FieldDifference), because the contract already carries TypeBox and is pure: the readers in
 * packages/sync call `checkStored` and turn a refusal into an AppError that names the row.
 */

/** export_records.field_differences (a 3200: field by field, ours vs QuickBooks'), when not SQL NULL. */
export const StoredFieldDifferences = Type.Array(FieldDifference);
/** jobs.payload of export.prepare (apply-export-action.ts). */
export const PrepareExportJobPayload = Type.Object({ exportId: Type.String({ minLength: 1 }) });
/** jobs.payload of the job writing a QuickBooks ListID back to Procore as origin_id (settle-export.ts). */
export const WriteOriginJobPayload = Type.Object({
  recordType: stringEnum(['project', 'vendor'] as const),
  procoreId: Type.String({ pattern: '^[0-9]+$' }),
  listId: Type.String(),
  editSequence: Type.String(),
});
/** jobs.payload of imports.apply-list-refresh (create-import-service.ts): a list refresh, never job costs. */
export const ApplyListRefreshJobPayload = Type.Object({
  kind: stringEnum(REFRESH_KINDS.filter((k) => k !== 'job_costs') as Array<Exclude<(typeof REFRESH_KINDS)[number], 'job_costs'>>),
});

/** jobs.payload of summary.send-daily (summary/queue-due-summaries.ts): the day (YYYY-MM-DD, UTC) whose summary is mailed. */
export const SendDailySummaryJobPayload = Type.Object({ day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });

/** jobs.payload of procore.reconcile (the schedule leaves both out; a person's "Refresh from Procore" names the actor). */
export const ReconcileProcoreJobPayload = Type.Object({ full: Type.Optional(Type.Boolean()), actor: Type.Optional(Type.String()) });
/**
 * jobs.payload of procore.apply-change (a webhook delivery, procore-webhook routes): the resource types and event types
 * are the ones packages/sync keeps a copy of (procore-resources.ts), passed in so that list stays in one place.
 */
export function applyProcoreChangeJobPayload<const R extends readonly string[], const E extends readonly string[]>(resourceTypes: R, eventTypes: E) {
  return Type.Object({
    resourceType: stringEnum(resourceTypes),
    resourceId: Type.String({ minLength: 1 }),
    projectId: nullable(Type.String()),
    eventType: stringEnum(eventTypes),
    ulid: Type.String(),
  });
}

/**
 * queued_requests.payload: a qbXML request (packages/qbxml `QbxmlRequest`, discriminated on `type`). Only its envelope is
 * a schema here — the contract does not know qbXML — and the sync reader then runs packages/qbxml's builder in check
 * mode over it, which checks every field the way it will be written (read-stored.ts readQueuedRequestPayload).
 */
export const StoredQbxmlRequestEnvelope = Type.Object({ type: Type.String({ minLength: 1 }) });

/** One QuickBooks record as packages/qbxml parses it (element → text, record or list); checked one level deep. */
const StoredQbRecord = Type.Record(Type.String(), Type.Unknown());
/**
 * queued_requests.result when not SQL NULL (apply-request-response.ts writes it): `{ phase: 'lookup-existing' }`
 * while a 3100 looks its record up; `{ record }` for a write, `{ matchedExisting, record }` after the look-up,
 * `{ recordCount, records? }` for a query (records kept when 50 or fewer).
 */
export const StoredRequestResult = Type.Object({
  phase: Type.Optional(Type.Literal('lookup-existing')),
  matchedExisting: Type.Optional(Type.Boolean()),
  record: Type.Optional(Type.Union([Type.Null(), StoredQbRecord])),
  recordCount: Type.Optional(Type.Integer({ minimum: 0 })),
  records: Type.Optional(Type.Array(StoredQbRecord)),
});

/**
 * company_settings.values: what `updateCompanySettings` saved — every setting once it has been saved with this
 * version, but a row written before a setting existed lacks it (the defaults fill it in), so each is optional.
 */
export const StoredCompanySettings = Type.Partial(SettingsBody);

/** record_links.lines: every line QuickBooks has on a transaction we wrote (packages/mapping QbTxnLineLink). */
export const StoredTxnLineLinks = Type.Array(
  Type.Object({
    txnLineId: Type.String(),
    procoreLineKey: Type.Union([Type.String(), Type.Null()]),
    amountCents: Type.Optional(Type.Number()),
    itemListId: Type.Optional(Type.String()),
    jobListId: Type.Optional(Type.String()),
    itemName: Type.Optional(Type.String()),
    jobName: Type.Optional(Type.String()),
    classListId: Type.Optional(Type.String()),
    className: Type.Optional(Type.String()),
    desc: Type.Optional(Type.String()),
  }),
);

/**
 * procore_create_intents.push (packages/sync imports/procore-create-intents.ts `IntentPush`): what the push records once
 * Procore has the record — the content hash it was made from, its amount and the push's own detail.
 */
export const StoredIntentPush = Type.Object({
  contentHash: Type.String(),
  amountCents: Type.Number(),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

/**
 * export_records.options (packages/sync exports: `ExportOptions`): the choices made at send and the bookkeeping of the
 * request in flight. SQL NULL reads as no options. Written by apply-export-action (choices), advance-exports (lineKeys,
 * action), settle-export and store-field-differences (the 3200 fields).
 */
export const StoredExportOptions = Type.Object({
  /** The QuickBooks customer of a project (chosen at send, or created as the first half of its export). */
  customer: Type.Optional(Type.Object({ listId: Type.String(), fullName: Type.String(), editSequence: Type.Optional(Type.String()) })),
  customerName: Type.Optional(Type.String()),
  refNumber: Type.Optional(Type.String()),
  /** Linked list entries: the fields a person chose to change in QuickBooks (a Mod of only those). */
  fields: Type.Optional(Type.Array(Type.String())),
  /** The Procore line key of each line of the request in flight, in order (null: a line of QuickBooks' own). */
  lineKeys: Type.Optional(Type.Union([Type.Array(Type.Union([Type.String(), Type.Null()])), Type.Null()])),
  action: Type.Optional(stringEnum(['create', 'change'])),
  diffRequestId: Type.Optional(Type.String()),
  /** 3200: QuickBooks' answer to the write, kept while its current version is read back (the export stays queued). */
  conflict: Type.Optional(Type.Object({ statusCode: Type.Union([Type.Integer(), Type.Null()]), statusMessage: Type.Union([Type.String(), Type.Null()]) })),
  /** Consecutive 3200s that turned out not to be someone else's edit (bounded by MAX_AUTO_REPLANS). */
  replans: Type.Optional(Type.Integer({ minimum: 0 })),
  /** 3200: QuickBooks' current version, read back (a link: ids, EditSequence, every line). */
  qbCurrent: Type.Optional(
    Type.Object({ qbId: Type.String(), editSequence: Type.String(), refNumber: Type.Optional(Type.String()), lines: Type.Optional(StoredTxnLineLinks) }),
  ),
});
export type StoredExportOptions = Static<typeof StoredExportOptions>;

/**
 * procore_records.data: the Procore record as Procore sent it (upsert-procore-record.ts). Its fields are Procore's;
 * what the connector relies on is that it is an object with a numeric `id` (every Procore resource has one).
 */
export const StoredProcoreRecordData = Type.Object({ id: Type.Number() });

const optional = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
/** Procore's origin fields, which the connector writes on vendors and projects (docs/procore-api.md#origin-id). */
const ORIGIN_FIELDS = {
  origin_id: optional(Type.String()),
  origin_code: optional(Type.String()),
  origin_data: optional(Type.String()),
};

/** procore_records.data of a vendor, as exported (packages/procore `Vendor`; read-stored.ts proves they agree). */
export const StoredProcoreVendor = Type.Object({
  id: Type.Number(),
  name: Type.String(),
  abbreviated_name: optional(Type.String()),
  trade_name: optional(Type.String()),
  address: optional(Type.String()),
  city: optional(Type.String()),
  state_code: optional(Type.String()),
  zip: optional(Type.String()),
  country_code: optional(Type.String()),
  business_phone: optional(Type.String()),
  mobile_phone: optional(Type.String()),
  fax_number: optional(Type.String()),
  email_address: optional(Type.String()),
  website: optional(Type.String()),
  is_active: optional(Type.Boolean()),
  ...ORIGIN_FIELDS,
  created_at: optional(Type.String()),
  updated_at: optional(Type.String()),
});
export type StoredProcoreVendor = Static<typeof StoredProcoreVendor>;

/** procore_records.data of a project, as exported (packages/procore `Project`). */
export const StoredProcoreProject = Type.Object({
  id: Type.Number(),
  name: Type.String(),
  display_name: optional(Type.String()),
  project_number: optional(Type.String()),
  address: optional(Type.String()),
  city: optional(Type.String()),
  state_code: optional(Type.String()),
  zip: optional(Type.String()),
  country_code: optional(Type.String()),
  active: optional(Type.Boolean()),
  description: optional(Type.String()),
  start_date: optional(Type.String()),
  completion_date: optional(Type.String()),
  total_value: optional(Type.String()),
  ...ORIGIN_FIELDS,
  created_at: optional(Type.String()),
  updated_at: optional(Type.String()),
});
export type StoredProcoreProject = Static<typeof StoredProcoreProject>;

/** procore_records.data of a standard cost code, as exported (packages/procore `StandardCostCode`). */
export const StoredProcoreStandardCostCode = Type.Object({
  id: Type.Number(),
  standard_cost_code_list_id: optional(Type.Number()),
  parent_id: optional(Type.Number()),
  code: Type.String(),
  full_code: optional(Type.String()),
  name: Type.String(),
  origin_id: optional(Type.String()),
  origin_data: optional(Type.String()),
});
export type StoredProcoreStandardCostCode = Static<typeof StoredProcoreStandardCostCode>;

/**
 * qb_list_entries.data: a QuickBooks list entry as the import read it (packages/mapping `QbListEntry`, read-qb-list-entry.ts;
 * read-stored.ts proves the two agree).
 */
const text = () => Type.Union([Type.String(), Type.Null()]);
export const StoredQbListEntry = Type.Object({
  listType: stringEnum(['Customer', 'Vendor', 'Item', 'Account', 'Class']),
  listId: Type.String(),
  editSequence: Type.String(),
  name: Type.String(),
  fullName: Type.String(),
  parentListId: text(),
  sublevel: Type.Number(),
  isActive: Type.Boolean(),
  timeModified: Type.String(),
  itemType: Type.Union([
    stringEnum([
      'ItemService',
      'ItemNonInventory',
      'ItemOtherCharge',
      'ItemInventory',
      'ItemInventoryAssembly',
      'ItemFixedAsset',
      'ItemSubtotal',
      'ItemDiscount',
      'ItemPayment',
      'ItemSalesTax',
      'ItemSalesTaxGroup',
      'ItemGroup',
    ]),
    Type.Null(),
  ]),
  companyName: text(),
  jobStatus: text(),
  contact: Type.Object({
    email: text(),
    phone: text(),
    address: Type.Union([
      Type.Object({
        line1: text(),
        line2: text(),
        line3: text(),
        line4: text(),
        line5: text(),
        city: text(),
        state: text(),
        postalCode: text(),
        country: text(),
      }),
      Type.Null(),
    ]),
  }),
  currencyName: optional(Type.String()),
  accountType: optional(Type.String()),
  accountNumber: optional(Type.String()),
});
export type StoredQbListEntry = Static<typeof StoredQbListEntry>;

/** The currency of a QuickBooks transaction in a foreign currency (packages/mapping `QbTxnCurrency`; read-stored.ts proves they agree). */
export const StoredQbTxnCurrency = Type.Object({
  name: text(),
  listId: text(),
  exchangeRate: text(),
  foreignAmountCents: Type.Number(),
  homeAmountCents: Type.Union([Type.Number(), Type.Null()]),
});
/**
 * qb_transactions.data of a bill, check or credit card charge (store-import-responses.ts storeCostTransactions): what the
 * header columns do not hold. Each field is optional — rows written before a field existed lack it, and the reader
 * gives the same default the push always did (currency came in with multi-currency files).
 */
export const StoredQbCostTxnData = Type.Object({
  payeeName: optional(Type.String()),
  memo: optional(Type.String()),
  headerAmountCents: optional(Type.Number()),
  linkedPurchaseOrderTxnIds: Type.Optional(Type.Array(Type.String())),
  currency: optional(StoredQbTxnCurrency),
});
/** qb_transactions.data of a BillPaymentCheck (storeBillPayments): the bills it pays and how much of each. */
export const StoredQbBillPaymentData = Type.Object({
  payeeName: optional(Type.String()),
  applied: Type.Optional(Type.Array(Type.Object({ billTxnId: Type.String(), amountCents: Type.Number() }))),
  currency: optional(StoredQbTxnCurrency),
});
export type StoredQbTxnCurrency = Static<typeof StoredQbTxnCurrency>;

/**
 * procore_records.data of a commitment change order (packages/procore `CommitmentChangeOrder`): the fields Update Job
 * Costs reads to split a bill received against a change-order PO line over its line items.
 */
export const StoredProcoreCommitmentChangeOrder = Type.Object({
  id: Type.Number(),
  number: optional(Type.String()),
  status: optional(Type.String()),
  contract_id: optional(Type.Number()),
  line_items: Type.Array(
    Type.Object({
      id: Type.Number(),
      amount: Type.String(),
      description: optional(Type.String()),
      cost_code_id: optional(Type.Number()),
      cost_code: optional(Type.Object({ id: Type.Number() })),
      commitment_line_item_id: optional(Type.Number()),
    }),
  ),
});

/** export_records.preview: the field-by-field preview shown before approval (packages/mapping `PreviewField[]`). */
export const StoredPreviewFields = Type.Array(Type.Object({ field: Type.String(), value: Type.String(), source: Type.Optional(Type.String()) }));

const ProcoreObject = Type.Object({ id: Type.Number() });
/**
 * export_records.source, by `record.type` (packages/mapping `ExportRecord`; read-export-source.ts writes it): the
 * Procore record an export sends, read when it was queued. Vendors, projects and cost codes are checked field by
 * field (our copy's schemas above); a commitment, change order, invoice or budget is Procore's own answer, checked
 * as far as the connector relies on it here (ids, the lists being lists, the change order's commitment).
 */
export const STORED_EXPORT_SOURCE_RECORDS = {
  vendor: Type.Object({ type: Type.Literal('vendor'), vendor: StoredProcoreVendor, fields: Type.Optional(Type.Array(Type.String())) }),
  project: Type.Object({ type: Type.Literal('project'), project: StoredProcoreProject, fields: Type.Optional(Type.Array(Type.String())) }),
  cost_code: Type.Object({ type: Type.Literal('cost_code'), costCode: StoredProcoreStandardCostCode }),
  budget: Type.Object({ type: Type.Literal('budget'), projectId: Type.Number(), projectName: optional(Type.String()), rows: Type.Array(Type.Object({})) }),
  commitment: Type.Object({
    type: Type.Literal('commitment'),
    projectId: Type.Number(),
    commitment: ProcoreObject,
    lines: Type.Array(ProcoreObject),
    typedRefNumber: optional(Type.String()),
  }),
  change_order: Type.Object({
    type: Type.Literal('change_order'),
    projectId: Type.Number(),
    changeOrder: Type.Object({ id: Type.Number(), contract_id: optional(Type.Number()) }),
  }),
  invoice: Type.Object({ type: Type.Literal('invoice'), requisition: ProcoreObject }),
  owner_invoice: Type.Object({
    type: Type.Literal('owner_invoice'),
    projectId: Type.Number(),
    paymentApplication: Type.Object({ id: Type.Number(), line_items: optional(Type.Array(ProcoreObject)) }),
  }),
  prime_contract: Type.Object({
    type: Type.Literal('prime_contract'),
    projectId: Type.Number(),
    primeContract: Type.Object({ id: Type.Number(), line_items: optional(Type.Array(ProcoreObject)) }),
  }),
  prime_change_order: Type.Object({
    type: Type.Literal('prime_change_order'),
    projectId: Type.Number(),
    changeOrder: Type.Object({ id: Type.Number(), contract_id: optional(Type.Number()), line_items: optional(Type.Array(ProcoreObject)) }),
  }),
} as const;
/** export_records.source around its record: which record type it is, and the project's cost code map. */
export const StoredExportSourceEnvelope = Type.Object({
  record: Type.Object({ type: stringEnum(Object.keys(STORED_EXPORT_SOURCE_RECORDS) as Array<keyof typeof STORED_EXPORT_SOURCE_RECORDS>) }),
  costCodeMap: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()]))),
});

const validators = new WeakMap<TSchema, Validator>();

/** The schema's compiled checker, built once per schema (reads run on hot paths: every send, every settle). */
function validatorFor(schema: TSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

/** The stored value typed by its schema, or the first place it differs (its JSON pointer and what was expected). */
export function checkStored<S extends TSchema>(schema: S, value: unknown): { ok: true; value: Static<S> } | { ok: false; problem: string } {
  const validator = validatorFor(schema);
  if (validator.Check(value)) return { ok: true, value: value as Static<S> };
  const first = validator.Errors(value)[0];
  return { ok: false, problem: first ? `${first.instancePath || '/'}: ${first.message}` : 'does not match its schema' };
}
