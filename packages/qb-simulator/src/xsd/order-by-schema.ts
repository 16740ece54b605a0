import type { XmlNode } from '../xml/xml-node.ts';
import type { ComplexModel } from './schema-model.ts';
import { sharedSchemaModel } from './schema-model.ts';

function sortInto(node: XmlNode, model: ComplexModel | null): void {
  if (!model || node.children.length === 0) return;
  if (node.children.length > 1) {
    const keyed = node.children.map((c, i) => ({ c, i, k: model.order.get(c.name) ?? Number.MAX_SAFE_INTEGER }));
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    node.children = keyed.map((x) => x.c);
  }
  for (const c of node.children) {
    if (c.children.length > 0) sortInto(c, model.decls.get(c.name)?.model() ?? null);
  }
}

/**
 * Puts the children of a global element (e.g. BillRet) in the order its XSD sequence requires,
 * recursively: "Element order matters: the XSD is a sequence" (docs/qbxml.md#element-order). Builders may add
 * children in any order; this is the single place order is decided.
 */
export function orderBySchema(node: XmlNode): XmlNode {
  sortInto(node, sharedSchemaModel().globalElement(node.name)?.model() ?? null);
  return node;
}

/** Same, for an element whose complexType is named (e.g. BillQueryRs -> BillQueryRsType). */
export function orderByType(node: XmlNode, typeName: string): XmlNode {
  sortInto(node, sharedSchemaModel().complexType(typeName));
  return node;
}
