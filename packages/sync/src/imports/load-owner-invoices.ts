import type { Prisma } from '@connector/db';
import type { OwnerInvoiceForQbInvoice } from '@connector/mapping';

// Which QuickBooks invoices stand for Procore owner invoices (issue 21), for the payments received push
// (push-owner-payments.ts). The owner invoice export links each invoice it creates as record_links
// procore_type payment_application (the progress invoice) or payment_application_retainage_release (the invoice of
// its own that bills released retainage) → qb_type Invoice, procore_id = the owner invoice's id; what the payment
// needs of the owner invoice (project, prime contract, number) comes from our copy of it (procore_records
// payment_application, kept by the reconcile and webhooks).

/** record_links.procore_type values of an owner invoice's QuickBooks invoices (LINK_TYPES ownerInvoice / ownerInvoiceRetainageRelease). */
export const OWNER_INVOICE_LINK_TYPES = ['payment_application', 'payment_application_retainage_release'] as const;
const QB_INVOICE = 'Invoice';

export type OwnerInvoiceLookup =
  | { found: true; ownerInvoice: OwnerInvoiceForQbInvoice }
  /** Linked, but what it was exported from cannot take a payment: the code and, starting with the invoice's name, the sentence a person can act on. */
  | { found: false; code: 'OWNER_INVOICE_GONE' | 'PROJECT_GONE'; message: string };

type Reader = Pick<Prisma.TransactionClient, 'recordLink' | 'procoreRecord'>;

/** Every linked QuickBooks invoice of the company, by TxnID. An invoice not in the map is not from Procore. */
export async function loadOwnerInvoices(tx: Reader, companyId: string): Promise<Map<string, OwnerInvoiceLookup>> {
  const links = await tx.recordLink.findMany({
    where: { companyId, qbType: QB_INVOICE, procoreType: { in: [...OWNER_INVOICE_LINK_TYPES] } },
    select: { procoreId: true, qbId: true, qbName: true },
  });
  const byInvoice = new Map<string, OwnerInvoiceLookup>();
  if (links.length === 0) return byInvoice;
  const records = await tx.procoreRecord.findMany({
    where: { companyId, resourceType: 'payment_application', procoreId: { in: [...new Set(links.map((l) => l.procoreId))] } },
    select: { procoreId: true, procoreProjectId: true, data: true, deletedAt: true },
  });
  const recordById = new Map(records.map((r) => [r.procoreId, r]));
  const projectIds = [...new Set(records.map((r) => r.procoreProjectId).filter((p): p is string => p !== null))];
  const goneProjects = new Set(
    (
      await tx.procoreRecord.findMany({
        where: { companyId, resourceType: 'project', procoreId: { in: projectIds }, deletedAt: { not: null } },
        select: { procoreId: true },
      })
    ).map((p) => p.procoreId),
  );
  for (const link of links) {
    const invoiceName = `QuickBooks invoice ${link.qbName ?? link.qbId}`;
    const record = recordById.get(link.procoreId);
    const data = (record?.data ?? {}) as { contract_id?: unknown; number?: unknown; invoice_number?: unknown };
    const primeContractId = Number(data.contract_id);
    if (!record || record.deletedAt !== null || record.procoreProjectId === null || !Number.isSafeInteger(primeContractId)) {
      byInvoice.set(link.qbId, {
        found: false,
        code: 'OWNER_INVOICE_GONE',
        message: `${invoiceName}, which was exported from Procore owner invoice ${link.procoreId}; that owner invoice is no longer in Procore (deleted, or not readable in our copy of it), so no payment can be recorded on it. Record the payment by hand on the owner invoice that took its place in Procore, then run Update Job Costs again; or tell us if the owner invoice still exists (Procore → Refresh).`,
      });
      continue;
    }
    if (goneProjects.has(record.procoreProjectId)) {
      byInvoice.set(link.qbId, {
        found: false,
        code: 'PROJECT_GONE',
        message: `${invoiceName}, which was exported from an owner invoice of Procore project ${record.procoreProjectId}; that project has been deleted in Procore, so no payment can be recorded on it. Restore the project in Procore (then run Update Job Costs again), or record the payment outside Procore.`,
      });
      continue;
    }
    const number = Number(data.number);
    byInvoice.set(link.qbId, {
      found: true,
      ownerInvoice: {
        procoreProjectId: Number(record.procoreProjectId),
        primeContractId,
        paymentApplicationId: Number(link.procoreId),
        paymentApplicationNumber: data.number != null && Number.isSafeInteger(number) ? number : null,
        invoiceNumber: typeof data.invoice_number === 'string' && data.invoice_number !== '' ? data.invoice_number : null,
      },
    });
  }
  return byInvoice;
}
