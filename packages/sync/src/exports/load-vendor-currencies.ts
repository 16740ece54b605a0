import type { Prisma } from '@connector/db';

/**
 * Each QuickBooks vendor's currency (VendorRet CurrencyRef FullName) by ListID, for one company: from the last Refresh
 * Vendors (qb_list_entries data.currencyName), else from the VendorRet QuickBooks answered when the connector created or
 * matched the vendor (the export's request result). A vendor neither has shown is absent: its currency is not known.
 */
export async function loadVendorCurrencies(tx: Pick<Prisma.TransactionClient, '$queryRaw'>, companyId: string): Promise<Map<string, string>> {
  const rows = await tx.$queryRaw<Array<{ src: number; list_id: string; currency: string | null }>>`
    SELECT 0 AS src, e.list_id, e.data->>'currencyName' AS currency
    FROM qb_list_entries e
    WHERE e.company_id = ${companyId}::uuid AND e.list_type = 'Vendor' AND e.deleted_at IS NULL AND e.data->>'currencyName' IS NOT NULL
    UNION ALL
    SELECT 1 AS src, er.qb_id AS list_id, qr.result->'record'->'CurrencyRef'->>'FullName' AS currency
    FROM export_records er JOIN queued_requests qr ON qr.id = er.request_id AND qr.company_id = er.company_id
    WHERE er.company_id = ${companyId}::uuid AND er.record_type = 'vendor' AND er.qb_id IS NOT NULL
      AND qr.result->'record'->'CurrencyRef'->>'FullName' IS NOT NULL
    ORDER BY src`;
  const currencies = new Map<string, string>();
  // The list refresh (src 0) is read first and wins: it is the later reading of the vendor.
  for (const row of rows) if (row.currency !== null && !currencies.has(row.list_id)) currencies.set(row.list_id, row.currency.trim());
  return currencies;
}
