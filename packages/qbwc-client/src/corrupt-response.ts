// Answer faults: a qbXML response that QuickBooks really produced (the write was applied), bent on the
// way back so that it no longer fits the request message — an answer to a requestID that was not sent,
// one with no requestID, or a response element of another type. A correct service must not apply such an
// answer; it must recover the true outcome with oldMessageSetID (Intuit SDK "Error recovery").

/**
 * A response element of another type for each write our connector sends: a record of a different kind,
 * so a service that trusts the element would store a foreign ListID/TxnID. Others swap Add ↔ Mod.
 */
export const WRONG_RESPONSE_TYPE: Readonly<Record<string, string>> = {
  CustomerAddRs: 'InvoiceAddRs',
  CustomerModRs: 'InvoiceModRs',
  VendorAddRs: 'EmployeeAddRs',
  VendorModRs: 'EmployeeModRs',
  ItemServiceAddRs: 'ItemInventoryAddRs',
  ItemServiceModRs: 'ItemInventoryModRs',
  ItemOtherChargeAddRs: 'ItemNonInventoryAddRs',
  ItemOtherChargeModRs: 'ItemNonInventoryModRs',
  PurchaseOrderAddRs: 'SalesOrderAddRs',
  PurchaseOrderModRs: 'SalesOrderModRs',
  BillAddRs: 'CheckAddRs',
  EstimateAddRs: 'InvoiceAddRs',
  EstimateModRs: 'InvoiceModRs',
};

export function wrongResponseTypeFor(element: string): string {
  return WRONG_RESPONSE_TYPE[element] ?? (/AddRs$/.test(element) ? element.replace(/AddRs$/, 'ModRs') : element.replace(/(Mod|Query|Del|Void)?Rs$/, 'AddRs'));
}

export interface CorruptedResponse {
  xml: string;
  /** What was done, for the trace; undefined when the answer had no response element to bend. */
  change?: string;
}

/** The first response element inside QBXMLMsgsRs, preferring one that answers a write (…AddRs/…ModRs). */
function firstResponse(xml: string): { name: string; index: number; tag: string } | undefined {
  const all = [...xml.matchAll(/<([A-Za-z]+Rs)\b[^>]*>/g)].filter((m) => m[1] !== 'QBXMLMsgsRs');
  const pick = all.find((m) => /(Add|Mod)Rs$/.test(m[1]!)) ?? all[0];
  return pick ? { name: pick[1]!, index: pick.index!, tag: pick[0] } : undefined;
}

function replaceTag(xml: string, at: { index: number; tag: string }, tag: string): string {
  return xml.slice(0, at.index) + tag + xml.slice(at.index + at.tag.length);
}

/** The first (write) response answers a requestID that was not sent ('unknown'), or carries none ('missing'). */
export function corruptRequestId(xml: string, mode: 'unknown' | 'missing'): CorruptedResponse {
  const response = firstResponse(xml);
  if (!response) return { xml };
  const current = /\srequestID\s*=\s*"([^"]*)"/.exec(response.tag);
  if (mode === 'missing') {
    if (!current) return { xml, change: `${response.name} already had no requestID` };
    return { xml: replaceTag(xml, response, response.tag.replace(current[0], '')), change: `removed requestID "${current[1]}" from ${response.name}` };
  }
  const unknown = `${current?.[1] ?? 'request'}-not-sent`;
  const tag = current
    ? response.tag.replace(current[0], ` requestID="${unknown}"`)
    : response.tag.replace(response.name, `${response.name} requestID="${unknown}"`);
  return { xml: replaceTag(xml, response, tag), change: `${response.name} requestID ${current ? `"${current[1]}"` : '(none)'} → "${unknown}"` };
}

/** The first (write) response element is renamed to another type (e.g. CustomerAddRs → InvoiceAddRs); its content is kept. */
export function corruptResponseType(xml: string): CorruptedResponse {
  const response = firstResponse(xml);
  if (!response) return { xml };
  const wrong = wrongResponseTypeFor(response.name);
  const opened = replaceTag(xml, response, response.tag.replace(`<${response.name}`, `<${wrong}`));
  if (response.tag.endsWith('/>')) return { xml: opened, change: `${response.name} → ${wrong}` };
  const closeAt = opened.indexOf(`</${response.name}>`, response.index);
  const xmlOut = closeAt < 0 ? opened : opened.slice(0, closeAt) + `</${wrong}>` + opened.slice(closeAt + response.name.length + 3);
  return { xml: xmlOut, change: `${response.name} → ${wrong}` };
}
