// Gathers what mapOwnerInvoice (@connector/mapping, issue 21) needs for one owner invoice export — the project's job and
// the cost codes' items from our links, the owner invoice settings, the invoices it already became, the number typed
// at send — and hands its answer back. The mapping decides (what is refused, what is sent, in which parts); this file
// only builds its context and names the parts for the queue and the links.
import type { CompanySettingsValues } from '@connector/contract';
import {
  mapOwnerInvoice,
  type MappingContext,
  type MappingFailure,
  type MappingResult,
  type OwnerInvoiceContext,
  type OwnerInvoiceRequests,
} from '@connector/mapping';
import type { ExportRecord } from '@connector/mapping';
import { LINK_TYPES } from '../links/link-types.ts';
import type { ExportOptions } from './settle-export.ts';

/** The company settings an owner invoice is mapped with (packages/contract company-settings.ts). */
export type OwnerInvoiceSettings = Pick<
  CompanySettingsValues,
  'retainageReceivableItem' | 'ownerInvoiceArAccount' | 'ownerInvoiceLineItem' | 'ownerInvoiceContractItem' | 'ownerInvoiceNumberSource'
>;

export function ownerInvoiceSettingsOf(settings: CompanySettingsValues): OwnerInvoiceSettings {
  return {
    retainageReceivableItem: settings.retainageReceivableItem,
    ownerInvoiceArAccount: settings.ownerInvoiceArAccount,
    ownerInvoiceLineItem: settings.ownerInvoiceLineItem,
    ownerInvoiceContractItem: settings.ownerInvoiceContractItem,
    ownerInvoiceNumberSource: settings.ownerInvoiceNumberSource,
  };
}

/** The two QuickBooks invoices one owner invoice can become, each its own request and its own link. */
export const OWNER_INVOICE_PARTS = {
  invoice: { linkType: LINK_TYPES.ownerInvoice, dedupePrefix: 'export:owner_invoice:' },
  retainage_release: { linkType: LINK_TYPES.ownerInvoiceRetainageRelease, dedupePrefix: 'export:owner_invoice_release:' },
} as const;
export type OwnerInvoicePart = keyof typeof OWNER_INVOICE_PARTS;

/** Which part a queued request writes, by its dedupe key (the request row says it; nothing else needs storing). */
export function ownerInvoicePartOf(dedupeKey: string | null): OwnerInvoicePart {
  return dedupeKey?.startsWith(OWNER_INVOICE_PARTS.retainage_release.dedupePrefix) ? 'retainage_release' : 'invoice';
}

export function ownerInvoiceDedupeKey(part: OwnerInvoicePart, procoreId: string): string {
  return `${OWNER_INVOICE_PARTS[part].dedupePrefix}${procoreId}`;
}

/** The QuickBooks invoices already linked to an owner invoice (record_links), by part. */
export interface OwnerInvoiceLinks {
  get(procoreType: string, procoreId: string): { qbId: string; qbName: string | null } | undefined;
}

export function mapOwnerInvoiceExport(
  record: Extract<ExportRecord, { type: 'owner_invoice' }>,
  ctx: MappingContext,
  owner: OwnerInvoiceSettings,
  options: ExportOptions,
  links: OwnerInvoiceLinks,
): OwnerInvoiceRequests | MappingFailure {
  const id = String(record.paymentApplication.id);
  const linked = (part: OwnerInvoicePart) => {
    const link = links.get(OWNER_INVOICE_PARTS[part].linkType, id);
    return link ? { txnId: link.qbId, refNumber: link.qbName } : null;
  };
  const job = ctx.links.job(record.projectId);
  const context: OwnerInvoiceContext = {
    job: job ? { listId: job.listId, fullName: job.fullName } : null,
    itemForCostCode: (costCodeId) => {
      const item = ctx.links.item(costCodeId);
      return item ? { listId: item.listId, fullName: item.fullName } : null;
    },
    existing: linked('invoice'),
    existingRetainageRelease: linked('retainage_release'),
    settings: {
      lineItem:
        owner.ownerInvoiceLineItem === 'contract' && owner.ownerInvoiceContractItem
          ? { mode: 'contract', item: owner.ownerInvoiceContractItem }
          : { mode: 'cost_code' },
      retainageReceivableItem: owner.retainageReceivableItem,
      arAccount: owner.ownerInvoiceArAccount,
    },
    // Setting "typed": the number the accountant typed at send (export options refNumber, ≤ 11); none typed,
    // Procore's invoice number (the mapping's rule).
    typedInvoiceNumber: owner.ownerInvoiceNumberSource === 'typed' ? (options.refNumber ?? null) : null,
    ...(ctx.qbClosingDate ? { qbClosingDate: ctx.qbClosingDate } : {}),
  };
  return mapOwnerInvoice(record.paymentApplication, context);
}

/**
 * One owner invoice as one preview (the field-by-field preview and mapRecord's single answer): the first part to
 * send carries the request; the release invoice's fields follow, named as such.
 */
export function previewOwnerInvoice(result: OwnerInvoiceRequests | MappingFailure): MappingResult {
  if (!result.ok) return result;
  const first = result.invoice ?? result.retainageRelease!;
  const release = result.invoice && result.retainageRelease ? result.retainageRelease.preview : [];
  return {
    ...first,
    preview: [...first.preview, ...release.map((f) => ({ ...f, field: `Retainage release invoice: ${f.field}` }))],
  };
}
