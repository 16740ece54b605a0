import { handleBillAdd, handleBillQuery } from './bill-handlers.ts';
import { handleAccountQuery, handleClassQuery } from './class-account-handlers.ts';
import { handleCustomerAdd, handleCustomerMod, handleCustomerQuery } from './customer-handlers.ts';
import { handleListDeletedQuery, handleTxnDeletedQuery } from './deleted-query-handlers.ts';
import { handleEstimateAdd, handleEstimateMod, handleEstimateQuery } from './estimate-handlers.ts';
import { handleDepositQuery, handleReceivePaymentToDepositQuery } from './deposit-handlers.ts';
import { handleInvoiceAdd, handleInvoiceMod, handleInvoiceQuery } from './invoice-handlers.ts';
import { handleReceivePaymentAdd, handleReceivePaymentQuery } from './receive-payment-handlers.ts';
import { handleCompanyQuery, handleHostQuery, handlePreferencesQuery } from './host-company-handlers.ts';
import {
  handleItemDiscountQuery,
  handleItemGroupQuery,
  handleItemInventoryQuery,
  handleItemNonInventoryQuery,
  handleItemOtherChargeAdd,
  handleItemOtherChargeMod,
  handleItemOtherChargeQuery,
  handleItemPaymentQuery,
  handleItemQuery,
  handleItemSalesTaxQuery,
  handleItemServiceAdd,
  handleItemServiceMod,
  handleItemServiceQuery,
  handleItemSubtotalQuery,
} from './item-handlers.ts';
import { handlePurchaseOrderAdd, handlePurchaseOrderMod, handlePurchaseOrderQuery } from './purchase-order-handlers.ts';
import {
  handleCurrencyQuery,
  handleCustomerTypeQuery,
  handleDateDrivenTermsQuery,
  handleSalesTaxCodeQuery,
  handleStandardTermsQuery,
  handleTemplateQuery,
  handleTermsQuery,
  handleVendorTypeQuery,
} from './profile-list-handlers.ts';
import type { RequestHandler } from './request-context.ts';
import { handleBillPaymentCheckQuery, handleCheckQuery, handleCreditCardChargeQuery } from './spend-query-handlers.ts';
import { handleVendorAdd, handleVendorMod, handleVendorQuery } from './vendor-handlers.ts';

/** The qbXML requests the simulator answers (docs/integration-map.md#what-moves integration map); any other valid request gets 1030. */
export const REQUEST_HANDLERS: ReadonlyMap<string, RequestHandler> = new Map<string, RequestHandler>([
  ['HostQueryRq', handleHostQuery],
  ['CompanyQueryRq', handleCompanyQuery],
  ['PreferencesQueryRq', handlePreferencesQuery],
  ['VendorAddRq', handleVendorAdd],
  ['VendorModRq', handleVendorMod],
  ['VendorQueryRq', handleVendorQuery],
  ['CustomerAddRq', handleCustomerAdd],
  ['CustomerModRq', handleCustomerMod],
  ['CustomerQueryRq', handleCustomerQuery],
  ['ItemServiceAddRq', handleItemServiceAdd],
  ['ItemServiceModRq', handleItemServiceMod],
  ['ItemServiceQueryRq', handleItemServiceQuery],
  ['ItemOtherChargeAddRq', handleItemOtherChargeAdd],
  ['ItemOtherChargeModRq', handleItemOtherChargeMod],
  ['ItemOtherChargeQueryRq', handleItemOtherChargeQuery],
  ['ItemNonInventoryQueryRq', handleItemNonInventoryQuery],
  ['ItemInventoryQueryRq', handleItemInventoryQuery],
  ['ItemGroupQueryRq', handleItemGroupQuery],
  ['ItemDiscountQueryRq', handleItemDiscountQuery],
  ['ItemSubtotalQueryRq', handleItemSubtotalQuery],
  ['ItemSalesTaxQueryRq', handleItemSalesTaxQuery],
  ['ItemPaymentQueryRq', handleItemPaymentQuery],
  ['ItemQueryRq', handleItemQuery],
  ['ClassQueryRq', handleClassQuery],
  ['AccountQueryRq', handleAccountQuery],
  ['TermsQueryRq', handleTermsQuery],
  ['StandardTermsQueryRq', handleStandardTermsQuery],
  ['DateDrivenTermsQueryRq', handleDateDrivenTermsQuery],
  ['VendorTypeQueryRq', handleVendorTypeQuery],
  ['CustomerTypeQueryRq', handleCustomerTypeQuery],
  ['SalesTaxCodeQueryRq', handleSalesTaxCodeQuery],
  ['TemplateQueryRq', handleTemplateQuery],
  ['CurrencyQueryRq', handleCurrencyQuery],
  ['PurchaseOrderAddRq', handlePurchaseOrderAdd],
  ['PurchaseOrderModRq', handlePurchaseOrderMod],
  ['PurchaseOrderQueryRq', handlePurchaseOrderQuery],
  ['BillAddRq', handleBillAdd],
  ['BillQueryRq', handleBillQuery],
  ['BillPaymentCheckQueryRq', handleBillPaymentCheckQuery],
  ['CheckQueryRq', handleCheckQuery],
  ['CreditCardChargeQueryRq', handleCreditCardChargeQuery],
  ['EstimateAddRq', handleEstimateAdd],
  ['EstimateModRq', handleEstimateMod],
  ['EstimateQueryRq', handleEstimateQuery],
  ['InvoiceAddRq', handleInvoiceAdd],
  ['InvoiceModRq', handleInvoiceMod],
  ['InvoiceQueryRq', handleInvoiceQuery],
  ['ReceivePaymentAddRq', handleReceivePaymentAdd],
  ['ReceivePaymentQueryRq', handleReceivePaymentQuery],
  ['DepositQueryRq', handleDepositQuery],
  ['ReceivePaymentToDepositQueryRq', handleReceivePaymentToDepositQuery],
  ['TxnDeletedQueryRq', handleTxnDeletedQuery],
  ['ListDeletedQueryRq', handleListDeletedQuery],
]);

export const SUPPORTED_REQUESTS: readonly string[] = [...REQUEST_HANDLERS.keys()];
