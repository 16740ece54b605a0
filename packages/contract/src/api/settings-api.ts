import { Type, type Static } from 'typebox';
import type { CompanySettingsValues } from '../company-settings.ts';
import { CompanyParams, ErrorBody, nullable, QbRef, stringEnum } from './common-schemas.ts';

/**
 * Company settings as the API answers them (docs/integration-map.md#settings). The rules (ranges, required
 * pairs) are `checkSettingsChange` in company-settings.ts, shared with the form; this is the wire shape.
 */
export const SettingsBody = Type.Object({
  useProcoreContractNumber: Type.Boolean(),
  autoAddCostCodesToBudgets: Type.Boolean(),
  directCostColumn: stringEnum(['read_only_from_quickbooks', 'editable']),
  hideJobToDateCosts: Type.Boolean(),
  vendorUpdatePolicy: stringEnum(['update', 'never']),
  invoiceRetainageItem: nullable(QbRef),
  itemExpenseAccount: nullable(QbRef),
  itemIncomeAccount: nullable(QbRef),
  classByCostCode: Type.Record(Type.String(), QbRef),
  approvalRequired: Type.Boolean(),
  itemType: stringEnum(['service', 'other_charge']),
  itemNameRule: stringEnum(['refuse', 'abbreviate']),
  refreshJobsAndVendorsEveryHours: Type.Integer(),
  refreshJobCostsEveryHours: Type.Integer(),
  qbwcRunEveryMinutes: Type.Integer(),
  retainageReceivableItem: nullable(QbRef),
  ownerInvoiceArAccount: nullable(QbRef),
  ownerInvoiceLineItem: stringEnum(['cost_code', 'contract']),
  ownerInvoiceContractItem: nullable(QbRef),
  ownerInvoiceNumberSource: stringEnum(['procore', 'typed']),
});
export type SettingsBody = Static<typeof SettingsBody>;

/**
 * A change: some or all settings. Validated whole by `checkSettingsChange` (its messages name the field), so the
 * schema asks only for an object with something in it.
 */
export const SettingsChangeBody = Type.Record(Type.String(), Type.Unknown(), { minProperties: 1 });
export type SettingsChangeBody = Partial<CompanySettingsValues>;

/**
 * Create the Retainage Receivable item in QuickBooks (issue 21: "ItemServiceAdd for the retainage item if missing"):
 * an Other Charge item on the Other Current Asset account the person chose (retainage receivable is an asset the owner
 * still owes, not income). `accountListId`: that account, from the QuickBooks accounts list.
 */
export const CreateRetainageReceivableItemBody = Type.Object({ accountListId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export type CreateRetainageReceivableItemBody = Static<typeof CreateRetainageReceivableItemBody>;

/**
 * `chosen`: an active item of that name was already in QuickBooks (the connector's copy of the items list), so it is
 * the setting now and nothing is written; `queued`: the ItemOtherChargeAdd waits for the next Web Connector run and the
 * setting is filled when QuickBooks confirms it; `already_chosen`: the setting names an item already (nothing done).
 */
export const CreateRetainageReceivableItemResult = Type.Object({
  outcome: stringEnum(['chosen', 'queued', 'already_chosen']),
  item: nullable(QbRef),
  message: Type.String(),
});
export type CreateRetainageReceivableItemResult = Static<typeof CreateRetainageReceivableItemResult>;

export const settingsApi = {
  /** GET /api/companies/:companyId/settings */
  read: { params: CompanyParams, response: { 200: SettingsBody, 404: ErrorBody } },
  /** PATCH or PUT /api/companies/:companyId/settings (admins) */
  change: { params: CompanyParams, body: SettingsChangeBody, response: { 200: SettingsBody, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
  /** POST /api/companies/:companyId/settings/retainage-receivable-item (admins) */
  createRetainageReceivableItem: {
    params: CompanyParams,
    body: CreateRetainageReceivableItemBody,
    response: { 200: CreateRetainageReceivableItemResult, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
  },
} as const;

// The wire shape and the settings' own type must stay one: a setting added to one and not the other fails tsc here.
const sameShape: [SettingsBody, CompanySettingsValues] extends [CompanySettingsValues, SettingsBody] ? true : never = true;
void sameShape;
