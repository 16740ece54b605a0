// The to-date columns of an owner invoice's G703 rows (Procore answers them beside the period's amounts):
// completed and stored to date, retainage currently retained, balance to finish. "To date" sums this invoice and
// the earlier-numbered invoices of the same prime contract, whatever their status (simulator simplification:
// Procore's exact rule for unapproved earlier invoices is not documented).

import { sumMoney } from './money.ts';
import type { PaymentApplication, PaymentApplicationLineItem } from './records.ts';
import type { ProcoreStore } from './procore-store.ts';

export interface PaymentApplicationLineSummary {
  total_completed_and_stored_to_date: number;
  total_retainage_currently_retained: number;
  balance_to_finish: number;
}

export interface PaymentApplicationSummary {
  /** Work completed + materials stored this period. */
  completed_and_stored_this_period: number;
  retainage_retained_this_period: number;
  retainage_released_this_period: number;
  /** Completed and stored − retained + released: what the owner owes for this invoice. */
  net_amount_this_period: number;
  lines: Map<number, PaymentApplicationLineSummary>;
}

const completedAndStored = (l: PaymentApplicationLineItem) => sumMoney([l.work_completed_this_period, l.materials_presently_stored]);
const retained = (l: PaymentApplicationLineItem) =>
  sumMoney([l.work_completed_retainage_retained_this_period, l.materials_stored_retainage_retained_this_period]);
const released = (l: PaymentApplicationLineItem) =>
  sumMoney([l.work_completed_retainage_released_this_period, l.materials_stored_retainage_released_this_period]);

/** What a G703 row bills: an SOV line, or a change order line (the same line across the contract's invoices). */
const rowKey = (l: PaymentApplicationLineItem) =>
  l.prime_change_order_line_item_id ? `change-order-line:${l.prime_change_order_line_item_id}` : `sov-line:${String(l.prime_contract_line_item_id)}`;

export function summarizePaymentApplication(store: ProcoreStore, app: PaymentApplication): PaymentApplicationSummary {
  const upToThis = store.paymentApplications.list(app.project_id).filter((a) => a.contract_id === app.contract_id && a.number <= app.number);
  const lines = new Map<number, PaymentApplicationLineSummary>();
  for (const line of app.line_items) {
    const same = upToThis.flatMap((a) => a.line_items.filter((l) => rowKey(l) === rowKey(line)));
    const toDate = sumMoney(same.map(completedAndStored));
    lines.set(line.id, {
      total_completed_and_stored_to_date: toDate,
      total_retainage_currently_retained: sumMoney([...same.map(retained), ...same.map((l) => -released(l))]),
      balance_to_finish: sumMoney([line.scheduled_value, -toDate]),
    });
  }
  const thisPeriod = sumMoney(app.line_items.map(completedAndStored));
  const retainedNow = sumMoney(app.line_items.map(retained));
  const releasedNow = sumMoney(app.line_items.map(released));
  return {
    completed_and_stored_this_period: thisPeriod,
    retainage_retained_this_period: retainedNow,
    retainage_released_this_period: releasedNow,
    net_amount_this_period: sumMoney([thisPeriod, -retainedNow, releasedNow]),
    lines,
  };
}
