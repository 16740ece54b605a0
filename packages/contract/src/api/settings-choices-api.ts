import { Type, type Static } from 'typebox';
import type { CompanySettingsValues } from '../company-settings.ts';
import { CompanyParams, ErrorBody, NullableString, stringEnum } from './common-schemas.ts';

/**
 * What the Settings pickers offer (issue 18 item 4): QuickBooks accounts and classes from our copy of the company
 * file (read with the items refresh), and Procore standard cost codes from our copy of Procore.
 */

/** qbxml130.xsd AccountTypeENUM (AccountRet AccountType; AccountQuery's AccountType filter takes the same values). */
export const QB_ACCOUNT_TYPES = [
  'AccountsPayable',
  'AccountsReceivable',
  'Bank',
  'CostOfGoodsSold',
  'CreditCard',
  'Equity',
  'Expense',
  'FixedAsset',
  'Income',
  'LongTermLiability',
  'NonPosting',
  'OtherAsset',
  'OtherCurrentAsset',
  'OtherCurrentLiability',
  'OtherExpense',
  'OtherIncome',
] as const;
export type QbAccountType = (typeof QB_ACCOUNT_TYPES)[number];

/**
 * The account types each account setting may take, from what it is used for (packages/mapping map-cost-codes.ts):
 * the expense account is a new cost-code item's ExpenseAccountRef (two-sided) or AccountRef (one-sided), where POs
 * and bills post job cost — cost of goods sold or an expense; the income account is a two-sided item's
 * IncomeAccountRef, where estimates post. QuickBooks' own item form offers the same split. The owner invoices' A/R account
 * is their ARAccountRef.
 */
export const ACCOUNT_TYPES_FOR_SETTING = {
  itemExpenseAccount: ['CostOfGoodsSold', 'Expense', 'OtherExpense'],
  itemIncomeAccount: ['Income', 'OtherIncome'],
  // Owner invoices: InvoiceAdd's ARAccountRef (qbxml130.xsd) — QuickBooks takes only an Accounts Receivable account there.
  ownerInvoiceArAccount: ['AccountsReceivable'],
} as const satisfies Partial<Record<keyof CompanySettingsValues, readonly QbAccountType[]>>;

export const QuickBooksListsQuery = Type.Object(
  {
    /** Only accounts of these types (repeat the parameter: `?accountType=Expense&accountType=CostOfGoodsSold`). */
    accountType: Type.Optional(Type.Array(stringEnum(QB_ACCOUNT_TYPES), { maxItems: QB_ACCOUNT_TYPES.length })),
  },
  { additionalProperties: false },
);
export type QuickBooksListsQuery = Static<typeof QuickBooksListsQuery>;

export const QuickBooksAccountBody = Type.Object({
  listId: Type.String(),
  fullName: Type.String(),
  accountType: Type.String(),
  accountNumber: NullableString,
  isActive: Type.Boolean(),
});
export type QuickBooksAccountBody = Static<typeof QuickBooksAccountBody>;
export const QuickBooksClassBody = Type.Object({ listId: Type.String(), fullName: Type.String(), isActive: Type.Boolean() });
export type QuickBooksClassBody = Static<typeof QuickBooksClassBody>;

/**
 * `readAt` null = the list was never read from QuickBooks (refresh items, then the next Web Connector session reads
 * it); `refreshPending` = a read is queued or under way.
 */
export const QuickBooksListsBody = Type.Object({
  accounts: Type.Object({ readAt: NullableString, entries: Type.Array(QuickBooksAccountBody) }),
  classes: Type.Object({ readAt: NullableString, entries: Type.Array(QuickBooksClassBody) }),
  refreshPending: Type.Boolean(),
});
export type QuickBooksListsBody = Static<typeof QuickBooksListsBody>;

/** A Procore standard cost code from our copy of Procore (kept by webhooks and reconciliation). */
export const ProcoreCostCodeBody = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });
export type ProcoreCostCodeBody = Static<typeof ProcoreCostCodeBody>;
export const ProcoreCostCodeListBody = Type.Object({ costCodes: Type.Array(ProcoreCostCodeBody) });
export type ProcoreCostCodeListBody = Static<typeof ProcoreCostCodeListBody>;

export const settingsChoicesApi = {
  /** GET /api/companies/:companyId/settings/quickbooks-lists — accounts (filterable by type) and classes. */
  quickBooksLists: { params: CompanyParams, querystring: QuickBooksListsQuery, response: { 200: QuickBooksListsBody, 400: ErrorBody, 404: ErrorBody } },
  /** GET /api/companies/:companyId/settings/cost-codes — Procore standard cost codes, for the cost code → class mapping. */
  costCodes: { params: CompanyParams, response: { 200: ProcoreCostCodeListBody, 404: ErrorBody } },
} as const;
