// The QuickBooks class of a transaction line, from the company's cost code → class mapping
// (DESIGN.md §2 Settings: "mapping of cost codes to QuickBooks items/classes"). QuickBooks classes are not
// Procore categories (DESIGN.md §2 Known limits): only this explicit mapping sets a class.
import type { MappingSettings, QbRef } from './mapping-types.ts';

export function classForCostCode(settings: MappingSettings, costCodeId: number): QbRef | undefined {
  const map = settings.classByCostCode;
  if (!map || !Object.prototype.hasOwnProperty.call(map, String(costCodeId))) return undefined;
  return map[String(costCodeId)];
}
