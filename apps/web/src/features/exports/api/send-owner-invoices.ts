import type { CompanySettingsValues } from '@connector/contract';
import { queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { applyExportAction, type ExportActionResult, type ExportItem, type ExportStatus } from './export-queries.ts';

/** QuickBooks' RefNumber on an invoice holds at most 11 characters (@connector/contract ExportChoicesBody.refNumber, QBXML InvoiceAdd). */
export const INVOICE_NUMBER_MAX = 11;

/**
 * Where the QuickBooks invoice number of an owner invoice comes from (company setting `ownerInvoiceNumberSource`).
 * Same key as the settings screen's query (features/settings settingsQuery, the same GET /settings answer), so saving
 * the settings refreshes it; features do not import each other, hence the second query options.
 */
export const ownerInvoiceNumberSourceQuery = (companyId: string) =>
  queryOptions({
    queryKey: ['settings', companyId] as const,
    queryFn: ({ signal }) => api.get<CompanySettingsValues>(companyPath(companyId, '/settings'), undefined, signal),
    staleTime: 30_000,
    select: (settings): CompanySettingsValues['ownerInvoiceNumberSource'] => settings.ownerInvoiceNumberSource,
  });

/** Procore's invoice number as the list gives it (ExportItemBody.number, issue 21); '' when Procore has none. */
export function procoreInvoiceNumber(item: Pick<ExportItem, 'number'>): string {
  return item.number ?? '';
}

/** Why a typed invoice number cannot be sent, or null when it can (the server's rule: 1–11 characters once trimmed). */
export function checkInvoiceNumber(value: string): string | null {
  const number = value.trim();
  if (number.length === 0) return 'Type the QuickBooks invoice number.';
  if (number.length > INVOICE_NUMBER_MAX) return `QuickBooks takes at most ${INVOICE_NUMBER_MAX} characters; this one has ${number.length}.`;
  return null;
}

export interface TypedInvoiceNumber {
  procoreId: string;
  title: string;
  /** Its status when sent: what it stays in when its request fails. */
  status: ExportStatus;
  refNumber: string;
}

/**
 * Sends owner invoices to accounting with their typed QuickBooks numbers. The send takes one `options.refNumber` per
 * call (apply-export-action.ts keeps the choices for every record of the call), so each invoice is its own request.
 * Each request's Idempotency-Key is the click's key and the invoice: a retry of the same click sends the same keys, so
 * the server does each invoice at most once. A request that fails becomes that invoice's refusal, named by its
 * title, and the others keep their outcome.
 */
export async function sendOwnerInvoicesWithNumbers(companyId: string, invoices: readonly TypedInvoiceNumber[], clickKey: string): Promise<ExportActionResult> {
  const results: ExportActionResult['results'] = [];
  // One after the other: a company's sends are few, and the server's answers then come back in the order shown.
  for (const invoice of invoices) {
    try {
      const answer = await applyExportAction(
        companyId,
        'owner_invoice',
        'send',
        { procoreIds: [invoice.procoreId], options: { refNumber: invoice.refNumber.trim() } },
        `${clickKey}:${invoice.procoreId}`,
      );
      results.push(
        ...answer.results.map((result) =>
          result.outcome === 'refused' ? { ...result, message: `${invoice.title}: ${result.message ?? 'not possible.'}` } : result,
        ),
      );
    } catch (error) {
      const message = isApiError(error) || error instanceof Error ? error.message : 'The request did not go through.';
      results.push({
        procoreId: invoice.procoreId,
        outcome: 'refused',
        status: invoice.status,
        code: isApiError(error) ? error.code : null,
        message: `${invoice.title}: ${message}`,
      });
    }
  }
  return { results };
}
