import type { ExportRecordType } from './export-queries.ts';

export interface ExportColumns {
  project: boolean;
  commitment: boolean;
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
  const transaction = recordType === 'commitment' || recordType === 'change_order' || recordType === 'invoice' || recordType === 'owner_invoice';
  return {
    project: transaction || recordType === 'budget',
    commitment: recordType === 'change_order' || recordType === 'invoice',
    amount: transaction,
    procoreStatus: transaction,
  };
}
