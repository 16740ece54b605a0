// How a Procore record is named in refusal messages and dependency labels: the name people know plus
// the Procore id, so an accountant can find the record and support can find the row.
import type { Commitment, CommitmentChangeOrder, CostCodeRef, Project, Requisition, StandardCostCode, Vendor } from '@connector/procore';
import { cleanText } from './clean-text.ts';

export function describeVendor(vendor: Pick<Vendor, 'id'> & { name?: string | null }): string {
  const name = cleanText(vendor.name);
  return name === '' ? `the vendor (Procore company ${vendor.id})` : `the vendor "${name}" (Procore company ${vendor.id})`;
}

export function describeProject(project: Pick<Project, 'id'> & { name?: string | null }): string {
  const name = cleanText(project.name);
  return name === '' ? `project ${project.id}` : `project "${name}" (Procore project ${project.id})`;
}

export function describeCostCode(costCode: Pick<StandardCostCode, 'id'> & Partial<Pick<StandardCostCode, 'code' | 'full_code' | 'name'>>): string {
  const code = cleanText(costCode.full_code ?? costCode.code);
  const name = cleanText(costCode.name);
  if (code !== '' && name !== '') return `cost code ${code} "${name}"`;
  if (code !== '') return `cost code ${code}`;
  return `Procore cost code ${costCode.id}`;
}

/** A cost code as nested in line items; only the id is certain. */
export function describeCostCodeRef(id: number, ref?: CostCodeRef | null): string {
  return describeCostCode({ id, code: ref?.code ?? '', full_code: ref?.full_code ?? null, name: ref?.name ?? '' });
}

export function describeCommitment(commitment: Pick<Commitment, 'id' | 'number' | 'title'>): string {
  const number = cleanText(commitment.number);
  const title = cleanText(commitment.title);
  const head = number === '' ? 'commitment' : `commitment ${number}`;
  return `${head}${title === '' ? '' : ` "${title}"`} (Procore commitment ${commitment.id})`;
}

export function describeChangeOrder(changeOrder: Pick<CommitmentChangeOrder, 'id' | 'number' | 'title'>): string {
  const number = cleanText(changeOrder.number);
  const title = cleanText(changeOrder.title);
  const head = number === '' ? 'commitment change order' : `commitment change order #${number}`;
  return `${head}${title === '' ? '' : ` "${title}"`} (Procore change order ${changeOrder.id})`;
}

export function describeRequisition(requisition: Pick<Requisition, 'id' | 'number' | 'invoice_number' | 'vendor_name'>): string {
  const invoice = cleanText(requisition.invoice_number);
  const vendor = cleanText(requisition.vendor_name);
  const head =
    invoice !== '' ? `subcontractor invoice ${invoice}` : requisition.number != null ? `subcontractor invoice #${requisition.number}` : 'subcontractor invoice';
  return `${head}${vendor === '' ? '' : ` from ${vendor}`} (Procore requisition ${requisition.id})`;
}
