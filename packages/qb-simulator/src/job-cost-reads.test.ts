// The reads behind "Update Job Costs" (QuickBooks to Procore; docs/integration-map.md#job-costs): a generated company file with 10,000 bills, checks
// and credit card charges, read incrementally (ModifiedDateRangeFilter in QuickBooks' local time) through
// iterators of 500, with line items; bill payments, partial ones included.

import { beforeAll, describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import type { Bill, CompanyFile, ExpenseLine, ItemLine } from './model/company-file.ts';
import { saveCompanyFile } from './model/load-company-file.ts';
import { QuickBooksSimulator } from './simulator/quickbooks-simulator.ts';
import { expectValidResponse, qbxmlRequest } from './test-support/simulator-fixture.ts';
import { parseXml } from './xml/parse-xml.ts';
import type { XmlNode } from './xml/xml-node.ts';
import { childOf, childrenOf, textOf } from './xml/xml-node.ts';

const OPTIONS = {
  seed: 606,
  vendors: 200,
  customers: 10,
  jobs: 40,
  items: 80,
  classes: 6,
  bills: 4000,
  checks: 3000,
  creditCardCharges: 3000,
  paidBillRatio: 0.6,
};

let company: CompanyFile;
beforeAll(() => {
  company = generateCompanyFile(OPTIONS);
});

const cents = (text: string | undefined): number => Math.round(Number(text) * 100);
const due = (b: Bill): number => [...b.itemLines, ...b.expenseLines].reduce((s, l) => s + l.amount, 0);

/** Sends one request (validated against the XSD when `validate`) and returns its Rs element. */
async function ask(sim: QuickBooksSimulator, body: string, validate = false): Promise<XmlNode> {
  sim.setOptions({ validateXsd: validate });
  const xml = await sim.processRequest(qbxmlRequest(body));
  const root = validate ? await expectValidResponse(xml) : (parseXml(xml) as { ok: true; root: XmlNode }).root;
  const rs = childOf(root, 'QBXMLMsgsRs')?.children[0];
  if (!rs) throw new Error('no response');
  return rs;
}

/** Runs a query through an iterator of `max` and returns every Ret, with the number of pages. Every Continue resends
 * the Start request's criteria, as QuickBooks expects (and the connector does: prepare-request-for-send.ts). */
async function iterate(sim: QuickBooksSimulator, rq: string, filter: string, max = 500): Promise<{ rets: XmlNode[]; pages: number }> {
  const first = await ask(sim, `<${rq} requestID="1" iterator="Start"><MaxReturned>${max}</MaxReturned>${filter}</${rq}>`, true);
  expect(first.attrs.statusCode).toBe('0');
  const rets = [...first.children];
  const id = first.attrs.iteratorID as string;
  let remaining = Number(first.attrs.iteratorRemainingCount);
  let pages = 1;
  while (remaining > 0) {
    const page = await ask(sim, `<${rq} requestID="2" iterator="Continue" iteratorID="${id}"><MaxReturned>${max}</MaxReturned>${filter}</${rq}>`);
    expect(page.attrs.statusCode).toBe('0');
    expect(page.children.length).toBeLessThanOrEqual(max);
    rets.push(...page.children);
    const next = Number(page.attrs.iteratorRemainingCount);
    expect(next).toBe(remaining - page.children.length);
    remaining = next;
    pages++;
  }
  return { rets, pages };
}

describe('generateCompanyFile for job costs', () => {
  it('is deterministic for a seed', () => {
    expect(saveCompanyFile(generateCompanyFile(OPTIONS))).toBe(saveCompanyFile(company));
    expect(saveCompanyFile(generateCompanyFile({ ...OPTIONS, seed: 607 }))).not.toBe(saveCompanyFile(company));
  });

  it('every cost line has a job and an item or an account; some lines carry a class, some do not', () => {
    expect([company.bills.length, company.checks.length, company.creditCardCharges.length]).toEqual([4000, 3000, 3000]);
    const jobs = new Set(company.customers.filter((c) => c.parentId !== undefined).map((c) => c.listId));
    const items = new Set(company.items.map((i) => i.listId));
    const accounts = new Set(company.accounts.map((a) => a.listId));
    const classes = new Set(company.classes.map((c) => c.listId));
    let classed = 0;
    let lines = 0;
    for (const t of [...company.bills, ...company.checks, ...company.creditCardCharges]) {
      const all: (ItemLine | ExpenseLine)[] = [...t.itemLines, ...t.expenseLines];
      expect(all.length).toBeGreaterThan(0);
      for (const l of t.itemLines) expect(items.has(l.itemId ?? '')).toBe(true);
      for (const l of t.expenseLines) expect(accounts.has(l.accountId ?? '')).toBe(true);
      for (const l of all) {
        expect(jobs.has(l.customerId ?? '')).toBe(true);
        if (l.classId !== undefined) {
          expect(classes.has(l.classId)).toBe(true);
          classed++;
        }
        lines++;
      }
    }
    expect(classed).toBeGreaterThan(lines * 0.25);
    expect(classed).toBeLessThan(lines * 0.55);
  });

  it('bill payments pay bills of their vendor: in full, in part, or in two checks; never more than the bill', () => {
    const bills = new Map(company.bills.map((b) => [b.txnId, b]));
    const paid = new Map<string, { amount: number; checks: number }>();
    for (const p of company.billPaymentChecks) {
      for (const a of p.applied) {
        const bill = bills.get(a.txnId);
        expect(bill?.vendorId).toBe(p.payeeId);
        expect(a.amount).toBeGreaterThan(0);
        const sum = paid.get(a.txnId) ?? { amount: 0, checks: 0 };
        paid.set(a.txnId, { amount: sum.amount + a.amount, checks: sum.checks + 1 });
      }
    }
    const kinds = { full: 0, partial: 0, twoChecks: 0 };
    for (const [id, p] of paid) {
      const owed = due(bills.get(id) as Bill);
      expect(p.amount).toBeLessThanOrEqual(owed);
      if (p.checks === 2) {
        expect(p.amount).toBe(owed);
        kinds.twoChecks++;
      } else if (p.amount === owed) kinds.full++;
      else kinds.partial++;
    }
    expect(paid.size / company.bills.length).toBeGreaterThan(0.5);
    expect(paid.size / company.bills.length).toBeLessThan(0.7);
    expect(kinds.full).toBeGreaterThan(kinds.partial);
    expect(kinds.partial).toBeGreaterThan(100);
    expect(kinds.twoChecks).toBeGreaterThan(100);
  });
});

describe('incremental reads through iterators of 500', () => {
  const cases = [
    { rq: 'BillQueryRq', ret: 'BillRet', pick: (c: CompanyFile) => c.bills, lines: true },
    { rq: 'CheckQueryRq', ret: 'CheckRet', pick: (c: CompanyFile) => c.checks, lines: true },
    { rq: 'CreditCardChargeQueryRq', ret: 'CreditCardChargeRet', pick: (c: CompanyFile) => c.creditCardCharges, lines: true },
    { rq: 'BillPaymentCheckQueryRq', ret: 'BillPaymentCheckRet', pick: (c: CompanyFile) => c.billPaymentChecks, lines: false },
  ] as const;

  for (const { rq, ret, pick, lines } of cases) {
    it(`${rq}: everything modified since a local time comes back exactly once${lines ? ', with its lines' : ''}`, async () => {
      const sim = new QuickBooksSimulator({ company: structuredClone(company), clock: () => new Date('2025-01-06T15:00:00Z') });
      // The whole file, then the second half of the year: 2024-07-01 00:00 at the company's -05:00 is 05:00Z.
      for (const [filter, since] of [
        [undefined, -Infinity],
        ['2024-07-01T00:00:00-05:00', Date.parse('2024-07-01T05:00:00Z')],
      ] as const) {
        const expected = pick(sim.company)
          .filter((t) => t.timeModified >= since)
          .map((t) => t.txnId);
        const body = `${filter ? `<ModifiedDateRangeFilter><FromModifiedDate>${filter}</FromModifiedDate></ModifiedDateRangeFilter>` : ''}${lines ? '<IncludeLineItems>true</IncludeLineItems>' : ''}`;
        const { rets, pages } = await iterate(sim, rq, body);
        expect(pages).toBe(Math.ceil(expected.length / 500));
        const ids = rets.map((r) => textOf(r, 'TxnID'));
        expect(rets.every((r) => r.name === ret)).toBe(true);
        expect(ids).toHaveLength(expected.length);
        expect(new Set(ids).size).toBe(expected.length);
        expect(new Set(ids)).toEqual(new Set(expected));
        if (lines) {
          const withLines = rets.filter((r) => childrenOf(r, 'ItemLineRet').length + childrenOf(r, 'ExpenseLineRet').length > 0);
          expect(withLines).toHaveLength(rets.length);
          for (const line of rets.slice(0, 50).flatMap((r) => [...childrenOf(r, 'ItemLineRet'), ...childrenOf(r, 'ExpenseLineRet')])) {
            expect(textOf(childOf(line, 'CustomerRef'), 'FullName')).toMatch(/^[^:]+:[^:]+$/);
            expect(childOf(line, 'ItemRef') ?? childOf(line, 'AccountRef')).toBeDefined();
          }
        }
      }
      // The same instant written without an offset is read in the company's local time.
      const local = await ask(
        sim,
        `<${rq}><ModifiedDateRangeFilter><FromModifiedDate>2024-12-01T00:00:00</FromModifiedDate></ModifiedDateRangeFilter></${rq}>`,
        true,
      );
      const withOffset = await ask(
        sim,
        `<${rq}><ModifiedDateRangeFilter><FromModifiedDate>2024-12-01T05:00:00+00:00</FromModifiedDate></ModifiedDateRangeFilter></${rq}>`,
      );
      expect(local.children.map((r) => textOf(r, 'TxnID'))).toEqual(withOffset.children.map((r) => textOf(r, 'TxnID')));
      expect(local.children.length).toBe(pick(sim.company).filter((t) => t.timeModified >= Date.parse('2024-12-01T05:00:00Z')).length);
    }, 120_000);
  }

  it('BillQuery with IncludeLinkedTxns shows each payment of a bill paid in two checks, and the open amount of one paid in part', async () => {
    const sim = new QuickBooksSimulator({ company: structuredClone(company), clock: () => new Date('2025-01-06T15:00:00Z') });
    const byBill = new Map<string, number[]>();
    for (const p of sim.company.billPaymentChecks) for (const a of p.applied) byBill.set(a.txnId, [...(byBill.get(a.txnId) ?? []), a.amount]);
    const twice = [...byBill].find(([, amounts]) => amounts.length === 2);
    const part = [...byBill].find(([id, amounts]) => amounts.length === 1 && (amounts[0] as number) < due(sim.store.txn('Bill', id) as Bill));
    if (!twice || !part) throw new Error('the generated file has no split or partial payment');

    const twiceRet = (await ask(sim, `<BillQueryRq><TxnID>${twice[0]}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>`, true)).children[0];
    const links = childrenOf(twiceRet, 'LinkedTxn');
    expect(links.map((l) => textOf(l, 'TxnType'))).toEqual(['BillPaymentCheck', 'BillPaymentCheck']);
    expect(links.map((l) => textOf(l, 'LinkType'))).toEqual(['AMTTYPE', 'AMTTYPE']);
    expect(links.map((l) => -cents(textOf(l, 'Amount'))).sort()).toEqual([...twice[1]].sort());
    expect(textOf(twiceRet, 'IsPaid')).toBe('true');
    expect(textOf(twiceRet, 'OpenAmount')).toBe('0.00');

    const partBill = sim.store.txn('Bill', part[0]) as Bill;
    const partRet = (await ask(sim, `<BillQueryRq><TxnID>${part[0]}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>`)).children[0];
    expect(textOf(partRet, 'IsPaid')).toBe('false');
    expect(cents(textOf(partRet, 'OpenAmount'))).toBe(due(partBill) - (part[1][0] as number));
    expect(childrenOf(partRet, 'LinkedTxn')).toHaveLength(1);
    const payments = await ask(
      sim,
      '<BillPaymentCheckQueryRq><EntityFilter><ListID>' + partBill.vendorId + '</ListID></EntityFilter></BillPaymentCheckQueryRq>',
    );
    const applied = payments.children.flatMap((p) => childrenOf(p, 'AppliedToTxnRet')).find((a) => textOf(a, 'TxnID') === part[0]);
    expect(cents(textOf(applied, 'Amount'))).toBe(-(part[1][0] as number));
    expect(cents(textOf(applied, 'BalanceRemaining'))).toBe(due(partBill) - (part[1][0] as number));
  });
});
