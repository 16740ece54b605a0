// Runs a history against a world: every step through the real JSON API, the real Web Connector client, the
// simulators' own edit helpers and fault injection; invariants after every step and, after quiescence, at
// the end.
//
// Determinism: the history (steps and every fault decision) is data from a seeded PRNG; the Procore
// simulator is seeded and its clock is fixed; the QuickBooks simulator runs on a virtual clock that moves one
// second per reading. What is NOT under the harness's control, and why a replay is "the same steps" rather
// than "the same bytes": the server's own clock (Date.now in the QBWC service, job backoff, database now()),
// random UUIDs and tickets, PostgreSQL's scheduling of two instances' transactions, and the Procore client's
// jittered retry delays. The "time" step stands in for time passing (sessions go idle, backed-off jobs come
// due) by moving those rows' timestamps, rather than by sleeping.
import type { Step, Target, History, BillRef, ExportType } from './history.ts';
import type { SessionFault } from './web-connector.ts';
import { runSession } from './web-connector.ts';
import { api, resetWorld, type World } from './world.ts';
import { checkInvariants, snapshotQuickBooks, type Ledger, type Violation } from './check-invariants.ts';
import { enqueueRequest } from '@connector/sync';

export interface Universe {
  projects: number[];
  commitments: number[];
  vendors: number[];
  changeOrders: number[];
  requisitions: number[];
  /** Owner invoices (payment applications on the prime contracts) of the projects, in id order (issue 21). */
  ownerInvoices: number[];
  /** Prime contracts and their change orders of the projects, in id order (issue 21: the job's contract value). */
  primeContracts: number[];
  primeChangeOrders: number[];
}

export interface RunFigures {
  steps: number;
  skipped: number;
  sessions: number;
  faults: Record<string, number>;
  restarts: number;
  /**
   * Multi-currency files: exports refused for a foreign-currency vendor (FOREIGN_CURRENCY_VENDOR /
   * VENDOR_CURRENCY_UNKNOWN) and QuickBooks transactions in a foreign currency read converted, at the end.
   */
  currency?: { refused: number; converted: number };
  /**
   * Owner histories (issue 21), at the end: owner invoices exported (QuickBooks invoices linked to them), payments a
   * QuickBooks user received / voided / deleted, owner invoices set back or deleted in Procore, and the Procore payments
   * received the connector made from QuickBooks payments.
   */
  owner?: { exportSteps: number; exported: number; received: number; voided: number; deleted: number; removedInProcore: number; procorePayments: number };
  /** Where the history's time went (ms): the soak's profile (bench/results/soak-*.json). */
  ms?: { reset: number; prepare: number; steps: number; checks: number; quiesce: number; cpu: number };
  /** The process's CPU time (ms, all threads) by the same phases: what other load on a shared machine does not inflate. */
  cpuMs?: { reset: number; prepare: number; steps: number; checks: number; quiesce: number };
}

export interface RunResult {
  history: History;
  violations: Violation[];
  /** Index of the step after which the first violation was seen (steps.length = at the end). */
  failedAt: number | null;
  figures: RunFigures;
  log: string[];
}

export interface RunOptions {
  /** Check the per-step invariants after every step (default true). */
  checkEveryStep?: boolean;
  /** Stop at the first violation (default true). */
  stopAtFirst?: boolean;
  log?: (line: string) => void;
}

/** Runs one history from a fresh world state. */
export async function runHistory(world: World, history: History, options: RunOptions = {}): Promise<RunResult> {
  const log: string[] = [];
  const say = (line: string) => {
    log.push(line);
    options.log?.(line);
  };
  // cpu: the process's CPU time (all threads: scrypt and PGlite's work included), which other processes on a
  // shared machine do not inflate as they do wall time.
  const ms = { reset: 0, prepare: 0, steps: 0, checks: 0, quiesce: 0, cpu: 0 };
  const cpuBefore = process.cpuUsage();
  const cpuMs = { reset: 0, prepare: 0, steps: 0, checks: 0, quiesce: 0 };
  const figures: RunFigures = { steps: 0, skipped: 0, sessions: 0, faults: {}, restarts: 0, ms, cpuMs };
  const restartsBefore = world.restarts;
  let mark = performance.now();
  let cpuMark = cpuBefore;
  const lap = (what: keyof typeof cpuMs) => {
    const now = performance.now();
    ms[what] += Math.round(now - mark);
    mark = now;
    const cpu = process.cpuUsage();
    cpuMs[what] += (cpu.user + cpu.system - cpuMark.user - cpuMark.system) / 1000;
    cpuMark = cpu;
  };
  await resetWorld(world, {
    procoreSeed: history.procoreSeed,
    label: String(history.seed),
    ...(history.messyRate && { messyRate: history.messyRate }),
    ...(history.multiCurrency && { multiCurrency: true }),
    freshProcoreTokens: history.freshProcoreTokens === true,
  });
  lap('reset');
  const runner = await prepare(world, say, { owner: history.owner === true });
  lap('prepare');
  say(`reset in ${ms.reset} ms, prepared in ${ms.prepare} ms`);
  const violations: Violation[] = [];
  let failedAt: number | null = null;
  let previous = snapshotQuickBooks(world);
  for (const [index, step] of history.steps.entries()) {
    let outcome: string;
    const began = performance.now();
    try {
      outcome = await runner.step(step, figures);
    } catch (error) {
      outcome = `error: ${(error as Error).stack ?? error}`;
      violations.push({ invariant: 'step-ran', message: `step ${index} ${JSON.stringify(step)} threw: ${(error as Error).message}` });
    }
    if (outcome.startsWith('skipped')) figures.skipped += 1;
    else figures.steps += 1;
    say(`#${index} ${JSON.stringify(step)} → ${outcome} [${Math.round(performance.now() - began)} ms]`);
    lap('steps');
    if (options.checkEveryStep !== false || violations.length > 0) {
      const next = snapshotQuickBooks(world);
      violations.push(...(await checkInvariants(world, runner.ledger, { previous, next, step, final: false })));
      previous = next;
    }
    lap('checks');
    if (violations.length > 0 && failedAt === null) {
      failedAt = index;
      if (options.stopAtFirst !== false) break;
    }
  }
  if (violations.length === 0 || options.stopAtFirst === false) {
    const quiet = await runner.quiesce(figures);
    say(`quiescence: ${quiet}`);
    lap('quiesce');
    const next = snapshotQuickBooks(world);
    const end = await checkInvariants(world, runner.ledger, { previous, next, step: null, final: true });
    lap('checks');
    if (end.length > 0 && failedAt === null) failedAt = history.steps.length;
    violations.push(...end);
  }
  figures.restarts = world.restarts - restartsBefore;
  if (history.multiCurrency) {
    const db = world.db();
    const refused = await db.prisma.exportRecord.count({
      where: { companyId: world.companyId, errorCode: { in: ['FOREIGN_CURRENCY_VENDOR', 'VENDOR_CURRENCY_UNKNOWN'] } },
    });
    const stored = await db.prisma.qbTransaction.findMany({ where: { companyId: world.companyId, deletedAt: null }, select: { data: true } });
    figures.currency = { refused, converted: stored.filter((t) => (t.data as { currency?: unknown }).currency).length };
  }
  if (history.owner) {
    const ownerLinks = await world.db().prisma.recordLink.count({ where: { companyId: world.companyId, procoreType: 'payment_application' } });
    const pushed = [...world.procore.store.primeContractPayments.all()].filter((p) => p.origin_id?.startsWith('qb:ReceivePayment:')).length;
    figures.owner = { ...runner.ownerCounts, exported: ownerLinks, procorePayments: pushed };
  }
  const cpu = process.cpuUsage(cpuBefore);
  ms.cpu = Math.round((cpu.user + cpu.system) / 1000);
  for (const k of Object.keys(cpuMs) as Array<keyof typeof cpuMs>) cpuMs[k] = Math.round(cpuMs[k]);
  return { history, violations, failedAt, figures, log };
}

interface Runner {
  ledger: Ledger;
  ownerCounts: { exportSteps: number; received: number; voided: number; deleted: number; removedInProcore: number };
  step(step: Step, figures: RunFigures): Promise<string>;
  quiesce(figures: RunFigures): Promise<string>;
}

/** Connects Procore, reads it, sets the QuickBooks side up, and answers the steps. */
async function prepare(world: World, say: (line: string) => void, options: { owner: boolean }): Promise<Runner> {
  const db = world.db();
  const companyId = world.companyId;
  const sim = world.procore;
  const pc = sim.companyId;
  const ok = async (response: { statusCode: number; body: string }, what: string) => {
    if (response.statusCode >= 300) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  };
  await ok(await api(world, 'POST', '/procore/service-account'), 'service account');
  // Webhooks registered as an admin does on the Procore screen: the simulator queues a delivery per change from
  // now on, and the "webhooks" step carries them to the server.
  await ok(await api(world, 'POST', '/procore/webhooks'), 'webhooks');
  await ok(await api(world, 'POST', '/procore/reconcile', { full: true }), 'reconcile');
  await world.app.jobRunner.drain();

  // The QuickBooks side: the retainage item exists, and the settings name it and the item account.
  const retainageAccount = world.company.accounts.find((a) => a.name === 'Retainage Payable')!;
  const subcontractors = world.company.accounts.find((a) => a.name === 'Subcontractors')!;
  await enqueueRequest(db, {
    companyId,
    dedupeKey: 'setup:retainage',
    requestedBy: 'admin',
    request: {
      type: 'ItemOtherChargeAdd',
      name: 'Retainage',
      salesOrPurchase: { desc: 'Retainage withheld', accountRef: { listId: retainageAccount.listId } },
    },
  });
  if (options.owner) {
    // The owner side (issue 21): the Retainage Receivable item (an Other Charge on the asset account) an owner invoice's
    // retainage goes on, as an accountant sets it up (owner-invoice-export.test.ts).
    const receivable = world.company.accounts.find((a) => a.name === 'Retainage Receivable')!;
    await enqueueRequest(db, {
      companyId,
      dedupeKey: 'setup:retainage-receivable',
      requestedBy: 'admin',
      request: { type: 'ItemOtherChargeAdd', name: 'Retainage Receivable', salesOrPurchase: { accountRef: { listId: receivable.listId } } },
    });
  }
  const setupSession = await runSession(world, { type: 'none' });
  if (setupSession.outcome !== 'completed') throw new Error(`setup session: ${setupSession.outcome} ${setupSession.lastError ?? setupSession.statusLine}`);
  const retainage = world.company.items.find((i) => i.name === 'Retainage')!;
  /** The owner invoice settings: the Retainage Receivable item, and an income account for two-sided cost code items. */
  const ownerSettings = () => {
    const item = world.company.items.find((i) => i.name === 'Retainage Receivable')!;
    const income = world.company.accounts.find((a) => a.name === 'Subcontracted Labor')!;
    return {
      retainageReceivableItem: { listId: item.listId, fullName: 'Retainage Receivable' },
      itemIncomeAccount: { listId: income.listId, fullName: 'Construction:Subcontracted Labor' },
      ownerInvoiceLineItem: 'cost_code',
    };
  };
  await ok(
    await api(world, 'PATCH', '/settings', {
      invoiceRetainageItem: { listId: retainage.listId, fullName: 'Retainage' },
      itemExpenseAccount: { listId: subcontractors.listId, fullName: 'Job Expenses:Subcontractors' },
      approvalRequired: true,
      itemNameRule: 'abbreviate',
      ...(options.owner && ownerSettings()),
    }),
    'settings',
  );

  // The records the history works on: the first two projects, their commitments (with a vendor), their
  // vendors, change orders and invoices, in id order (the same on every replay of one Procore seed).
  const projects = sim.store.projects
    .list(pc)
    .map((p) => p.id)
    .sort((a, b) => a - b)
    .slice(0, 2);
  const commitments = projects
    .flatMap((p) => sim.store.commitments.list(p))
    .filter((c) => c.vendor_id !== null && sim.store.commitmentLineItems.list(c.id).some((l) => l.amount !== 0))
    .map((c) => c.id)
    .sort((a, b) => a - b);
  const vendors = [...new Set(commitments.map((c) => sim.store.commitments.get(c)!.vendor_id!))];
  const changeOrders = projects
    .flatMap((p) => sim.store.changeOrders.list(p))
    .filter((co) => commitments.includes(co.contract_id))
    .map((co) => co.id)
    .sort((a, b) => a - b);
  const requisitions = projects
    .flatMap((p) => sim.store.requisitions.list(p))
    .filter((r) => commitments.includes(r.commitment_id))
    .map((r) => r.id)
    .sort((a, b) => a - b);
  const ownerInvoices = projects
    .flatMap((p) => sim.store.paymentApplications.list(p))
    .map((a) => a.id)
    .sort((a, b) => a - b);
  const primeContracts = projects
    .flatMap((p) => sim.store.primeContracts.list(p))
    .map((c) => c.id)
    .sort((a, b) => a - b);
  const primeChangeOrders = projects
    .flatMap((p) => sim.store.primeChangeOrders.list(p))
    .map((c) => c.id)
    .sort((a, b) => a - b);
  const universe: Universe = { projects, commitments, vendors, changeOrders, requisitions, ownerInvoices, primeContracts, primeChangeOrders };
  say(
    `universe: ${JSON.stringify({ projects, commitments: commitments.length, vendors: vendors.length, changeOrders: changeOrders.length, requisitions: requisitions.length })}`,
  );

  const ledger: Ledger = {
    universe,
    changeOrderLabels: new Map(),
    invoiceLabels: new Map(),
    userBills: new Map(),
    userPayments: new Map(),
    userTxnIds: new Set([...world.company.purchaseOrders, ...world.company.bills, ...world.company.estimates].map((t) => t.txnId)),
    userListIds: new Set([...world.company.vendors, ...world.company.customers].map((e) => e.listId)),
    removedInProcore: new Map(),
    deletedChangeOrderCents: new Map(),
    webhooksDelivered: new Set(),
    userDeleted: new Set(),
    userVoided: new Set(),
    userEditedBills: new Set(),
    poUserDeltaCents: new Map(),
    poUserDeltaByItem: new Map(),
    userRenamed: new Map(),
    resolvedResends: new Set(),
    knownEditSequences: new Map(),
    ownerPayments: new Map(),
  };
  const ownerCounts = { exportSteps: 0, received: 0, voided: 0, deleted: 0, removedInProcore: 0 };
  for (const t of [...world.company.invoices, ...world.company.receivePayments]) ledger.userTxnIds.add(t.txnId);
  if (options.owner) {
    say(
      `owner invoices: ${ownerInvoices.length} (${ownerInvoices.filter((id) => sim.store.paymentApplications.get(id)?.status === 'approved').length} approved)`,
    );
    // Owner invoices not approved when the connector read them: they must never reach QuickBooks (until approved).
    for (const id of ownerInvoices)
      if (sim.store.paymentApplications.get(id)?.status !== 'approved')
        ledger.removedInProcore.set(`owner_invoice:${id}`, { how: 'unapproved', onItsWay: false, status: 'none' });
    // Prime contracts not approved (draft, out for signature, terminated) and change orders not approved: never in QuickBooks.
    for (const id of primeContracts)
      if (!['Approved', 'Complete'].includes(sim.store.primeContracts.get(id)?.status ?? ''))
        ledger.removedInProcore.set(`prime_contract:${id}`, { how: 'unapproved', onItsWay: false, status: 'none' });
    for (const id of primeChangeOrders)
      if (sim.store.primeChangeOrders.get(id)?.status !== 'approved')
        ledger.removedInProcore.set(`prime_change_order:${id}`, { how: 'unapproved', onItsWay: false, status: 'none' });
  }
  let lockedTxnIds: string[] = [];

  const at = <T>(list: readonly T[], k: number): T | undefined => (list.length === 0 ? undefined : list[((k % list.length) + list.length) % list.length]);
  const resolveTarget = (type: ExportType | 'change_order' | 'invoice', target: Target): number | undefined => {
    if (type === 'owner_invoice') return 'seeded' in target ? at(universe.ownerInvoices, target.seeded) : undefined;
    if (type === 'prime_contract') return 'seeded' in target ? at(universe.primeContracts, target.seeded) : undefined;
    if (type === 'prime_change_order') return 'seeded' in target ? at(universe.primeChangeOrders, target.seeded) : undefined;
    if ('created' in target) return (type === 'change_order' ? ledger.changeOrderLabels : ledger.invoiceLabels).get(target.created);
    switch (type) {
      case 'vendor':
        return at(universe.vendors, target.seeded);
      case 'project':
      case 'budget':
        return at(universe.projects, target.seeded);
      case 'commitment':
        return at(universe.commitments, target.seeded);
      case 'change_order':
        return at(universe.changeOrders, target.seeded);
      case 'invoice':
        return at(universe.requisitions, target.seeded);
    }
  };
  /** The connector's QuickBooks invoices for owner invoices, in owner invoice id order (the index picks, as for POs). */
  const ownerInvoicesInQuickBooks = async () => {
    const linked = await db.prisma.recordLink.findMany({ where: { companyId, procoreType: 'payment_application' }, orderBy: { procoreId: 'asc' } });
    return linked.map((l) => world.company.invoices.find((i) => i.txnId === l.qbId)).filter((i) => i !== undefined);
  };
  /** What is still open on a QuickBooks invoice: its total less what payments applied to it (and their discounts). */
  const openOn = (invoice: { txnId: string; lines: Array<{ amount: number }> }) =>
    invoice.lines.reduce((sum, l) => sum + l.amount, 0) -
    world.company.receivePayments
      .flatMap((p) => p.applied.filter((a) => a.txnId === invoice.txnId))
      .reduce((sum, a) => sum + a.amount + (a.discountAmount ?? 0), 0);
  const linkOf = (procoreType: string, procoreId: number) =>
    db.prisma.recordLink.findFirst({ where: { companyId, procoreType, procoreId: String(procoreId) } });
  /**
   * The purchase order a QuickBooks user works on: the index picks among the commitments that have one now (the
   * state decides which exist, the index which one: the same on every replay), so users' edits meet real POs.
   */
  const poOf = async (commitmentIndex: number) => {
    const linked = await db.prisma.recordLink.findMany({ where: { companyId, procoreType: 'commitment' }, orderBy: { procoreId: 'asc' } });
    const withPo = linked
      .map((l) => ({ commitmentId: Number(l.procoreId), po: world.company.purchaseOrders.find((p) => p.txnId === l.qbId && !ledger.userDeleted.has(p.txnId)) }))
      .filter((x) => x.po !== undefined);
    return at(withPo, commitmentIndex) ?? { commitmentId: at(universe.commitments, commitmentIndex)!, po: undefined };
  };
  const billOf = async (ref: BillRef) => {
    if ('user' in ref) {
      const txnId = ledger.userBills.get(ref.user);
      return txnId ? world.company.bills.find((b) => b.txnId === txnId) : undefined;
    }
    // An exported invoice's bill: the index picks among the bills the connector has written (as for POs).
    const linked = await db.prisma.recordLink.findMany({ where: { companyId, procoreType: 'invoice' }, orderBy: { procoreId: 'asc' } });
    const bills = linked.map((l) => world.company.bills.find((b) => b.txnId === l.qbId)).filter((b) => b !== undefined);
    return 'seeded' in ref.exported
      ? at(bills, ref.exported.seeded)
      : (() => {
          const id = resolveTarget('invoice', ref.exported);
          const link = linked.find((l) => l.procoreId === String(id));
          return link ? world.company.bills.find((b) => b.txnId === link.qbId) : undefined;
        })();
  };
  const remember = (txnId: string) => {
    const txn = [...world.company.purchaseOrders, ...world.company.bills, ...world.company.billPaymentChecks].find((t) => t.txnId === txnId);
    if (txn) ledger.knownEditSequences.set(txnId, txn.editSequence);
  };
  const drain = () => world.app.jobRunner.drain({ companyId });
  /** Time passes: the abandoned session is idle, jobs waiting out a backoff or a dead lease are due. */
  const timePasses = async () => {
    const past = new Date(Date.now() - world.config.qbwc.sessionIdleTimeoutMs - 60_000);
    await db.prisma.qbwcSession.updateMany({ where: { companyId, state: { in: ['authenticated', 'exchanging'] } }, data: { lastActivityAt: past } });
    await db.prisma.job.updateMany({ where: { companyId, status: 'queued' }, data: { runAt: new Date(Date.now() - 1000) } });
    await db.prisma.job.updateMany({ where: { companyId, status: 'running' }, data: { leaseUntil: new Date(Date.now() - 1000) } });
    await expireTokenRefreshLease();
  };
  /**
   * A Procore token refresh holds a lease on the connection row (packages/sync/src/procore/procore-token-provider.ts)
   * so that two instances do not both refresh; a process that died holding it makes the next one wait out
   * `refreshLeaseMs` in real time. The harness moves the lease into the past instead (time passes while the
   * process restarts), as it does for job leases: the same takeover path, without a minute of sleep.
   */
  /**
   * Procore's access token ran out (its 90 minutes passed); the next Procore call refreshes it first. The harness moves
   * the expiry into the past instead of waiting 90 minutes, so the servers' in-memory copy of the token (held at most
   * 5 s and never past its expiry, procore-token-provider.ts) is dropped too: 90 minutes later it would long be gone.
   */
  const procoreTokenExpires = async () => {
    const { count } = await db.prisma.procoreConnection.updateMany({
      where: { companyId, accessTokenExpiresAt: { not: null } },
      data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    for (const app of [world.app, world.second]) app?.procore.tokens.forget(companyId);
    return count > 0 ? 'Procore access token expired' : 'no Procore token yet';
  };
  const expireTokenRefreshLease = () =>
    db.prisma.procoreConnection.updateMany({
      where: { companyId, refreshLeaseUntil: { not: null } },
      data: { refreshLeaseUntil: new Date(Date.now() - 1000) },
    });

  async function exportStep(step: Extract<Step, { kind: 'export' }>): Promise<string> {
    const ids = step.targets.map((t) => resolveTarget(step.type, t)).filter((id): id is number => id !== undefined);
    if (ids.length === 0) return 'skipped (no such record)';
    const response = await api(world, 'POST', `/exports/${step.type}/${step.action}`, {
      procoreIds: [...new Set(ids)].map(String),
      ...(step.action === 'reject' ? { comment: 'Not this one (simulation)' } : {}),
    });
    if (response.statusCode !== 200) return `HTTP ${response.statusCode} ${response.json().code}`;
    return (response.json().results as Array<{ procoreId: string; outcome: string; status: string; message: string | null }>)
      .map((r) => `${r.procoreId}:${r.outcome}→${r.status}${r.outcome === 'refused' && r.message ? ` (${r.message.slice(0, 90)})` : ''}`)
      .join(' ');
  }

  async function sessionStep(fault: SessionFault, figures: RunFigures): Promise<string> {
    figures.sessions += 1;
    figures.faults[fault.type] = (figures.faults[fault.type] ?? 0) + 1;
    let locks: string[] = [];
    if (fault.type === 'locked') {
      const { po } = await poOf(fault.commitment);
      if (po) locks = [po.txnId];
    }
    lockedTxnIds = locks;
    const report = await runSession(world, fault, { lockedTxnIds });
    lockedTxnIds = [];
    if (fault.type === 'twoInstances') await world.closeSecond();
    await drain();
    return `${report.outcome} (${report.requestsSent} messages${report.lastError ? `; ${report.lastError.slice(0, 120)}` : ''})`;
  }

  async function procoreStep(step: Extract<Step, { kind: 'procore' }>): Promise<string> {
    const e = step.edit;
    switch (e.op) {
      case 'deleteChangeOrder':
      case 'unapproveChangeOrder':
      case 'deleteInvoice':
      case 'unapproveInvoice':
      case 'unapproveCommitment':
      case 'deleteCommitment':
        return removalStep(e);
      case 'unapproveOwnerInvoice':
      case 'deleteOwnerInvoice':
      case 'approveOwnerInvoice':
        return ownerInvoiceStep(e);
      case 'addChangeOrder': {
        const commitmentId = e.onExported ? (await poOf(e.commitment)).commitmentId : at(universe.commitments, e.commitment)!;
        const commitment = sim.store.commitments.get(commitmentId);
        if (!commitment) return 'skipped (commitment deleted in Procore)';
        const lines = sim.store.commitmentLineItems.list(commitmentId);
        const co = sim.edit.createChangeOrder(pc, commitment.project_id, {
          contract_id: commitmentId,
          title: `Simulated ${e.label}`,
          status: e.approve ? 'approved' : 'pending',
          line_items: e.amountsCents.map((cents, i) => {
            const line = lines[i % lines.length]!;
            return e.onLine ? { amount: cents / 100, commitment_line_item_id: line.id } : { amount: cents / 100, cost_code_id: line.cost_code_id };
          }),
        });
        ledger.changeOrderLabels.set(e.label, co.id);
        return `change order ${co.id} on commitment ${commitmentId} (${co.status})`;
      }
      case 'approveChangeOrder': {
        const id = resolveTarget('change_order', e.target);
        const co = id === undefined ? undefined : sim.store.changeOrders.get(id);
        if (!co || co.status === 'approved') return 'skipped (no pending change order)';
        sim.edit.approveChangeOrder(pc, co.id);
        ledger.removedInProcore.delete(`change_order:${co.id}`);
        return `change order ${co.id} approved`;
      }
      case 'editChangeOrderAmount': {
        const id = resolveTarget('change_order', e.target);
        const co = id === undefined ? undefined : sim.store.changeOrders.get(id);
        // Procore does not let anyone edit an approved change order.
        if (!co || co.status === 'approved' || co.line_items.length === 0) return 'skipped (no editable change order)';
        const row = await db.prisma.exportRecord.findFirst({ where: { companyId, recordType: 'change_order', procoreId: String(co.id) } });
        if (row && !['not_synced', 'sent_to_accounting', 'rejected'].includes(row.status))
          return 'skipped (change order locked: exported or approved for export)';
        sim.edit.updateChangeOrder(pc, co.id, { line_items: co.line_items.map((l, i) => (i === 0 ? { ...l, amount: e.amountCents / 100 } : l)) });
        return `change order ${co.id} first line = ${e.amountCents / 100}`;
      }
      case 'addInvoice': {
        const commitmentId = at(universe.commitments, e.commitment)!;
        const commitment = sim.store.commitments.get(commitmentId);
        if (!commitment) return 'skipped (commitment deleted in Procore)';
        const r = sim.edit.createRequisition(pc, commitment.project_id, {
          commitment_id: commitmentId,
          fraction: e.percent / 100,
          status: e.approve ? 'approved' : 'draft',
          invoice_number: `SIM-${e.label}`,
        });
        ledger.invoiceLabels.set(e.label, r.id);
        return `invoice ${r.id} on commitment ${commitmentId} (${r.status})`;
      }
      case 'approveInvoice': {
        const id = resolveTarget('invoice', e.target);
        const r = id === undefined ? undefined : sim.store.requisitions.get(id);
        if (!r || r.status === 'approved') return 'skipped (no unapproved invoice)';
        sim.edit.approveRequisition(pc, r.id);
        ledger.removedInProcore.delete(`invoice:${r.id}`);
        return `invoice ${r.id} approved`;
      }
      case 'editCommitmentLine': {
        const commitmentId = at(universe.commitments, e.commitment)!;
        if (!sim.store.commitments.get(commitmentId)) return 'skipped (deleted in Procore)';
        // Once the commitment is on its way to QuickBooks it is locked in Procore (changes go through change orders).
        const row = await db.prisma.exportRecord.findFirst({ where: { companyId, recordType: 'commitment', procoreId: String(commitmentId) } });
        if (row && !['not_synced', 'sent_to_accounting', 'rejected'].includes(row.status)) return 'skipped (commitment locked: exported or approved)';
        const line = at(sim.store.commitmentLineItems.list(commitmentId), e.line);
        if (!line) return 'skipped (no line)';
        sim.store.update(
          sim.store.commitmentLineItems,
          line,
          { amount: e.amountCents / 100, unit_cost: e.amountCents / 100 },
          { userId: sim.store.user.id, clientId: null },
        );
        return `commitment ${commitmentId} line ${line.id} = ${e.amountCents / 100}`;
      }
      case 'approveCommitment': {
        const commitmentId = at(universe.commitments, e.commitment)!;
        const commitment = sim.store.commitments.get(commitmentId);
        if (!commitment) return 'skipped (deleted in Procore)';
        if (commitment.status === 'Approved') return 'skipped (already approved)';
        sim.edit.updateCommitment(pc, commitmentId, { status: 'Approved' });
        ledger.removedInProcore.delete(`commitment:${commitmentId}`);
        return `commitment ${commitmentId} approved in Procore`;
      }
      case 'renameVendor': {
        const vendorId = at(universe.vendors, e.vendor)!;
        const vendor = sim.store.vendors.get(vendorId)!;
        if (vendor.name.length + e.suffix.length > 60) return 'skipped (long enough)';
        sim.edit.updateVendor(pc, vendorId, { name: vendor.name + e.suffix });
        return `Procore vendor ${vendorId} renamed`;
      }
    }
  }

  /**
   * What the connector has of a Procore record when it is removed in Procore: removed before it was on its way
   * to QuickBooks (export not queued, in flight or synced), it must never get there (check-invariants.ts).
   */
  async function noteRemoval(type: 'commitment' | 'change_order' | 'invoice' | 'owner_invoice', id: number, how: 'deleted' | 'unapproved') {
    const row = await db.prisma.exportRecord.findFirst({ where: { companyId, recordType: type, procoreId: String(id) } });
    // An owner invoice's QuickBooks invoice is linked as a payment_application (its retainage release as its own type).
    const link = await linkOf(type === 'owner_invoice' ? 'payment_application' : type, id);
    const onItsWay = link !== null || (row !== null && ['queued', 'in_flight', 'synced'].includes(row.status));
    ledger.removedInProcore.set(`${type}:${id}`, { how, onItsWay, status: row?.status ?? 'none' });
    return `${row?.status ?? 'never exported'}${link ? ', in QuickBooks' : ''}`;
  }

  /** Owner side (issue 21): an owner invoice set back, deleted or approved in Procore, as a reviewer would. */
  async function ownerInvoiceStep(e: Extract<Extract<Step, { kind: 'procore' }>['edit'], { target: Target }>): Promise<string> {
    const id = resolveTarget('owner_invoice', e.target);
    const app = id === undefined ? undefined : sim.store.paymentApplications.get(id);
    if (!app) return 'skipped (no such owner invoice)';
    if (e.op === 'approveOwnerInvoice') {
      if (app.status === 'approved') return 'skipped (already approved)';
      sim.edit.approvePaymentApplication(pc, app.id);
      ledger.removedInProcore.delete(`owner_invoice:${app.id}`);
      return `owner invoice ${app.id} approved in Procore (was ${app.status})`;
    }
    if (e.op === 'unapproveOwnerInvoice' && app.status !== 'approved') return 'skipped (not approved)';
    const was = await noteRemoval('owner_invoice', app.id, e.op === 'deleteOwnerInvoice' ? 'deleted' : 'unapproved');
    ownerCounts.removedInProcore += 1;
    if (e.op === 'deleteOwnerInvoice') sim.edit.deletePaymentApplication(pc, app.id);
    else sim.edit.setPaymentApplicationStatus(pc, app.id, 'revise_and_resubmit');
    return `owner invoice ${app.id} ${e.op === 'deleteOwnerInvoice' ? 'deleted' : 'sent back for revision'} in Procore (${was})`;
  }

  async function removalStep(e: Extract<Step, { kind: 'procore' }>['edit']): Promise<string> {
    const actor = { userId: sim.store.user.id, clientId: null };
    switch (e.op) {
      case 'deleteChangeOrder':
      case 'unapproveChangeOrder': {
        const id = resolveTarget('change_order', e.target);
        const co = id === undefined ? undefined : sim.store.changeOrders.get(id);
        if (!co) return 'skipped (no such change order)';
        if (e.op === 'unapproveChangeOrder' && co.status !== 'approved') return 'skipped (not approved)';
        const was = await noteRemoval('change_order', co.id, e.op === 'deleteChangeOrder' ? 'deleted' : 'unapproved');
        if (e.op === 'deleteChangeOrder') {
          // What it added to the purchase order stays in QuickBooks if it got there (committed-equals-po).
          ledger.deletedChangeOrderCents.set(co.id, {
            commitmentId: co.contract_id,
            lines: co.line_items.map((l) => ({ costCodeId: l.cost_code_id, cents: Math.round(l.amount * 100) })),
          });
          sim.store.remove(sim.store.changeOrders, co, actor);
        } else sim.edit.updateChangeOrder(pc, co.id, { status: 'pending', executed: false, approved_date: null });
        return `change order ${co.id} ${e.op === 'deleteChangeOrder' ? 'deleted' : 'set back to pending'} in Procore (${was})`;
      }
      case 'deleteInvoice':
      case 'unapproveInvoice': {
        const id = resolveTarget('invoice', e.target);
        const r = id === undefined ? undefined : sim.store.requisitions.get(id);
        // Only invoices made in Procore: one the connector made from a QuickBooks bill is the bill's business.
        if (!r || r.origin_id) return 'skipped (no such Procore invoice)';
        if (e.op === 'unapproveInvoice' && r.status !== 'approved') return 'skipped (not approved)';
        const was = await noteRemoval('invoice', r.id, e.op === 'deleteInvoice' ? 'deleted' : 'unapproved');
        if (e.op === 'deleteInvoice') sim.store.remove(sim.store.requisitions, r, actor);
        else sim.edit.updateRequisition(pc, r.id, { status: 'revise_and_resubmit' });
        return `invoice ${r.id} ${e.op === 'deleteInvoice' ? 'deleted' : 'sent back for revision'} in Procore (${was})`;
      }
      case 'unapproveCommitment':
      case 'deleteCommitment': {
        const commitmentId = at(universe.commitments, e.commitment)!;
        const c = sim.store.commitments.get(commitmentId);
        if (!c) return 'skipped (deleted already)';
        if (e.op === 'unapproveCommitment' && c.status !== 'Approved') return 'skipped (not approved)';
        const was = await noteRemoval('commitment', commitmentId, e.op === 'deleteCommitment' ? 'deleted' : 'unapproved');
        if (e.op === 'unapproveCommitment') {
          sim.edit.updateCommitment(pc, commitmentId, { status: 'Draft' });
          return `commitment ${commitmentId} set back to draft in Procore (${was})`;
        }
        // Procore deletes a commitment with its change orders and invoices.
        for (const co of sim.store.changeOrders.list(c.project_id).filter((x) => x.contract_id === commitmentId)) {
          await noteRemoval('change_order', co.id, 'deleted');
          ledger.deletedChangeOrderCents.set(co.id, {
            commitmentId,
            lines: co.line_items.map((l) => ({ costCodeId: l.cost_code_id, cents: Math.round(l.amount * 100) })),
          });
          sim.store.remove(sim.store.changeOrders, co, actor);
        }
        for (const r of sim.store.requisitions.list(c.project_id).filter((x) => x.commitment_id === commitmentId)) {
          await noteRemoval('invoice', r.id, 'deleted');
          sim.store.remove(sim.store.requisitions, r, actor);
        }
        sim.edit.deleteCommitment(pc, commitmentId);
        return `commitment ${commitmentId} deleted in Procore with its change orders and invoices (${was})`;
      }
      default:
        throw new Error(`not a removal: ${e.op}`);
    }
  }

  /** Procore's webhook deliveries so far, carried to the server by the harness (the network between them). */
  async function webhooksStep(step: Extract<Step, { kind: 'webhooks' }>, figures: RunFigures): Promise<string> {
    const due = sim.webhooks.pending().filter((d) => !ledger.webhooksDelivered.has(d.ulid));
    if (due.length === 0) return 'skipped (no webhook due)';
    const ordered = step.order === 'reversed' ? [...due].reverse() : due;
    const answers: string[] = [];
    for (const [i, d] of ordered.entries()) {
      ledger.webhooksDelivered.add(d.ulid);
      if (step.drop === i + 1) {
        figures.faults['webhookLost'] = (figures.faults['webhookLost'] ?? 0) + 1;
        answers.push('lost');
        continue;
      }
      const hook = sim.store.hooks.get(d.hookId);
      if (!hook) continue;
      const times = step.duplicate === i + 1 ? 2 : 1;
      if (times === 2) figures.faults['webhookTwice'] = (figures.faults['webhookTwice'] ?? 0) + 1;
      for (let t = 0; t < times; t++) {
        const r = await world.app.inject({
          method: 'POST',
          url: new URL(d.destinationUrl).pathname,
          headers: { 'content-type': 'application/json', ...hook.destination_headers },
          payload: JSON.stringify(d.payload),
        });
        answers.push(`${d.payload.resource_name}/${d.payload.event_type}:${r.statusCode}`);
      }
    }
    if (step.order === 'reversed') figures.faults['webhooksReordered'] = (figures.faults['webhooksReordered'] ?? 0) + 1;
    const jobs = await drain();
    return `${answers.join(' ')}; ${jobs} jobs`;
  }

  async function crashInJobStep(step: Extract<Step, { kind: 'crashInJob' }>, figures: RunFigures): Promise<string> {
    if (step.work === 'reconcile') {
      const r = await api(world, 'POST', '/procore/reconcile', {});
      if (r.statusCode >= 300) return `skipped (reconcile not queued: HTTP ${r.statusCode})`;
    }
    const open = await db.prisma.job.count({ where: { companyId, status: 'queued', runAt: { lte: new Date() } } });
    if (open === 0) return 'skipped (no job to crash in)';
    const crashed = await world.crashInside(drain, step);
    if (!crashed) return `no crash (the jobs made fewer than ${step.call} Procore calls)`;
    await expireTokenRefreshLease();
    figures.faults['crashInJob'] = (figures.faults['crashInJob'] ?? 0) + 1;
    return `server died at Procore call ${step.call} inside a job (${step.procoreDone ? 'after Procore did it' : 'before Procore saw it'}); restarted`;
  }

  /** A QuickBooks user's own entry, typed in QuickBooks (the simulator answers it as QuickBooks would). */
  async function addListEntry(kind: 'Vendor' | 'Customer', name: string, parentListId?: string): Promise<{ listId: string } | { refused: string }> {
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const body = `<Name>${esc(name)}</Name>${parentListId ? `<ParentRef><ListID>${parentListId}</ListID></ParentRef>` : ''}`;
    const xml = `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><${kind}AddRq><${kind}Add>${body}</${kind}Add></${kind}AddRq></QBXMLMsgsRq></QBXML>`;
    const answer = await world.quickbooks.processRequest(xml);
    world.quickbooks.closeSession();
    const listId = /<ListID>([^<]+)<\/ListID>/.exec(answer)?.[1];
    if (!listId || !/statusCode="0"/.test(answer)) return { refused: /statusMessage="([^"]*)"/.exec(answer)?.[1] ?? 'refused' };
    return { listId };
  }

  async function quickbooksStep(step: Extract<Step, { kind: 'quickbooks' }>): Promise<string> {
    const e = step.edit;
    const qb = world.quickbooks;
    switch (e.op) {
      case 'editPoLine': {
        const { commitmentId, po } = await poOf(e.commitment);
        if (!po || ledger.userDeleted.has(po.txnId) || po.lines.length === 0) return 'skipped (no purchase order)';
        const line = po.lines[0]!;
        if (line.amount + e.deltaCents <= 0) return 'skipped (would make the line negative)';
        qb.modifyTransactionLine(po.txnId, line.txnLineId, { amountCents: line.amount + e.deltaCents });
        ledger.poUserDeltaCents.set(commitmentId, (ledger.poUserDeltaCents.get(commitmentId) ?? 0) + e.deltaCents);
        const itemKey = `${commitmentId}:${line.itemId ?? '(no item)'}`;
        ledger.poUserDeltaByItem.set(itemKey, (ledger.poUserDeltaByItem.get(itemKey) ?? 0) + e.deltaCents);
        remember(po.txnId);
        return `PO ${po.txnId} line ${line.txnLineId} ${e.deltaCents > 0 ? '+' : ''}${e.deltaCents}`;
      }
      case 'addBill': {
        const { po } = await poOf(e.commitment);
        if (!po || ledger.userDeleted.has(po.txnId)) return 'skipped (no purchase order)';
        const lines = po.lines
          .filter((l) => l.amount > 0)
          .map((l) => ({ linkToTxn: { txnId: po.txnId, txnLineId: l.txnLineId }, amountCents: Math.max(1, Math.round((l.amount * e.percent) / 100)) }));
        if (lines.length === 0) return 'skipped (nothing to bill)';
        const work = lines.reduce((s, l) => s + l.amountCents, 0);
        const retainageItem = world.company.items.find((i) => i.name === 'Retainage')!;
        try {
          const bill = qb.addBill({
            vendorId: po.vendorId!,
            refNumber: `QB-${e.label}`,
            itemLines: [...lines, ...(e.retainage ? [{ itemId: retainageItem.listId, amountCents: -Math.round(work / 10), desc: 'Retainage 10%' }] : [])],
          });
          ledger.userBills.set(e.label, bill.txnId);
          ledger.userTxnIds.add(bill.txnId);
          remember(bill.txnId);
          return `bill ${bill.txnId} against PO ${po.txnId} (${work} cents)`;
        } catch (error) {
          return `skipped (QuickBooks refused the bill: ${(error as Error).message})`;
        }
      }
      case 'payBill': {
        const bill = await billOf(e.bill);
        if (!bill || ledger.userDeleted.has(bill.txnId) || ledger.userVoided.has(bill.txnId)) return 'skipped (no bill)';
        const total = [...bill.itemLines, ...bill.expenseLines].reduce((s, l) => s + l.amount, 0);
        const paid = world.company.billPaymentChecks.flatMap((c) => c.applied.filter((a) => a.txnId === bill.txnId)).reduce((s, a) => s + a.amount, 0);
        const open = total - paid;
        const amount = Math.min(open, Math.max(1, Math.round((total * e.percent) / 100)));
        if (amount <= 0) return 'skipped (bill is paid)';
        try {
          const check = qb.payBill(bill.txnId, amount, { refNumber: `${e.label}`.slice(0, 11) });
          ledger.userPayments.set(e.label, check.txnId);
          ledger.userTxnIds.add(check.txnId);
          remember(bill.txnId);
          return `check ${check.txnId} pays ${amount} of bill ${bill.txnId}`;
        } catch (error) {
          return `skipped (QuickBooks refused the payment: ${(error as Error).message})`;
        }
      }
      case 'editBillLine': {
        const bill = await billOf(e.bill);
        if (!bill || ledger.userDeleted.has(bill.txnId) || ledger.userVoided.has(bill.txnId)) return 'skipped (no bill)';
        const line = bill.itemLines.find((l) => l.amount > 0);
        if (!line || line.amount + e.deltaCents <= 0) return 'skipped (no line to edit)';
        qb.modifyTransactionLine(bill.txnId, line.txnLineId, { amountCents: line.amount + e.deltaCents });
        ledger.userEditedBills.add(bill.txnId);
        remember(bill.txnId);
        return `bill ${bill.txnId} line ${e.deltaCents > 0 ? '+' : ''}${e.deltaCents}`;
      }
      case 'voidBill':
      case 'deleteBill': {
        const bill = await billOf(e.bill);
        if (!bill || ledger.userDeleted.has(bill.txnId) || ledger.userVoided.has(bill.txnId)) return 'skipped (no bill)';
        if (e.op === 'voidBill') {
          qb.voidTransaction(bill.txnId);
          ledger.userVoided.add(bill.txnId);
          remember(bill.txnId);
        } else {
          qb.deleteTransaction(bill.txnId);
          ledger.userDeleted.add(bill.txnId);
        }
        return `bill ${bill.txnId} ${e.op === 'voidBill' ? 'voided' : 'deleted'}`;
      }
      case 'receiveOwnerPayment': {
        const invoices = await ownerInvoicesInQuickBooks();
        const picked: typeof invoices = [];
        for (const k of e.invoices) {
          const invoice = at(invoices, k);
          // One payment is from one customer: a second invoice on another job, or the same one again, is left out.
          if (!invoice || picked.some((p) => p.txnId === invoice.txnId) || (picked[0] && picked[0].customerId !== invoice.customerId)) continue;
          if (openOn(invoice) > 0) picked.push(invoice);
        }
        if (picked.length === 0) return 'skipped (no open owner invoice in QuickBooks)';
        const applied = picked.map((i) => ({ invoiceTxnId: i.txnId, amountCents: Math.max(1, Math.round((openOn(i) * e.percent) / 100)) }));
        try {
          const payment = qb.receivePayment({ customerId: picked[0]!.customerId, refNumber: e.label.slice(0, 11), paymentMethod: 'Check', applied });
          ledger.ownerPayments.set(e.label, payment.txnId);
          ledger.userTxnIds.add(payment.txnId);
          ownerCounts.received += 1;
          return `payment ${payment.txnId} received: ${applied.map((a) => `${a.amountCents} on ${a.invoiceTxnId}`).join(', ')}`;
        } catch (error) {
          return `skipped (QuickBooks refused the payment: ${(error as Error).message})`;
        }
      }
      case 'voidOwnerPayment':
      case 'deleteOwnerPayment': {
        const txnId = ledger.ownerPayments.get(e.payment);
        if (!txnId || ledger.userDeleted.has(txnId) || ledger.userVoided.has(txnId)) return 'skipped (no payment)';
        if (e.op === 'voidOwnerPayment') {
          qb.voidTransaction(txnId);
          ledger.userVoided.add(txnId);
          ownerCounts.voided += 1;
        } else {
          qb.deleteTransaction(txnId);
          ledger.userDeleted.add(txnId);
          ownerCounts.deleted += 1;
        }
        return `payment received ${txnId} ${e.op === 'voidOwnerPayment' ? 'voided' : 'deleted'}`;
      }
      case 'voidPayment':
      case 'deletePayment': {
        const txnId = ledger.userPayments.get(e.payment);
        if (!txnId || ledger.userDeleted.has(txnId) || ledger.userVoided.has(txnId) || !world.company.billPaymentChecks.some((c) => c.txnId === txnId))
          return 'skipped (no payment)';
        if (e.op === 'voidPayment') {
          qb.voidTransaction(txnId);
          ledger.userVoided.add(txnId);
          remember(txnId);
        } else {
          qb.deleteTransaction(txnId);
          ledger.userDeleted.add(txnId);
        }
        return `payment ${txnId} ${e.op === 'voidPayment' ? 'voided' : 'deleted'}`;
      }
      case 'addVendor': {
        const vendorId = at(universe.vendors, e.vendor)!;
        const name = e.sameName ? sim.store.vendors.get(vendorId)!.name.slice(0, 41) : `QB own vendor ${e.label}`;
        const added = await addListEntry('Vendor', name);
        if ('refused' in added) return `skipped (QuickBooks refused the vendor "${name}": ${added.refused})`;
        ledger.userListIds.add(added.listId);
        return `QuickBooks user added vendor ${added.listId} "${name}"`;
      }
      case 'addJob': {
        const projectId = at(universe.projects, e.project)!;
        const name = e.sameName ? sim.store.projects.get(projectId)!.name.slice(0, 41) : `QB own job ${e.label}`;
        // Under the customer the connector files its jobs under, when it has one (else a customer of its own).
        const ourJob = (await db.prisma.recordLink.findMany({ where: { companyId, procoreType: 'project' }, orderBy: { procoreId: 'asc' } }))
          .map((l) => world.company.customers.find((c) => c.listId === l.qbId))
          .find((c) => c?.parentId);
        const added = await addListEntry('Customer', name, ourJob?.parentId);
        if ('refused' in added) return `skipped (QuickBooks refused the job "${name}": ${added.refused})`;
        ledger.userListIds.add(added.listId);
        return `QuickBooks user added job ${added.listId} "${name}"${ourJob ? ` under ${ourJob.parentId}` : ''}`;
      }
      case 'renameVendor': {
        const vendorId = at(universe.vendors, e.vendor)!;
        const link = await linkOf('vendor', vendorId);
        const vendor = link ? world.company.vendors.find((v) => v.listId === link.qbId) : undefined;
        if (!vendor) return 'skipped (vendor not in QuickBooks)';
        const name = (vendor.name + e.suffix).slice(0, 41);
        if (world.company.vendors.some((v) => v.name.toLowerCase() === name.toLowerCase())) return 'skipped (name taken)';
        qb.modifyListEntry(vendor.listId, (rec) => {
          rec.name = name;
        });
        ledger.userRenamed.set(vendor.listId, name);
        return `QuickBooks vendor ${vendor.listId} renamed to ${name}`;
      }
    }
  }

  async function linkStep(step: Extract<Step, { kind: 'link' }>): Promise<string> {
    if (step.mode === 'suggested') {
      const r = await api(world, 'POST', `/imports/${step.list}/link-suggested`);
      return `HTTP ${r.statusCode} ${r.body.slice(0, 120)}`;
    }
    const status = step.mode === 'unarchive' ? 'archived' : step.mode === 'unlink' ? 'linked' : 'unlinked';
    const list = await api(world, 'GET', `/imports/${step.list}?status=${status}&sort=name&limit=50`);
    if (list.statusCode !== 200) return `HTTP ${list.statusCode}`;
    const items = (list.json().items ?? []) as Array<{ listId?: string; qbListId?: string }>;
    const entry = at(items, step.qbPick);
    const listId = entry?.listId ?? entry?.qbListId;
    if (!listId) return `skipped (no ${status} QuickBooks ${step.list})`;
    if (step.mode !== 'pick') {
      const r = await api(world, 'POST', `/imports/${step.list}/${encodeURIComponent(listId)}/${step.mode}`);
      return `${step.mode} ${listId}: HTTP ${r.statusCode}${r.statusCode >= 300 ? ` ${r.json().code}` : ''}`;
    }
    const procoreId = step.list === 'jobs' ? at(universe.projects, step.procorePick) : at(universe.vendors, step.procorePick);
    const r = await api(
      world,
      'POST',
      `/imports/${step.list}/${encodeURIComponent(listId)}/link`,
      step.list === 'jobs' ? { procoreProjectId: procoreId } : { procoreVendorId: procoreId },
    );
    return `link ${listId} → ${procoreId}: HTTP ${r.statusCode}${r.statusCode >= 300 ? ` ${r.json().code}` : ''}`;
  }

  return {
    ledger,
    ownerCounts,
    async step(step, figures) {
      switch (step.kind) {
        case 'export':
          if (step.type === 'owner_invoice') ownerCounts.exportSteps += 1;
          return exportStep(step);
        case 'session':
          return sessionStep(step.fault, figures);
        case 'drain':
          return `${await drain()} jobs`;
        case 'time':
          await timePasses();
          return 'time passed';
        case 'restart':
          await world.restart();
          return 'server restarted';
        case 'procoreTokenExpires':
          return procoreTokenExpires();
        case 'crashInJob':
          return crashInJobStep(step, figures);
        case 'webhooks':
          return webhooksStep(step, figures);
        case 'reconcile': {
          const r = await api(world, 'POST', '/procore/reconcile', {});
          await drain();
          return `HTTP ${r.statusCode}`;
        }
        case 'refresh': {
          const r = await api(world, 'POST', '/imports/refresh', { kind: step.what });
          return `HTTP ${r.statusCode} ${r.statusCode < 300 ? r.json().outcome : ''}`;
        }
        case 'link':
          return linkStep(step);
        case 'procore': {
          const result = await procoreStep(step);
          return result;
        }
        case 'procoreFault': {
          const path = step.path === 'any' ? undefined : new RegExp(step.path);
          const body = step.status === 422 ? { errors: { base: ['Simulated validation failure'] } } : undefined;
          world.procore.faults.failNext(step.count, {
            status: step.status,
            ...(path && { path }),
            ...(body && { body }),
            ...(step.status === 429 ? { retryAfterSeconds: 0 } : {}),
          });
          figures.faults[`procore${step.status}`] = (figures.faults[`procore${step.status}`] ?? 0) + 1;
          return `next ${step.count} Procore calls${path ? ` to ${step.path}` : ''} answer ${step.status}`;
        }
        case 'quickbooks':
          return quickbooksStep(step);
        case 'sabotage': {
          const po = world.company.purchaseOrders.find((p) => !ledger.userTxnIds.has(p.txnId));
          switch (step.what) {
            case 'duplicatePo':
              if (!po) return 'skipped (no PO)';
              world.company.purchaseOrders.push({ ...structuredClone(po), txnId: `${po.txnId}-DUP` });
              return `planted a second PO like ${po.txnId}`;
            case 'changeLinkedLine':
              if (!po) return 'skipped (no PO)';
              world.quickbooks.modifyTransactionLine(po.txnId, po.lines[0]!.txnLineId, { amountCents: po.lines[0]!.amount + 100 });
              return `changed PO ${po.txnId} behind everyone's back`;
            case 'wrongPoAmount':
              if (!po) return 'skipped (no PO)';
              po.lines[0]!.amount += 100; // no EditSequence move: only the totals can tell
              return `PO ${po.txnId} off by one dollar`;
            case 'duplicateProcoreOrigin': {
              const commitmentId = universe.commitments[0]!;
              const c = sim.store.commitments.get(commitmentId);
              if (!c) return 'skipped (commitment deleted)';
              for (let i = 0; i < 2; i++) {
                const r = sim.edit.createRequisition(pc, c.project_id, { commitment_id: commitmentId, fraction: 0.01 });
                sim.store.update(sim.store.requisitions, r, { origin_id: 'qb:Bill:PLANTED' }, { userId: sim.store.user.id, clientId: null });
              }
              return 'two Procore invoices with one origin';
            }
            case 'sendRemoved': {
              // A commitment deleted in Procore before it was exported, then written to QuickBooks anyway.
              const linked = new Set((await db.prisma.recordLink.findMany({ where: { companyId, procoreType: 'commitment' } })).map((l) => l.procoreId));
              const target = universe.commitments.find((id) => !linked.has(String(id)) && !ledger.removedInProcore.has(`commitment:${id}`));
              if (target === undefined) return 'skipped (nothing to plant)';
              const was = await noteRemoval('commitment', target, 'deleted');
              if (ledger.removedInProcore.get(`commitment:${target}`)!.onItsWay) return `skipped (commitment ${target} already ${was})`;
              await db.prisma.recordLink.create({
                data: { companyId, procoreType: 'commitment', procoreId: String(target), qbType: 'PurchaseOrder', qbId: 'PLANTED-PO' },
              });
              return `commitment ${target} removed in Procore, linked to a PO anyway`;
            }
            case 'changeUsersVendor': {
              const mine = world.company.vendors.find((x) => ledger.userListIds.has(x.listId) && !ledger.userRenamed.has(x.listId));
              if (!mine) return 'skipped (no vendor of a QuickBooks user)';
              world.quickbooks.modifyListEntry(mine.listId, (rec) => {
                rec.name = `${rec.name.slice(0, 30)} (ours)`;
              });
              return `vendor ${mine.listId} of a QuickBooks user renamed behind their back`;
            }
            case 'foreignPo': {
              const euro = world.company.currencies.find((c) => c.currencyCode === 'EUR');
              if (!po || !euro) return 'skipped (no PO, or not a multi-currency file)';
              po.currencyId = euro.listId;
              po.exchangeRate = 1.1;
              return `PO ${po.txnId} in euros`;
            }
            case 'changeForeignRate': {
              const bill = world.company.bills.find((b) => b.currencyId !== undefined && b.currencyId !== world.company.homeCurrencyId && b.exchangeRate);
              if (!bill) return 'skipped (no foreign bill)';
              bill.exchangeRate = bill.exchangeRate! * 2; // no EditSequence move: only the amounts can tell
              return `bill ${bill.txnId}'s exchange rate doubled`;
            }
            case 'duplicateContractEstimateLine':
            case 'duplicateContractEstimate': {
              const link = await db.prisma.recordLink.findFirst({ where: { companyId, procoreType: 'prime_contract' }, orderBy: { procoreId: 'asc' } });
              const estimate = link ? world.company.estimates.find((e) => e.txnId === link.qbId) : undefined;
              if (!estimate) return 'skipped (no contract value estimate in QuickBooks)';
              if (step.what === 'duplicateContractEstimate') {
                world.company.estimates.push({ ...structuredClone(estimate), txnId: `${estimate.txnId}-DUP` });
                return `planted a second QuickBooks estimate like ${estimate.txnId}`;
              }
              const line = estimate.lines.at(-1)!;
              estimate.lines.push({ ...structuredClone(line), txnLineId: `${line.txnLineId}-DUP` });
              return `planted line ${line.desc ?? line.txnLineId} a second time on estimate ${estimate.txnId}`;
            }
            case 'duplicateOwnerInvoice': {
              const invoice = (await ownerInvoicesInQuickBooks())[0];
              if (!invoice) return 'skipped (no owner invoice in QuickBooks)';
              world.company.invoices.push({ ...structuredClone(invoice), txnId: `${invoice.txnId}-DUP` });
              return `planted a second QuickBooks invoice like ${invoice.txnId}`;
            }
            case 'sendUnapprovedOwnerInvoice': {
              const linked = new Set(
                (await db.prisma.recordLink.findMany({ where: { companyId, procoreType: 'payment_application' } })).map((l) => l.procoreId),
              );
              const target = universe.ownerInvoices.find(
                (id) => !linked.has(String(id)) && ledger.removedInProcore.get(`owner_invoice:${id}`)?.onItsWay === false,
              );
              if (target === undefined) return 'skipped (no owner invoice left out)';
              await db.prisma.recordLink.create({
                data: { companyId, procoreType: 'payment_application', procoreId: String(target), qbType: 'Invoice', qbId: 'PLANTED-INVOICE' },
              });
              return `owner invoice ${target} (not approved) linked to a QuickBooks invoice anyway`;
            }
            case 'dropOwnerPayment': {
              const payment = [...sim.store.primeContractPayments.all()].find((p) => p.origin_id?.startsWith('qb:ReceivePayment:'));
              if (!payment) return 'skipped (no Procore payment from QuickBooks)';
              sim.store.remove(sim.store.primeContractPayments, payment, { userId: sim.store.user.id, clientId: null });
              return `Procore payment received ${payment.id} (${payment.origin_id}) deleted behind the connector's back`;
            }
            case 'keepVoidedOwnerPayment': {
              const gone = [...ledger.ownerPayments.values()].find((txnId) => ledger.userVoided.has(txnId) || ledger.userDeleted.has(txnId));
              const invoice = (await ownerInvoicesInQuickBooks())[0];
              const app = invoice
                ? sim.store.paymentApplications.get(
                    Number(
                      (await db.prisma.recordLink.findFirst({ where: { companyId, procoreType: 'payment_application', qbId: invoice.txnId } }))?.procoreId,
                    ),
                  )
                : undefined;
              if (!gone || !invoice || !app) return 'skipped (no voided or deleted payment)';
              const p = sim.edit.createPrimeContractPayment(pc, app.project_id, {
                contract_id: app.contract_id,
                amount: 1,
                date: '2026-11-21',
                origin_id: `qb:ReceivePayment:${gone}:${invoice.txnId}`,
              });
              return `Procore payment received ${p.id} left for payment ${gone}, which a QuickBooks user voided or deleted`;
            }
            case 'strandRequest':
              await db.prisma.queuedRequest.create({
                data: { companyId, kind: 'VendorQuery', payload: { type: 'VendorQuery' }, dedupeKey: 'planted', status: 'sent' },
              });
              return 'a request left "sent" with no message';
          }
          throw new Error(`unknown planted defect ${JSON.stringify(step)}`);
        }
        case 'resolve': {
          const id = resolveTarget(step.type, step.target);
          if (id === undefined) return 'skipped (no such record)';
          let r = await api(world, 'POST', `/exports/${step.type}/${id}/resolve`, { resolution: step.resolution });
          if (r.statusCode === 409 && r.json().code === 'CONFIRMATION_REQUIRED' && step.confirm) {
            r = await api(world, 'POST', `/exports/${step.type}/${id}/resolve`, { resolution: step.resolution, confirm: true });
          }
          if (r.statusCode === 200 && step.resolution === 'resend_ours') ledger.resolvedResends.add(`${step.type}:${id}`);
          return `HTTP ${r.statusCode}${r.statusCode >= 300 ? ` ${r.json().code}` : ''}`;
        }
      }
    },
    async quiesce(figures) {
      // No more faults: Procore answers, QuickBooks is healthy, time passes; sessions and jobs run until no work
      // is left (bounded), then Update Job Costs brings QuickBooks' bills and payments into Procore.
      world.procore.faults.clear();
      let rounds = 0;
      const outcomes: string[] = [];
      const settle = async () => {
        for (let i = 0; i < 12; i++) {
          rounds += 1;
          await timePasses();
          await drain();
          const report = await runSession(world, { type: 'none' });
          outcomes.push(`${report.outcome}/${report.requestsSent}${report.lastError ? ` ${report.lastError.slice(0, 80)}` : ''}`);
          figures.sessions += 1;
          await drain();
          const openJobs = await db.prisma.job.count({ where: { companyId, status: { in: ['queued', 'running'] } } });
          if (report.outcome === 'no-work' && openJobs === 0) return true;
        }
        return false;
      };
      const first = await settle();
      const refresh = await api(world, 'POST', '/imports/refresh', { kind: 'job_costs' });
      const second = await settle();
      const reached = first && second;
      if (!reached) {
        const open = await db.prisma.queuedRequest.findMany({
          where: { companyId, status: { in: ['queued', 'sent'] } },
          select: { kind: true, dedupeKey: true, status: true, attempts: true },
        });
        ledger.quiescenceFailure = `the Web Connector still found work after ${rounds} fault-free sessions (last: ${outcomes.slice(-3).join(' | ')}; open requests: ${JSON.stringify(open).slice(0, 400)})`;
      }
      return `${reached ? 'reached' : 'NOT reached'} after ${rounds} rounds (job costs refresh HTTP ${refresh.statusCode}); sessions: ${outcomes.join(', ')}`;
    },
  };
}
