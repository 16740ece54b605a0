import type { PaymentApplication, PaymentApplicationLineItem } from '@connector/procore';
import { afterAll, describe, expect, it } from 'vitest';
import { mapOwnerInvoice, procoreOwnerInvoiceNumber, type OwnerInvoiceContext, type OwnerInvoiceRequests } from './map-owner-invoice.ts';
import type { MappingFailure, Refusal } from './mapping-types.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import { CC_CONCRETE, CC_REBAR, ITEM_LINKS, JOB_LINK, previewValue } from './testing/fixtures.ts';

const xsd = createXsdCheck();
afterAll(() => xsd.verifyAll());

const RETAINAGE_RECEIVABLE = { listId: '80000041-1700000000', fullName: 'Retainage Receivable' };
const CONTRACT_ITEM = { listId: '80000042-1700000000', fullName: 'Contract Billing' };
const AR = { listId: '80000043-1700000000', fullName: 'Accounts Receivable' };

const line = (id: number, fields: Partial<PaymentApplicationLineItem> = {}): PaymentApplicationLineItem => ({
  id,
  cost_code: { id: CC_CONCRETE },
  description_of_work: 'Cast-in-place concrete',
  ...fields,
});

const ownerInvoice = (fields: Partial<PaymentApplication> = {}): PaymentApplication => ({
  id: 9001,
  project_id: 11,
  contract_id: 77,
  number: 3,
  invoice_number: 'PA-003',
  status: 'approved',
  billing_date: '2026-03-31',
  period_start: '2026-03-01',
  period_end: '2026-03-31',
  line_items: [
    line(1, { work_completed_this_period: '100000.00', materials_presently_stored: '20000.00', work_completed_retainage_retained_this_period: '10000.00' }),
    line(2, {
      cost_code: { id: CC_REBAR },
      description_of_work: 'Reinforcing steel',
      work_completed_this_period: '50000.00',
      materials_stored_retainage_retained_this_period: '5000.00',
    }),
    line(3, { description_of_work: 'Not billed this period', work_completed_this_period: '0.00' }),
  ],
  ...fields,
});

const context = (overrides: Partial<OwnerInvoiceContext> = {}): OwnerInvoiceContext => ({
  job: JOB_LINK,
  itemForCostCode: (id) => ITEM_LINKS[id] ?? null,
  existing: null,
  settings: { lineItem: { mode: 'cost_code' }, retainageReceivableItem: RETAINAGE_RECEIVABLE, arAccount: AR, ...overrides.settings },
  typedInvoiceNumber: null,
  ...overrides,
});

function expectRequests(result: OwnerInvoiceRequests | MappingFailure): OwnerInvoiceRequests {
  if (!result.ok) expect.fail(`expected invoices, got ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

function expectRefusal(result: OwnerInvoiceRequests | MappingFailure, code: Refusal['code']): Refusal {
  if (result.ok) expect.fail(`expected refusal ${code}, got invoices`);
  expect(result.refusal.code).toBe(code);
  // Every refusal is a sentence an accountant can act on.
  expect(result.refusal.message).toMatch(/^[A-Z"].*[.)]$/s);
  return result.refusal;
}

describe('mapOwnerInvoice → InvoiceAdd', () => {
  it('invoices work + materials per schedule-of-values line on the Customer:Job, with ONE negative Retainage Receivable line', () => {
    const { invoice, retainageRelease } = expectRequests(mapOwnerInvoice(ownerInvoice(), context()));
    expect(retainageRelease).toBeNull();
    expect(invoice!.action).toBe('create');
    expect(invoice!.request).toEqual({
      type: 'InvoiceAdd',
      customerRef: { listId: JOB_LINK.listId },
      arAccountRef: { listId: AR.listId },
      txnDate: '2026-03-31',
      refNumber: 'PA-003',
      memo: 'Procore owner invoice #3, period 2026-03-01 to 2026-03-31',
      lines: [
        { itemRef: { listId: ITEM_LINKS[CC_CONCRETE]!.listId }, desc: 'Cast-in-place concrete', amount: '120000.00' },
        { itemRef: { listId: ITEM_LINKS[CC_REBAR]!.listId }, desc: 'Reinforcing steel', amount: '50000.00' },
        { itemRef: { listId: RETAINAGE_RECEIVABLE.listId }, desc: 'Retainage withheld', amount: '-15000.00' },
      ],
    });
    expect(previewValue(invoice!, 'Customer:Job')).toBe(JOB_LINK.fullName);
    expect(previewValue(invoice!, 'Line 3 item')).toBe('Retainage Receivable');
    expect(previewValue(invoice!, 'Amount due')).toBe('155,000.00');
    xsd.add('owner invoice', invoice!.request);
  });

  it('bills retainage released this period on an invoice of its own, numbered beside the progress invoice', () => {
    const pa = ownerInvoice({
      line_items: [
        line(1, { work_completed_this_period: '1000.00' }),
        line(2, { work_completed_retainage_released_this_period: '12000.00', materials_stored_retainage_released_this_period: '500.00' }),
      ],
    });
    const { invoice, retainageRelease } = expectRequests(mapOwnerInvoice(pa, context()));
    expect(invoice!.request.lines).toEqual([{ itemRef: { listId: ITEM_LINKS[CC_CONCRETE]!.listId }, desc: 'Cast-in-place concrete', amount: '1000.00' }]);
    expect(retainageRelease!.request).toMatchObject({
      type: 'InvoiceAdd',
      customerRef: { listId: JOB_LINK.listId },
      refNumber: 'PA-003R',
      memo: 'Retainage released: Procore owner invoice #3, period 2026-03-01 to 2026-03-31',
      lines: [{ itemRef: { listId: RETAINAGE_RECEIVABLE.listId }, desc: 'Retainage released', amount: '12500.00' }],
    });
    expect(previewValue(retainageRelease!, 'Amount due')).toBe('12,500.00');
    xsd.add('retainage release', retainageRelease!.request);
  });

  it('an owner invoice that only releases retainage becomes the release invoice alone; an 11-character number lets QuickBooks number it', () => {
    const pa = ownerInvoice({ invoice_number: 'PA-2026-003', line_items: [line(1, { work_completed_retainage_released_this_period: '700.00' })] });
    const { invoice, retainageRelease } = expectRequests(mapOwnerInvoice(pa, context()));
    expect(invoice).toBeNull();
    expect(retainageRelease!.request.refNumber).toBeUndefined();
    expect(retainageRelease!.request.memo).toContain('Procore owner invoice #3');
  });

  it('puts every line on one item per contract when the setting says so', () => {
    const { invoice } = expectRequests(
      mapOwnerInvoice(
        ownerInvoice(),
        context({ settings: { lineItem: { mode: 'contract', item: CONTRACT_ITEM }, retainageReceivableItem: RETAINAGE_RECEIVABLE, arAccount: null } }),
      ),
    );
    expect(invoice!.request.lines.slice(0, 2).map((l) => l.itemRef)).toEqual([{ listId: CONTRACT_ITEM.listId }, { listId: CONTRACT_ITEM.listId }]);
    expect(invoice!.request.arAccountRef).toBeUndefined();
    expect(previewValue(invoice!, 'Line 1 item')).toBe('Contract Billing');
    xsd.add('one item per contract', invoice!.request);
  });

  it('uses the number typed for QuickBooks instead of Procore’s when the setting says so', () => {
    const { invoice } = expectRequests(mapOwnerInvoice(ownerInvoice(), context({ typedInvoiceNumber: ' 1042 ' })));
    expect(invoice!.request.refNumber).toBe('1042');
    expect(invoice!.preview.find((f) => f.field === 'Invoice no.')?.source).toBe('typed for QuickBooks');
  });

  it('falls back to Procore’s invoice sequence number when the owner invoice has no invoice number', () => {
    const { invoice } = expectRequests(mapOwnerInvoice(ownerInvoice({ invoice_number: null }), context()));
    expect(invoice!.request.refNumber).toBe('3');
  });

  it('treats an empty or blank invoice number as none (never an empty QuickBooks invoice number)', () => {
    for (const blank of ['', '   ']) {
      const { invoice } = expectRequests(mapOwnerInvoice(ownerInvoice({ invoice_number: blank }), context()));
      expect(invoice!.request.refNumber).toBe('3');
      expect(procoreOwnerInvoiceNumber({ invoice_number: blank, number: 3 })).toBe('3');
    }
    expect(procoreOwnerInvoiceNumber({ invoice_number: ' PA-7 ', number: 7 })).toBe('PA-7');
    expect(procoreOwnerInvoiceNumber({ invoice_number: null, number: null })).toBeNull();
  });
});

describe('mapOwnerInvoice refusals', () => {
  it('refuses what Procore has not approved, naming the status', () => {
    for (const status of ['draft', 'under_review', 'revise_and_resubmit', null]) {
      const refusal = expectRefusal(mapOwnerInvoice(ownerInvoice({ status }), context()), 'NOT_APPROVED');
      expect(refusal.message).toContain(status === null ? 'without a status' : 'only approved owner invoices');
    }
    expect(expectRefusal(mapOwnerInvoice(ownerInvoice({ status: 'under_review' }), context()), 'NOT_APPROVED').message).toContain('"Under Review"');
  });

  it('never sends an owner invoice twice', () => {
    const refusal = expectRefusal(mapOwnerInvoice(ownerInvoice(), context({ existing: { txnId: '1F0-1700000000', refNumber: 'PA-003' } })), 'ALREADY_EXPORTED');
    expect(refusal.message).toContain('invoice PA-003');
  });

  it('with the progress invoice in QuickBooks, sends only the retainage release; with both there, nothing', () => {
    const pa = ownerInvoice({
      line_items: [line(1, { work_completed_this_period: '1000.00', work_completed_retainage_released_this_period: '400.00' })],
    });
    const existing = { txnId: '1F0-1700000000', refNumber: 'PA-003' };
    const left = expectRequests(mapOwnerInvoice(pa, context({ existing })));
    expect(left.invoice).toBeNull();
    expect(left.retainageRelease!.request.lines.map((l) => l.amount)).toEqual(['400.00']);
    const both = expectRefusal(
      mapOwnerInvoice(pa, context({ existing, existingRetainageRelease: { txnId: '1F4-1700000000', refNumber: 'PA-003R' } })),
      'ALREADY_EXPORTED',
    );
    expect(both.message).toContain('invoice PA-003 and invoice PA-003R');
    // The release in QuickBooks and not the progress invoice (written in the other order): the progress invoice alone.
    const progress = expectRequests(mapOwnerInvoice(pa, context({ existingRetainageRelease: { txnId: '1F4-1700000000', refNumber: 'PA-003R' } })));
    expect([progress.invoice?.request.refNumber, progress.retainageRelease]).toEqual(['PA-003', null]);
  });

  it('names the job and every missing item at once, so they are queued together', () => {
    const refusal = expectRefusal(mapOwnerInvoice(ownerInvoice(), context({ job: null, itemForCostCode: () => null })), 'MISSING_DEPENDENCY');
    expect(refusal.dependencies!.map((d) => [d.kind, d.procoreId])).toEqual([
      ['job', 11],
      ['item', CC_CONCRETE],
      ['item', CC_REBAR],
    ]);
  });

  it('refuses a negative owner invoice (a QuickBooks invoice cannot be negative)', () => {
    const pa = ownerInvoice({ line_items: [line(1, { work_completed_this_period: '-500.00' })] });
    const refusal = expectRefusal(mapOwnerInvoice(pa, context()), 'NEGATIVE_INVOICE');
    expect(refusal.message).toContain('-500.00');
    expect(refusal.message).toContain('credit memo');
  });

  it('keeps a negative line (a correction) when the invoice as a whole is not negative', () => {
    const pa = ownerInvoice({ line_items: [line(1, { work_completed_this_period: '800.00' }), line(2, { work_completed_this_period: '-300.00' })] });
    const { invoice } = expectRequests(mapOwnerInvoice(pa, context()));
    expect(invoice!.request.lines.map((l) => l.amount)).toEqual(['800.00', '-300.00']);
  });

  it('refuses retainage without a Retainage Receivable item, saying what to set', () => {
    const noItem = context({ settings: { lineItem: { mode: 'cost_code' }, retainageReceivableItem: null, arAccount: null } });
    const refusal = expectRefusal(mapOwnerInvoice(ownerInvoice(), noItem), 'NO_RETAINAGE_ITEM');
    expect(refusal.message).toContain('withholds 15,000.00');
    expect(refusal.field).toBe('ItemRef');
    // Without retainage the item is not needed.
    const plain = ownerInvoice({ line_items: [line(1, { work_completed_this_period: '10.00' })] });
    expect(expectRequests(mapOwnerInvoice(plain, noItem)).invoice).not.toBeNull();
  });

  it('refuses an invoice dated on or before QuickBooks’ closing date before it is sent (3171 in words)', () => {
    const refusal = expectRefusal(mapOwnerInvoice(ownerInvoice(), context({ qbClosingDate: '2026-03-31' })), 'QB_CLOSED_PERIOD');
    expect(refusal.message).toContain('3171');
    expect(expectRequests(mapOwnerInvoice(ownerInvoice(), context({ qbClosingDate: '2026-03-30' }))).invoice).not.toBeNull();
  });

  it('refuses an invoice number longer than QuickBooks’ 11 characters', () => {
    const refusal = expectRefusal(mapOwnerInvoice(ownerInvoice({ invoice_number: 'OWNER-PA-0003' }), context()), 'REF_NUMBER_TOO_LONG');
    expect(refusal.message).toContain('13 characters');
  });

  it('asks for the job and each cost code’s item first, naming them', () => {
    const noJob = expectRefusal(mapOwnerInvoice(ownerInvoice(), context({ job: null })), 'MISSING_DEPENDENCY');
    expect(noJob.dependencies).toEqual([{ kind: 'job', procoreId: 11, label: 'its project (Procore project 11)' }]);
    const noItems = expectRefusal(mapOwnerInvoice(ownerInvoice(), context({ itemForCostCode: () => null })), 'MISSING_DEPENDENCY');
    expect(noItems.dependencies!.map((d) => [d.kind, d.procoreId])).toEqual([
      ['item', CC_CONCRETE],
      ['item', CC_REBAR],
    ]);
  });

  it('refuses a billed line without a cost code when items follow cost codes', () => {
    const pa = ownerInvoice({ line_items: [line(1, { cost_code: null, work_completed_this_period: '10.00' })] });
    expectRefusal(mapOwnerInvoice(pa, context()), 'INCOMPLETE_RECORD');
  });

  it('refuses an owner invoice without a billing date, or that bills nothing', () => {
    expect(expectRefusal(mapOwnerInvoice(ownerInvoice({ billing_date: null }), context()), 'INCOMPLETE_RECORD').field).toBe('TxnDate');
    expectRefusal(mapOwnerInvoice(ownerInvoice({ line_items: [line(1, { work_completed_this_period: '0' })] }), context()), 'EMPTY_TRANSACTION');
    expectRefusal(mapOwnerInvoice(ownerInvoice({ line_items: [] }), context()), 'EMPTY_TRANSACTION');
  });

  it('refuses an amount it cannot read, naming the line and the column', () => {
    const pa = ownerInvoice({ line_items: [line(1, { work_completed_this_period: 'twelve' })] });
    const refusal = mapOwnerInvoice(pa, context());
    expect(refusal.ok).toBe(false);
    if (!refusal.ok) expect(refusal.refusal.message).toContain('work completed this period of line 1 "Cast-in-place concrete"');
  });

  it('refuses negative retainage withheld or released', () => {
    const pa = ownerInvoice({ line_items: [line(1, { work_completed_this_period: '100.00', work_completed_retainage_retained_this_period: '-10.00' })] });
    expect(expectRefusal(mapOwnerInvoice(pa, context()), 'INVALID_AMOUNT').message).toContain('retainage withheld');
  });
});
