// "Update Job Costs" (QuickBooks to Procore): where each QuickBooks cost goes in Procore. A transaction becomes one of
// three things (own_export / commitment_invoice / direct_cost) and each line gets a project and a cost
// code, or a reason in words why it cannot have one. Rules and their reasons: ../../README.md, "Import rules".
import type { QbCostLine, QbCostTransaction } from './read-cost-transaction.ts';
import { formatDollars } from './format-dollars.ts';

/** A PO that came from a Procore commitment, as the caller knows it from our export links. */
export interface CommitmentForPurchaseOrder {
  commitmentId: number;
  procoreProjectId: number;
  /** PO TxnLineID → the Procore line key it carries (line-keys.ts commitmentLineKey / changeOrderLineKey), or null. */
  lineKeys: ReadonlyMap<string, string | null>;
  /**
   * Optional: the PO's lines with their item (and job), to pair bill item lines with PO lines. A BillRet's
   * ItemLineRet does not say which PO line it was received against (qbxml130.xsd); only the header
   * LinkedTxn names the PO. Without this, lines of such a bill are on the commitment but unpaired.
   */
  poLines?: ReadonlyArray<{ txnLineId: string; itemListId: string | null; jobListId?: string | null }>;
}

export interface AttributionContext {
  /** TxnIDs of the bills we created in QuickBooks from Procore subcontractor invoices. */
  ownBillTxnIds: ReadonlySet<string>;
  commitmentForPurchaseOrder(poTxnId: string): CommitmentForPurchaseOrder | null;
  /** The Procore project linked to a QuickBooks job, or null. */
  projectForJob(jobListId: string): number | null;
  standardCostCodeForItem(itemListId: string): number | null;
  /** Settings mapping (may be empty). */
  standardCostCodeForAccount(accountListId: string): number | null;
  /** Settings mapping (may be empty). */
  standardCostCodeForClass(classListId: string): number | null;
  /** The project's cost code for a standard cost code (direct cost lines need it), or null. */
  projectCostCodeFor(procoreProjectId: number, standardCostCodeId: number): number | null;
}

export type UnattributedCode = 'NO_JOB' | 'JOB_NOT_LINKED' | 'NO_COST_CODE' | 'COST_CODE_NOT_ON_PROJECT';
export type CostDestination = 'own_export' | 'commitment_invoice' | 'direct_cost';
export type CostCodeSource = 'item' | 'class' | 'account';

/** The PO line a bill item line was received against. */
export interface PurchaseOrderLineRef {
  poTxnId: string;
  poTxnLineId: string;
  /** What the PO line carries from Procore (commitment-line:…, change-order:…), or null (a line added in QuickBooks). */
  procoreLineKey: string | null;
  /** 'line_link': the line named it; 'item': matched by item (and job) among the PO's lines. */
  pairedBy: 'line_link' | 'item';
}

export interface AttributedLine {
  line: QbCostLine;
  procoreProjectId: number | null;
  standardCostCodeId: number | null;
  projectCostCodeId: number | null;
  /** Why it could not be attributed, in words a person can act on, or null. */
  unattributed: null | { code: UnattributedCode; message: string };
  /** Where the standard cost code came from, or null when there is none. */
  costCodeSource?: CostCodeSource | null;
  /** Commitment invoices: the commitment this line bills (null for a line of the bill that is not on it). */
  commitmentId?: number | null;
  /** Commitment invoices: the PO line this line was received against, when known. */
  purchaseOrderLine?: PurchaseOrderLineRef | null;
}

export interface AttributedTransaction {
  txn: QbCostTransaction;
  destination: CostDestination;
  commitment: { commitmentId: number; procoreProjectId: number } | null;
  lines: AttributedLine[];
}

/**
 * Destination, in this order:
 * 1. own_export — a Bill whose TxnID is one of our invoice exports (already committed cost in Procore).
 * 2. commitment_invoice — a Bill linked to a PO that came from a Procore commitment: a line's own LinkedTxn,
 *    else the header LinkedTxn (TxnType PurchaseOrder). The first commitment found (lines in order, then the
 *    header links) is the invoice's commitment.
 * 3. direct_cost — every other Bill, every Check and Credit Card Charge.
 *
 * Lines: project from the job (CustomerRef → projectForJob); commitment-invoice lines on the commitment take
 * the commitment's project. Standard cost code: item, else class mapping, else account mapping. The project
 * cost code is required only for direct costs (their line items carry it).
 */
export function attributeCostTransaction(txn: QbCostTransaction, ctx: AttributionContext): AttributedTransaction {
  const commitments = new Map<string, CommitmentForPurchaseOrder | null>();
  const commitmentFor = (poTxnId: string): CommitmentForPurchaseOrder | null => {
    if (!commitments.has(poTxnId)) commitments.set(poTxnId, ctx.commitmentForPurchaseOrder(poTxnId));
    return commitments.get(poTxnId)!;
  };

  if (txn.txnType === 'Bill' && ctx.ownBillTxnIds.has(txn.txnId)) {
    return { txn, destination: 'own_export', commitment: null, lines: txn.lines.map((line, i) => attributeLine(txn, line, i, ctx, 'own_export')) };
  }

  if (txn.txnType === 'Bill') {
    const pairing = pairWithPurchaseOrders(txn, commitmentFor);
    if (pairing.commitment !== null) {
      const chosen = pairing.commitment;
      const lines = txn.lines.map((line, i): AttributedLine => {
        const paired = pairing.byLine.get(line);
        const onCommitment = paired === undefined ? !pairing.linkedElsewhere.has(line) : paired.commitment.commitmentId === chosen.commitmentId;
        if (!onCommitment) {
          return {
            ...attributeLine(txn, line, i, ctx, 'commitment_invoice'),
            commitmentId: paired?.commitment.commitmentId ?? null,
            purchaseOrderLine: paired?.ref ?? null,
          };
        }
        return attributeCommitmentLine(txn, line, i, ctx, chosen, paired?.ref ?? null);
      });
      return { txn, destination: 'commitment_invoice', commitment: { commitmentId: chosen.commitmentId, procoreProjectId: chosen.procoreProjectId }, lines };
    }
  }

  return { txn, destination: 'direct_cost', commitment: null, lines: txn.lines.map((line, i) => attributeLine(txn, line, i, ctx, 'direct_cost')) };
}

interface Pairing {
  commitment: CommitmentForPurchaseOrder | null;
  byLine: Map<QbCostLine, { commitment: CommitmentForPurchaseOrder; ref: PurchaseOrderLineRef | null }>;
  /** Lines whose own LinkedTxn names a PO that did not come from a commitment. */
  linkedElsewhere: Set<QbCostLine>;
}

function pairWithPurchaseOrders(txn: QbCostTransaction, commitmentFor: (poTxnId: string) => CommitmentForPurchaseOrder | null): Pairing {
  const byLine: Pairing['byLine'] = new Map();
  const linkedElsewhere = new Set<QbCostLine>();
  const headerPos = txn.linkedPurchaseOrderTxnIds.flatMap((po) => {
    const c = commitmentFor(po);
    return c === null ? [] : [{ po, commitment: c }];
  });
  const used = new Set<string>();
  let first: CommitmentForPurchaseOrder | null = null;

  for (const line of txn.lines) {
    if (line.linkedTxnId !== null) {
      const c = commitmentFor(line.linkedTxnId);
      if (c === null) {
        linkedElsewhere.add(line);
        continue;
      }
      const ref: PurchaseOrderLineRef | null =
        line.linkedTxnLineId === null
          ? null
          : {
              poTxnId: line.linkedTxnId,
              poTxnLineId: line.linkedTxnLineId,
              procoreLineKey: c.lineKeys.get(line.linkedTxnLineId) ?? null,
              pairedBy: 'line_link',
            };
      if (ref) used.add(`${ref.poTxnId}\u0000${ref.poTxnLineId}`);
      byLine.set(line, { commitment: c, ref });
      first ??= c;
    }
  }
  for (const line of txn.lines) {
    if (line.linkedTxnId !== null || line.lineKind !== 'item' || line.itemListId === null) continue;
    const match = matchByItem(line, headerPos, used);
    if (match === null) continue;
    used.add(`${match.ref.poTxnId}\u0000${match.ref.poTxnLineId}`);
    byLine.set(line, match);
    first ??= match.commitment;
  }
  return { commitment: first ?? headerPos[0]?.commitment ?? null, byLine, linkedElsewhere };
}

/** The first PO line (header PO order, then line order) with the same item and a compatible job; unused ones first. */
function matchByItem(
  line: QbCostLine,
  headerPos: ReadonlyArray<{ po: string; commitment: CommitmentForPurchaseOrder }>,
  used: ReadonlySet<string>,
): { commitment: CommitmentForPurchaseOrder; ref: PurchaseOrderLineRef } | null {
  let fallback: { commitment: CommitmentForPurchaseOrder; ref: PurchaseOrderLineRef } | null = null;
  for (const { po, commitment } of headerPos) {
    for (const poLine of commitment.poLines ?? []) {
      if (poLine.itemListId !== line.itemListId) continue;
      const poJob = poLine.jobListId ?? null;
      if (poJob !== null && line.jobListId !== null && poJob !== line.jobListId) continue;
      const candidate = {
        commitment,
        ref: { poTxnId: po, poTxnLineId: poLine.txnLineId, procoreLineKey: commitment.lineKeys.get(poLine.txnLineId) ?? null, pairedBy: 'item' as const },
      };
      if (!used.has(`${po}\u0000${poLine.txnLineId}`)) return candidate;
      fallback ??= candidate;
    }
  }
  return fallback;
}

function costCodeOf(line: QbCostLine, ctx: AttributionContext): { id: number; source: CostCodeSource } | null {
  if (line.itemListId !== null) {
    const id = ctx.standardCostCodeForItem(line.itemListId);
    if (id !== null) return { id, source: 'item' };
  }
  if (line.classListId !== null) {
    const id = ctx.standardCostCodeForClass(line.classListId);
    if (id !== null) return { id, source: 'class' };
  }
  if (line.accountListId !== null) {
    const id = ctx.standardCostCodeForAccount(line.accountListId);
    if (id !== null) return { id, source: 'account' };
  }
  return null;
}

function attributeLine(txn: QbCostTransaction, line: QbCostLine, index: number, ctx: AttributionContext, destination: CostDestination): AttributedLine {
  const costCode = costCodeOf(line, ctx);
  const procoreProjectId = line.jobListId === null ? null : ctx.projectForJob(line.jobListId);
  const projectCostCodeId = procoreProjectId !== null && costCode !== null ? ctx.projectCostCodeFor(procoreProjectId, costCode.id) : null;
  const base = { line, procoreProjectId, standardCostCodeId: costCode?.id ?? null, projectCostCodeId, costCodeSource: costCode?.source ?? null };
  const label = describeLine(txn, line, index);
  if (line.jobListId === null) {
    return {
      ...base,
      unattributed: {
        code: 'NO_JOB',
        message: `${label} has no customer:job in QuickBooks, so it belongs to no Procore project; choose the job on the line in QuickBooks.`,
      },
    };
  }
  if (procoreProjectId === null) {
    // FullName levels are separated by ':' (names cannot hold one): Customer:Job:Phase is a sub-job, which no Procore
    // project stands for (docs/integration-map.md#known-limits, "No sub-jobs").
    const levels = line.jobFullName?.split(':') ?? [];
    if (levels.length > 2) {
      const job = levels.slice(0, 2).join(':');
      return {
        ...base,
        unattributed: {
          code: 'JOB_NOT_LINKED',
          message: `${label} is for the QuickBooks sub-job "${line.jobFullName}" (a job under the job "${job}"); the connector links only jobs directly under a customer to Procore projects, so it goes to no Procore project. Put the cost on the job "${job}" in QuickBooks.`,
        },
      };
    }
    const job = line.jobFullName === null ? `job ${line.jobListId}` : `job "${line.jobFullName}"`;
    return {
      ...base,
      unattributed: {
        code: 'JOB_NOT_LINKED',
        message: `${label} is for the QuickBooks ${job}, which is not linked to a Procore project; link it under Refresh Jobs.`,
      },
    };
  }
  if (costCode === null) return { ...base, unattributed: { code: 'NO_COST_CODE', message: noCostCodeMessage(label, line) } };
  if (destination === 'direct_cost' && projectCostCodeId === null) {
    return {
      ...base,
      unattributed: {
        code: 'COST_CODE_NOT_ON_PROJECT',
        message: `${label} goes to Procore standard cost code ${costCode.id} (from its ${costCode.source}), which is not on Procore project ${procoreProjectId}; add the cost code to the project in Procore.`,
      },
    };
  }
  return { ...base, unattributed: null };
}

function attributeCommitmentLine(
  txn: QbCostTransaction,
  line: QbCostLine,
  index: number,
  ctx: AttributionContext,
  commitment: CommitmentForPurchaseOrder,
  purchaseOrderLine: PurchaseOrderLineRef | null,
): AttributedLine {
  const costCode = costCodeOf(line, ctx);
  const procoreProjectId = commitment.procoreProjectId;
  const projectCostCodeId = costCode === null ? null : ctx.projectCostCodeFor(procoreProjectId, costCode.id);
  // A line paired with a PO line carrying a Procore key needs no cost code: the key names the commitment line.
  const unattributed =
    costCode === null && (purchaseOrderLine?.procoreLineKey ?? null) === null
      ? { code: 'NO_COST_CODE' as const, message: noCostCodeMessage(describeLine(txn, line, index), line) }
      : null;
  return {
    line,
    procoreProjectId,
    standardCostCodeId: costCode?.id ?? null,
    projectCostCodeId,
    unattributed,
    costCodeSource: costCode?.source ?? null,
    commitmentId: commitment.commitmentId,
    purchaseOrderLine,
  };
}

function noCostCodeMessage(label: string, line: QbCostLine): string {
  const tried: string[] = [];
  if (line.itemListId !== null) tried.push(`its item "${line.itemFullName ?? line.itemListId}" is not linked to a Procore cost code`);
  if (line.classListId !== null) tried.push(`its class "${line.classFullName ?? line.classListId}" is not mapped to one`);
  if (line.accountListId !== null) tried.push(`its account "${line.accountFullName ?? line.accountListId}" is not mapped to one`);
  if (tried.length === 0) return `${label} has no item, class or account, so it has no Procore cost code; choose an item on the line in QuickBooks.`;
  return `${label} has no Procore cost code: ${tried.join(', and ')}; link the item under Refresh Items, or map the class or account to a cost code in the settings.`;
}

const TXN_LABEL = { Bill: 'Bill', Check: 'Check', CreditCardCharge: 'Credit Card Charge' } as const;

/** "Line 2 ($1,250.50) of QuickBooks Bill PAYAPP-0003 from Smith Concrete". */
export function describeLine(txn: QbCostTransaction, line: QbCostLine, index: number): string {
  return `Line ${index + 1} (${formatDollars(line.amountCents)}) of ${describeCostTransaction(txn)}`;
}

/** "QuickBooks Bill PAYAPP-0003 from Smith Concrete", "QuickBooks Check 1042 to Home Depot", without number: TxnID. */
export function describeCostTransaction(txn: QbCostTransaction): string {
  const number = txn.refNumber ?? `(TxnID ${txn.txnId})`;
  const payee = txn.payeeName === null ? '' : txn.txnType === 'Bill' ? ` from ${txn.payeeName}` : ` to ${txn.payeeName}`;
  return `QuickBooks ${TXN_LABEL[txn.txnType]} ${number}${payee}`;
}
