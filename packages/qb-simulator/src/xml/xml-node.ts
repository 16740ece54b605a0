/** A parsed or to-be-written XML element: the one tree shape the simulator uses for qbXML in and out. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Text content of a leaf element (undefined for containers). */
  text?: string;
}

/** Builds an element; `content` is text for a leaf or child elements for a container. */
export function el(name: string, content?: string | number | XmlNode[] | null, attrs: Record<string, string> = {}): XmlNode {
  if (Array.isArray(content)) return { name, attrs, children: content };
  if (content === undefined || content === null) return { name, attrs, children: [] };
  return { name, attrs, children: [], text: String(content) };
}

/** The first child with this name. */
export function childOf(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

/** Every child with this name, in document order. */
export function childrenOf(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node) return [];
  return node.children.filter((c) => c.name === name);
}

/** Text of the first child with this name (trimmed), or undefined. */
export function textOf(node: XmlNode | undefined, name: string): string | undefined {
  const c = childOf(node, name);
  return c?.text;
}

/** Texts of every child with this name. */
export function textsOf(node: XmlNode | undefined, name: string): string[] {
  return childrenOf(node, name).map((c) => c.text ?? '');
}

/** Deep copy, for storing request fragments in the company file. */
export function cloneNode(node: XmlNode): XmlNode {
  const copy: XmlNode = { name: node.name, attrs: { ...node.attrs }, children: node.children.map(cloneNode) };
  if (node.text !== undefined) copy.text = node.text;
  return copy;
}
