// The G703 rows of a new owner invoice: one per prime contract SOV line (Procore lists every line; lines not
// billed show 0 this period), cost code, description and scheduled value taken from the line billed. Retainage
// withheld defaults to the contract's retainage percent of the work and materials billed this period.

import { percentOf, roundMoney } from './money.ts';
import type { PaymentApplicationLineItem, PrimeContract } from './records.ts';

export interface PaymentApplicationLineSpec {
  prime_contract_line_item_id: number;
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
): PaymentApplicationLineItem[] {
  for (const spec of specs) {
    if (!contract.line_items.some((l) => l.id === spec.prime_contract_line_item_id)) {
      throw new Error(`line ${spec.prime_contract_line_item_id} is not a line of prime contract ${contract.id}`);
    }
  }
  return contract.line_items.map((line) => {
    const spec = specs.find((s) => s.prime_contract_line_item_id === line.id);
    const work = roundMoney(spec?.work_completed_this_period ?? 0);
    const materials = roundMoney(spec?.materials_presently_stored ?? 0);
    return {
      id: nextId(),
      prime_contract_line_item_id: line.id,
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
  });
}
