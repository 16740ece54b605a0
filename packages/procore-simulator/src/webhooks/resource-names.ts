// Webhook resource names the simulator emits (API-CONTRACT.md "Webhook delivery"); Contract Payments is
// emitted too so a trigger on it works, though the connector does not subscribe to it.
export const WEBHOOK_RESOURCE_NAMES = [
  'Projects',
  'Vendors',
  'Standard Cost Codes',
  'Cost Codes',
  'Work Order Contracts',
  'Purchase Order Contracts',
  'Commitment Change Orders',
  'Requisitions',
  'Budget Line Items',
  'Direct Costs',
  'Contract Payments',
  // The owner side (issue 21): Procore's webhook resource names for the Prime Contracts tool and its owner
  // invoices, written as the Webhooks page lists them beside the names above; payments received are Contract Payments.
  'Prime Contracts',
  'Payment Applications',
  // Prime contract change orders, named after their endpoint as Commitment Change Orders is (not verified).
  'Prime Change Orders',
] as const;

export const WEBHOOK_EVENT_TYPES = ['create', 'update', 'delete'] as const;
