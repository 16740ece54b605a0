import { STATUS } from '../status/status-codes.ts';
import type { ComplexModel } from '../xsd/schema-model.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { StatusError } from './request-context.ts';

/**
 * Field-length rules from the XSD's maxLength facets (Name 41, item Name 31, RefNumber 20 on a
 * bill, Memo 4095...). QuickBooks rejects one over-long field with 3070 for that request only.
 */
export function checkFieldLengths(node: XmlNode, model: ComplexModel | null): void {
  if (!model) return;
  for (const c of node.children) {
    const decl = model.decls.get(c.name);
    if (!decl) continue;
    if (c.children.length === 0) {
      const max = decl.maxLength;
      const text = c.text ?? '';
      if (max !== undefined && [...text].length > max) throw new StatusError(STATUS.tooLong(text, c.name));
      continue;
    }
    checkFieldLengths(c, decl.model());
  }
}
