import type { XmlNode } from '../xml/xml-node.ts';

/** One way a simulator answer's shape differs from a real QuickBooks answer (values are not compared). */
export interface ShapeDifference {
  /** Where, e.g. "PurchaseOrderRet/PurchaseOrderLineRet". */
  path: string;
  kind: 'missing' | 'extra' | 'order';
  /** The element concerned; for 'order', the two elements found in the other order ("A before B"). */
  element: string;
}

function distinctNames(node: XmlNode): string[] {
  return [...new Set(node.children.map((c) => c.name))];
}

/**
 * Compares two elements of the same kind element by element: which child elements the real one has that the
 * simulator's lacks ('missing'), which it adds ('extra'), and whether the children both have come in the same
 * order ('order'); then the same for each child aggregate both have (first occurrence). Names and order only:
 * values differ by nature (another company file).
 */
export function compareElementShapes(real: XmlNode, simulated: XmlNode, path = real.name): ShapeDifference[] {
  const out: ShapeDifference[] = [];
  const realNames = distinctNames(real);
  const simNames = distinctNames(simulated);
  for (const name of realNames) if (!simNames.includes(name)) out.push({ path, kind: 'missing', element: name });
  for (const name of simNames) if (!realNames.includes(name)) out.push({ path, kind: 'extra', element: name });
  const common = realNames.filter((n) => simNames.includes(n));
  const simOrder = simNames.filter((n) => common.includes(n));
  for (let i = 1; i < common.length; i++) {
    const [a, b] = [common[i - 1]!, common[i]!];
    if (simOrder.indexOf(a) > simOrder.indexOf(b)) out.push({ path, kind: 'order', element: `${b} before ${a}` });
  }
  for (const name of common) {
    const r = real.children.find((c) => c.name === name)!;
    const s = simulated.children.find((c) => c.name === name)!;
    if (r.children.length > 0 && s.children.length > 0) out.push(...compareElementShapes(r, s, `${path}/${name}`));
  }
  return out;
}

/** "missing PurchaseOrderRet/ShipAddress" — a difference as a line of a report. */
export function describeShapeDifference(d: ShapeDifference): string {
  return `${d.kind} ${d.path}/${d.element}`;
}
