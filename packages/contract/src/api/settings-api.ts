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

export const settingsApi = {
  /** GET /api/companies/:companyId/settings */
  read: { params: CompanyParams, response: { 200: SettingsBody, 404: ErrorBody } },
  /** PATCH or PUT /api/companies/:companyId/settings (admins) */
  change: { params: CompanyParams, body: SettingsChangeBody, response: { 200: SettingsBody, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
} as const;

// The wire shape and the settings' own type must stay one: a setting added to one and not the other fails tsc here.
const sameShape: [SettingsBody, CompanySettingsValues] extends [CompanySettingsValues, SettingsBody] ? true : never = true;
void sameShape;
