// The G703 rows of a new owner invoice: one per prime contract SOV line, then one per line of the contract's approved
// change orders (Procore lists every line of the revised schedule of values; lines not billed show 0 this period),
// cost code, description and scheduled value taken from the line billed. Retainage withheld defaults to the
// contract's retainage percent of the work and materials billed this period.

import { percentOf, roundMoney } from './money.ts';
import type { PaymentApplicationLineItem, PrimeChangeOrderLineItem, PrimeContract } from './records.ts';

/** Bills one SOV line (prime_contract_line_item_id) or one approved change order line (prime_change_order_line_item_id). */
export interface PaymentApplicationLineSpec {
  prime_contract_line_item_id?: number | undefined;
  prime_change_order_line_item_id?: number | undefined;
  work_completed_this_period: number;
  materials_presently_stored?: number | undefined;
  /** Default: the contract's retainage_percent of work_completed_this_period. */
  work_completed_retainage_retained_this_period?: number | undefined;
  /** Default: the contract's retainage_percent of materials_presently_stored. */
  materials_stored_retainage_retained_this_period?: number | undefined;
  work_completed_retainage_released_this_period?: number | undefined;
  materials_stored_retainage_released_this_period?: number | undefined;
}

export function buildPaymentApplicationLines(
  contract: PrimeContract,
  specs: readonly PaymentApplicationLineSpec[],
  nextId: () => number,
  approvedChangeOrderLines: readonly PrimeChangeOrderLineItem[] = [],
): PaymentApplicationLineItem[] {
  for (const spec of specs) {
    const sov = spec.prime_contract_line_item_id;
    const co = spec.prime_change_order_line_item_id;
    if ((sov === undefined) === (co === undefined))
      throw new Error('a billed line names prime_contract_line_item_id or prime_change_order_line_item_id (one of them)');
    if (sov !== undefined && !contract.line_items.some((l) => l.id === sov)) throw new Error(`line ${sov} is not a line of prime contract ${contract.id}`);
    if (co !== undefined && !approvedChangeOrderLines.some((l) => l.id === co)) {
      throw new Error(`line ${co} is not a line of an approved change order of prime contract ${contract.id}`);
    }
  }
  const row = (
    key: Pick<PaymentApplicationLineItem, 'prime_contract_line_item_id' | 'prime_change_order_line_item_id'>,
    line: { cost_code_id: number | null; description: string; amount: number },
    spec: PaymentApplicationLineSpec | undefined,
  ): PaymentApplicationLineItem => {
    const work = roundMoney(spec?.work_completed_this_period ?? 0);
    const materials = roundMoney(spec?.materials_presently_stored ?? 0);
    return {
      id: nextId(),
      ...key,
      cost_code_id: line.cost_code_id,
      description_of_work: line.description,
      scheduled_value: line.amount,
      work_completed_this_period: work,
      materials_presently_stored: materials,
      work_completed_retainage_retained_this_period: roundMoney(
        spec?.work_completed_retainage_retained_this_period ?? percentOf(work, contract.retainage_percent),
      ),
      materials_stored_retainage_retained_this_period: roundMoney(
        spec?.materials_stored_retainage_retained_this_period ?? percentOf(materials, contract.retainage_percent),
      ),
      work_completed_retainage_released_this_period: roundMoney(spec?.work_completed_retainage_released_this_period ?? 0),
      materials_stored_retainage_released_this_period: roundMoney(spec?.materials_stored_retainage_released_this_period ?? 0),
    };
  };
  return [
    ...contract.line_items.map((line) =>
      row(
        { prime_contract_line_item_id: line.id },
        line,
        specs.find((s) => s.prime_contract_line_item_id === line.id),
      ),
    ),
    ...approvedChangeOrderLines.map((line) =>
      row(
        { prime_contract_line_item_id: null, prime_change_order_line_item_id: line.id },
        line,
        specs.find((s) => s.prime_change_order_line_item_id === line.id),
      ),
    ),
  ];
}
