// Test support: Procore records as @connector/procore types them, for a concrete subcontract on the
// "MOB Expansion" project.
import type { Commitment, CommitmentChangeOrder, CommitmentLineItem, Project, Requisition, StandardCostCode, Vendor } from '@connector/procore';
import type { ChangeOrderLineItem } from '../export-records.ts';
import { CC_CONCRETE, CC_REBAR, COMMITMENT_ID, PROJECT_ID, VENDOR_ID } from './fixtures.ts';

export const VENDOR: Vendor = {
  id: VENDOR_ID,
  name: 'ABC Concrete',
  address: '4600 N. 1st St., Suite B',
  city: 'Sacramento',
  state_code: 'CA',
  zip: '95814',
  country_code: 'US',
  business_phone: '(916) 555-0100',
  mobile_phone: '916-555-0101',
  fax_number: '916-555-0102',
  email_address: 'ap@abcconcrete.example',
  is_active: true,
};

export const PROJECT: Project = {
  id: PROJECT_ID,
  name: 'MOB Expansion',
  project_number: '2026-014',
  address: '1200 Riverside Dr, Building C',
  city: 'Sacramento',
  state_code: 'CA',
  zip: '95815',
  country_code: 'US',
  active: true,
  description: 'Medical office building expansion, 3 floors',
  start_date: '2026-03-02',
  completion_date: '2027-06-30',
};

export const COST_CODES: StandardCostCode[] = [
  { id: 300, parent_id: null, code: '03', full_code: '03', name: 'Concrete' },
  { id: CC_CONCRETE, parent_id: 300, code: '300', full_code: '03-300', name: 'Cast-in-Place' },
  { id: CC_REBAR, parent_id: 300, code: '200', full_code: '03-200', name: 'Reinforcing' },
];

export const COMMITMENT: Commitment = {
  id: COMMITMENT_ID,
  number: 'SC-001',
  title: 'Concrete subcontract',
  status: 'Approved',
  vendor: { id: VENDOR_ID, company: 'ABC Concrete' },
  contract_date: '2026-03-10',
  grand_total: '150000.00',
};

export const COMMITMENT_LINES: CommitmentLineItem[] = [
  { id: 501, amount: '100000.00', description: 'Footings and foundations', cost_code_id: CC_CONCRETE, position: 1 },
  { id: 502, amount: '50000.00', description: 'Rebar', cost_code_id: CC_REBAR, position: 2 },
];

export function changeOrder(lines: ChangeOrderLineItem[], fields: Partial<CommitmentChangeOrder> = {}): CommitmentChangeOrder {
  return { id: 90, number: '3', title: 'Added footings', status: 'approved', contract_id: COMMITMENT_ID, line_items: lines, ...fields };
}

export function requisition(fields: Partial<Requisition> = {}): Requisition {
  return {
    id: 70,
    project_id: PROJECT_ID,
    commitment_id: COMMITMENT_ID,
    number: 4,
    invoice_number: 'INV-0088',
    status: 'approved',
    billing_date: '2026-06-30',
    requisition_start: '2026-06-01',
    requisition_end: '2026-06-30',
    vendor_id: VENDOR_ID,
    vendor_name: 'ABC Concrete',
    items: [
      {
        id: 1,
        cost_code_id: CC_CONCRETE,
        line_item_id: 501,
        description_of_work: 'Footings and foundations',
        work_completed_this_period: '20000.00',
        materials_presently_stored: '5000.00',
        work_completed_retainage_retained_this_period: '2000.00',
        materials_stored_retainage_currently_retained: '500.00',
        work_completed_retainage_released_this_period: '0.00',
      },
      {
        id: 2,
        cost_code_id: CC_REBAR,
        line_item_id: 502,
        description_of_work: 'Rebar',
        work_completed_this_period: '10000.00',
        materials_presently_stored: null,
        work_completed_retainage_retained_this_period: '1000.00',
        materials_stored_retainage_currently_retained: null,
        work_completed_retainage_released_this_period: null,
      },
    ],
    ...fields,
  };
}
