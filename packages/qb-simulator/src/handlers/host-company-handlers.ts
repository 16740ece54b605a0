import type { CompanyFile } from '../model/company-file.ts';
import { STATUS } from '../status/status-codes.ts';
import { orderBySchema } from '../xsd/order-by-schema.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el, textsOf } from '../xml/xml-node.ts';
import type { RequestContext } from './request-context.ts';
import { buildResponse } from './request-context.ts';

/** qbXML versions a 2024 QuickBooks Desktop (version 34) accepts. */
const SUPPORTED_QBXML = ['1.0', '1.1', '2.0', '2.1', '3.0', '4.0', '4.1', '5.0', '6.0', '7.0', '8.0', '9.0', '10.0', '11.0', '12.0', '13.0', '14.0', '15.0', '16.0'];

export function renderHostRet(company: CompanyFile): XmlNode {
  return orderBySchema(el('HostRet', [
    el('ProductName', company.productName),
    el('MajorVersion', company.majorVersion),
    el('MinorVersion', company.minorVersion),
    el('Country', company.country),
    ...SUPPORTED_QBXML.map((v) => el('SupportedQBXMLVersion', v)),
    el('IsAutomaticLogin', 'true'),
    el('QBFileMode', 'SingleUser'),
  ]));
}

/** CompanyRet with DataExtRet for the requested OwnerIDs (all when `ownerIds` is undefined) — QBWC guide p.36. */
export function renderCompanyRet(company: CompanyFile, ownerIds: string[] | undefined): XmlNode {
  const wanted = ownerIds ? new Set(ownerIds.map((o) => o.toLowerCase())) : undefined;
  const exts = company.dataExt
    .filter((d) => !wanted || wanted.has(d.ownerId.toLowerCase()))
    .map((d) => el('DataExtRet', [el('OwnerID', d.ownerId), el('DataExtName', d.name), el('DataExtType', d.type), el('DataExtValue', d.value)]));
  const children = [el('IsSampleCompany', 'false'), el('CompanyName', company.companyName), ...exts];
  if (company.legalCompanyName) children.push(el('LegalCompanyName', company.legalCompanyName));
  return orderBySchema(el('CompanyRet', children));
}

export function renderPreferencesRet(company: CompanyFile): XmlNode {
  return orderBySchema(el('PreferencesRet', [
    el('AccountingPreferences', [
      el('IsUsingAccountNumbers', 'true'), el('IsRequiringAccounts', 'true'), el('IsUsingClassTracking', company.isUsingClassTracking ? 'true' : 'false'),
      el('IsUsingAuditTrail', 'true'), el('IsAssigningJournalEntryNumbers', 'true'),
    ]),
    el('JobsAndEstimatesPreferences', [el('IsUsingEstimates', 'true'), el('IsUsingProgressInvoicing', 'true'), el('IsPrintingItemsWithZeroAmounts', 'false')]),
    el('MultiCurrencyPreferences', [el('IsMultiCurrencyOn', 'false')]),
    el('PurchasesAndVendorsPreferences', [el('IsUsingInventory', 'false'), el('DaysBillsAreDue', '30'), el('IsAutomaticallyUsingDiscounts', 'false')]),
    el('CurrentAppAccessRights', [el('IsAutomaticLoginAllowed', 'true'), el('IsPersonalDataAccessAllowed', 'false')]),
  ]));
}

export function handleHostQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return buildResponse(rq, STATUS.ok(), [renderHostRet(ctx.store.company)]);
}

/** CompanyQueryRq: OwnerID "0" asks for public custom fields; other OwnerIDs for private data extensions. */
export function handleCompanyQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  const owners = textsOf(rq, 'OwnerID');
  return buildResponse(rq, STATUS.ok(), [renderCompanyRet(ctx.store.company, owners.length > 0 ? owners : [])]);
}

export function handlePreferencesQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return buildResponse(rq, STATUS.ok(), [renderPreferencesRet(ctx.store.company)]);
}
