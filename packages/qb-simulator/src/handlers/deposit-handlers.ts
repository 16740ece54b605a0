import type { XmlNode } from '../xml/xml-node.ts';
import { queryTxns } from './query-txns.ts';
import { renderDepositRet } from './render-sales-rets.ts';
import type { RequestContext } from './request-context.ts';

/**
 * DepositQueryRq (qbxml130.xsd DepositQuery: TxnID, or MaxReturned / Modified- or TxnDateRangeFilter / EntityFilter /
 * AccountFilter): when a payment received reached the bank (issue 21, QB → Procore). EntityFilter matches the customers
 * on the lines, AccountFilter the bank account and the accounts the lines come from (Undeposited Funds).
 */
export function handleDepositQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryTxns(ctx, rq, 'Deposit', (d, o) => renderDepositRet(ctx, d, o), {
    entityIds: (d) => d.lines.map((l) => l.entityId),
    accountIds: (d) => [d.depositToAccountId, ...d.lines.map((l) => l.accountId)],
  });
}
