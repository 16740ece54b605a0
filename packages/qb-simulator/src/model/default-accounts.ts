/**
 * A contractor's default chart of accounts, shaped like Intuit's sample construction company
 * (income under "Construction", job costs under "Job Expenses"), which Intuit's qbXML samples assume.
 * Sub-accounts are referenced by FullName, e.g. "Job Expenses:Job Materials".
 */
export const DEFAULT_ACCOUNTS: { name: string; accountType: string; accountNumber: string; specialAccountType?: string; parent?: string }[] = [
  { name: 'Checking', accountType: 'Bank', accountNumber: '1000' },
  { name: 'Savings', accountType: 'Bank', accountNumber: '1010' },
  { name: 'Accounts Receivable', accountType: 'AccountsReceivable', accountNumber: '1200', specialAccountType: 'AccountsReceivable' },
  { name: 'Retainage Receivable', accountType: 'OtherCurrentAsset', accountNumber: '1250' },
  { name: 'Undeposited Funds', accountType: 'OtherCurrentAsset', accountNumber: '1499', specialAccountType: 'UndepositedFunds' },
  { name: 'Trucks & Equipment', accountType: 'FixedAsset', accountNumber: '1500' },
  { name: 'Accounts Payable', accountType: 'AccountsPayable', accountNumber: '2000', specialAccountType: 'AccountsPayable' },
  { name: 'Company Visa', accountType: 'CreditCard', accountNumber: '2050' },
  { name: 'Retainage Payable', accountType: 'OtherCurrentLiability', accountNumber: '2100' },
  { name: 'Payroll Liabilities', accountType: 'OtherCurrentLiability', accountNumber: '2200', specialAccountType: 'PayrollLiabilities' },
  { name: 'Sales Tax Payable', accountType: 'OtherCurrentLiability', accountNumber: '2300', specialAccountType: 'SalesTaxPayable' },
  { name: 'Opening Balance Equity', accountType: 'Equity', accountNumber: '3000', specialAccountType: 'OpeningBalanceEquity' },
  { name: 'Retained Earnings', accountType: 'Equity', accountNumber: '3900', specialAccountType: 'RetainedEarnings' },
  { name: 'Construction', accountType: 'Income', accountNumber: '4000' },
  { name: 'Labor', accountType: 'Income', accountNumber: '4010', parent: 'Construction' },
  { name: 'Materials', accountType: 'Income', accountNumber: '4020', parent: 'Construction' },
  { name: 'Subcontracted Labor', accountType: 'Income', accountNumber: '4030', parent: 'Construction' },
  { name: 'Job Expenses', accountType: 'CostOfGoodsSold', accountNumber: '5000' },
  { name: 'Job Materials', accountType: 'CostOfGoodsSold', accountNumber: '5010', parent: 'Job Expenses' },
  { name: 'Subcontractors', accountType: 'CostOfGoodsSold', accountNumber: '5020', parent: 'Job Expenses' },
  { name: 'Equipment Rental', accountType: 'CostOfGoodsSold', accountNumber: '5030', parent: 'Job Expenses' },
  { name: 'Permits and Licenses', accountType: 'CostOfGoodsSold', accountNumber: '5040', parent: 'Job Expenses' },
  { name: 'Direct Labor', accountType: 'CostOfGoodsSold', accountNumber: '5050', parent: 'Job Expenses' },
  { name: 'Insurance Expense', accountType: 'Expense', accountNumber: '6100' },
  { name: 'Office Supplies', accountType: 'Expense', accountNumber: '6200' },
  { name: 'Rent Expense', accountType: 'Expense', accountNumber: '6300' },
  { name: 'Utilities', accountType: 'Expense', accountNumber: '6400' },
  { name: 'Automobile', accountType: 'Expense', accountNumber: '6500' },
  { name: 'Interest Income', accountType: 'OtherIncome', accountNumber: '7000' },
  // Where stocked materials (inventory items) are carried until used on a job.
  { name: 'Inventory Asset', accountType: 'OtherCurrentAsset', accountNumber: '1120' },
];
