import type { ReceivePayment } from '../model/company-file.ts';
import { formatAmount } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import { orderBySchema } from '../xsd/order-by-schema.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el } from '../xml/xml-node.ts';
import { applyIncludeRetElement, opt, pushDefined, refNode } from './build-ret-parts.ts';
import { queryTxns } from './query-txns.ts';
import { renderDepositRet } from './render-sales-rets.ts';
import type { RequestContext } from './request-context.ts';
import { buildResponse } from './request-context.ts';
import { currencyNodes } from './txn-currency.ts';

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

/**
 * ReceivePaymentToDepositQueryRq: what Make Deposits offers — payments received into Undeposited Funds and not
 * deposited yet (ReceivePaymentToDepositRet: TxnID, TxnType ReceivePayment, CustomerRef, TxnDate, RefNumber, Amount).
 * The request has no filter and no iterator (qbxml130.xsd ReceivePaymentToDepositQuery).
 */
export function handleReceivePaymentToDepositQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  const rets = undepositedPayments(ctx).map((p) => {
    const c = [el('TxnID', p.txnId), el('TxnType', 'ReceivePayment'), el('TxnDate', p.txnDate), el('Amount', formatAmount(p.totalAmount))];
    pushDefined(c, refNode(ctx, 'CustomerRef', p.customerId), opt('RefNumber', p.refNumber), ...currencyNodes(ctx, p, p.totalAmount, 'AmountInHomeCurrency'));
    return applyIncludeRetElement(rq, orderBySchema(el('ReceivePaymentToDepositRet', c)));
  });
  return buildResponse(rq, rets.length > 0 ? STATUS.ok() : STATUS.noMatch(), rets);
}

/** Payments sitting in Undeposited Funds that no deposit holds yet (a voided one, 0.00, is not offered). */
export function undepositedPayments(ctx: RequestContext): ReceivePayment[] {
  return ctx.store
    .txnArray('ReceivePayment')
    .filter(
      (p) =>
        p.totalAmount > 0 &&
        ctx.store.list('account', p.depositToAccountId)?.specialAccountType === 'UndepositedFunds' &&
        !ctx.store.linkedTxnIds(p.txnId).some((id) => ctx.store.txnEntry(id)?.kind === 'Deposit'),
    );
}
