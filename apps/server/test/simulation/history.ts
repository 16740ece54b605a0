// A history: what people and machines do, as a plain JSON array of steps. Generated from a seed against a
// small model of what exists (so steps are meaningful), printed, shrunk and replayed as data.
import { Prng } from './prng.ts';
import type { SessionFault } from './web-connector.ts';

/** `owner_invoice`: a Procore owner invoice (payment application on the prime contract) → a QuickBooks invoice (issue 21). */
export type ExportType =
  'vendor' | 'project' | 'budget' | 'commitment' | 'change_order' | 'invoice' | 'owner_invoice' | 'prime_contract' | 'prime_change_order';
export type ExportAction = 'send' | 'approve' | 'reject' | 'retry' | 'dismiss';

/**
 * A record the step acts on: `seeded` is an index into the seeded records of that type in the simulated
 * projects (taken modulo their number, so every index is valid); `created` names a record an earlier step
 * created (a step whose record no longer exists — e.g. after shrinking — is skipped).
 */
export type Target = { seeded: number } | { created: string };

export type ProcoreEdit =
  /** `onExported`: the index picks among commitments that have a purchase order at that point (as QuickBooks edits do). */
  | { op: 'addChangeOrder'; commitment: number; label: string; amountsCents: number[]; onLine: boolean; approve: boolean; onExported?: boolean }
  | { op: 'approveChangeOrder'; target: Target }
  | { op: 'editChangeOrderAmount'; target: Target; amountCents: number }
  | { op: 'addInvoice'; commitment: number; label: string; percent: number; approve: boolean }
  | { op: 'approveInvoice'; target: Target }
  | { op: 'editCommitmentLine'; commitment: number; line: number; amountCents: number }
  | { op: 'approveCommitment'; commitment: number }
  | { op: 'renameVendor'; vendor: number; suffix: string }
  /**
   * Procore-side removals, usually after export: a change order or invoice deleted, or set back from approved
   * (a change order to pending, an invoice to revise_and_resubmit, a commitment to draft), or a commitment
   * deleted. What the connector promises (docs/data-safety.md, "Procore records removed or un-approved"): what
   * is already in QuickBooks stays as it is (QuickBooks is the books; nothing is deleted or rewritten behind the
   * accountant's back), and what is not yet in QuickBooks never gets there — it ends in the exception queue
   * with its reason, or stays unsent.
   */
  | { op: 'deleteChangeOrder'; target: Target }
  | { op: 'unapproveChangeOrder'; target: Target }
  | { op: 'deleteInvoice'; target: Target }
  | { op: 'unapproveInvoice'; target: Target }
  | { op: 'unapproveCommitment'; commitment: number }
  | { op: 'deleteCommitment'; commitment: number }
  /**
   * Owner side (issue 21): an owner invoice (seeded payment application, in id order on the history's projects) set
   * back from approved (to revise_and_resubmit), deleted, or approved (a seeded one under review or set back earlier).
   * The same promise as for the cost side: not in QuickBooks yet → never gets there.
   */
  | { op: 'unapproveOwnerInvoice'; target: Target }
  | { op: 'deleteOwnerInvoice'; target: Target }
  | { op: 'approveOwnerInvoice'; target: Target };

export type BillRef = { user: string } | { exported: Target };

export type QuickBooksEdit =
  | { op: 'editPoLine'; commitment: number; deltaCents: number }
  | { op: 'addBill'; commitment: number; label: string; percent: number; retainage: boolean }
  | { op: 'payBill'; bill: BillRef; label: string; percent: number }
  | { op: 'editBillLine'; bill: BillRef; deltaCents: number }
  | { op: 'voidBill'; bill: BillRef }
  | { op: 'deleteBill'; bill: BillRef }
  | { op: 'voidPayment'; payment: string }
  | { op: 'deletePayment'; payment: string }
  | { op: 'renameVendor'; vendor: number; suffix: string }
  /**
   * A QuickBooks user adds a vendor or a job of their own between syncs: named like a Procore vendor/project
   * (`sameName`: the connector must link to it or stop, never add a second one) or a name of their own.
   */
  | { op: 'addVendor'; vendor: number; sameName: boolean; label: string }
  | { op: 'addJob'; project: number; sameName: boolean; label: string }
  /**
   * Owner side (issue 21): the owner pays `percent` of what is open on one or two of the connector's QuickBooks
   * invoices (`invoices`: indexes among the invoices linked to owner invoices at that point, like the POs of
   * `editPoLine`); a second one on another job is left out (one payment is from one customer).
   */
  | { op: 'receiveOwnerPayment'; invoices: number[]; label: string; percent: number }
  | { op: 'voidOwnerPayment'; payment: string }
  | { op: 'deleteOwnerPayment'; payment: string };

export type Step =
  | { kind: 'export'; action: ExportAction; type: ExportType; targets: Target[] }
  | { kind: 'session'; fault: SessionFault }
  | { kind: 'drain' }
  /** Time passes: an abandoned Web Connector session goes idle, jobs backing off come due. */
  | { kind: 'time' }
  /**
   * Procore's access token runs out (its 90 minutes have passed): the server's next Procore call refreshes it first
   * (OAuth call, refresh lease, encrypted write). Drawn before a crashInJob too, so the process can die inside a refresh.
   */
  | { kind: 'procoreTokenExpires' }
  /** The server process crashes between two requests and starts again on the same database. */
  | { kind: 'restart' }
  /**
   * The server process dies inside a running background job, at the `call`-th Procore request the job runner
   * makes (`procoreDone`: after Procore carried the request out, before the answer reached the server — the worst
   * moment for a create). The dead process never runs another line; a new one starts on the same database.
   * `work: 'reconcile'`: the scheduled reconciliation is due first (a job of many Procore reads).
   */
  | { kind: 'crashInJob'; call: number; procoreDone: boolean; work?: 'reconcile' }
  /**
   * Procore delivers the webhooks of the changes so far (the harness is the network between them): in order or
   * reversed, the n-th one twice (`duplicate`, 0 = none) and the m-th one lost (`drop`, 0 = none; reconciliation
   * must catch it).
   */
  | { kind: 'webhooks'; order: 'inOrder' | 'reversed'; duplicate: number; drop: number }
  | { kind: 'reconcile' }
  | { kind: 'refresh'; what: 'jobs' | 'vendors' | 'items' | 'job_costs' }
  | { kind: 'link'; list: 'jobs' | 'vendors'; mode: 'suggested' | 'pick' | 'unlink' | 'archive' | 'unarchive'; qbPick: number; procorePick: number }
  | { kind: 'procore'; edit: ProcoreEdit }
  | { kind: 'procoreFault'; status: 429 | 500 | 503 | 422; count: number; path: 'any' | 'requisitions' | 'sync' | 'commitments' | 'change_orders' | 'projects' }
  | { kind: 'quickbooks'; edit: QuickBooksEdit }
  /** `confirm`: when the server asks to confirm (keeping QuickBooks' version leaves approved work out), the person does. */
  | { kind: 'resolve'; type: 'change_order' | 'commitment' | 'invoice'; target: Target; resolution: 'keep_quickbooks' | 'resend_ours'; confirm?: boolean }
  /**
   * A planted defect, as a buggy connector would leave it: never generated; the harness's own test uses it to
   * prove each invariant catches what it guards (the checks are not vacuous).
   */
  | {
      kind: 'sabotage';
      what:
        | 'duplicatePo'
        | 'changeLinkedLine'
        | 'duplicateProcoreOrigin'
        | 'strandRequest'
        | 'wrongPoAmount'
        | 'sendRemoved'
        | 'changeUsersVendor'
        /** Multi-currency file: a connector PO turned into a foreign-currency one (Procore's dollars booked as euros). */
        | 'foreignPo'
        /** Multi-currency file: QuickBooks' rate on a foreign bill changed silently (what the connector read was not it). */
        | 'changeForeignRate'
        /** Owner side: a second QuickBooks invoice like one the connector wrote for an owner invoice. */
        | 'duplicateOwnerInvoice'
        /** Owner side: an owner invoice never approved in Procore, linked to a QuickBooks invoice anyway. */
        | 'sendUnapprovedOwnerInvoice'
        /** Owner side: the Procore payment received for one (QuickBooks payment, invoice) deleted behind the connector's back. */
        | 'dropOwnerPayment'
        /** Owner side: a Procore payment received left standing for a QuickBooks payment a user voided or deleted. */
        | 'keepVoidedOwnerPayment'
        /** Contract value: a change order's line written a second time on the prime contract's estimate (a Mod re-sent). */
        | 'duplicateContractEstimateLine'
        /** Contract value: a second estimate like the one the connector wrote for a prime contract. */
        | 'duplicateContractEstimate';
    };

export interface History {
  /** The seed it was generated from (informational once generated: the steps are the history). */
  seed: number;
  /** Seed of the Procore simulator's generated company. */
  procoreSeed: number;
  /**
   * A messy QuickBooks company file (packages/qb-simulator generateCompanyFile `messyRate`: names with '&',
   * quotes, non-ASCII and trailing spaces, inactive entries, sub-jobs, existing transactions) instead of an empty
   * one; absent or 0 = the empty file (histories kept from before replay as they were).
   */
  messyRate?: number;
  /**
   * A multi-currency QuickBooks company file (generateCompanyFile `multiCurrency`: US dollars home, some vendors and
   * their bills, POs and payments in Canadian dollars or euros, and vendors named like Procore vendors in a foreign
   * currency, world.ts); absent = a single-currency file (histories kept from before replay as they were).
   */
  multiCurrency?: boolean;
  /**
   * The owner side (issue 21) is set up: the Retainage Receivable item in the QuickBooks file and the owner invoice
   * settings (world: run-history.ts prepare). Histories with owner steps have it; absent = the cost side only
   * (histories kept from before replay as they were).
   */
  owner?: boolean;
  /**
   * Procore access tokens last their 90 minutes for the server, as in production, and run out only at a
   * `procoreTokenExpires` step. Absent (histories kept from before): every token arrives already expired, so the
   * server refreshes before each Procore call (world.ts resetWorld explains why), and they replay as they were.
   */
  freshProcoreTokens?: boolean;
  steps: Step[];
}

export interface GenerateOptions {
  steps: number;
  /** Every history on a messy QuickBooks company file at this rate (0 = the plain file); default: decided per seed. */
  messyRate?: number;
  /** Share (0..1) of histories on a multi-currency QuickBooks company file (1 = every one); default: a quarter, decided per seed. */
  multiCurrency?: number;
  /** Share (0..1) of histories with owner-side steps (1 = every one, 0 = none); default: OWNER_SHARE, decided per seed. */
  owner?: number;
}

/** Share of the histories with owner-side steps (issue 21) when the options do not say. */
export const OWNER_SHARE = 0.3;

/** Share of the histories on a multi-currency company file when the options do not say. */
export const MULTI_CURRENCY_SHARE = 0.25;

/**
 * Whether seed `seed` runs on a multi-currency file: drawn from a PRNG of its own (not the history's), so adding the
 * choice left every seed's steps and messy file as they were.
 */
export function drawsMultiCurrency(seed: number, share: number): boolean {
  if (share >= 1) return true;
  if (share <= 0) return false;
  return new Prng(seed ^ 0x6d756c74).chance(share);
}

/** Whether seed `seed` has owner-side steps: a PRNG of its own again, so the choice leaves the other draws as they were. */
export function drawsOwner(seed: number, share: number): boolean {
  if (share >= 1) return true;
  if (share <= 0) return false;
  return new Prng(seed ^ 0x6f776e72).chance(share);
}

/**
 * The owner-side steps (issue 21) of an owner history, from a PRNG stream of their own (`seed` salted), each with
 * the position (index into the cost-side steps) it goes before: the cost-side steps and their draws are exactly those
 * of the same seed without the owner side; the owner steps go in between.
 */
function ownerSteps(seed: number, count: number): Array<{ at: number; steps: Step[] }> {
  const rng = new Prng(seed ^ 0x4f574e45);
  const payments: string[] = [];
  let next = 1;
  const target = (): Target => ({ seeded: rng.int(0, 7) });
  const out: Array<{ at: number; steps: Step[] }> = [];
  // Approved owner invoices are sent early, so that later edits and payments meet invoices in QuickBooks.
  const first = [target(), target()];
  out.push({
    at: rng.int(0, Math.max(0, Math.floor(count / 4))),
    steps: [
      { kind: 'export', action: 'send', type: 'owner_invoice', targets: first },
      { kind: 'export', action: 'approve', type: 'owner_invoice', targets: first },
      { kind: 'drain' },
      // The Web Connector polls: the invoices reach QuickBooks, so the payments drawn below have invoices to meet
      // (without it most of them found none: 8 of 47 ran in a 40-history soak).
      { kind: 'session', fault: { type: 'none' } },
    ],
  });
  const rounds = Math.max(1, Math.round(count / 6));
  // Places in increasing order, so that a void or delete lands after the payment it voids or deletes.
  const places = Array.from({ length: rounds }, () => rng.int(0, count)).sort((a, b) => a - b);
  for (let i = 0; i < rounds; i++) {
    const at = places[i]!;
    const kind = rng.weighted([
      [4, 'export'],
      [2, 'procore'],
      [4, 'receive'],
      [2, 'voidOrDelete'],
      [1, 'other'],
      [2, 'contract'],
    ] as const);
    const steps: Step[] = [];
    if (kind === 'contract') {
      // The job's contract value: a prime contract (its estimate), or change orders on it (lines added to that estimate),
      // approved in one bulk action or apart; the seeded ones include drafts and pending ones that must stay out.
      const type = rng.chance(0.4) ? ('prime_contract' as const) : ('prime_change_order' as const);
      const targets = Array.from({ length: type === 'prime_contract' ? 1 : rng.int(1, 3) }, target);
      steps.push({ kind: 'export', action: 'send', type, targets });
      if (rng.chance(0.85)) steps.push({ kind: 'export', action: 'approve', type, targets });
      if (rng.chance(0.6)) steps.push({ kind: 'drain' });
      if (rng.chance(0.5)) steps.push({ kind: 'session', fault: { type: 'none' } });
    } else if (kind === 'export') {
      const targets = Array.from({ length: rng.int(1, 3) }, target);
      steps.push({ kind: 'export', action: 'send', type: 'owner_invoice', targets });
      if (rng.chance(0.85)) steps.push({ kind: 'export', action: 'approve', type: 'owner_invoice', targets });
      if (rng.chance(0.6)) steps.push({ kind: 'drain' });
    } else if (kind === 'procore') {
      const op = rng.weighted([
        [2, 'unapproveOwnerInvoice'],
        [1, 'deleteOwnerInvoice'],
        [1, 'approveOwnerInvoice'],
      ] as const);
      steps.push({ kind: 'procore', edit: { op, target: target() } });
      if (rng.chance(0.5)) steps.push({ kind: 'reconcile' });
    } else if (kind === 'receive') {
      const label = `rp${next++}`;
      payments.push(label);
      const invoices = rng.chance(0.4) ? [rng.int(0, 7), rng.int(0, 7)] : [rng.int(0, 7)];
      steps.push({
        kind: 'quickbooks',
        edit: {
          op: 'receiveOwnerPayment',
          invoices,
          label,
          percent: rng.weighted([
            [3, rng.int(10, 90)],
            [1, 100],
          ] as const),
        },
      });
      if (rng.chance(0.5)) steps.push({ kind: 'refresh', what: 'job_costs' });
    } else if (kind === 'voidOrDelete') {
      if (payments.length > 0) {
        steps.push({ kind: 'quickbooks', edit: { op: rng.pick(['voidOwnerPayment', 'deleteOwnerPayment'] as const), payment: rng.pick(payments) } });
        if (rng.chance(0.5)) steps.push({ kind: 'refresh', what: 'job_costs' });
      }
    } else {
      const type = 'owner_invoice' as const;
      steps.push({ kind: 'export', action: rng.pick(['reject', 'retry', 'dismiss'] as const), type, targets: [target()] });
    }
    if (steps.length > 0) out.push({ at, steps });
  }
  return out;
}

/** A history of `steps` steps from `seed`; the same seed and options give the same history. */
export function generateHistory(seed: number, options: GenerateOptions): History {
  const rng = new Prng(seed);
  const procoreSeed = 1 + (seed % 5);
  // A third of the histories run on a messy company file (decided first, so the steps below stay as they were).
  const messyRate = options.messyRate ?? (rng.chance(1 / 3) ? rng.pick([0.1, 0.25, 0.4]) : 0);
  const model = {
    changeOrders: [] as Array<{ label: string; approved: boolean }>,
    invoices: [] as Array<{ label: string; approved: boolean }>,
    bills: [] as string[],
    payments: [] as string[],
    /** Commitments an approve was generated for: Procore locks them, so their lines are not edited any more. */
    approvedCommitments: new Set<number>(),
    next: 1,
  };
  const label = (prefix: string) => `${prefix}${model.next++}`;
  const commitment = () => rng.int(0, 7);
  const coTarget = (): Target =>
    model.changeOrders.length > 0 && rng.chance(0.7) ? { created: rng.pick(model.changeOrders).label } : { seeded: rng.int(0, 5) };
  const invoiceTarget = (): Target => (model.invoices.length > 0 && rng.chance(0.7) ? { created: rng.pick(model.invoices).label } : { seeded: rng.int(0, 5) });
  const targetsFor = (type: ExportType): Target[] => {
    const n = rng.weighted([
      [3, 1],
      [2, 2],
      [1, 3],
    ] as const);
    const out: Target[] = [];
    for (let i = 0; i < n; i++) {
      if (type === 'change_order') out.push(coTarget());
      else if (type === 'invoice') out.push(invoiceTarget());
      else if (type === 'project' || type === 'budget') out.push({ seeded: rng.int(0, 1) });
      else out.push({ seeded: type === 'commitment' ? commitment() : rng.int(0, 7) });
    }
    return out;
  };
  const billRef = (): BillRef | null => {
    if (model.bills.length > 0 && rng.chance(0.7)) return { user: rng.pick(model.bills) };
    return { exported: invoiceTarget() };
  };
  const fault = (): SessionFault =>
    rng.weighted<SessionFault>([
      [10, { type: 'none' }],
      [2, { type: 'loseWriteResponse', n: rng.int(1, 3) }],
      [2, { type: 'dropAfter', rounds: rng.int(1, 4) }],
      [1, { type: 'garble', message: rng.int(1, 4) }],
      [1, { type: 'mismatchRequestId', message: rng.int(1, 3) }],
      [1, { type: 'dropRequestId', message: rng.int(1, 3) }],
      [1, { type: 'wrongType', message: rng.int(1, 3) }],
      [1, { type: 'restrictedUser' }],
      [1, { type: 'locked', commitment: commitment() }],
      [1, { type: 'quickBooksNotRunning' }],
      [2, { type: 'crash', call: rng.int(3, 12), after: rng.chance(0.5) }],
      [2, { type: 'twoInstances' }],
    ]);

  const webhooks = (): Step => ({
    kind: 'webhooks',
    order: rng.weighted([
      [4, 'inOrder'],
      [1, 'reversed'],
    ] as const),
    duplicate: rng.chance(0.3) ? rng.int(1, 3) : 0,
    drop: rng.chance(0.15) ? rng.int(1, 3) : 0,
  });

  const steps: Step[] = [];
  const sendAndApprove = (type: ExportType) => {
    const targets = targetsFor(type);
    steps.push({ kind: 'export', action: 'send', type, targets });
    if (rng.chance(0.85)) {
      steps.push({ kind: 'export', action: 'approve', type, targets: rng.chance(0.8) ? targets : targets.slice(0, 1) });
      if (type === 'commitment') for (const t of targets) if ('seeded' in t) model.approvedCommitments.add(t.seeded);
      // The server's job runner usually reads the approved records from Procore before the next poll.
      if (rng.chance(0.6)) {
        // ...or the server dies while that job talks to Procore.
        if (rng.chance(0.2)) {
          if (rng.chance(0.3)) steps.push({ kind: 'procoreTokenExpires' });
          steps.push({ kind: 'crashInJob', call: rng.int(1, 6), procoreDone: rng.chance(0.5) });
        } else steps.push({ kind: 'drain' });
        // ...and the Web Connector polls while that work is waiting: the moment a fault hurts most.
        if (rng.chance(0.5)) steps.push({ kind: 'session', fault: fault() });
      }
    }
  };

  // Most histories start where the data-safety questions are: commitments approved and (perhaps faultily) sent
  // to QuickBooks, so that later change orders, invoices and QuickBooks users' edits have purchase orders to meet.
  if (rng.chance(0.8)) {
    const targets = [{ seeded: commitment() }, { seeded: commitment() }];
    steps.push({ kind: 'export', action: 'send', type: 'commitment', targets });
    steps.push({ kind: 'export', action: 'approve', type: 'commitment', targets });
    for (const t of targets) model.approvedCommitments.add(t.seeded);
    steps.push({ kind: 'drain' });
    steps.push({ kind: 'session', fault: rng.chance(0.5) ? { type: 'none' } : fault() });
  }

  while (steps.length < options.steps) {
    const kind = rng.weighted([
      [14, 'sendApprove'],
      [3, 'otherExportAction'],
      [16, 'session'],
      [5, 'drain'],
      [3, 'time'],
      [2, 'restart'],
      [2, 'crashInJob'],
      [1, 'procoreTokenExpires'],
      [3, 'webhooks'],
      [3, 'reconcile'],
      [4, 'refresh'],
      [2, 'link'],
      [9, 'procore'],
      [3, 'procoreFault'],
      [8, 'quickbooks'],
      [2, 'resolve'],
      [2, 'conflict'],
    ] as const);
    switch (kind) {
      case 'sendApprove': {
        sendAndApprove(
          rng.weighted([
            [2, 'vendor'],
            [2, 'project'],
            [2, 'budget'],
            [6, 'commitment'],
            [4, 'change_order'],
            [4, 'invoice'],
          ] as const),
        );
        break;
      }
      case 'otherExportAction': {
        const type = rng.pick(['commitment', 'change_order', 'invoice', 'budget', 'vendor'] as const);
        steps.push({ kind: 'export', action: rng.pick(['reject', 'retry', 'dismiss', 'approve', 'send'] as const), type, targets: targetsFor(type) });
        break;
      }
      case 'session':
        steps.push({ kind: 'session', fault: fault() });
        break;
      case 'drain':
      case 'time':
      case 'restart':
      case 'reconcile':
        steps.push({ kind });
        break;
      case 'procoreTokenExpires':
        steps.push({ kind: 'procoreTokenExpires' });
        break;
      case 'crashInJob':
        // The token may have run out first: then the crash can land inside its refresh.
        if (rng.chance(0.3)) steps.push({ kind: 'procoreTokenExpires' });
        // On its own, the crash lands in whatever job is due; usually that is the reconciliation's.
        steps.push(
          rng.chance(0.7)
            ? { kind: 'crashInJob', call: rng.int(1, 20), procoreDone: rng.chance(0.5), work: 'reconcile' }
            : { kind: 'crashInJob', call: rng.int(1, 6), procoreDone: rng.chance(0.5) },
        );
        break;
      case 'webhooks':
        steps.push(webhooks());
        break;
      case 'refresh': {
        const what = rng.weighted([
          [1, 'jobs'],
          [1, 'vendors'],
          [1, 'items'],
          [3, 'job_costs'],
        ] as const);
        steps.push({ kind: 'refresh', what });
        // Update Job Costs ends in a job creating Procore invoices and payments: the server may die inside it.
        if (what === 'job_costs' && rng.chance(0.3)) {
          steps.push({ kind: 'session', fault: { type: 'none' } });
          if (rng.chance(0.3)) steps.push({ kind: 'procoreTokenExpires' });
          steps.push({ kind: 'crashInJob', call: rng.int(1, 8), procoreDone: rng.chance(0.6) });
        }
        break;
      }
      case 'link':
        steps.push({
          kind: 'link',
          list: rng.pick(['jobs', 'vendors'] as const),
          mode: rng.weighted([
            [2, 'suggested'],
            [3, 'pick'],
            [2, 'unlink'],
            [1, 'archive'],
            [1, 'unarchive'],
          ] as const),
          qbPick: rng.int(0, 9),
          procorePick: rng.int(0, 9),
        });
        break;
      case 'procore': {
        const op = rng.weighted([
          [4, 'addChangeOrder'],
          [2, 'approveChangeOrder'],
          [1, 'editChangeOrderAmount'],
          [3, 'addInvoice'],
          [2, 'approveInvoice'],
          [1, 'editCommitmentLine'],
          [2, 'approveCommitment'],
          [1, 'renameVendor'],
          [1, 'deleteChangeOrder'],
          [1, 'unapproveChangeOrder'],
          [1, 'deleteInvoice'],
          [1, 'unapproveInvoice'],
          [1, 'unapproveCommitment'],
          [1, 'deleteCommitment'],
        ] as const);
        if (op === 'addChangeOrder') {
          const l = label('co');
          const approve = rng.chance(0.6);
          model.changeOrders.push({ label: l, approved: approve });
          steps.push({
            kind: 'procore',
            edit: {
              op,
              commitment: commitment(),
              label: l,
              amountsCents: Array.from({ length: rng.int(1, 2) }, () => rng.int(-50_000, 400_000)),
              onLine: rng.chance(0.6),
              approve,
            },
          });
        } else if (op === 'approveChangeOrder') {
          steps.push({ kind: 'procore', edit: { op, target: coTarget() } });
        } else if (op === 'editChangeOrderAmount') {
          steps.push({ kind: 'procore', edit: { op, target: coTarget(), amountCents: rng.int(1_000, 300_000) } });
        } else if (op === 'addInvoice') {
          const l = label('inv');
          const approve = rng.chance(0.7);
          model.invoices.push({ label: l, approved: approve });
          steps.push({ kind: 'procore', edit: { op, commitment: commitment(), label: l, percent: rng.int(5, 40), approve } });
        } else if (op === 'approveInvoice') {
          steps.push({ kind: 'procore', edit: { op, target: invoiceTarget() } });
        } else if (op === 'approveCommitment' || op === 'unapproveCommitment' || op === 'deleteCommitment') {
          steps.push({ kind: 'procore', edit: { op, commitment: commitment() } });
        } else if (op === 'deleteChangeOrder' || op === 'unapproveChangeOrder') {
          steps.push({ kind: 'procore', edit: { op, target: coTarget() } });
        } else if (op === 'deleteInvoice' || op === 'unapproveInvoice') {
          steps.push({ kind: 'procore', edit: { op, target: invoiceTarget() } });
        } else if (op === 'editCommitmentLine') {
          const c = commitment();
          if (!model.approvedCommitments.has(c))
            steps.push({ kind: 'procore', edit: { op, commitment: c, line: rng.int(0, 3), amountCents: rng.int(10_000, 2_000_000) } });
        } else {
          steps.push({ kind: 'procore', edit: { op, vendor: rng.int(0, 7), suffix: ` ${rng.pick(['Inc', 'LLC', 'Co', '& Sons'])}` } });
        }
        // Webhooks or the scheduled reconciliation bring the change into our copy, usually before anyone acts on it.
        const news = rng.weighted([
          [3, 'webhooks'],
          [3, 'reconcile'],
          [4, 'later'],
        ] as const);
        if (news === 'webhooks') steps.push(webhooks());
        else if (news === 'reconcile') steps.push({ kind: 'reconcile' });
        break;
      }
      case 'procoreFault':
        steps.push({
          kind: 'procoreFault',
          status: rng.weighted([
            [3, 429],
            [2, 503],
            [1, 500],
            [2, 422],
          ] as const),
          count: rng.int(1, 4),
          path: rng.pick(['any', 'requisitions', 'sync', 'commitments', 'change_orders', 'projects'] as const),
        });
        break;
      case 'quickbooks': {
        const op = rng.weighted([
          [2, 'editPoLine'],
          [3, 'addBill'],
          [3, 'payBill'],
          [1, 'editBillLine'],
          [1, 'voidBill'],
          [1, 'deleteBill'],
          [1, 'voidPayment'],
          [1, 'deletePayment'],
          [1, 'renameVendor'],
          [1, 'addVendor'],
          [1, 'addJob'],
        ] as const);
        if (op === 'addVendor') steps.push({ kind: 'quickbooks', edit: { op, vendor: rng.int(0, 7), sameName: rng.chance(0.6), label: label('qbv') } });
        else if (op === 'addJob') steps.push({ kind: 'quickbooks', edit: { op, project: rng.int(0, 1), sameName: rng.chance(0.6), label: label('qbj') } });
        else if (op === 'editPoLine') steps.push({ kind: 'quickbooks', edit: { op, commitment: commitment(), deltaCents: rng.int(-20_000, 50_000) } });
        else if (op === 'addBill') {
          const l = label('bill');
          model.bills.push(l);
          steps.push({ kind: 'quickbooks', edit: { op, commitment: commitment(), label: l, percent: rng.int(5, 60), retainage: rng.chance(0.4) } });
        } else if (op === 'payBill') {
          const l = label('pay');
          model.payments.push(l);
          steps.push({ kind: 'quickbooks', edit: { op, bill: billRef()!, label: l, percent: rng.int(10, 100) } });
        } else if (op === 'editBillLine' || op === 'voidBill' || op === 'deleteBill') {
          const bill = billRef();
          if (bill) steps.push({ kind: 'quickbooks', edit: op === 'editBillLine' ? { op, bill, deltaCents: rng.int(-10_000, 30_000) } : { op, bill } });
        } else if (op === 'voidPayment' || op === 'deletePayment') {
          if (model.payments.length > 0) steps.push({ kind: 'quickbooks', edit: { op, payment: rng.pick(model.payments) } });
        } else {
          steps.push({ kind: 'quickbooks', edit: { op, vendor: rng.int(0, 7), suffix: ` (${rng.pick(['old', 'QB', 'AP'])})` } });
        }
        break;
      }
      case 'conflict': {
        // Someone edits a PO in QuickBooks while its commitment gets a change order in Procore: the change order's
        // Mod meets a stale EditSequence (3200), and a person keeps QuickBooks' version or re-sends ours.
        const k = rng.int(0, 7);
        const l = label('co');
        model.changeOrders.push({ label: l, approved: true });
        steps.push({ kind: 'quickbooks', edit: { op: 'editPoLine', commitment: k, deltaCents: rng.int(1_000, 50_000) } });
        steps.push({
          kind: 'procore',
          edit: {
            op: 'addChangeOrder',
            commitment: k,
            label: l,
            amountsCents: [rng.int(10_000, 300_000)],
            onLine: rng.chance(0.5),
            approve: true,
            onExported: true,
          },
        });
        steps.push({ kind: 'reconcile' });
        steps.push({ kind: 'export', action: 'send', type: 'change_order', targets: [{ created: l }] });
        steps.push({ kind: 'export', action: 'approve', type: 'change_order', targets: [{ created: l }] });
        steps.push({ kind: 'drain' });
        steps.push({ kind: 'session', fault: rng.chance(0.6) ? { type: 'none' } : fault() });
        steps.push({
          kind: 'resolve',
          type: 'change_order',
          target: { created: l },
          resolution: rng.pick(['keep_quickbooks', 'resend_ours'] as const),
          confirm: rng.chance(0.7),
        });
        break;
      }
      case 'resolve':
        steps.push({
          kind: 'resolve',
          type: rng.pick(['change_order', 'commitment', 'invoice'] as const),
          target: rng.chance(0.5) ? coTarget() : { seeded: rng.int(0, 7) },
          resolution: rng.pick(['keep_quickbooks', 'resend_ours'] as const),
        });
        break;
    }
  }
  const multiCurrency = drawsMultiCurrency(seed, options.multiCurrency ?? MULTI_CURRENCY_SHARE);
  const owner = drawsOwner(seed, options.owner ?? OWNER_SHARE);
  let kept = steps.slice(0, options.steps);
  if (owner) {
    // Interleaved, then cut to the length asked for (the cost side's last steps make room for the owner's).
    const inserts = ownerSteps(seed, kept.length);
    const merged: Step[] = [];
    for (let i = 0; i <= kept.length; i++) {
      for (const insert of inserts) if (insert.at === i) merged.push(...insert.steps);
      if (i < kept.length) merged.push(kept[i]!);
    }
    kept = merged.slice(0, options.steps);
  }
  return {
    seed,
    procoreSeed,
    ...(messyRate > 0 && { messyRate }),
    ...(multiCurrency && { multiCurrency }),
    ...(owner && { owner }),
    freshProcoreTokens: true,
    steps: kept,
  };
}

/** One line per step, for people reading a failing history. */
export function describeStep(step: Step): string {
  return JSON.stringify(step);
}
