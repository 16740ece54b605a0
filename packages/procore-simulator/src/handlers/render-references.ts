import type { ProcoreStore } from '../model/procore-store.ts';

// Procore nests short summaries of related records (`cost_code: { id, code, full_code, name }`,
// `line_item_type: { id, name, code }`, `vendor: { id, company }`) inside resources.

export function costCodeRef(
  store: ProcoreStore,
  id: number | null,
): { id: number; code: string; full_code: string; name: string; origin_id: string | null } | null {
  if (id === null) return null;
  const cc = store.costCodes.get(id);
  return cc ? { id: cc.id, code: cc.code, full_code: cc.full_code, name: cc.name, origin_id: cc.origin_id } : null;
}

export function lineItemTypeRef(store: ProcoreStore, id: number | null): { id: number; name: string; code: string; base_type: string } | null {
  if (id === null) return null;
  const t = store.lineItemTypes.get(id);
  return t ? { id: t.id, name: t.name, code: t.code, base_type: t.base_type } : null;
}

export function vendorRef(
  store: ProcoreStore,
  id: number | null,
): { id: number; company: string; name: string; origin_id: string | null; origin_data: string | null } | null {
  if (id === null) return null;
  const v = store.vendors.get(id);
  return v ? { id: v.id, company: v.name, name: v.name, origin_id: v.origin_id, origin_data: v.origin_data } : null;
}
