/**
 * Derives from the qbXML XSDs, for every aggregate element that can appear inside
 * a QuickBooks response (QBXMLMsgsRs), which of its children may occur more than
 * once (maxOccurs > 1 on the element or on an enclosing sequence/choice/group).
 * The response parser returns those children as arrays always, so code never has
 * to guess whether "one line" arrives as an object or a one-element array.
 * Used by scripts/generate-repeatable-elements.ts and by a test that keeps
 * src/repeatable-elements.ts in step with the schema.
 */
import { parseXml, type XmlElement } from '../parse-xml.ts';

function maxOccurs(node: XmlElement): number {
  const value = node.attributes.maxOccurs;
  if (value === undefined) return 1;
  return value === 'unbounded' ? Number.POSITIVE_INFINITY : Number(value);
}

/** Parent element name → sorted names of children that can repeat. */
export type RepeatableChildren = Record<string, string[]>;

export function deriveRepeatableChildren(schemaTexts: readonly string[], rootElement = 'QBXMLMsgsRs'): RepeatableChildren {
  const elements = new Map<string, XmlElement>();
  const types = new Map<string, XmlElement>();
  const groups = new Map<string, XmlElement>();
  for (const text of schemaTexts) {
    for (const node of parseXml(text).children) {
      const name = node.attributes.name;
      if (name === undefined) continue;
      if (node.name === 'xsd:element') elements.set(name, node);
      else if (node.name === 'xsd:complexType') types.set(name, node);
      else if (node.name === 'xsd:group') groups.set(name, node);
    }
  }

  const result = new Map<string, Set<string>>();

  /** Records which children of `parent` repeat, then descends into each child's own model. */
  const visitElement = (declaration: XmlElement, parent: string | undefined, repeated: boolean): void => {
    const ref = declaration.attributes.ref;
    const name = declaration.attributes.name ?? ref;
    if (name === undefined) return;
    if (parent !== undefined && (repeated || maxOccurs(declaration) > 1)) {
      let children = result.get(parent);
      if (children === undefined) result.set(parent, (children = new Set()));
      children.add(name);
    }
    const target = ref !== undefined ? elements.get(ref) : declaration;
    if (target === undefined) return;
    const typeName = target.attributes.type;
    const model = typeName !== undefined ? types.get(typeName) : target.children.find((c) => c.name === 'xsd:complexType');
    if (model === undefined) return;
    // A model is walked once per element name that uses it.
    const key = modelKey(model, name);
    if (visitedModelKeys.has(key)) return;
    visitedModelKeys.add(key);
    // Every aggregate gets an entry, even with nothing repeatable, so the parser knows the schema covers it.
    if (!result.has(name)) result.set(name, new Set());
    visitParticles(model.children, name, false);
  };

  const visitedModelKeys = new Set<string>();
  const modelIds = new Map<XmlElement, number>();
  const modelKey = (model: XmlElement, name: string): string => {
    let id = modelIds.get(model);
    if (id === undefined) modelIds.set(model, (id = modelIds.size));
    return `${id}:${name}`;
  };

  const visitParticles = (nodes: readonly XmlElement[], parent: string, repeated: boolean): void => {
    for (const node of nodes) {
      switch (node.name) {
        case 'xsd:sequence':
        case 'xsd:choice':
        case 'xsd:all':
          visitParticles(node.children, parent, repeated || maxOccurs(node) > 1);
          break;
        case 'xsd:group': {
          const group = node.attributes.ref !== undefined ? groups.get(node.attributes.ref) : node;
          if (group !== undefined) visitParticles(group.children, parent, repeated || maxOccurs(node) > 1);
          break;
        }
        case 'xsd:element':
          visitElement(node, parent, repeated);
          break;
        case 'xsd:complexContent':
        case 'xsd:extension':
        case 'xsd:restriction': {
          const base = node.attributes.base !== undefined ? types.get(node.attributes.base) : undefined;
          if (base !== undefined) visitParticles(base.children, parent, repeated);
          visitParticles(node.children, parent, repeated);
          break;
        }
        default:
          break;
      }
    }
  };

  const root = elements.get(rootElement);
  if (root === undefined) throw new Error(`The schema has no ${rootElement} element.`);
  visitElement(root, undefined, false);
  // Every *Rs element is a child of QBXMLMsgsRs' unbounded choice; the parser handles that level itself.
  result.delete(rootElement);
  return Object.fromEntries([...result.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([parent, children]) => [parent, [...children].sort()]));
}
