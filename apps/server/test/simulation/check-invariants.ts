// The data-safety invariants (docs/data-safety.md#how-it-is-checked, data safety), computed from the QuickBooks simulator's company file,
// the Procore simulator's state and our database — never from what the server says about itself. Cheap ones
// run after every step; the rest at the end, after quiescence.
import { splitCents } from '@connector/mapping';
import type { Step } from './history.ts';
import type { Universe } from './run-history.ts';
import type { World } from './world.ts';

export interface Violation {
  invariant:
    | 'step-ran'
    | 'no-duplicate-in-quickbooks'
    | 'no-duplicate-in-procore'
    | 'linked-entry-unchanged'
    | 'exception-has-reason'
    | 'nothing-in-flight'
    | 'approved-in-quickbooks-once'
    | 'committed-equals-po'
    | 'billed-equals-bills'
    | 'paid-equals-payments'
    | 'removed-in-procore-stays-out'
    | 'foreign-currency-converted-or-refused'
    | 'owner-invoice-in-quickbooks-once'
    | 'owner-payment-in-procore-once'
    | 'contract-value-estimate-once'
    | 'quiescence';
  message: string;
}

/** What the harness itself did and knows (QuickBooks users' work, labels of records it created). */
export interface Ledger {
  universe: Universe;
  changeOrderLabels: Map<string, number>;
  invoiceLabels: Map<string, number>;
  /** label → TxnID of bills / bill payments a QuickBooks user entered. */
  userBills: Map<string, string>;
  userPayments: Map<string, string>;
  /** Every transaction a QuickBooks user (not the connector) created. */
  userTxnIds: Set<string>;
  userDeleted: Set<string>;
  userVoided: Set<string>;
  userEditedBills: Set<string>;
  /** Cents a QuickBooks user added to (or took off) the purchase order of a commitment. */
  poUserDeltaCents: Map<number, number>;
  /** The same per `commitmentId:itemListId`. */
  poUserDeltaByItem: Map<string, number>;
  /** ListID → the name a QuickBooks user gave it. */
  userRenamed: Map<string, string>;
  /** `type:procoreId` of every successful "resend ours" (an explicit, audited choice to overwrite QuickBooks). */
  resolvedResends: Set<string>;
  /** EditSequence of a transaction right after a QuickBooks user's edit. */
  knownEditSequences: Map<string, string>;
  /** ListIDs of vendors and customers/jobs a QuickBooks user made (in the file before the connector, or added since). */
  userListIds: Set<string>;
  /**
   * `type:procoreId` of commitments, change orders and invoices deleted or set back from approved in Procore (and
   * not approved again since); `onItsWay`: its export was already queued, in flight or in QuickBooks then.
   */
  removedInProcore: Map<string, { how: 'deleted' | 'unapproved'; onItsWay: boolean; status: string }>;
  /** Lines of change orders deleted in Procore (what they added to the PO stays in QuickBooks if they got there). */
  deletedChangeOrderCents: Map<number, { commitmentId: number; lines: Array<{ costCodeId: number; cents: number }> }>;
  /** ulids of the Procore webhook deliveries the harness has carried (or lost). */
  webhooksDelivered: Set<string>;
  /** label → TxnID of payments received (ReceivePayment) a QuickBooks user entered on the connector's owner invoices. */
  ownerPayments: Map<string, string>;
  /** Set when fault-free sessions and jobs did not run out of work (a livelock). */
  quiescenceFailure?: string;
}

interface SnapLine {
  id: string;
  amount: number;
  itemId: string | null;
  customerId: string | null;
}
interface SnapRecord {
  kind: 'PurchaseOrder' | 'Bill' | 'Estimate' | 'BillPaymentCheck' | 'Vendor' | 'Customer' | 'Item';
  editSequence: string;
  name?: string;
  lines: SnapLine[];
}
export type QbSnapshot = Map<string, SnapRecord>;

export function snapshotQuickBooks(world: World): QbSnapshot {
  const c = world.company;
  const snap: QbSnapshot = new Map();
  const lines = (ls: Array<{ txnLineId: string; amount: number; itemId?: string; customerId?: string }>) =>
    ls.map((l) => ({ id: l.txnLineId, amount: l.amount, itemId: l.itemId ?? null, customerId: l.customerId ?? null }));
  for (const p of c.purchaseOrders) snap.set(p.txnId, { kind: 'PurchaseOrder', editSequence: p.editSequence, lines: lines(p.lines) });
  for (const b of c.bills) snap.set(b.txnId, { kind: 'Bill', editSequence: b.editSequence, lines: lines([...b.itemLines, ...b.expenseLines]) });
  for (const e of c.estimates) snap.set(e.txnId, { kind: 'Estimate', editSequence: e.editSequence, lines: lines(e.lines) });
  for (const v of c.vendors) snap.set(v.listId, { kind: 'Vendor', editSequence: v.editSequence, name: v.name, lines: [] });
  for (const cu of c.customers) snap.set(cu.listId, { kind: 'Customer', editSequence: cu.editSequence, name: cu.name, lines: [] });
  for (const i of c.items) snap.set(i.listId, { kind: 'Item', editSequence: i.editSequence, name: i.name, lines: [] });
  return snap;
}

const cents = (dollars: number | null | undefined) => Math.round((dollars ?? 0) * 100);

/**
 * Multi-currency (issue 15, gap 5): a transaction in another currency than the file's home currency, with the rate
 * QuickBooks holds on it (home-currency units per foreign unit); null for a home-currency one or a single-currency file.
 */
function foreignRate(company: World['company'], t: { currencyId?: string; exchangeRate?: number }): number | null {
  if (!company.isMultiCurrencyOn || t.currencyId === undefined || t.currencyId === company.homeCurrencyId) return null;
  return t.exchangeRate ?? Number.NaN;
}

/** Cents in home currency, as QuickBooks states them (the InHomeCurrency amounts: amount × rate, to the cent). */
const inHome = (amountCents: number, rate: number | null) => (rate === null ? amountCents : Math.round(amountCents * rate));

/** A record link's `lines` (the QuickBooks lines the connector recorded: QbTxnLineLink[] as JSON), read loosely: a test reads what is there. */
function readLinkLines(lines: unknown): Array<{ txnLineId: string; procoreLineKey: string | null }> {
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((l: unknown) =>
    l && typeof l === 'object' && typeof (l as { txnLineId?: unknown }).txnLineId === 'string'
      ? [{ txnLineId: (l as { txnLineId: string }).txnLineId, procoreLineKey: (l as { procoreLineKey?: string | null }).procoreLineKey ?? null }]
      : [],
  );
}

export async function checkInvariants(
  world: World,
  ledger: Ledger,
  context: { previous: QbSnapshot; next: QbSnapshot; step: Step | null; final: boolean },
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const v = (invariant: Violation['invariant'], message: string) => violations.push({ invariant, message });
  const db = world.db();
  const companyId = world.companyId;
  const company = world.company;
  const store = world.procore.store;
  const pc = world.procore.companyId;

  // --- No QuickBooks record created twice for one Procore record.
  const dupes = <T>(items: T[], key: (t: T) => string | null, what: (k: string, n: number) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) {
      const k = key(item);
      if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const [k, n] of counts) if (n > 1) v('no-duplicate-in-quickbooks', what(k, n));
  };
  dupes(
    company.vendors,
    (x) => x.name.toLowerCase(),
    (k, n) => `${n} QuickBooks vendors named "${k}"`,
  );
  dupes(
    company.customers,
    (x) => `${x.parentId ?? ''}:${x.name.toLowerCase()}`,
    (k, n) => `${n} QuickBooks customers/jobs "${k}"`,
  );
  dupes(
    company.items,
    (x) => `${x.parentId ?? ''}:${x.name.toLowerCase()}`,
    (k, n) => `${n} QuickBooks items "${k}"`,
  );
  const ours = <T extends { txnId: string }>(list: T[]) => list.filter((t) => !ledger.userTxnIds.has(t.txnId));
  dupes(
    ours(company.purchaseOrders),
    (p) => `${p.vendorId}:${p.refNumber ?? ''}:${p.lines[0]?.customerId ?? ''}`,
    (k, n) => `${n} purchase orders for one commitment (vendor:RefNumber:job ${k})`,
  );
  dupes(
    ours(company.bills),
    (b) => `${b.vendorId}:${b.refNumber ?? ''}:${[...new Set(b.itemLines.map((l) => l.linkedTxnId ?? ''))].sort().join(',')}`,
    (k, n) => `${n} bills for one Procore invoice (vendor:RefNumber:POs ${k})`,
  );
  dupes(
    // The job's contract value estimate (issue 21, memo "Procore prime contract #…") is its own: checked below.
    ours(company.estimates).filter((e) => !(e.memo ?? '').startsWith('Procore prime contract #')),
    (e) => e.customerId,
    (k, n) => `${n} estimates for one job ${k} (one budget per project)`,
  );

  // --- Foreign currency (issue 15): the connector writes no transaction in another currency than the home one. Procore's
  // amounts are home currency; a PO or bill for a vendor in Canadian dollars would book them as Canadian dollars. Such
  // an export is refused with its reason (FOREIGN_CURRENCY_VENDOR, checked below and by exception-has-reason).
  const written = [...ours(company.purchaseOrders).map((t) => ({ t, what: 'purchase order' })), ...ours(company.bills).map((t) => ({ t, what: 'bill' }))];
  for (const { t, what } of written) {
    const rate = foreignRate(company, t);
    if (rate === null) continue;
    const currency = company.currencies.find((c) => c.listId === t.currencyId)?.name ?? t.currencyId;
    const vendor = company.vendors.find((x) => x.listId === t.vendorId)?.name ?? t.vendorId;
    v(
      'foreign-currency-converted-or-refused',
      `the connector wrote ${what} ${t.txnId} (ref ${t.refNumber ?? '-'}) for vendor "${vendor}" in ${currency} at rate ${rate}: Procore's home-currency amounts booked as ${currency}`,
    );
  }

  // --- No Procore record created twice for one QuickBooks record.
  const procoreTables = {
    requisition: [...store.requisitions.all()],
    contract_payment: [...store.contractPayments.all()],
    direct_cost: [...store.directCosts.all()],
    project: store.projects.list(pc),
    vendor: store.vendors.list(pc),
  } as const;
  for (const [type, records] of Object.entries(procoreTables) as unknown as Array<[string, Array<{ id: number; origin_id: string | null }>]>) {
    const byOrigin = new Map<string, number[]>();
    for (const r of records) if (r.origin_id) byOrigin.set(r.origin_id, [...(byOrigin.get(r.origin_id) ?? []), r.id]);
    for (const [origin, ids] of byOrigin) if (ids.length > 1) v('no-duplicate-in-procore', `Procore ${type}s ${ids.join(', ')} all carry origin_id ${origin}`);
  }

  // --- A linked QuickBooks entry is never changed except by an explicit, audited choice.
  const links = await db.prisma.recordLink.findMany({ where: { companyId } });
  const linkByQb = new Map(links.map((l) => [l.qbId, l]));
  const resendAllowed = (qbId: string): boolean => {
    const link = linkByQb.get(qbId);
    if (!link) return false;
    if (ledger.resolvedResends.has(`${link.procoreType}:${link.procoreId}`)) return true;
    if (link.procoreType === 'commitment') {
      for (const key of ledger.resolvedResends) {
        const [type, id] = key.split(':');
        if (type === 'change_order' && String(store.changeOrders.get(Number(id))?.contract_id) === link.procoreId) return true;
      }
    }
    return false;
  };
  for (const [id, before] of context.previous) {
    const after = context.next.get(id);
    if (!after) {
      if (!ledger.userDeleted.has(id)) v('linked-entry-unchanged', `QuickBooks ${before.kind} ${id} disappeared, and no QuickBooks user deleted it`);
      continue;
    }
    if (after.editSequence === before.editSequence) continue;
    if (ledger.knownEditSequences.get(id) === after.editSequence) continue; // the QuickBooks user's own edit
    if (before.kind === 'Vendor' || before.kind === 'Customer' || before.kind === 'Item') {
      // A QuickBooks user's own vendor or job (in the file before, or added between syncs) is theirs: the connector
      // may link to it, never change it, unless a person chose fields (none does in the simulation).
      if (ledger.userListIds.has(id) && !ledger.userRenamed.has(id)) {
        v(
          'linked-entry-unchanged',
          `QuickBooks ${before.kind} ${id} "${before.name}" belongs to a QuickBooks user; the connector changed it (EditSequence ${before.editSequence} → ${after.editSequence}${after.name !== before.name ? `, name → "${after.name}"` : ''}) without anyone choosing to`,
        );
        continue;
      }
      const theirs = ledger.userRenamed.get(id);
      if (theirs !== undefined && after.name !== theirs)
        v(
          'linked-entry-unchanged',
          `QuickBooks ${before.kind} ${id}: a QuickBooks user renamed it "${theirs}", the connector changed it to "${after.name}" without anyone choosing to`,
        );
      continue;
    }
    if (before.kind === 'BillPaymentCheck') continue;
    if (resendAllowed(id)) continue;
    for (const line of before.lines) {
      const now = after.lines.find((l) => l.id === line.id);
      if (!now)
        v(
          'linked-entry-unchanged',
          `QuickBooks ${before.kind} ${id}: line ${line.id} (${line.amount} cents) was removed by the connector, with no explicit choice`,
        );
      else if (now.amount !== line.amount || now.itemId !== line.itemId || now.customerId !== line.customerId) {
        v(
          'linked-entry-unchanged',
          `QuickBooks ${before.kind} ${id}: line ${line.id} changed from ${line.amount} to ${now.amount} cents (item ${line.itemId}→${now.itemId}) by the connector, with no explicit choice`,
        );
      }
    }
  }

  // --- Every exception lists its reason.
  const rows = await db.prisma.exportRecord.findMany({ where: { companyId } });
  for (const row of rows) {
    if (row.status === 'failed' && (!row.errorCode || !row.errorMessage))
      v('exception-has-reason', `export ${row.recordType} ${row.procoreId} failed with no reason (code ${row.errorCode}, message ${row.errorMessage})`);
    if (row.status === 'failed' && row.errorCode === 'QB_CHANGED_IN_QUICKBOOKS' && !Array.isArray(row.fieldDifferences))
      v('exception-has-reason', `export ${row.recordType} ${row.procoreId}: a 3200 conflict without its field differences`);
  }
  const pushFailures = await db.prisma.qbTransaction.findMany({ where: { companyId, pushErrorCode: { not: null } } });
  for (const t of pushFailures)
    if (!t.pushErrorMessage)
      v('exception-has-reason', `QuickBooks ${t.txnType} ${t.txnId} could not be brought into Procore, with no message (code ${t.pushErrorCode})`);

  if (!context.final) return violations;

  // --- Nothing stuck in flight after quiescence.
  if (ledger.quiescenceFailure) v('quiescence', ledger.quiescenceFailure);
  for (const row of rows) {
    if (['approved', 'queued', 'in_flight'].includes(row.status)) {
      const waits = row.waitingOn.map((key) => {
        const [type, id] = key.split(':');
        const other = rows.find((r) => r.recordType === type && r.procoreId === id);
        return `${key} (${other ? `"${other.status}"` : 'no export'})`;
      });
      v(
        'nothing-in-flight',
        `export ${row.recordType} ${row.procoreId} is still "${row.status}" after quiescence — neither in QuickBooks nor in the exception queue (waiting on ${waits.join(', ') || 'nothing'}; reason: ${row.errorCode ?? 'none'} ${row.errorMessage ?? ''})`,
      );
    }
  }
  const openRequests = await db.prisma.queuedRequest.findMany({ where: { companyId, status: { in: ['queued', 'sent'] } } });
  for (const r of openRequests) v('nothing-in-flight', `request ${r.kind} (${r.dedupeKey}) is still "${r.status}" after quiescence`);
  const openJobs = await db.prisma.job.findMany({ where: { companyId, status: { in: ['queued', 'running'] } } });
  for (const j of openJobs) v('nothing-in-flight', `job ${j.kind} is still "${j.status}" after quiescence (${j.lastError ?? ''})`);
  const failedJobs = await db.prisma.job.findMany({ where: { companyId, status: 'failed' } });
  for (const j of failedJobs) if (!j.errorCode && !j.lastError) v('exception-has-reason', `job ${j.kind} failed with no reason`);

  // --- Every connector-made QuickBooks transaction is known to the connector (else a retry would make it again).
  for (const t of [...ours(company.purchaseOrders), ...ours(company.bills), ...ours(company.estimates)]) {
    if (!linkByQb.has(t.txnId))
      v(
        'no-duplicate-in-quickbooks',
        `QuickBooks transaction ${t.txnId} (ref ${t.refNumber ?? '-'}) was written by the connector but no Procore record is linked to it`,
      );
  }

  // --- Approved commitments, change orders and invoices: in QuickBooks exactly once with the right amounts, or an exception.
  const linkOf = (type: string, id: string) => links.find((l) => l.procoreType === type && l.procoreId === id);
  const statusOf = (type: string, id: number) => rows.find((r) => r.recordType === type && r.procoreId === String(id))?.status;
  for (const row of rows.filter((r) => ['commitment', 'change_order', 'invoice'].includes(r.recordType) && r.status === 'synced')) {
    if (row.recordType === 'change_order') continue; // its lines are on the commitment's PO, checked below
    const link = linkOf(row.recordType, row.procoreId);
    if (!link) {
      v('approved-in-quickbooks-once', `${row.recordType} ${row.procoreId} is "synced" but not linked to any QuickBooks record`);
      continue;
    }
    if (ledger.userDeleted.has(link.qbId)) continue;
    const exists =
      row.recordType === 'commitment' ? company.purchaseOrders.some((p) => p.txnId === link.qbId) : company.bills.some((b) => b.txnId === link.qbId);
    if (!exists) v('approved-in-quickbooks-once', `${row.recordType} ${row.procoreId} is "synced" to ${link.qbId}, which is not in QuickBooks`);
  }

  // --- Committed (Procore) = purchase order totals (QuickBooks), per commitment and per project.
  const perProject = new Map<number, { procore: number; quickbooks: number }>();
  const perCostCode = new Map<string, { procore: number; quickbooks: number }>();
  for (const commitmentId of ledger.universe.commitments) {
    if (statusOf('commitment', commitmentId) !== 'synced') continue;
    const link = linkOf('commitment', String(commitmentId));
    const po = link ? company.purchaseOrders.find((p) => p.txnId === link.qbId) : undefined;
    if (!link || !po || ledger.userDeleted.has(po.txnId)) continue;
    const commitment = store.commitments.get(commitmentId);
    // Deleted in Procore: there is nothing left to compare with; its PO must stay as it was (linked-entry-unchanged).
    if (!commitment) continue;
    const committedLines = store.commitmentLineItems.list(commitmentId).reduce((s, l) => s + cents(l.amount), 0);
    const changeOrders = store.changeOrders
      .list(commitment.project_id)
      .filter((co) => co.contract_id === commitmentId && statusOf('change_order', co.id) === 'synced');
    // A change order deleted in Procore after it reached QuickBooks: its lines stay on the PO.
    const deletedSynced = [...ledger.deletedChangeOrderCents].filter(([id, d]) => d.commitmentId === commitmentId && statusOf('change_order', id) === 'synced');
    const changed =
      changeOrders.reduce((s, co) => s + co.line_items.reduce((t, l) => t + cents(l.amount), 0), 0) +
      deletedSynced.reduce((s, [, d]) => s + d.lines.reduce((t, l) => t + l.cents, 0), 0);
    const expected = committedLines + changed + (ledger.poUserDeltaCents.get(commitmentId) ?? 0);
    // In home currency (a PO in another currency is a violation of its own, above): its lines × QuickBooks' rate.
    const poRate = foreignRate(company, po);
    const actual = inHome(
      po.lines.reduce((s, l) => s + l.amount, 0),
      poRate,
    );
    if (expected !== actual) {
      v(
        'committed-equals-po',
        `commitment ${commitmentId} (${commitment.number}): Procore commits ${committedLines} + synced change orders [${changeOrders.map((co) => co.id).join(', ')}] ${changed} (+ QuickBooks user edits ${ledger.poUserDeltaCents.get(commitmentId) ?? 0}) = ${expected} cents, PO ${po.txnId} totals ${actual} cents`,
      );
    }
    // Per cost code: the project cost code's standard cost code is the QuickBooks item (its link), amounts from both sides.
    const itemOf = (costCodeId: number) => {
      const standard = store.costCodes.get(costCodeId)?.standard_cost_code_id ?? null;
      return standard === null
        ? `cost code ${costCodeId} (no standard code)`
        : (linkOf('cost_code', String(standard))?.qbId ?? `cost code ${costCodeId} (no item)`);
    };
    const byItem = new Map<string, { procore: number; quickbooks: number }>();
    const add = (item: string, side: 'procore' | 'quickbooks', amount: number) => {
      const e = byItem.get(item) ?? { procore: 0, quickbooks: 0 };
      e[side] += amount;
      byItem.set(item, e);
    };
    for (const l of store.commitmentLineItems.list(commitmentId)) if (cents(l.amount) !== 0) add(itemOf(l.cost_code_id), 'procore', cents(l.amount));
    for (const co of changeOrders) for (const l of co.line_items) if (cents(l.amount) !== 0) add(itemOf(l.cost_code_id), 'procore', cents(l.amount));
    for (const [, d] of deletedSynced) for (const l of d.lines) if (l.cents !== 0) add(itemOf(l.costCodeId), 'procore', l.cents);
    for (const [key, delta] of ledger.poUserDeltaByItem)
      if (key.startsWith(`${commitmentId}:`)) add(key.slice(String(commitmentId).length + 1), 'procore', delta);
    for (const l of po.lines) add(l.itemId ?? '(no item)', 'quickbooks', inHome(l.amount, poRate));
    for (const [item, e] of byItem) {
      if (e.procore !== e.quickbooks && expected === actual)
        v(
          'committed-equals-po',
          `commitment ${commitmentId} (${commitment.number}), cost code item ${item}: Procore ${e.procore} cents, PO ${po.txnId} ${e.quickbooks} cents`,
        );
      const key = `${commitment.project_id}:${item}`;
      const pe = perCostCode.get(key) ?? { procore: 0, quickbooks: 0 };
      pe.procore += e.procore;
      pe.quickbooks += e.quickbooks;
      perCostCode.set(key, pe);
    }
    const p = perProject.get(commitment.project_id) ?? { procore: 0, quickbooks: 0 };
    p.procore += expected;
    p.quickbooks += actual;
    perProject.set(commitment.project_id, p);
  }
  for (const [projectId, p] of perProject)
    if (p.procore !== p.quickbooks) v('committed-equals-po', `project ${projectId}: committed ${p.procore} cents, POs ${p.quickbooks} cents`);
  for (const [key, p] of perCostCode)
    if (p.procore !== p.quickbooks) v('committed-equals-po', `project:item ${key}: committed ${p.procore} cents, PO lines ${p.quickbooks} cents`);

  // --- Removed in Procore (deleted, or set back from approved) before it was on its way to QuickBooks: it never
  // gets there (only approved work goes; docs/data-safety.md). What was on its way or already there stays as it
  // is — checked step by step by linked-entry-unchanged (nothing in QuickBooks is deleted or rewritten for it).
  for (const [key, removed] of ledger.removedInProcore) {
    if (removed.onItsWay) continue;
    const [type, id] = key.split(':') as [string, string];
    // An owner invoice reaches QuickBooks as an invoice (payment_application) and its retainage release as another.
    const link = type === 'owner_invoice' ? (linkOf('payment_application', id) ?? linkOf('payment_application_retainage_release', id)) : linkOf(type, id);
    const row = rows.find((r) => r.recordType === type && r.procoreId === id);
    if (link || row?.status === 'synced') {
      v(
        'removed-in-procore-stays-out',
        `${type} ${id} was ${removed.how} in Procore while its export was "${removed.status}", yet it reached QuickBooks (${link ? `linked to ${link.qbId}` : 'export "synced"'})`,
      );
    }
  }

  // --- Owner side (issue 21). Each approved, exported owner invoice is in QuickBooks exactly once (and its retainage
  // release at most once); every QuickBooks invoice the connector wrote is linked to one (else a retry writes it again).
  const ownerLinkTypes = ['payment_application', 'payment_application_retainage_release'];
  const ourInvoices = ours(company.invoices);
  const invoicesOf = new Map<string, number>();
  for (const inv of ourInvoices) {
    const key = `${inv.customerId}:${inv.refNumber ?? ''}`;
    invoicesOf.set(key, (invoicesOf.get(key) ?? 0) + 1);
  }
  for (const [key, n] of invoicesOf)
    if (n > 1) v('owner-invoice-in-quickbooks-once', `${n} QuickBooks invoices the connector wrote for one owner invoice (job:RefNumber ${key})`);
  for (const inv of ourInvoices) {
    const link = linkByQb.get(inv.txnId);
    if (!link || !ownerLinkTypes.includes(link.procoreType))
      v(
        'owner-invoice-in-quickbooks-once',
        `QuickBooks invoice ${inv.txnId} (ref ${inv.refNumber ?? '-'}) was written by the connector but no owner invoice is linked to it`,
      );
  }
  for (const row of rows.filter((r) => r.recordType === 'owner_invoice' && r.status === 'synced')) {
    const link = linkOf('payment_application', row.procoreId);
    if (!link || !company.invoices.some((i) => i.txnId === link.qbId && !ledger.userDeleted.has(i.txnId)))
      v(
        'owner-invoice-in-quickbooks-once',
        `owner invoice ${row.procoreId} is "synced" but ${link ? `its QuickBooks invoice ${link.qbId} is not in the file` : 'no QuickBooks invoice is linked to it'}`,
      );
  }
  // Each (QuickBooks payment, owner invoice it pays) is a Procore payment received exactly once after quiescence (the
  // origin qb:ReceivePayment:<payment>:<invoice>, as the connector writes it); a voided or deleted payment's are gone.
  const pushedPayments = [...store.primeContractPayments.all()].filter((p) => p.origin_id?.startsWith('qb:ReceivePayment:'));
  const pushedByOrigin = new Map<string, number>();
  for (const p of pushedPayments) pushedByOrigin.set(p.origin_id!, (pushedByOrigin.get(p.origin_id!) ?? 0) + 1);
  for (const [origin, n] of pushedByOrigin) if (n > 1) v('owner-payment-in-procore-once', `${n} Procore payments received carry origin ${origin}`);
  for (const [label, txnId] of ledger.ownerPayments) {
    const gone = ledger.userVoided.has(txnId) || ledger.userDeleted.has(txnId);
    const payment = company.receivePayments.find((p) => p.txnId === txnId);
    const applied = gone || !payment ? [] : payment.applied.filter((a) => a.amount > 0);
    const expected = new Set(applied.map((a) => `qb:ReceivePayment:${txnId}:${a.txnId}`));
    for (const origin of pushedByOrigin.keys())
      if (origin.startsWith(`qb:ReceivePayment:${txnId}:`) && !expected.has(origin))
        v(
          'owner-payment-in-procore-once',
          `payment ${label} (${txnId}) was ${gone ? 'voided or deleted in QuickBooks' : 'not applied to that invoice'}, yet Procore still has a payment received with origin ${origin}`,
        );
    for (const a of applied) {
      const invoiceLink = linkByQb.get(a.txnId);
      // Only invoices of owner invoices still approved in Procore: a payment on one removed there is an exception (with its reason).
      if (!invoiceLink || !ownerLinkTypes.includes(invoiceLink.procoreType)) continue;
      if (ledger.removedInProcore.has(`owner_invoice:${invoiceLink.procoreId}`)) continue;
      const origin = `qb:ReceivePayment:${txnId}:${a.txnId}`;
      const found = pushedPayments.filter((p) => p.origin_id === origin);
      if (found.length === 0)
        v(
          'owner-payment-in-procore-once',
          `payment ${label} (${txnId}) pays ${a.amount} cents on invoice ${a.txnId} (owner invoice ${invoiceLink.procoreId}), but Procore has no payment received for it after quiescence`,
        );
      else if (found.length === 1 && cents(Number(found[0]!.amount)) !== a.amount)
        v(
          'owner-payment-in-procore-once',
          `payment ${label} (${txnId}) pays ${a.amount} cents on invoice ${a.txnId}; Procore's payment received ${found[0]!.id} says ${cents(Number(found[0]!.amount))} cents`,
        );
    }
  }

  // --- The job's contract value (issue 21): ONE estimate per prime contract; every line on it is one the connector
  // recorded (a line written twice — an EstimateMod re-sent after a lost answer — is one more line than the link
  // knows); each change order's lines are on it all or not at all, and all of them once its export is "synced".
  const CONTRACT_MEMO = 'Procore prime contract #';
  const contractEstimates = ours(company.estimates).filter((e) => (e.memo ?? '').startsWith(CONTRACT_MEMO));
  const estimatesPerContract = new Map<string, number>();
  for (const e of contractEstimates) estimatesPerContract.set(`${e.customerId}:${e.memo}`, (estimatesPerContract.get(`${e.customerId}:${e.memo}`) ?? 0) + 1);
  for (const [key, n] of estimatesPerContract)
    if (n > 1) v('contract-value-estimate-once', `${n} QuickBooks estimates the connector wrote for one prime contract (job:memo ${key})`);
  for (const link of links.filter((l) => l.procoreType === 'prime_contract')) {
    const estimate = company.estimates.find((e) => e.txnId === link.qbId);
    if (!estimate) {
      v('contract-value-estimate-once', `prime contract ${link.procoreId} is linked to estimate ${link.qbId}, which is not in the QuickBooks file`);
      continue;
    }
    const known = readLinkLines(link.lines);
    const knownIds = new Set(known.map((l) => l.txnLineId));
    const unknown = estimate.lines.filter((l) => !knownIds.has(l.txnLineId));
    if (unknown.length > 0 || knownIds.size !== known.length)
      v(
        'contract-value-estimate-once',
        `estimate ${estimate.txnId} (prime contract ${link.procoreId}) has ${unknown.length} line(s) the connector did not record (${unknown.map((l) => l.desc ?? l.txnLineId).join('; ')})${knownIds.size !== known.length ? ', and the link names one line twice' : ''}`,
      );
    for (const co of store.primeChangeOrders.list(Number(store.primeContracts.get(Number(link.procoreId))?.project_id ?? 0))) {
      if (co.contract_id !== Number(link.procoreId)) continue;
      const expected = co.line_items.filter((li) => li.amount !== 0).length;
      const on = known.filter((l) => l.procoreLineKey?.startsWith(`prime-change-order:${co.id}:`)).length;
      const row = rows.find((r) => r.recordType === 'prime_change_order' && r.procoreId === String(co.id));
      if (on !== 0 && on !== expected)
        v('contract-value-estimate-once', `prime change order ${co.id} has ${on} of its ${expected} line(s) on estimate ${estimate.txnId} (all or none)`);
      if (row?.status === 'synced' && on !== expected)
        v('contract-value-estimate-once', `prime change order ${co.id} is "synced" but ${on} of its ${expected} line(s) are on estimate ${estimate.txnId}`);
      if (co.status !== 'approved' && on > 0 && ledger.removedInProcore.get(`prime_change_order:${co.id}`)?.onItsWay === false)
        v('contract-value-estimate-once', `prime change order ${co.id} was never approved in Procore, yet its lines are on estimate ${estimate.txnId}`);
    }
  }
  for (const row of rows.filter((r) => r.recordType === 'prime_contract' && r.status === 'synced'))
    if (!linkOf('prime_contract', row.procoreId))
      v('contract-value-estimate-once', `prime contract ${row.procoreId} is "synced" but no estimate is linked to it`);

  // Exported invoices: the bill carries what the invoice bills (work and stored materials), retainage as a negative line.
  const retainageItem = company.items.find((i) => i.name === 'Retainage');
  for (const row of rows.filter((r) => r.recordType === 'invoice' && r.status === 'synced')) {
    const link = linkOf('invoice', row.procoreId);
    const bill = link ? company.bills.find((b) => b.txnId === link.qbId) : undefined;
    if (!bill || ledger.userEditedBills.has(bill.txnId) || ledger.userVoided.has(bill.txnId) || ledger.userDeleted.has(bill.txnId)) continue;
    const requisition = store.requisitions.get(Number(row.procoreId));
    if (!requisition) continue;
    const work = requisition.items.reduce((s, i) => s + cents(i.work_completed_this_period) + cents(i.materials_presently_stored), 0);
    const billed = inHome(
      bill.itemLines.filter((l) => l.itemId !== retainageItem?.listId).reduce((s, l) => s + l.amount, 0) + bill.expenseLines.reduce((s, l) => s + l.amount, 0),
      foreignRate(company, bill),
    );
    if (work !== billed) v('billed-equals-bills', `invoice ${row.procoreId} bills ${work} cents in Procore, its QuickBooks bill ${bill.txnId} ${billed} cents`);
  }

  // --- Billed = bills: a bill a QuickBooks user entered against our PO is a Procore invoice with the same work, or an exception.
  const qbTxns = await db.prisma.qbTransaction.findMany({ where: { companyId } });
  const pushError = (type: string, txnId: string) => qbTxns.find((t) => t.txnType === type && t.txnId === txnId && t.pushErrorCode);
  const requisitions = [...store.requisitions.all()];
  for (const [label, txnId] of ledger.userBills) {
    const origin = `qb:Bill:${txnId}`;
    const made = requisitions.filter((r) => r.origin_id === origin);
    const bill = company.bills.find((b) => b.txnId === txnId);
    const gone = !bill || ledger.userDeleted.has(txnId) || ledger.userVoided.has(txnId);
    if (gone) {
      if (made.length > 0)
        v(
          'billed-equals-bills',
          `bill ${txnId} (${label}) was ${ledger.userVoided.has(txnId) ? 'voided' : 'deleted'} in QuickBooks, Procore invoice ${made.map((r) => r.id).join(', ')} made from it is still there`,
        );
      continue;
    }
    if (pushError('Bill', txnId)) continue;
    if (made.length === 0) {
      v('billed-equals-bills', `bill ${txnId} (${label}) entered in QuickBooks against our PO is neither a Procore invoice nor in the import exception list`);
      continue;
    }
    const work = bill.itemLines.filter((l) => l.itemId !== retainageItem?.listId).reduce((s, l) => s + l.amount, 0);
    const invoiced = made[0]!.items.reduce((s, i) => s + cents(i.work_completed_this_period), 0);
    if (work !== invoiced)
      v('billed-equals-bills', `bill ${txnId} (${label}) bills ${work} cents in QuickBooks, Procore invoice ${made[0]!.id} ${invoiced} cents`);
  }
  for (const r of requisitions) {
    const m = r.origin_id ? /^qb:Bill:(.+)$/.exec(r.origin_id) : null;
    if (m && !company.bills.some((b) => b.txnId === m[1]))
      v('billed-equals-bills', `Procore invoice ${r.id} came from QuickBooks bill ${m[1]}, which no longer exists`);
  }

  // --- Paid = payments: each bill payment on a bill Procore knows is a contract payment of the same amount, or an exception.
  const payments = [...store.contractPayments.all()];
  const procoreKnowsBill = (billTxnId: string) =>
    links.some((l) => l.procoreType === 'invoice' && l.qbId === billTxnId) || requisitions.some((r) => r.origin_id === `qb:Bill:${billTxnId}`);
  for (const check of company.billPaymentChecks) {
    if (ledger.userDeleted.has(check.txnId) || ledger.userVoided.has(check.txnId)) continue;
    if (pushError('BillPaymentCheck', check.txnId)) continue;
    for (const applied of check.applied) {
      if (applied.amount === 0 || ledger.userDeleted.has(applied.txnId) || ledger.userVoided.has(applied.txnId) || !procoreKnowsBill(applied.txnId)) continue;
      if (pushError('Bill', applied.txnId)) continue;
      const origin = `qb:BillPaymentCheck:${check.txnId}:${applied.txnId}`;
      const made = payments.filter((p) => p.origin_id === origin);
      if (made.length === 0)
        v(
          'paid-equals-payments',
          `QuickBooks check ${check.txnId} pays ${applied.amount} cents of bill ${applied.txnId}; no Procore contract payment came of it`,
        );
      else if (cents(made[0]!.amount) !== applied.amount)
        v(
          'paid-equals-payments',
          `QuickBooks check ${check.txnId} pays ${applied.amount} cents of bill ${applied.txnId}; Procore payment ${made[0]!.id} says ${cents(made[0]!.amount)} cents`,
        );
    }
  }
  for (const p of payments) {
    const m = p.origin_id ? /^qb:BillPaymentCheck:([^:]+):(.+)$/.exec(p.origin_id) : null;
    if (!m) continue;
    const check = company.billPaymentChecks.find((c) => c.txnId === m[1]);
    const live = check && !ledger.userVoided.has(check.txnId) && check.applied.some((a) => a.txnId === m[2] && a.amount > 0);
    if (!live)
      v(
        'paid-equals-payments',
        `Procore contract payment ${p.id} came from QuickBooks check ${m[1]} on bill ${m[2]}, which is ${check ? 'voided' : 'deleted'} in QuickBooks`,
      );
  }

  // --- Foreign-currency transactions QuickBooks users entered (bills, checks, credit card charges, bill payments):
  // in our copy and in Procore in home currency, converted with the rate QuickBooks holds on each one (its
  // InHomeCurrency amount, spread over the lines pro rata) and labelled with currency and rate — or in the import
  // exception list with the reason. Never their foreign amounts summed as home currency.
  if (company.isMultiCurrencyOn) {
    const costLines = await db.prisma.qbCostLine.findMany({ where: { companyId } });
    const directCosts = [...store.directCosts.all()];
    const sources: Array<{ type: string; t: { txnId: string; currencyId?: string; exchangeRate?: number }; amounts: number[] }> = [
      ...company.bills.map((b) => ({ type: 'Bill', t: b, amounts: [...b.expenseLines, ...b.itemLines].map((l) => l.amount) })),
      ...company.checks.map((c) => ({ type: 'Check', t: c, amounts: [...c.expenseLines, ...c.itemLines].map((l) => l.amount) })),
      ...company.creditCardCharges.map((c) => ({ type: 'CreditCardCharge', t: c, amounts: [...c.expenseLines, ...c.itemLines].map((l) => l.amount) })),
      ...company.billPaymentChecks.map((p) => ({ type: 'BillPaymentCheck', t: p, amounts: p.applied.map((a) => a.amount) })),
    ];
    for (const { type, t, amounts } of sources) {
      const rate = foreignRate(company, t);
      if (rate === null) continue;
      const row = qbTxns.find((r) => r.txnType === type && r.txnId === t.txnId && r.deletedAt === null);
      if (!row || row.pushErrorCode) continue; // not read yet, or in the exception list with its reason (exception-has-reason)
      const foreign = amounts.reduce((s, a) => s + a, 0);
      const home = inHome(foreign, rate);
      const label = (row.data as { currency?: { exchangeRate?: string | null } | null }).currency;
      if (Number(row.amountCents) !== home)
        v(
          'foreign-currency-converted-or-refused',
          `QuickBooks ${type} ${t.txnId}: ${foreign} foreign cents at rate ${rate} are ${home} home cents; stored as ${row.amountCents}${Number(row.amountCents) === foreign ? ' (summed as home currency)' : ''}`,
        );
      if (!label || Number(label.exchangeRate) !== rate)
        v(
          'foreign-currency-converted-or-refused',
          `QuickBooks ${type} ${t.txnId} in a foreign currency is stored without its currency and rate (${JSON.stringify(label)})`,
        );
      if (type === 'BillPaymentCheck') continue;
      const stored = costLines.filter((l) => l.txnType === type && l.txnId === t.txnId).reduce((s, l) => s + Number(l.amountCents), 0);
      if (stored !== home && foreign !== 0)
        v(
          'foreign-currency-converted-or-refused',
          `QuickBooks ${type} ${t.txnId}: its cost lines add up to ${stored} cents, its home-currency amount is ${home}`,
        );
      // Procore: every direct-cost line from it is one of its lines in home currency (the pro-rata split of QuickBooks'
      // home amount), and the direct cost says which currency and rate it came from.
      const expectedLines = foreign === 0 ? amounts.map((a) => inHome(a, rate)) : splitCents(home, amounts);
      const left = [...expectedLines];
      for (const dc of directCosts.filter((d) => d.origin_id?.startsWith(`qb:${type}:${t.txnId}:`))) {
        if (!dc.description?.includes("at QuickBooks' exchange rate"))
          v(
            'foreign-currency-converted-or-refused',
            `Procore direct cost ${dc.id} from QuickBooks ${type} ${t.txnId} (foreign currency) does not say so: "${dc.description}"`,
          );
        for (const li of dc.line_items) {
          const i = left.indexOf(cents(Number(li.amount)));
          if (i >= 0) left.splice(i, 1);
          else
            v(
              'foreign-currency-converted-or-refused',
              `Procore direct cost ${dc.id} from QuickBooks ${type} ${t.txnId} has a line of ${cents(Number(li.amount))} cents; its lines in home currency are ${expectedLines.join(', ')} (foreign ${amounts.join(', ')}, rate ${rate})`,
            );
        }
      }
    }
  }

  return violations;
}
