import { describe, expect, it } from 'vitest';
import {
  describeChangeOrder,
  describeCommitment,
  describeCostCode,
  describeCostCodeRef,
  describeProject,
  describeRequisition,
  describeVendor,
} from './describe-record.ts';

describe('describe-record', () => {
  it('names vendors and projects with their Procore ids', () => {
    expect(describeVendor({ id: 12, name: ' ABC  Concrete ' })).toBe('the vendor "ABC Concrete" (Procore company 12)');
    expect(describeVendor({ id: 12, name: null })).toBe('the vendor (Procore company 12)');
    expect(describeProject({ id: 7, name: 'MOB Expansion' })).toBe('project "MOB Expansion" (Procore project 7)');
    expect(describeProject({ id: 7, name: '' })).toBe('project 7');
  });

  it('names cost codes by full code and name, falling back to the id', () => {
    expect(describeCostCode({ id: 301, code: '300', full_code: '03-300', name: 'Cast-in-Place' })).toBe('cost code 03-300 "Cast-in-Place"');
    expect(describeCostCode({ id: 301, code: '300', full_code: null, name: '' })).toBe('cost code 300');
    expect(describeCostCode({ id: 301, code: '', name: '' })).toBe('Procore cost code 301');
    expect(describeCostCodeRef(301, null)).toBe('Procore cost code 301');
    expect(describeCostCodeRef(301, { id: 301, full_code: '03-300', name: 'Concrete' })).toBe('cost code 03-300 "Concrete"');
  });

  it('names commitments, change orders and invoices', () => {
    expect(describeCommitment({ id: 40, number: 'SC-1', title: 'Concrete' })).toBe('commitment SC-1 "Concrete" (Procore commitment 40)');
    expect(describeCommitment({ id: 40, number: null, title: null })).toBe('commitment (Procore commitment 40)');
    expect(describeChangeOrder({ id: 90, number: '3', title: 'Added footings' })).toBe('commitment change order #3 "Added footings" (Procore change order 90)');
    expect(describeChangeOrder({ id: 90, number: null, title: null })).toBe('commitment change order (Procore change order 90)');
    expect(describeRequisition({ id: 70, number: 4, invoice_number: 'INV-88', vendor_name: 'ABC Concrete' })).toBe(
      'subcontractor invoice INV-88 from ABC Concrete (Procore requisition 70)',
    );
    expect(describeRequisition({ id: 70, number: 4, invoice_number: null, vendor_name: null })).toBe('subcontractor invoice #4 (Procore requisition 70)');
    expect(describeRequisition({ id: 70, number: null, invoice_number: '', vendor_name: null })).toBe('subcontractor invoice (Procore requisition 70)');
  });
});
