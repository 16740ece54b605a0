import type { XmlNode } from '../xml/xml-node.ts';
import { queryTxns } from './query-txns.ts';
import { renderBillPaymentCheckRet, renderCheckRet, renderCreditCardChargeRet } from './render-txn-rets.ts';
import type { RequestContext } from './request-context.ts';

/** BillPaymentCheckQueryRq (payments issued, QB -> Procore). */
export function handleBillPaymentCheckQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryTxns(ctx, rq, 'BillPaymentCheck', (p) => renderBillPaymentCheckRet(ctx, p), {
    entityIds: (p) => [p.payeeId],
    accountIds: (p) => [p.bankAccountId, p.apAccountId],
  });
}

/** CheckQueryRq (job costs paid by check). */
export function handleCheckQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryTxns(ctx, rq, 'Check', (c, o) => renderCheckRet(ctx, c, o), {
    entityIds: (c) => [c.payeeId],
    accountIds: (c) => [c.accountId, ...c.expenseLines.map((l) => l.accountId)],
  });
}

/** CreditCardChargeQueryRq (job costs on the company card). */
export function handleCreditCardChargeQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryTxns(ctx, rq, 'CreditCardCharge', (c, o) => renderCreditCardChargeRet(ctx, c, o), {
    entityIds: (c) => [c.payeeId],
    accountIds: (c) => [c.accountId, ...c.expenseLines.map((l) => l.accountId)],
  });
}
