/**
 * The Activity screen's "Record type" filter: each choice is a kind of record as a person thinks of it,
 * and the audit entries stored about it under several names (the export of a commitment, the purchase
 * order QuickBooks holds for it, Procore's copy of it). The server filters by this table and the app
 * lists its choices, so a choice can never name something that is not stored (it did: the page sent
 * `commitment`, entries were stored as `export_commitment`, and every choice returned nothing).
 *
 * Audit subject types, as written by packages/sync: `export_<record type>`, `qb_<QuickBooks list or
 * transaction type>` (list types lower-cased: `qb_vendor`, `qb_customer`; transaction types as QuickBooks
 * names them: `qb_Bill`, `qb_Check`), `procore_<resource type>`, the link types of a removed link
 * (`project`, `vendor`), `qbwc_session`, `qbwc_message`, `queued_request`, `import`, `user`.
 */
export interface ActivityRecordType {
  label: string;
  /** Audit entries whose subject type is one of these (compared without case). */
  subjectTypes: readonly string[];
  /** …or whose action starts with one of these (entries about the company itself have no subject). */
  actionPrefixes?: readonly string[];
}

export const ACTIVITY_RECORD_TYPES = {
  commitment: { label: 'Commitments', subjectTypes: ['export_commitment', 'procore_work_order_contract', 'procore_purchase_order_contract', 'commitment'] },
  change_order: { label: 'Change orders', subjectTypes: ['export_change_order', 'procore_commitment_change_order'] },
  invoice: { label: 'Subcontractor invoices and bills', subjectTypes: ['export_invoice', 'procore_requisition', 'qb_bill', 'invoice'] },
  payment: { label: 'Bill payments', subjectTypes: ['qb_billpaymentcheck', 'qb_billpaymentcreditcard'] },
  budget: { label: 'Budgets', subjectTypes: ['export_budget', 'budget'] },
  project: { label: 'Projects and jobs', subjectTypes: ['export_project', 'procore_project', 'qb_customer', 'project'] },
  vendor: { label: 'Vendors', subjectTypes: ['export_vendor', 'procore_vendor', 'qb_vendor', 'vendor'] },
  cost_code: { label: 'Cost codes and items', subjectTypes: ['export_cost_code', 'procore_standard_cost_code', 'qb_item', 'cost_code'] },
  job_cost: { label: 'Job costs', subjectTypes: ['import', 'qb_check', 'qb_creditcardcharge', 'direct_cost'] },
  web_connector: { label: 'Web Connector sessions and requests', subjectTypes: ['qbwc_session', 'qbwc_message', 'queued_request'] },
  settings: { label: 'Settings', subjectTypes: [], actionPrefixes: ['settings.'] },
  member: { label: 'Members and sign-in', subjectTypes: ['user'] },
} as const satisfies Record<string, ActivityRecordType>;

export type ActivityRecordTypeKey = keyof typeof ACTIVITY_RECORD_TYPES;
export const ACTIVITY_RECORD_TYPE_KEYS = Object.keys(ACTIVITY_RECORD_TYPES) as ActivityRecordTypeKey[];

export function isActivityRecordType(value: string): value is ActivityRecordTypeKey {
  return Object.hasOwn(ACTIVITY_RECORD_TYPES, value);
}

/** The record-type choice a stored audit entry falls under, or null (then only "All records" shows it). */
export function activityRecordTypeOf(entry: { subjectType: string | null; action: string }): ActivityRecordTypeKey | null {
  const subject = entry.subjectType?.toLowerCase() ?? null;
  for (const key of ACTIVITY_RECORD_TYPE_KEYS) {
    const type: ActivityRecordType = ACTIVITY_RECORD_TYPES[key];
    if (subject !== null && type.subjectTypes.includes(subject)) return key;
    if (type.actionPrefixes?.some((p) => entry.action.startsWith(p))) return key;
  }
  return null;
}
