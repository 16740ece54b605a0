// The kinds of record link (record_links.procore_type / qb_type): shared by exports (which write links) and
// imports (which read them), so both folders import them from here rather than from each other.
/**
 * record_links.procore_type per exported record. A change order has no link of its own: it changes the
 * commitment's purchase order (its lines carry change-order line keys).
 */
export const LINK_TYPES = {
  vendor: 'vendor',
  project: 'project',
  cost_code: 'cost_code',
  commitment: 'commitment',
  budget: 'budget',
  invoice: 'invoice',
  /** An owner invoice (Procore payment application) → its QuickBooks progress invoice. */
  ownerInvoice: 'payment_application',
  /** The same owner invoice's retainage released this period → the QuickBooks invoice of its own (issue 21). */
  ownerInvoiceRetainageRelease: 'payment_application_retainage_release',
  /**
   * A prime contract → the estimate that is the job's contract value (issue 21). Its approved change orders have no
   * link of their own: they add lines to this estimate (their lines carry prime-change-order line keys).
   */
  primeContract: 'prime_contract',
} as const;

export const QB_TYPES = {
  vendor: 'Vendor',
  project: 'Customer',
  cost_code_service: 'ItemService',
  cost_code_other_charge: 'ItemOtherCharge',
  commitment: 'PurchaseOrder',
  budget: 'Estimate',
  invoice: 'Bill',
  ownerInvoice: 'Invoice',
  primeContract: 'Estimate',
} as const;
