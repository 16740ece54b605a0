import type { AppliedReceipt, CompanyFile, Customer, Deposit, Invoice, InvoiceLine, Item, ReceivePayment } from '../model/company-file.ts';
import { formatQbId } from '../model/create-company-file.ts';
import { itemDefaults, withDefaults } from '../model/new-record-defaults.ts';
import type { Rng } from './mulberry32.ts';
import { createRng } from './mulberry32.ts';

export interface OwnerInvoiceOptions {
  /** Invoices to the owners, spread over the jobs and the period. */
  invoices: number;
  /** Share of the invoices the owner has paid (0..1): a third of those in part. */
  paidInvoiceRatio: number;
  startDate: string;
  days: number;
  /** The company's UTC offset in ms (local midnight = UTC midnight − offset). */
  offsetMs: number;
  seed: number;
}

const RETAINAGE_ITEM = 'Retainage Receivable';

function accountId(company: CompanyFile, name: string): string {
  const a = company.accounts.find((x) => x.name === name);
  if (!a) throw new Error(`default account ${name} missing`);
  return a.listId;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The Other Charge item owner invoices withhold retainage on (a negative line) and bill its release on (a positive
 * line), posting to the Retainage Receivable asset account; added when the file has none of that name. Returns it.
 */
export function ensureRetainageReceivableItem(company: CompanyFile, createdAt: number): Item {
  const existing = company.items.find((i) => i.name.toLowerCase() === RETAINAGE_ITEM.toLowerCase() && !i.parentId);
  if (existing) return existing;
  const item: Item = {
    listId: formatQbId(company.nextListSeq++, createdAt),
    timeCreated: createdAt,
    timeModified: createdAt,
    editSequence: String(Math.floor(createdAt / 1000)),
    name: RETAINAGE_ITEM,
    isActive: true,
    itemType: 'OtherCharge',
  };
  const extra = withDefaults(
    [
      {
        name: 'SalesOrPurchase',
        children: [
          { name: 'Desc', text: 'Retainage withheld by the owner' },
          { name: 'Price', text: '0.00' },
          { name: 'AccountRef', children: [{ name: 'ListID', text: accountId(company, 'Retainage Receivable') }] },
        ],
      },
    ],
    itemDefaults(company, 'OtherCharge'),
  );
  if (extra) item.extra = extra;
  company.items.push(item);
  return item;
}

/**
 * Owner invoices and the payments received on them (issue 21), added after everything else with a PRNG of their own,
 * so the rest of a seed's file is unchanged: progress invoices per job on cost-code items, one in three withholding 10 %
 * retainage on a negative Retainage Receivable line; `paidInvoiceRatio` of them paid — a third in part (30–80 %), and
 * one payment in five also paying the job's earlier open invoice (one check over two invoices). Payments go to
 * Undeposited Funds by check, and are deposited to Checking a few days later (depositPayments). Needs jobs and service
 * items; adds nothing without them.
 */
export function addOwnerInvoices(company: CompanyFile, options: OwnerInvoiceOptions): void {
  const rng: Rng = createRng((options.seed ^ 0x5eed0021) >>> 0);
  const jobs = company.customers.filter((c): c is Customer & { parentId: string } => c.parentId !== undefined && c.isActive);
  const items = company.items.filter((i) => i.itemType === 'Service' && i.parentId !== undefined && i.isActive);
  if (options.invoices <= 0 || jobs.length === 0 || items.length === 0) return;
  const midnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - options.offsetMs;
  const startMs = midnight(options.startDate);
  const retainage = ensureRetainageReceivableItem(company, startMs - 100 * 86_400_000);
  const ar = accountId(company, 'Accounts Receivable');
  const undeposited = accountId(company, 'Undeposited Funds');
  const stamp = (date: string) => {
    const ms = midnight(date) + rng.int(7 * 3600, 18 * 3600) * 1000;
    return { timeCreated: ms, timeModified: ms, editSequence: String(Math.floor(ms / 1000)) };
  };
  const open = new Map<string, number>();
  const lastOpenOfJob = new Map<string, Invoice>();
  let checkNumber = 7000;
  for (let i = 0; i < options.invoices; i++) {
    const job = jobs[i % jobs.length] as Customer;
    const date = addDays(options.startDate, Math.floor((i * options.days) / options.invoices));
    const s = stamp(date);
    const lines: InvoiceLine[] = [];
    for (let l = 0, n = rng.int(2, 4); l < n; l++) {
      const amount = rng.int(5_000, 250_000) * 100;
      lines.push({ txnLineId: formatQbId(company.nextTxnSeq++, s.timeCreated), itemId: rng.pick(items).listId, quantity: 1, rate: amount / 100, amount });
    }
    if (rng.chance(1 / 3)) {
      const gross = lines.reduce((t, l) => t + l.amount, 0);
      lines.push({
        txnLineId: formatQbId(company.nextTxnSeq++, s.timeCreated),
        itemId: retainage.listId,
        desc: 'Retainage withheld 10%',
        amount: -Math.round(gross / 10),
      });
    }
    const inv: Invoice = {
      txnId: formatQbId(company.nextTxnSeq++, s.timeCreated),
      txnNumber: company.nextTxnNumber++,
      ...s,
      txnDate: date,
      refNumber: String(1001 + i),
      customerId: job.listId,
      arAccountId: ar,
      dueDate: addDays(date, 30),
      lines,
    };
    company.invoices.push(inv);
    const total = lines.reduce((t, l) => t + l.amount, 0);
    open.set(inv.txnId, total);
    if (!rng.chance(options.paidInvoiceRatio)) {
      lastOpenOfJob.set(job.listId, inv);
      continue;
    }
    const amount = rng.chance(1 / 3) ? Math.max(1, Math.round((total * rng.int(30, 80)) / 100)) : total;
    const applied: AppliedReceipt[] = [{ txnId: inv.txnId, amount }];
    const earlier = lastOpenOfJob.get(job.listId);
    if (earlier && (open.get(earlier.txnId) ?? 0) > 0 && rng.chance(0.2)) {
      applied.push({ txnId: earlier.txnId, amount: open.get(earlier.txnId) as number });
      lastOpenOfJob.delete(job.listId);
    }
    for (const a of applied) open.set(a.txnId, (open.get(a.txnId) ?? 0) - a.amount);
    if (amount < total) lastOpenOfJob.set(job.listId, inv);
    const paidOn = addDays(date, rng.int(15, 45));
    const ps = stamp(paidOn);
    const payment: ReceivePayment = {
      txnId: formatQbId(company.nextTxnSeq++, ps.timeCreated),
      txnNumber: company.nextTxnNumber++,
      ...ps,
      txnDate: paidOn,
      refNumber: String(checkNumber++),
      customerId: job.parentId ?? job.listId,
      arAccountId: ar,
      totalAmount: applied.reduce((t, a) => t + a.amount, 0),
      paymentMethod: 'Check',
      depositToAccountId: undeposited,
      applied,
    };
    company.receivePayments.push(payment);
    // The payment modifies each invoice it pays, as in the simulator (company-store.ts touchInvoicesPaid).
    for (const a of applied) {
      const paid = a.txnId === inv.txnId ? inv : earlier;
      if (paid && paid.timeModified < ps.timeModified) Object.assign(paid, { timeModified: ps.timeModified, editSequence: ps.editSequence });
    }
  }
  depositPayments(company, options, stamp);
}

/**
 * Make Deposits: each payment goes to Checking one to three days after it came in, the payments of one day on one
 * deposit; those that would be deposited after the period stay in Undeposited Funds.
 */
function depositPayments(
  company: CompanyFile,
  options: OwnerInvoiceOptions,
  stamp: (date: string) => { timeCreated: number; timeModified: number; editSequence: string },
): void {
  const rng: Rng = createRng((options.seed ^ 0xde905170) >>> 0);
  const end = addDays(options.startDate, options.days);
  const checking = accountId(company, 'Checking');
  const byDay = new Map<string, ReceivePayment[]>();
  for (const p of company.receivePayments) {
    const day = addDays(p.txnDate, rng.int(1, 3));
    if (day > end) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), p]);
  }
  for (const day of [...byDay.keys()].sort()) {
    const s = stamp(day);
    const deposit: Deposit = {
      txnId: formatQbId(company.nextTxnSeq++, s.timeCreated),
      txnNumber: company.nextTxnNumber++,
      ...s,
      txnDate: day,
      depositToAccountId: checking,
      lines: (byDay.get(day) ?? []).map((p) => ({
        txnLineId: formatQbId(company.nextTxnSeq++, s.timeCreated),
        paymentTxnId: p.txnId,
        entityId: p.customerId,
        accountId: p.depositToAccountId,
        ...(p.refNumber === undefined ? {} : { checkNumber: p.refNumber }),
        ...(p.paymentMethod === undefined ? {} : { paymentMethod: p.paymentMethod }),
        amount: p.totalAmount,
      })),
    };
    company.deposits.push(deposit);
  }
}
