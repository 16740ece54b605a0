// The QuickBooks class of a transaction line, from the company's cost code → class mapping
// (docs/integration-map.md#settings Settings: "mapping of cost codes to QuickBooks items/classes"). QuickBooks classes are not
// Procore categories (docs/integration-map.md#known-limits Known limits): only this explicit mapping sets a class.
import type { MappingSettings, QbRef } from './mapping-types.ts';

export function classForCostCode(settings: MappingSettings, costCodeId: number): QbRef | undefined {
  const map = settings.classByCostCode;
  if (!map || !Object.prototype.hasOwnProperty.call(map, String(costCodeId))) return undefined;
  return map[String(costCodeId)];
}
