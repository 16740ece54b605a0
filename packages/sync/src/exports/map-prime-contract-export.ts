// Gathers what mapPrimeContract / mapPrimeChangeOrder (@connector/mapping, issue 21) need — the project's job and the cost
// codes' items from our links, the contract's estimate (record link prime_contract → Estimate, with its lines), the owner
// invoice setting "item per schedule-of-values line" — and hands their answer back. The mapping decides what is refused
// and what is sent; this file only builds its context.
import {
  mapPrimeChangeOrder,
  mapPrimeContract,
  type ExportRecord,
  type MappingContext,
  type MappingResult,
  type PrimeContractContext,
} from '@connector/mapping';
import type { OwnerInvoiceSettings } from './map-owner-invoice-export.ts';
import { LINK_TYPES, linkLines, type ExportLinks } from './load-export-links.ts';

export type PrimeRecord = Extract<ExportRecord, { type: 'prime_contract' | 'prime_change_order' }>;

/** The prime contract whose estimate a record writes: its own id, or a change order's contract. */
export function primeContractIdOf(record: PrimeRecord): number | null {
  return record.type === 'prime_contract' ? record.primeContract.id : (record.changeOrder.contract_id ?? null);
}

export function primeContractContext(record: PrimeRecord, ctx: MappingContext, owner: OwnerInvoiceSettings, links: ExportLinks): PrimeContractContext {
  const contractId = primeContractIdOf(record);
  const link = contractId === null ? undefined : links.get(LINK_TYPES.primeContract, contractId);
  const job = ctx.links.job(record.projectId);
  return {
    job: job ? { listId: job.listId, fullName: job.fullName } : null,
    itemForCostCode: (costCodeId) => {
      const item = ctx.links.item(costCodeId);
      return item ? { listId: item.listId, fullName: item.fullName } : null;
    },
    estimate: link
      ? { txnId: link.qbId, editSequence: link.editSequence ?? '', ...(link.qbName ? { refNumber: link.qbName } : {}), lines: linkLines(link) }
      : null,
    // The owner invoice setting, reused: the contract value and the owner's invoices bill the same items.
    lineItem:
      owner.ownerInvoiceLineItem === 'contract' && owner.ownerInvoiceContractItem
        ? { mode: 'contract', item: owner.ownerInvoiceContractItem }
        : { mode: 'cost_code' },
  };
}

export function mapPrimeExport(record: PrimeRecord, ctx: MappingContext, owner: OwnerInvoiceSettings, links: ExportLinks): MappingResult {
  const context = primeContractContext(record, ctx, owner, links);
  return record.type === 'prime_contract' ? mapPrimeContract(record, context) : mapPrimeChangeOrder(record, context);
}
