import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import { readCompanyFile, writeCompanyFile } from './io/company-file-io.ts';
import { loadCompanyFile, saveCompanyFile } from './model/load-company-file.ts';
import { QuickBooksSimulator } from './simulator/quickbooks-simulator.ts';
import { qbxmlRequest } from './test-support/simulator-fixture.ts';
import { parseXml } from './xml/parse-xml.ts';
import { childOf } from './xml/xml-node.ts';

describe('generateCompanyFile', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const opts = { vendors: 60, customers: 6, jobsPerCustomer: 4, items: 80, classes: 6, bills: 300, checks: 20, creditCardCharges: 20 };
    const a = saveCompanyFile(generateCompanyFile({ seed: 42, ...opts }));
    const b = saveCompanyFile(generateCompanyFile({ seed: 42, ...opts }));
    const c = saveCompanyFile(generateCompanyFile({ seed: 43, ...opts }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('builds realistic, QuickBooks-valid names and the requested sizes', () => {
    const company = generateCompanyFile({ seed: 1, vendors: 300, customers: 8, jobs: 40, items: 200, classes: 12, bills: 500, linesPerTxn: 4 });
    // The requested trade vendors, and the tax agency the sales tax item pays.
    const isAgency = (v: (typeof company.vendors)[number]) => v.extra?.some((n) => n.name === 'IsTaxAgency' && n.text === 'true') ?? false;
    expect(company.vendors.filter((v) => !isAgency(v))).toHaveLength(300);
    expect(company.vendors.filter(isAgency).map((v) => v.name)).toEqual(['Ohio Department of Taxation']);
    expect(company.customers.filter((c) => c.parentId)).toHaveLength(40);
    // The requested cost-code items, and one or two of each other type a contractor's file holds.
    expect(company.items.filter((i) => i.itemType === 'Service' || i.itemType === 'OtherCharge')).toHaveLength(200);
    expect([...new Set(company.items.map((i) => i.itemType))].sort()).toEqual([
      'Discount',
      'Group',
      'Inventory',
      'NonInventory',
      'OtherCharge',
      'Payment',
      'SalesTax',
      'Service',
      'Subtotal',
    ]);
    const bare = generateCompanyFile({ seed: 1, vendors: 30, items: 20, bills: 5, otherItemTypes: false });
    expect([bare.vendors.length, bare.items.length]).toEqual([30, 20]);
    expect(company.classes).toHaveLength(12);
    expect(company.bills).toHaveLength(500);
    expect(new Set(company.vendors.map((v) => v.name.toLowerCase())).size).toBe(301);
    for (const v of company.vendors) expect(v.name.length).toBeLessThanOrEqual(41);
    for (const i of company.items) expect(i.name.length).toBeLessThanOrEqual(31);
    expect(company.items.some((i) => i.name === '03-300 Cast-in-Place Concrete')).toBe(true);
    const lines = company.bills.reduce((s, b) => s + b.itemLines.length + b.expenseLines.length, 0);
    expect(lines / company.bills.length).toBeGreaterThan(3);
  });

  it('adds owner invoices and payments received only when asked, leaving the rest of the seed as it was', () => {
    const opts = { seed: 42, vendors: 30, customers: 4, jobsPerCustomer: 3, items: 40, bills: 60, checks: 5, creditCardCharges: 5 };
    const plain = generateCompanyFile(opts);
    expect([plain.invoices, plain.receivePayments, plain.deposits]).toEqual([[], [], []]);
    expect(plain.items.some((i) => i.name === 'Retainage Receivable')).toBe(false);
    const owner = generateCompanyFile({ ...opts, invoices: 40 });
    const { invoices, receivePayments, deposits: _d, items, nextListSeq: _ls, nextTxnSeq: _ts, nextTxnNumber: _tn, ...rest } = owner;
    const { invoices: _i, receivePayments: _r, deposits: _pd, items: plainItems, nextListSeq: _l, nextTxnSeq: _t, nextTxnNumber: _n, ...plainRest } = plain;
    expect(rest).toEqual(plainRest);
    expect(items.slice(0, plainItems.length)).toEqual(plainItems);
    const retainage = items.find((i) => i.name === 'Retainage Receivable');
    expect(retainage?.itemType).toBe('OtherCharge');
    expect(invoices).toHaveLength(40);
    expect(invoices.filter((inv) => inv.lines.some((l) => l.itemId === retainage?.listId && l.amount < 0)).length).toBeGreaterThan(5);
    expect(receivePayments.length).toBeGreaterThan(15);
    expect(receivePayments.some((p) => p.applied.length === 2)).toBe(true);
    // Most payments reach Checking a few days later, a deposit per day, one line per payment.
    const deposited = owner.deposits.flatMap((d) => d.lines.map((l) => l.paymentTxnId));
    expect(new Set(deposited).size).toBe(deposited.length);
    expect(deposited.length).toBeGreaterThan(receivePayments.length / 2);
    for (const d of owner.deposits) {
      for (const l of d.lines) expect(l.amount).toBe(receivePayments.find((p) => p.txnId === l.paymentTxnId)?.totalAmount);
      expect(d.txnDate > (receivePayments.find((p) => p.txnId === d.lines[0]?.paymentTxnId)?.txnDate as string)).toBe(true);
    }
    // Nothing is paid beyond what an invoice bills, and some are paid in part.
    const sim = new QuickBooksSimulator({ company: owner, validateXsd: false, clock: () => new Date('2025-01-06T15:00:00Z') });
    const open = invoices.map((inv) => inv.lines.reduce((t, l) => t + l.amount, 0) - sim.store.paidOn(inv.txnId));
    expect(open.every((o) => o >= 0)).toBe(true);
    // An invoice was last modified by the last payment on it.
    for (const inv of invoices) {
      const last = Math.max(inv.timeCreated, ...receivePayments.filter((p) => p.applied.some((a) => a.txnId === inv.txnId)).map((p) => p.timeCreated));
      expect(inv.timeModified).toBe(last);
    }
    expect(invoices.some((inv, i) => (open[i] as number) > 0 && sim.store.paidOn(inv.txnId) > 0)).toBe(true);
    expect(saveCompanyFile(generateCompanyFile({ ...opts, invoices: 40 }))).toBe(saveCompanyFile(owner));
  });

  it('round-trips through JSON and a .json file', async () => {
    const company = generateCompanyFile({ seed: 9, bills: 50, invoices: 10 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbsim-'));
    const file = path.join(dir, 'company.json');
    await writeCompanyFile(file, company);
    const back = await readCompanyFile(file);
    expect(saveCompanyFile(back)).toBe(saveCompanyFile(company));
    expect(saveCompanyFile(loadCompanyFile(saveCompanyFile(company)))).toBe(saveCompanyFile(company));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Sized down from 100,000 bills: how fast the generator and paging are (first page vs last) is a figure of
  // pnpm bench (bench-simulators.ts), not a test — a busy machine is slow.
  it('generates 500 vendors / 50 jobs / 40 items / 10,000 bills and pages every one of them with iterators', async () => {
    const company = generateCompanyFile({
      seed: 2024,
      vendors: 500,
      customers: 10,
      jobs: 50,
      items: 40,
      classes: 10,
      bills: 10_000,
      linesPerTxn: 4,
      checks: 200,
      creditCardCharges: 200,
    });
    expect(company.bills).toHaveLength(10_000);
    const sim = new QuickBooksSimulator({ company, validateXsd: false, clock: () => new Date('2025-01-06T15:00:00Z') });
    sim.openSession();
    const start = await sim.processRequest(qbxmlRequest('<BillQueryRq iterator="Start"><MaxReturned>1000</MaxReturned></BillQueryRq>'));
    const first = parseXml(start);
    if (!first.ok) throw new Error(first.error);
    const rs = childOf(childOf(first.root, 'QBXMLMsgsRs'), 'BillQueryRs');
    const id = rs?.attrs.iteratorID as string;
    let remaining = Number(rs?.attrs.iteratorRemainingCount);
    const seen = new Set((rs?.children ?? []).map((b) => childOf(b, 'TxnID')?.text));
    let pages = 1;
    while (remaining > 0) {
      const xml = await sim.processRequest(qbxmlRequest(`<BillQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>1000</MaxReturned></BillQueryRq>`));
      const page = parseXml(xml);
      if (!page.ok) throw new Error(page.error);
      const prs = childOf(childOf(page.root, 'QBXMLMsgsRs'), 'BillQueryRs');
      for (const b of prs?.children ?? []) seen.add(childOf(b, 'TxnID')?.text);
      remaining = Number(prs?.attrs.iteratorRemainingCount);
      pages += 1;
    }
    // Every bill exactly once, in pages of 1000.
    expect(pages).toBe(10);
    expect(seen.size).toBe(10_000);
  });
});
