import type {
  Bill,
  Check,
  CompanyFile,
  Country,
  CreditCardCharge,
  Customer,
  Estimate,
  ExpenseLine,
  Item,
  ItemLine,
  PurchaseOrder,
  QbClass,
  StoredNode,
  Vendor,
} from '../model/company-file.ts';
import { createCompanyFile, formatQbId } from '../model/create-company-file.ts';
import { offsetMinutes } from '../model/format-values.ts';
import { CLASS_NAMES, COST_CODES, OWNER_NAMES, PROJECT_KINDS, PROJECT_PLACES, VENDOR_PREFIXES, VENDOR_SUFFIXES, VENDOR_TRADES } from './construction-names.ts';
import { addListProfiles } from './add-list-profiles.ts';
import { addOtherItems } from './add-other-items.ts';
import type { Rng } from './mulberry32.ts';
import { addMess } from './add-mess.ts';
import { addMultiCurrency, type MultiCurrencyOptions } from './add-multi-currency.ts';
import { addOwnerInvoices } from './add-owner-invoices.ts';
import { createRng } from './mulberry32.ts';

export interface GenerateOptions {
  seed: number;
  companyName?: string;
  country?: Country;
  /** QuickBooks machine offset, e.g. "-05:00". */
  utcOffset?: string;
  vendors?: number;
  customers?: number;
  /** Jobs under each customer (ignored when `jobs` is given). */
  jobsPerCustomer?: number;
  /** Total jobs, spread over the customers. */
  jobs?: number;
  /** Items in total, division parents included. */
  items?: number;
  classes?: number;
  bills?: number;
  /** Share of bills with at least one BillPaymentCheck applied (0..1). About a third of those are paid in part:
   * one partial payment, or a partial payment and a second one for the rest. */
  paidBillRatio?: number;
  /** Share of cost lines that carry a ClassRef (0..1, default 0.4; the others have none). */
  classedLineRatio?: number;
  purchaseOrders?: number;
  checks?: number;
  creditCardCharges?: number;
  estimates?: number;
  /** Average lines per transaction (each gets avg-1..avg+1, at least 1). */
  linesPerTxn?: number;
  /** First transaction date, YYYY-MM-DD. */
  startDate?: string;
  /** Days the transactions spread over. */
  days?: number;
  /**
   * Add the items a contractor's file holds besides cost codes: non-inventory, inventory, a group, discount,
   * subtotal, sales tax (with its tax agency vendor) and payment items (default true; not counted in `items`).
   */
  otherItemTypes?: boolean;
  /**
   * Realistic mess at this rate (0..1, default 0 = none, so existing seeds are unchanged): names with '&', quotes,
   * non-ASCII and trailing spaces, inactive records, sub-jobs, long memos, deleted and re-created names (add-mess.ts).
   */
  messyRate?: number;
  /**
   * A multi-currency file (add-multi-currency.ts): multi-currency on, the US dollar home, the currency list, and a share
   * of the vendors (`foreignVendorRatio`, default 0.2) in Canadian dollars or euros with their bills, POs and bill
   * payments in that currency at the day's rate. Default off, so existing seeds are unchanged.
   */
  multiCurrency?: boolean | MultiCurrencyOptions;
  /**
   * Owner invoices (issue 21, add-owner-invoices.ts): progress invoices on the jobs, some withholding retainage on the
   * "Retainage Receivable" Other Charge item (added with them), and payments received on them. Default 0, so existing
   * seeds are unchanged (no invoice, no payment, no Retainage Receivable item).
   */
  invoices?: number;
  /** Share of the invoices paid (0..1, default 0.6); a third of those in part. */
  paidInvoiceRatio?: number;
}

const MAX_NAME = 41;
const MAX_ITEM_NAME = 31;

interface Ctx {
  rng: Rng;
  company: CompanyFile;
  startMs: number;
  offsetMs: number;
}

function localMidnightMs(ctx: Ctx, date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - ctx.offsetMs;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function stamp(ms: number): { timeCreated: number; timeModified: number; editSequence: string } {
  return { timeCreated: ms, timeModified: ms, editSequence: String(Math.floor(ms / 1000)) };
}

function uniqueName(base: string, used: Set<string>, max: number): string {
  let name = base.slice(0, max);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const tail = ` ${n}`;
    name = base.slice(0, max - tail.length) + tail;
  }
  used.add(name.toLowerCase());
  return name;
}

function listStamp(ctx: Ctx): { timeCreated: number; timeModified: number; editSequence: string } {
  // List entries exist before the first transaction: created within the 90 days before it.
  return stamp(ctx.startMs - ctx.rng.int(1, 90 * 86_400) * 1000);
}

function genVendors(ctx: Ctx, count: number, used: Set<string>): Vendor[] {
  const out: Vendor[] = [];
  for (let i = 0; i < count; i++) {
    const name = uniqueName(`${ctx.rng.pick(VENDOR_PREFIXES)} ${ctx.rng.pick(VENDOR_TRADES)} ${ctx.rng.pick(VENDOR_SUFFIXES)}`, used, MAX_NAME);
    const s = listStamp(ctx);
    out.push({ listId: formatQbId(ctx.company.nextListSeq++, s.timeCreated), ...s, name, isActive: ctx.rng.next() > 0.03, companyName: name });
  }
  return out;
}

function genCustomers(ctx: Ctx, customers: number, jobs: number, used: Set<string>): { customers: Customer[]; jobs: Customer[] } {
  const owners: Customer[] = [];
  for (let i = 0; i < customers; i++) {
    const name = uniqueName(OWNER_NAMES[i % OWNER_NAMES.length] as string, used, MAX_NAME);
    const s = listStamp(ctx);
    owners.push({ listId: formatQbId(ctx.company.nextListSeq++, s.timeCreated), ...s, name, isActive: true, companyName: name });
  }
  const jobList: Customer[] = [];
  const jobNames = new Map<string, Set<string>>();
  for (let j = 0; j < jobs && owners.length > 0; j++) {
    const owner = owners[j % owners.length] as Customer;
    const names = jobNames.get(owner.listId) ?? new Set<string>();
    jobNames.set(owner.listId, names);
    const name = uniqueName(`${ctx.rng.pick(PROJECT_PLACES)} ${ctx.rng.pick(PROJECT_KINDS)}`, names, MAX_NAME);
    const s = listStamp(ctx);
    jobList.push({
      listId: formatQbId(ctx.company.nextListSeq++, s.timeCreated),
      ...s,
      name,
      isActive: true,
      parentId: owner.listId,
      jobStatus: ctx.rng.pick(['InProgress', 'InProgress', 'InProgress', 'Awarded', 'Closed']),
    });
  }
  return { customers: owners, jobs: jobList };
}

function accountId(company: CompanyFile, name: string): string {
  const a = company.accounts.find((x) => x.name === name);
  if (!a) throw new Error(`default account ${name} missing`);
  return a.listId;
}

function salesOrPurchase(desc: string, accountListId: string): StoredNode {
  return {
    name: 'SalesOrPurchase',
    children: [
      { name: 'Desc', text: desc },
      { name: 'Price', text: '0.00' },
      { name: 'AccountRef', children: [{ name: 'ListID', text: accountListId }] },
    ],
  };
}

function genItems(ctx: Ctx, count: number): { all: Item[]; costCodes: Item[]; retainage: Item } {
  const all: Item[] = [];
  const costCodes: Item[] = [];
  const subcontractors = accountId(ctx.company, 'Subcontractors');
  const materials = accountId(ctx.company, 'Job Materials');
  const add = (name: string, itemType: Item['itemType'], parent: Item | undefined, accountListId: string): Item => {
    const s = listStamp(ctx);
    const item: Item = {
      listId: formatQbId(ctx.company.nextListSeq++, s.timeCreated),
      ...s,
      name: name.slice(0, MAX_ITEM_NAME),
      isActive: true,
      itemType,
      extra: [salesOrPurchase(name, accountListId)],
    };
    if (parent) item.parentId = parent.listId;
    all.push(item);
    return item;
  };
  const retainage = add('Retainage', 'OtherCharge', undefined, accountId(ctx.company, 'Retainage Payable'));
  add('Materials Markup', 'OtherCharge', undefined, materials);
  let round = 0;
  while (all.length < count) {
    for (const div of COST_CODES) {
      if (all.length >= count) break;
      const parentName = round === 0 ? div.division : `${div.division.slice(0, 2)}-9${String(round).padStart(2, '0')} Allowances`;
      const parent = add(parentName, 'Service', undefined, subcontractors);
      for (const section of div.sections) {
        if (all.length >= count) break;
        const name = round === 0 ? section : `${section.slice(0, 6)}${round} ${section.slice(7)}`.slice(0, MAX_ITEM_NAME);
        costCodes.push(add(name, 'Service', parent, ctx.rng.chance(0.7) ? subcontractors : materials));
      }
    }
    round++;
  }
  if (costCodes.length === 0) costCodes.push(...all.filter((i) => i !== retainage));
  return { all: all.slice(0, Math.max(count, 1)), costCodes, retainage };
}

function genClasses(ctx: Ctx, count: number): QbClass[] {
  const out: QbClass[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const name = uniqueName(CLASS_NAMES[i % CLASS_NAMES.length] as string, used, 31);
    const s = listStamp(ctx);
    out.push({ listId: formatQbId(ctx.company.nextListSeq++, s.timeCreated), ...s, name, isActive: true });
  }
  return out;
}

interface Pools {
  vendors: Vendor[];
  jobs: Customer[];
  costCodes: Item[];
  retainage: Item;
  classes: QbClass[];
  classedLineRatio: number;
}

function money(rng: Rng, min: number, max: number): number {
  return rng.int(min, max) * 100 + rng.int(0, 99);
}

function lineCount(rng: Rng, avg: number): number {
  return Math.max(1, avg + rng.int(-1, 1));
}

function genCostLines(ctx: Ctx, pools: Pools, created: number, avg: number, withRetainage: boolean): { itemLines: ItemLine[]; expenseLines: ExpenseLine[] } {
  const { rng } = ctx;
  const itemLines: ItemLine[] = [];
  const expenseLines: ExpenseLine[] = [];
  const n = lineCount(rng, avg);
  const job = pools.jobs.length > 0 ? rng.pick(pools.jobs) : undefined;
  for (let l = 0; l < n; l++) {
    // Class tracking is used on some lines only (docs/integration-map.md#job-costs: the account/class mapping is a fallback).
    const cls = pools.classes.length > 0 && rng.chance(pools.classedLineRatio) ? rng.pick(pools.classes) : undefined;
    if (rng.chance(0.8)) {
      const amount = money(rng, 150, 48_000);
      const line: ItemLine = {
        txnLineId: formatQbId(ctx.company.nextTxnSeq++, created),
        itemId: rng.pick(pools.costCodes).listId,
        quantity: 1,
        cost: amount / 100,
        amount,
      };
      if (job) line.customerId = job.listId;
      if (cls) line.classId = cls.listId;
      itemLines.push(line);
    } else {
      const line: ExpenseLine = {
        txnLineId: formatQbId(ctx.company.nextTxnSeq++, created),
        accountId: accountId(ctx.company, rng.pick(['Job Materials', 'Equipment Rental', 'Permits and Licenses'])),
        amount: money(rng, 40, 6_000),
      };
      if (job) line.customerId = job.listId;
      if (cls) line.classId = cls.listId;
      expenseLines.push(line);
    }
  }
  if (withRetainage && itemLines.length > 0) {
    const gross = itemLines.reduce((s, l) => s + l.amount, 0);
    const line: ItemLine = {
      txnLineId: formatQbId(ctx.company.nextTxnSeq++, created),
      itemId: pools.retainage.listId,
      desc: 'Retainage withheld 10%',
      amount: -Math.round(gross / 10),
    };
    if (job) line.customerId = job.listId;
    itemLines.push(line);
  }
  return { itemLines, expenseLines };
}

function txnStamp(ctx: Ctx, date: string): ReturnType<typeof stamp> {
  // Entered during the working day of the transaction date (local time).
  return stamp(localMidnightMs(ctx, date) + ctx.rng.int(7 * 3600, 18 * 3600) * 1000);
}

function spreadDate(start: string, days: number, i: number, n: number): string {
  return addDays(start, Math.floor((i * days) / Math.max(1, n)));
}

/**
 * A realistic, deterministic construction company file: same options + seed -> identical JSON
 * (own PRNG, no Math.random, no wall clock). Sized for 5,000 vendors / 500 jobs / 200 items /
 * 100,000 bills in a few seconds.
 */
export function generateCompanyFile(options: GenerateOptions): CompanyFile {
  const rng = createRng(options.seed);
  const startDate = options.startDate ?? '2024-01-01';
  const days = options.days ?? 365;
  const utcOffset = options.utcOffset ?? '-05:00';
  const offsetMs = offsetMinutes(utcOffset) * 60_000;
  const startMs = Date.parse(`${startDate}T00:00:00Z`) - offsetMs;
  const company = createCompanyFile({
    companyName: options.companyName ?? 'Summit Ridge Builders',
    country: options.country ?? 'US',
    utcOffset,
    createdAt: startMs - 120 * 86_400_000,
  });
  const ctx: Ctx = { rng, company, startMs, offsetMs };
  const entityNames = new Set<string>();
  const customersCount = options.customers ?? 10;
  const jobsCount = options.jobs ?? customersCount * (options.jobsPerCustomer ?? 3);
  company.vendors = genVendors(ctx, options.vendors ?? 50, entityNames);
  const { customers, jobs } = genCustomers(ctx, customersCount, jobsCount, entityNames);
  company.customers = [...customers, ...jobs];
  const items = genItems(ctx, options.items ?? 40);
  company.items = items.all;
  company.classes = genClasses(ctx, options.classes ?? 5);
  const activeVendors = company.vendors.filter((v) => v.isActive);
  const pools: Pools = {
    vendors: activeVendors.length > 0 ? activeVendors : company.vendors,
    jobs,
    costCodes: items.costCodes,
    retainage: items.retainage,
    classes: company.classes,
    classedLineRatio: options.classedLineRatio ?? 0.4,
  };
  const avg = options.linesPerTxn ?? 3;
  const ap = accountId(company, 'Accounts Payable');
  const checking = accountId(company, 'Checking');
  const visa = accountId(company, 'Company Visa');

  const poCount = options.purchaseOrders ?? Math.min(200, Math.floor((options.bills ?? 200) / 20));
  for (let i = 0; i < poCount && pools.vendors.length > 0; i++) {
    const date = spreadDate(startDate, days, i, poCount);
    const s = txnStamp(ctx, date);
    const vendor = rng.pick(pools.vendors);
    const { itemLines } = genCostLines(ctx, pools, s.timeCreated, avg, false);
    const po: PurchaseOrder = {
      txnId: formatQbId(company.nextTxnSeq++, s.timeCreated),
      txnNumber: company.nextTxnNumber++,
      ...s,
      txnDate: date,
      refNumber: String(1000 + i),
      vendorId: vendor.listId,
      isManuallyClosed: false,
      lines: itemLines.map((l) => {
        const line = { txnLineId: l.txnLineId, amount: Math.abs(l.amount), quantity: 1, rate: Math.abs(l.amount) / 100 } as PurchaseOrder['lines'][number];
        if (l.itemId) line.itemId = l.itemId;
        if (l.customerId) line.customerId = l.customerId;
        if (l.classId) line.classId = l.classId;
        return line;
      }),
    };
    company.purchaseOrders.push(po);
  }

  const billCount = options.bills ?? 200;
  const paidRatio = options.paidBillRatio ?? 0.3;
  let nextCheckNumber = 20000;
  for (let i = 0; i < billCount && pools.vendors.length > 0; i++) {
    const date = spreadDate(startDate, days, i, billCount);
    const s = txnStamp(ctx, date);
    const vendor = rng.pick(pools.vendors);
    const lines = genCostLines(ctx, pools, s.timeCreated, avg, rng.chance(0.1));
    const bill: Bill = {
      txnId: formatQbId(company.nextTxnSeq++, s.timeCreated),
      txnNumber: company.nextTxnNumber++,
      ...s,
      txnDate: date,
      dueDate: addDays(date, 30),
      refNumber: `INV-${100000 + i}`,
      vendorId: vendor.listId,
      apAccountId: ap,
      ...lines,
    };
    company.bills.push(bill);
    if (rng.chance(paidRatio)) {
      const due = lines.itemLines.reduce((t, l) => t + l.amount, 0) + lines.expenseLines.reduce((t, l) => t + l.amount, 0);
      const payDate = addDays(date, rng.int(10, 45));
      const pay = (amount: number, on: string): void => {
        const ps = txnStamp(ctx, on);
        company.billPaymentChecks.push({
          txnId: formatQbId(company.nextTxnSeq++, ps.timeCreated),
          txnNumber: company.nextTxnNumber++,
          ...ps,
          txnDate: on,
          refNumber: String(nextCheckNumber++),
          payeeId: vendor.listId,
          apAccountId: ap,
          bankAccountId: checking,
          applied: [{ txnId: bill.txnId, amount }],
        });
      };
      if (due > 1 && rng.chance(1 / 3)) {
        // Paid in part: 20-80 % now, and in half of the cases the rest a few weeks later.
        const part = Math.max(1, Math.min(due - 1, Math.round((due * rng.int(20, 80)) / 100)));
        pay(part, payDate);
        if (rng.chance(0.5)) pay(due - part, addDays(payDate, rng.int(14, 40)));
      } else {
        pay(due, payDate);
      }
    }
  }

  const checkCount = options.checks ?? 50;
  for (let i = 0; i < checkCount && pools.vendors.length > 0; i++) {
    const date = spreadDate(startDate, days, i, checkCount);
    const s = txnStamp(ctx, date);
    const chk: Check = {
      txnId: formatQbId(company.nextTxnSeq++, s.timeCreated),
      txnNumber: company.nextTxnNumber++,
      ...s,
      txnDate: date,
      refNumber: String(5000 + i),
      accountId: checking,
      payeeId: rng.pick(pools.vendors).listId,
      ...genCostLines(ctx, pools, s.timeCreated, avg, false),
    };
    company.checks.push(chk);
  }

  const cccCount = options.creditCardCharges ?? 50;
  for (let i = 0; i < cccCount && pools.vendors.length > 0; i++) {
    const date = spreadDate(startDate, days, i, cccCount);
    const s = txnStamp(ctx, date);
    const charge: CreditCardCharge = {
      txnId: formatQbId(company.nextTxnSeq++, s.timeCreated),
      txnNumber: company.nextTxnNumber++,
      ...s,
      txnDate: date,
      accountId: visa,
      payeeId: rng.pick(pools.vendors).listId,
      ...genCostLines(ctx, pools, s.timeCreated, avg, false),
    };
    company.creditCardCharges.push(charge);
  }

  const estimateCount = Math.min(options.estimates ?? Math.min(jobs.length, 50), jobs.length);
  for (let i = 0; i < estimateCount; i++) {
    const job = jobs[i] as Customer;
    const date = spreadDate(startDate, Math.min(days, 30), i, estimateCount);
    const s = txnStamp(ctx, date);
    const lines = Array.from({ length: lineCount(rng, Math.max(avg, 4)) }, () => {
      const amount = money(rng, 5_000, 400_000);
      return { txnLineId: formatQbId(company.nextTxnSeq++, s.timeCreated), itemId: rng.pick(pools.costCodes).listId, quantity: 1, rate: amount / 100, amount };
    });
    const est: Estimate = {
      txnId: formatQbId(company.nextTxnSeq++, s.timeCreated),
      txnNumber: company.nextTxnNumber++,
      ...s,
      txnDate: date,
      refNumber: String(100 + i),
      customerId: job.listId,
      isActive: true,
      lines,
    };
    company.estimates.push(est);
  }
  // Everything below uses no random numbers: what a seed produced above stays exactly as it was.
  if (options.otherItemTypes ?? true) addOtherItems(company, startMs - 100 * 86_400_000);
  addListProfiles(company);
  if ((options.messyRate ?? 0) > 0) addMess(company, { rate: options.messyRate!, seed: options.seed });
  if ((options.invoices ?? 0) > 0)
    addOwnerInvoices(company, {
      invoices: options.invoices ?? 0,
      paidInvoiceRatio: options.paidInvoiceRatio ?? 0.6,
      startDate,
      days,
      offsetMs,
      seed: options.seed,
    });
  if (options.multiCurrency) addMultiCurrency(company, options.multiCurrency === true ? {} : options.multiCurrency, startMs - 110 * 86_400_000);
  return company;
}
