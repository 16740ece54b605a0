/**
 * The lists QuickBooks puts in a contractor's company file besides the chart of accounts, named as in Intuit's
 * sample construction company (Rock Castle Construction), which Intuit's qbXML samples assume (e.g.
 * legacy_VendorAddRq.xml sends VendorTypeRef "Materials"): terms, vendor and customer types, the sales tax
 * codes "Tax" and "Non" (qbxml130.xsd SalesTaxCodeRet: Name max 3), and the form templates a purchase order
 * or estimate prints with.
 */
export const DEFAULT_TERMS: {
  name: string;
  stdDueDays?: number;
  stdDiscountDays?: number;
  discountPct?: number;
  dayOfMonthDue?: number;
  dueNextMonthDays?: number;
}[] = [
  { name: 'Due on receipt', stdDueDays: 0 },
  { name: 'Net 15', stdDueDays: 15 },
  { name: 'Net 30', stdDueDays: 30 },
  { name: 'Net 60', stdDueDays: 60 },
  { name: '1% 10 Net 30', stdDueDays: 30, stdDiscountDays: 10, discountPct: 1 },
  { name: '2% 10 Net 30', stdDueDays: 30, stdDiscountDays: 10, discountPct: 2 },
  { name: 'Consignment', stdDueDays: 0 },
  // Date-driven: due on the 10th of the month; bills dated within 5 days of it are due the month after.
  { name: 'Due 10th', dayOfMonthDue: 10, dueNextMonthDays: 5 },
];

export const DEFAULT_VENDOR_TYPES: string[] = ['Consultant', 'Materials', 'Service Providers', 'Subcontractors', 'Suppliers', 'Tax agency'];

export const DEFAULT_CUSTOMER_TYPES: string[] = ['Commercial', 'From advertisement', 'Government', 'Referral', 'Residential'];

export const DEFAULT_SALES_TAX_CODES: { name: string; isTaxable: boolean; desc: string }[] = [
  { name: 'Tax', isTaxable: true, desc: 'Taxable Sales' },
  { name: 'Non', isTaxable: false, desc: 'Non-Taxable Sales' },
];

/** TemplateRet TemplateType values (qbxml130.xsd TemplateType enum). */
export const DEFAULT_TEMPLATES: { name: string; templateType: string }[] = [
  { name: 'Custom Purchase Order', templateType: 'PurchaseOrder' },
  { name: 'Custom Estimate', templateType: 'Estimate' },
  { name: 'Progress Invoice', templateType: 'Invoice' },
];
