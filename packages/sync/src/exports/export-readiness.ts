import { checkProcoreApproval, type NotApprovedInProcore } from '@connector/mapping';
import type { ExportRecordType } from './export-workflow.ts';
import type { ExportSource } from './read-export-source.ts';

/**
 * Whether Procore has approved a record, by the one rule of `checkProcoreApproval` (@connector/mapping):
 * from our copy of Procore (the export list and the send/approve actions), and from what export.prepare
 * has just read from Procore (the last check before a request is queued for QuickBooks).
 */
export function notReadyFromCopy(recordType: ExportRecordType, data: unknown): NotApprovedInProcore | null {
  const status = data && typeof data === 'object' ? (data as Record<string, unknown>)['status'] : undefined;
  return checkProcoreApproval(recordType, status);
}

export function notReadyFromSource(source: ExportSource): NotApprovedInProcore | null {
  const record = source.record;
  switch (record.type) {
    case 'commitment':
      return checkProcoreApproval('commitment', record.commitment.status);
    case 'change_order':
      return checkProcoreApproval('change_order', record.changeOrder.status);
    case 'invoice':
      return checkProcoreApproval('invoice', record.requisition.status);
    case 'owner_invoice':
      return checkProcoreApproval('owner_invoice', record.paymentApplication.status);
    case 'prime_contract':
      return checkProcoreApproval('prime_contract', record.primeContract.status);
    case 'prime_change_order':
      return checkProcoreApproval('prime_change_order', record.changeOrder.status);
    default:
      return null;
  }
}
