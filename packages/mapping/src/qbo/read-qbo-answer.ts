// A QuickBooks Online write's answer → the record a QuickBooks Desktop answer would have carried (issue 22: the
// accounting-backend seam). What happens after a write — the link (ListID/TxnID, EditSequence, each line's
// TxnLineID), the exception queue, 3200 read-backs — is decided once, on the Desktop record shape
// (packages/sync/src/exports/settle-export.ts); an Online answer is re-spelled into that shape here, so the domain is
// not forked. Field correspondences (Intuit's Accounting API reference, entities Vendor, Customer, Item, PurchaseOrder,
// Bill, Estimate, Invoice; minorversion 75):
//   Id → ListID (lists) / TxnID (transactions); SyncToken → EditSequence (both are the optimistic-lock version a
//   Mod / sparse update must quote, 3200 / 5010 when stale); DisplayName → Name; FullyQualifiedName → FullName
//   (QBO spells sub-customers "Parent:Child", as Desktop does); DocNumber → RefNumber; Line[].Id → TxnLineID;
//   Description → Desc; <X>Ref {value, name} → <X>Ref {ListID, FullName}; MetaData.LastUpdatedTime → TimeModified.
// Lines QuickBooks Online adds on its own (SubTotalLineDetail on sales forms, DiscountLineDetail, DescriptionOnly
// group lines) are not lines the connector wrote: Desktop has no such Ret lines, so they are left out.
import type { QbRecord } from '@connector/qbxml';
import type { QboRenderableRequest } from './render-for-qbo.ts';

/** An answer that cannot be what Intuit returns for that write (a missing Id or SyncToken, a line without Id). */
export class QboAnswerError extends Error {
  override name = 'QboAnswerError';
}

export interface DesktopShapedAnswer {
  /** The Desktop *Ret element the record stands for (VendorRet, PurchaseOrderRet, …). */
  retElement: string;
  record: QbRecord;
}

type RequestType = QboRenderableRequest['type'];

const RET_ELEMENT: { [K in RequestType]: string } = {
  VendorAdd: 'VendorRet',
  VendorMod: 'VendorRet',
  CustomerAdd: 'CustomerRet',
  CustomerMod: 'CustomerRet',
  ItemServiceAdd: 'ItemServiceRet',
  ItemServiceMod: 'ItemServiceRet',
  ItemOtherChargeAdd: 'ItemOtherChargeRet',
  ItemOtherChargeMod: 'ItemOtherChargeRet',
  PurchaseOrderAdd: 'PurchaseOrderRet',
  PurchaseOrderMod: 'PurchaseOrderRet',
  BillAdd: 'BillRet',
  EstimateAdd: 'EstimateRet',
  EstimateMod: 'EstimateRet',
  InvoiceAdd: 'InvoiceRet',
  InvoiceMod: 'InvoiceRet',
};

/** The line aggregate of each transaction's Desktop answer (what settle-export pairs with Procore lines). */
const LINE_ELEMENT: Partial<Record<string, { item: string; expense?: string }>> = {
  PurchaseOrderRet: { item: 'PurchaseOrderLineRet' },
  BillRet: { item: 'ItemLineRet', expense: 'ExpenseLineRet' },
  EstimateRet: { item: 'EstimateLineRet' },
  InvoiceRet: { item: 'InvoiceLineRet' },
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

function required(answer: Json, field: string, what: string): string {
  const value = text(answer[field]);
  if (value === undefined || value === '') throw new QboAnswerError(`QuickBooks Online's answer to ${what} has no ${field}`);
  return value;
}

/** QBO amounts are JSON numbers; Desktop's are decimal text with two places (parseMoney reads them exactly). */
function amountText(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return typeof value === 'string' ? value : undefined;
  const cents = Math.round(value * 100);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function ref(value: unknown): QbRecord | undefined {
  if (!isObject(value)) return undefined;
  const listId = text(value.value);
  if (listId === undefined) return undefined;
  const name = text(value.name);
  return { ListID: listId, ...(name !== undefined && { FullName: name }) };
}

/** Copies the fields that are present, under their Desktop names; absent ones stay absent (readText → undefined). */
function put(record: QbRecord, fields: Record<string, QbRecord | string | undefined>): QbRecord {
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) record[name] = value;
  return record;
}

function header(answer: Json, retElement: string, what: string): QbRecord {
  const metaData = isObject(answer.MetaData) ? answer.MetaData : {};
  return put(
    {},
    {
      TimeCreated: text(metaData.CreateTime),
      TimeModified: text(metaData.LastUpdatedTime),
      EditSequence: required(answer, 'SyncToken', what),
      ...(LINE_ELEMENT[retElement] ? { TxnID: required(answer, 'Id', what) } : { ListID: required(answer, 'Id', what) }),
    },
  );
}

function readLine(line: Json, what: string): { kind: 'item' | 'expense'; record: QbRecord } | null {
  const detailType = text(line.DetailType);
  const detail = detailType && isObject(line[detailType]) ? (line[detailType] as Json) : null;
  const base = () => {
    const id = text(line.Id);
    if (id === undefined || id === '') throw new QboAnswerError(`QuickBooks Online's answer to ${what} has a ${detailType ?? 'line'} without its Id`);
    return { TxnLineID: id };
  };
  switch (detailType) {
    case 'ItemBasedExpenseLineDetail':
    case 'SalesItemLineDetail':
      return {
        kind: 'item',
        record: put(base(), {
          ItemRef: ref(detail?.ItemRef),
          Desc: text(line.Description),
          Quantity: text(detail?.Qty),
          Rate: text(detail?.UnitPrice),
          Amount: amountText(line.Amount),
          CustomerRef: ref(detail?.CustomerRef),
          ClassRef: ref(detail?.ClassRef),
        }),
      };
    case 'AccountBasedExpenseLineDetail':
      return {
        kind: 'expense',
        record: put(base(), {
          AccountRef: ref(detail?.AccountRef),
          Amount: amountText(line.Amount),
          Memo: text(line.Description),
          CustomerRef: ref(detail?.CustomerRef),
          ClassRef: ref(detail?.ClassRef),
        }),
      };
    default:
      // SubTotalLineDetail, DiscountLineDetail, DescriptionOnly, GroupLineDetail: QuickBooks Online's own lines.
      return null;
  }
}

function lineNumberOf(line: Json, index: number): number {
  const n = typeof line.LineNum === 'number' ? line.LineNum : Number.NaN;
  return Number.isFinite(n) ? n : index + 1;
}

/**
 * The Desktop-shaped record for the QuickBooks Online answer to `requestType` (the entity object, unwrapped from
 * `{ "Vendor": { … } }`). Throws QboAnswerError when the answer lacks what a link needs: such an answer is treated
 * like a Desktop answer that matches no request (outcome unknown, looked up before anything is re-sent).
 */
export function readQboAnswer(requestType: RequestType, answer: unknown): DesktopShapedAnswer {
  const retElement = RET_ELEMENT[requestType];
  const what = requestType;
  if (!isObject(answer)) throw new QboAnswerError(`QuickBooks Online's answer to ${what} is not an object`);
  const record = header(answer, retElement, what);
  switch (retElement) {
    case 'VendorRet':
      put(record, { Name: text(answer.DisplayName), FullName: text(answer.DisplayName), IsActive: text(answer.Active), CompanyName: text(answer.CompanyName) });
      break;
    case 'CustomerRet':
      put(record, {
        Name: text(answer.DisplayName),
        FullName: text(answer.FullyQualifiedName) ?? text(answer.DisplayName),
        IsActive: text(answer.Active),
        ParentRef: ref(answer.ParentRef),
        Sublevel: text(answer.Level),
        CompanyName: text(answer.CompanyName),
      });
      break;
    case 'ItemServiceRet':
    case 'ItemOtherChargeRet':
      put(record, {
        Name: text(answer.Name),
        FullName: text(answer.FullyQualifiedName) ?? text(answer.Name),
        IsActive: text(answer.Active),
        ParentRef: ref(answer.ParentRef),
        Sublevel: text(answer.Level),
      });
      break;
    default: {
      put(record, {
        TxnDate: text(answer.TxnDate),
        RefNumber: text(answer.DocNumber),
        VendorRef: ref(answer.VendorRef),
        CustomerRef: ref(answer.CustomerRef),
        Memo: text(answer.Memo) ?? text(answer.PrivateNote),
        TotalAmount: amountText(answer.TotalAmt),
      });
      const elements = LINE_ELEMENT[retElement]!;
      const lines = (Array.isArray(answer.Line) ? answer.Line : []).filter(isObject);
      const ordered = lines.map((line, index) => ({ line, n: lineNumberOf(line, index), index })).sort((a, b) => a.n - b.n || a.index - b.index);
      const items: QbRecord[] = [];
      const expenses: QbRecord[] = [];
      for (const { line } of ordered) {
        const read = readLine(line, what);
        if (!read) continue;
        // A purchase order's account-based line (someone added it in QuickBooks Online) stays among its lines: the link
        // must list every line the transaction has, as on Desktop, or a later 3200 comparison would miss it.
        if (read.kind === 'expense' && elements.expense) expenses.push(read.record);
        else items.push(read.record);
      }
      if (items.length > 0) record[elements.item] = items;
      if (expenses.length > 0 && elements.expense) record[elements.expense] = expenses;
    }
  }
  return { retElement, record };
}
