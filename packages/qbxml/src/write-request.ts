import { writeBillAdd } from './build-bill.ts';
import { writeCompanyQuery } from './build-company-queries.ts';
import { writeCustomerAdd, writeCustomerMod } from './build-customer.ts';
import { writeDeletedQuery } from './build-deleted-query.ts';
import { writeDepositQuery } from './build-deposit-query.ts';
import { writeEstimateAdd, writeEstimateMod } from './build-estimate.ts';
import { writeInvoiceAdd, writeInvoiceMod } from './build-invoice.ts';
import { writeItemAdd, writeItemMod } from './build-item.ts';
import { writeListQuery } from './build-list-query.ts';
import { writePurchaseOrderAdd, writePurchaseOrderMod } from './build-purchase-order.ts';
import { writeTxnQuery } from './build-txn-query.ts';
import { writeVendorAdd, writeVendorMod } from './build-vendor.ts';
import { invalidValue } from './check-text.ts';
import { FieldWriter } from './field-writer.ts';
import { ITERABLE_REQUEST_TYPES, isIterableRequestType, type QbxmlRequest } from './qbxml-request.ts';
import { iteratorAttributes, type IteratorOptions } from './query-options.ts';
import type { XmlWriter } from './xml-writer.ts';

/**
 * Writes one `<{type}Rq requestID="…">` element. Add/Mod bodies are wrapped in
 * their `<{type}>` aggregate (qbxmlops130.xsd *AddRqType/*ModRqType); query
 * bodies sit directly in the Rq element, whose attributes carry the iterator.
 */
export function writeRequest(xml: XmlWriter, requestId: string, request: QbxmlRequest): void {
  const type = request.type;
  const rqElement = `${type}Rq`;
  const attributes: Array<readonly [string, string | undefined]> = [['requestID', requestId]];
  const iterator = request as IteratorOptions;
  if (isIterableRequestType(type)) {
    attributes.push(...iteratorAttributes(iterator, rqElement));
  } else if (iterator.iterator !== undefined || iterator.iteratorId !== undefined) {
    throw invalidValue(`${type} cannot use an iterator; qbXML 13.0 allows iterators only on ${ITERABLE_REQUEST_TYPES.join(', ')}.`, `${rqElement}@iterator`);
  }
  xml.open(rqElement, attributes);
  const isAggregate = /(Add|Mod)$/.test(type);
  if (isAggregate) xml.open(type);
  writeBody(new FieldWriter(xml, type), request);
  if (isAggregate) xml.close(type);
  xml.close(rqElement);
}

function writeBody(f: FieldWriter, request: QbxmlRequest): void {
  switch (request.type) {
    case 'VendorAdd':
      return writeVendorAdd(f, request);
    case 'VendorMod':
      return writeVendorMod(f, request);
    case 'CustomerAdd':
      return writeCustomerAdd(f, request);
    case 'CustomerMod':
      return writeCustomerMod(f, request);
    case 'ItemServiceAdd':
    case 'ItemOtherChargeAdd':
      return writeItemAdd(f, request);
    case 'ItemServiceMod':
    case 'ItemOtherChargeMod':
      return writeItemMod(f, request);
    case 'PurchaseOrderAdd':
      return writePurchaseOrderAdd(f, request);
    case 'PurchaseOrderMod':
      return writePurchaseOrderMod(f, request);
    case 'BillAdd':
      return writeBillAdd(f, request);
    case 'EstimateAdd':
      return writeEstimateAdd(f, request);
    case 'EstimateMod':
      return writeEstimateMod(f, request);
    case 'InvoiceAdd':
      return writeInvoiceAdd(f, request);
    case 'InvoiceMod':
      return writeInvoiceMod(f, request);
    case 'VendorQuery':
    case 'CustomerQuery':
    case 'ItemQuery':
    case 'ClassQuery':
    case 'AccountQuery':
      return writeListQuery(f, request);
    case 'BillQuery':
    case 'CheckQuery':
    case 'CreditCardChargeQuery':
    case 'BillPaymentCheckQuery':
    case 'PurchaseOrderQuery':
    case 'EstimateQuery':
    case 'InvoiceQuery':
    case 'ReceivePaymentQuery':
      return writeTxnQuery(f, request);
    case 'DepositQuery':
      return writeDepositQuery(f, request);
    case 'TxnDeletedQuery':
    case 'ListDeletedQuery':
      return writeDeletedQuery(f, request);
    case 'HostQuery':
    case 'CompanyQuery':
    case 'PreferencesQuery':
      return writeCompanyQuery(f, request);
    default: {
      const unknown: { type?: unknown } = request;
      throw invalidValue(`Unknown qbXML request type "${String(unknown.type)}".`, 'type', unknown.type);
    }
  }
}
