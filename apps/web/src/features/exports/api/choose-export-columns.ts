import type { ExportRecordType } from './export-queries.ts';

export interface ExportColumns {
  project: boolean;
  commitment: boolean;
  /** The heading of that column: a prime contract change order belongs to its prime contract. */
  commitmentLabel: 'Commitment' | 'Prime contract';
  amount: boolean;
  procoreStatus: boolean;
}

/**
 * Which columns tell the records of a type apart. Transactions carry a project, an amount and a status in Procore;
 * change orders and invoices belong to a commitment (an owner invoice belongs to the project's prime contract, not to
 * a commitment); a budget belongs to its project. Vendors, cost codes and projects are company-level lists: their
 * name is what tells them apart.
 */
export function chooseExportColumns(recordType: ExportRecordType): ExportColumns {
  const transaction =
    recordType === 'commitment' ||
    recordType === 'change_order' ||
    recordType === 'invoice' ||
    recordType === 'owner_invoice' ||
    recordType === 'prime_contract' ||
    recordType === 'prime_change_order';
  return {
    project: transaction || recordType === 'budget',
    // A prime contract change order's contract is shown in the same column: the prime contract it changes.
    commitment: recordType === 'change_order' || recordType === 'invoice' || recordType === 'prime_change_order',
    commitmentLabel: recordType === 'prime_change_order' ? 'Prime contract' : 'Commitment',
    amount: transaction,
    procoreStatus: transaction,
  };
}
