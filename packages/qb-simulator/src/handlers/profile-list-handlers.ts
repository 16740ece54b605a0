import type { XmlNode } from '../xml/xml-node.ts';
import { queryList } from './query-list.ts';
import { renderCurrencyRet, renderEntityTypeRet, renderSalesTaxCodeRet, renderTemplateRet, renderTermsRet } from './render-list-rets.ts';
import type { RequestContext } from './request-context.ts';

/** TermsQueryRq: both kinds of terms, each as its own Ret (qbxmlops130.xsd TermsQueryRs: StandardTermsRet | DateDrivenTermsRet). */
export function handleTermsQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['terms'], (t) => renderTermsRet(ctx, t));
}

export function handleStandardTermsQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(
    ctx,
    rq,
    ['terms'],
    (t) => renderTermsRet(ctx, t),
    (t) => t.termsType === 'Standard',
  );
}

export function handleDateDrivenTermsQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(
    ctx,
    rq,
    ['terms'],
    (t) => renderTermsRet(ctx, t),
    (t) => t.termsType === 'DateDriven',
  );
}

export function handleVendorTypeQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['vendorType'], (t) => renderEntityTypeRet(ctx, 'VendorTypeRet', t));
}

export function handleCustomerTypeQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['customerType'], (t) => renderEntityTypeRet(ctx, 'CustomerTypeRet', t));
}

export function handleSalesTaxCodeQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['salesTaxCode'], (c) => renderSalesTaxCodeRet(ctx, c));
}

/** TemplateQueryRq takes no filter (qbxmlops130.xsd: IncludeRetElement only). */
export function handleTemplateQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['template'], (t) => renderTemplateRet(ctx, t));
}

/** CurrencyQueryRq (qbxmlops130.xsd: ListQuery): the currency list; empty (status 1) when multi-currency is off. */
export function handleCurrencyQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryList(ctx, rq, ['currency'], (c) => renderCurrencyRet(ctx, c));
}
