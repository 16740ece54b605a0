import type { Database } from '@connector/db';
import { readReceivePayment, renderCsv, sumOwnerInvoiceLines } from '@connector/mapping';
import { formatMoney, parseMoney, type PaymentApplication, type PrimeContract, type ProcoreClient } from '@connector/procore';
import { QbxmlParseError, type QbRecord } from '@connector/qbxml';
import { AppError } from '../errors/app-error.ts';
import { LINK_TYPES } from '../links/link-types.ts';
import { displayText } from '../stored/read-stored.ts';
import { buildJobCostReport } from './build-job-cost-report.ts';
import { RECEIVE_PAYMENT_TXN_TYPE } from './store-receive-payments.ts';

// The owner side of the reconciliation report (issue 21: "The reconciliation report gains the owner side per
// project: contract value, billed to owner, received, retainage receivable, and margin = billed to owner −
// committed / − billed by subs, with CSV"). Procore's side is our copy (procore_records prime_contract and
// payment_application, kept by the reconcile and webhooks); QuickBooks' side is the invoices the owner invoice export
// linked (record_links payment_application / payment_application_retainage_release → Invoice, with the lines
// QuickBooks answered) and the payments received we read (qb_transactions ReceivePayment). Committed and billed by
// subs come from the cost side's report (buildJobCostReport), read live from Procore as that report is.

/** Owner invoices count as billed to the owner only once approved (support.procore.com, default statuses for owner invoices; check-procore-approval.ts). */
const APPROVED = 'approved';
const OWNER_INVOICE_LINK_TYPES = [LINK_TYPES.ownerInvoice, LINK_TYPES.ownerInvoiceRetainageRelease];

export interface OwnerReconciliation {
  asOf: string;
  procoreProjectId: number;
  projectName: string | null;
  /** Prime contracts of the project in our copy (not deleted). */
  primeContracts: number;
  /** Prime contracts whose amounts in our copy are not money: left out of the contract value, counted here. */
  unreadablePrimeContracts: number;
  /** Σ revised contract value: revised_contract_amount, or grand_total + approved_change_orders when the record has no revised figure (the list answer). */
  contractValueCents: number;
  /** Approved owner invoices in our copy, and how many of them no QuickBooks invoice stands for yet. */
  approvedOwnerInvoices: number;
  notExportedOwnerInvoices: number;
  /** Owner invoices whose G703 lines could not be read (a damaged copy or a line Procore sent wrong): left out of every figure, never read as zero silently. */
  unreadableOwnerInvoices: number;
  /** Procore: Σ work completed + materials stored this period over the approved owner invoices (gross, before retainage). */
  billedToOwnerCents: number;
  /** Procore: what those invoices ask the owner to pay — gross − retainage withheld + retainage released (the QuickBooks invoices should add up to this). */
  billedNetCents: number;
  /** QuickBooks: Σ the line amounts of the linked invoices (progress invoices with their negative retainage line, and the release invoices). */
  invoicedInQuickBooksCents: number;
  /** QuickBooks: payments received applied to those invoices (discounts are not money received). */
  receivedCents: number;
  /** Payments received that could not be read again (damaged qb_transactions.data): left out of Received, counted here. */
  unreadablePayments: number;
  retainageWithheldCents: number;
  retainageReleasedCents: number;
  /** Withheld − released: what the owner still owes as retainage. */
  retainageReceivableCents: number;
  /** The cost side (buildJobCostReport totals), null when Procore could not be read, with procoreError saying why. */
  committedCents: number | null;
  /** Procore's subcontractor invoices (the report's Invoiced: requisitions, before retainage). */
  billedBySubsCents: number | null;
  /** Billed to owner − committed. */
  marginOnCommittedCents: number | null;
  /** Billed to owner − billed by subs. */
  marginOnBilledCents: number | null;
  procoreError: string | null;
}

/** A money field of our copy: absent or empty is no money; anything else not a plain decimal throws (parseMoney), and the caller counts the record as unreadable. */
const cents = (value: unknown) => (value === null || value === undefined || value === '' ? 0 : parseMoney(value as string | number));

/** A prime contract's revised value as our copy gives it (prime-contracts.ts: revised_contract_amount is on Show only). */
function contractValueOf(contract: PrimeContract): number {
  if (contract.revised_contract_amount != null && contract.revised_contract_amount !== '') return cents(contract.revised_contract_amount);
  return cents(contract.grand_total) + cents(contract.approved_change_orders);
}

export async function buildOwnerReconciliation(
  db: Database,
  input: { companyId: string; procoreProjectId: string; client: ProcoreClient | (() => Promise<ProcoreClient>) },
): Promise<OwnerReconciliation> {
  const { companyId, procoreProjectId } = input;
  const project = await db.prisma.procoreRecord.findFirst({ where: { companyId, resourceType: 'project', procoreId: procoreProjectId } });
  if (!project) throw new AppError('NOT_FOUND', `Procore project ${procoreProjectId} is not in this company (or not read from Procore yet).`);

  const contracts = await db.prisma.procoreRecord.findMany({
    where: { companyId, resourceType: 'prime_contract', procoreProjectId, deletedAt: null },
    select: { data: true },
  });
  let contractValueCents = 0;
  let unreadablePrimeContracts = 0;
  for (const c of contracts) {
    try {
      contractValueCents += contractValueOf(c.data as unknown as PrimeContract);
    } catch (error) {
      // A damaged copy ("1,250.00", an object): left out of the contract value and counted, not a failed report.
      if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
      unreadablePrimeContracts += 1;
    }
  }

  const ownerInvoices = await db.prisma.procoreRecord.findMany({
    where: { companyId, resourceType: 'payment_application', procoreProjectId, deletedAt: null },
    select: { procoreId: true, data: true },
  });
  const links = await db.prisma.recordLink.findMany({
    where: { companyId, qbType: 'Invoice', procoreType: { in: OWNER_INVOICE_LINK_TYPES }, procoreId: { in: ownerInvoices.map((o) => o.procoreId) } },
    select: { procoreId: true, qbId: true, lines: true },
  });
  const linkedIds = new Set(links.map((l) => l.procoreId));

  let approvedOwnerInvoices = 0;
  let notExportedOwnerInvoices = 0;
  let unreadableOwnerInvoices = 0;
  let billedToOwnerCents = 0;
  let retainageWithheldCents = 0;
  let retainageReleasedCents = 0;
  for (const record of ownerInvoices) {
    const invoice = record.data as unknown as PaymentApplication;
    if (invoice?.status !== APPROVED) continue;
    approvedOwnerInvoices += 1;
    if (!linkedIds.has(record.procoreId)) notExportedOwnerInvoices += 1;
    const sums = Array.isArray(invoice.line_items) ? sumOwnerInvoiceLines(invoice.line_items, `owner invoice ${record.procoreId}`) : null;
    if (!sums || !sums.ok) {
      unreadableOwnerInvoices += 1;
      continue;
    }
    billedToOwnerCents += sums.grossCents;
    retainageWithheldCents += sums.retainedCents;
    retainageReleasedCents += sums.releasedCents;
  }

  // QuickBooks: the linked invoices' lines as QuickBooks answered them (settle-export.ts stores amountCents per line).
  let invoicedInQuickBooksCents = 0;
  for (const link of links) {
    for (const line of Array.isArray(link.lines) ? (link.lines as Array<{ amountCents?: unknown }>) : []) {
      if (typeof line?.amountCents === 'number' && Number.isSafeInteger(line.amountCents)) invoicedInQuickBooksCents += line.amountCents;
    }
  }

  const invoiceTxnIds = new Set(links.map((l) => l.qbId));
  let receivedCents = 0;
  let unreadablePayments = 0;
  if (invoiceTxnIds.size > 0) {
    const payments = await db.prisma.qbTransaction.findMany({
      where: { companyId, txnType: RECEIVE_PAYMENT_TXN_TYPE, deletedAt: null },
      select: { data: true },
    });
    for (const payment of payments) {
      const record = (payment.data as { record?: unknown } | null)?.record;
      let applied;
      try {
        if (!record || typeof record !== 'object') throw new QbxmlParseError('no ReceivePaymentRet stored');
        // Read by the same rules as the push (push-owner-payments.ts): a voided payment applies 0.
        applied = readReceivePayment(record as QbRecord).applied;
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        unreadablePayments += 1;
        continue;
      }
      for (const a of applied) if (invoiceTxnIds.has(a.invoiceTxnId)) receivedCents += a.amountCents;
    }
  }

  let cost: { committedCents: number; billedBySubsCents: number } | null = null;
  let procoreError: string | null = null;
  try {
    const client = typeof input.client === 'function' ? await input.client() : input.client;
    const report = await buildJobCostReport(db, { companyId, procoreProjectId, client });
    cost = { committedCents: report.totals.committedCents, billedBySubsCents: report.totals.invoicedCents };
  } catch (error) {
    procoreError = error instanceof Error ? error.message : String(error);
  }

  return {
    asOf: new Date().toISOString(),
    procoreProjectId: Number(procoreProjectId),
    // Display only (stored/read-stored.ts displayText): a damaged copy gives no name, not a failed report.
    projectName: displayText(project.data, 'name'),
    primeContracts: contracts.length,
    unreadablePrimeContracts,
    contractValueCents,
    approvedOwnerInvoices,
    notExportedOwnerInvoices,
    unreadableOwnerInvoices,
    billedToOwnerCents,
    billedNetCents: billedToOwnerCents - retainageWithheldCents + retainageReleasedCents,
    invoicedInQuickBooksCents,
    receivedCents,
    unreadablePayments,
    retainageWithheldCents,
    retainageReleasedCents,
    retainageReceivableCents: retainageWithheldCents - retainageReleasedCents,
    committedCents: cost?.committedCents ?? null,
    billedBySubsCents: cost?.billedBySubsCents ?? null,
    marginOnCommittedCents: cost ? billedToOwnerCents - cost.committedCents : null,
    marginOnBilledCents: cost ? billedToOwnerCents - cost.billedBySubsCents : null,
    procoreError,
  };
}

const CSV_COLUMNS: Array<[string, keyof OwnerReconciliation]> = [
  ['Procore project', 'procoreProjectId'],
  ['Project', 'projectName'],
  ['Contract value', 'contractValueCents'],
  ['Billed to owner (Procore, approved)', 'billedToOwnerCents'],
  ['Billed net of retainage (Procore)', 'billedNetCents'],
  ['Invoiced in QuickBooks', 'invoicedInQuickBooksCents'],
  ['Received', 'receivedCents'],
  ['Retainage withheld', 'retainageWithheldCents'],
  ['Retainage released', 'retainageReleasedCents'],
  ['Retainage receivable', 'retainageReceivableCents'],
  ['Committed', 'committedCents'],
  ['Billed by subs', 'billedBySubsCents'],
  ['Margin on committed', 'marginOnCommittedCents'],
  ['Margin on billed', 'marginOnBilledCents'],
  ['Approved owner invoices', 'approvedOwnerInvoices'],
  ['Not exported', 'notExportedOwnerInvoices'],
  ['Procore error', 'procoreError'],
];

/** The owner side as CSV (the shared renderer: RFC 4180, formula-safe): one row per project; dollars as plain decimals, as the cost side's CSV; an unknown figure empty. */
export function ownerReconciliationCsv(rows: readonly OwnerReconciliation[]): string {
  return renderCsv(
    CSV_COLUMNS.map(([header]) => header),
    rows.map((row) =>
      CSV_COLUMNS.map(([, key]) => {
        const v = row[key];
        if (v === null || v === undefined) return null;
        if (typeof v === 'number') return key.endsWith('Cents') ? formatMoney(v) : v;
        return String(v);
      }),
    ),
  );
}
