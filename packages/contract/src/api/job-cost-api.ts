import { Type, type Static } from 'typebox';
import { companyIdSchema, CompanyParams, ErrorBody, NullableInteger, NullableString, PAGE_PROPERTIES, stringEnum, TextBody } from './common-schemas.ts';

/** Money is integer cents everywhere in the API (no floating point between QuickBooks and Procore). */
const Cents = Type.Integer();

/** Procore's side of a figure: null (not zero) when Procore could not be read, with procoreError saying why. */
const ProcoreCents = NullableInteger;

export const JobCostProjectsBody = Type.Object({
  asOf: Type.String(),
  failedTransactions: Type.Integer(),
  projects: Type.Array(
    Type.Object({
      procoreProjectId: Type.Integer(),
      name: Type.String(),
      qbJob: NullableString,
      jobToDateCents: Cents,
      billedCents: Cents,
      unattributedCents: Cents,
      unattributedLines: Type.Integer(),
      committedCents: ProcoreCents,
      invoicedCents: ProcoreCents,
      paidCents: ProcoreCents,
      retainageCents: ProcoreCents,
      billedFromCommitmentsCents: ProcoreCents,
      differenceCount: NullableInteger,
      procoreError: NullableString,
    }),
  ),
  /** QuickBooks cost on no Procore project. */
  withoutProject: Type.Object({ unattributedCents: Cents, unattributedLines: Type.Integer() }),
});
export type JobCostProjectsBody = Static<typeof JobCostProjectsBody>;

/** How a cost code's figures differ between QuickBooks and Procore (packages/mapping reconcile-job-costs.ts DifferenceKind). */
export const JOB_COST_DIFFERENCE_KINDS = [
  'missing_export',
  'changed_in_quickbooks',
  'deleted_in_quickbooks',
  'not_yet_synced',
  'amount_mismatch',
  'unattributed',
] as const;
export type JobCostDifferenceKind = (typeof JOB_COST_DIFFERENCE_KINDS)[number];

/** One cost code's figures on both sides and where they differ. */
export const JobCostRowBody = Type.Object({
  costCode: Type.Object({ standardCostCodeId: NullableInteger, code: NullableString, name: NullableString }),
  committedCents: Cents,
  invoicedCents: Cents,
  billedCents: Cents,
  billedFromCommitmentsCents: Cents,
  jobToDateCents: Cents,
  paidCents: Cents,
  unattributedCents: Cents,
  retainageCents: Cents,
  differences: Type.Array(Type.Object({ kind: stringEnum(JOB_COST_DIFFERENCE_KINDS), message: Type.String() })),
});
export type JobCostRowBody = Static<typeof JobCostRowBody>;

export const JobCostReportBody = Type.Object({
  asOf: Type.String(),
  procoreProjectId: Type.Integer(),
  projectName: NullableString,
  rows: Type.Array(JobCostRowBody),
  /** The columns' sums, and how many rows differ; any further figure is kept too (additionalProperties), as before. */
  totals: Type.Object(
    {
      committedCents: Cents,
      invoicedCents: Cents,
      billedCents: Cents,
      billedFromCommitmentsCents: Cents,
      jobToDateCents: Cents,
      paidCents: Cents,
      unattributedCents: Cents,
      retainageCents: Cents,
      rowsWithDifferences: Type.Integer(),
    },
    { additionalProperties: Type.Integer() },
  ),
});
export type JobCostReportBody = Static<typeof JobCostReportBody>;

/** A QuickBooks cost line not in Procore ("Cost not in Procore"), with the reason and what to do about it. */
export const UnattributedLineBody = Type.Object({
  txnType: Type.String(),
  txnId: Type.String(),
  txnLineId: Type.String(),
  refNumber: NullableString,
  txnDate: Type.String(),
  payeeName: NullableString,
  amountCents: Cents,
  /** Multi-currency: the amount was converted from the transaction's currency at QuickBooks' rate, in words; null in home currency. */
  currency: Type.Optional(NullableString),
  memo: NullableString,
  jobName: NullableString,
  itemName: NullableString,
  procoreProjectId: NullableInteger,
  standardCostCodeId: NullableInteger,
  code: Type.String(),
  reason: Type.String(),
  action: Type.String(),
  fix: Type.String(),
});
export type UnattributedLineBody = Static<typeof UnattributedLineBody>;
export const UnattributedLineListBody = Type.Object({ total: Type.Integer(), totalCents: Cents, items: Type.Array(UnattributedLineBody) });
export type UnattributedLineListBody = Static<typeof UnattributedLineListBody>;

/**
 * The owner side of one project (issue 21): our copy of Procore's prime contracts and approved owner invoices, the
 * QuickBooks invoices exported from them and the payments received on those, and the margin against the cost side
 * (committed and billed by subs, null with procoreError when Procore could not be read). Integer cents.
 */
export const OwnerReconciliationBody = Type.Object({
  asOf: Type.String(),
  procoreProjectId: Type.Integer(),
  projectName: NullableString,
  primeContracts: Type.Integer(),
  unreadablePrimeContracts: Type.Integer(),
  contractValueCents: Cents,
  approvedOwnerInvoices: Type.Integer(),
  notExportedOwnerInvoices: Type.Integer(),
  unreadableOwnerInvoices: Type.Integer(),
  billedToOwnerCents: Cents,
  billedNetCents: Cents,
  invoicedInQuickBooksCents: Cents,
  receivedCents: Cents,
  unreadablePayments: Type.Integer(),
  retainageWithheldCents: Cents,
  retainageReleasedCents: Cents,
  retainageReceivableCents: Cents,
  committedCents: ProcoreCents,
  billedBySubsCents: ProcoreCents,
  marginOnCommittedCents: ProcoreCents,
  marginOnBilledCents: ProcoreCents,
  procoreError: NullableString,
});
export type OwnerReconciliationBody = Static<typeof OwnerReconciliationBody>;

export const jobCostApi = {
  /** GET …/job-costs/unattributed-lines[?projectId=123|none] — the lines behind "Cost not in Procore". */
  unattributedLines: {
    params: CompanyParams,
    querystring: Type.Object({ projectId: Type.Optional(Type.String({ pattern: '^([0-9]+|none)$' })), ...PAGE_PROPERTIES }, { additionalProperties: false }),
    response: { 200: UnattributedLineListBody, 404: ErrorBody },
  },
  /** GET …/job-costs — projects with job-to-date figures. */
  projects: { params: CompanyParams, response: { 200: JobCostProjectsBody, 404: ErrorBody } },
  /** GET …/job-costs/owner/:projectId (JSON) or …/job-costs/owner/:projectId.csv — the project's owner side (issue 21). */
  owner: {
    params: Type.Object({ companyId: companyIdSchema(), projectId: Type.String({ pattern: '^[0-9]+(\\.csv)?$' }) }),
    response: { 200: Type.Union([TextBody, OwnerReconciliationBody]), 404: ErrorBody },
  },
  /** GET …/job-costs/:projectId (JSON) or …/job-costs/:projectId.csv (the same figures as CSV). */
  report: {
    params: Type.Object({ companyId: companyIdSchema(), projectId: Type.String({ pattern: '^[0-9]+(\\.csv)?$' }) }),
    response: { 200: Type.Union([TextBody, JobCostReportBody]), 404: ErrorBody, 502: ErrorBody },
  },
} as const;
