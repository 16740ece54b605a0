import { parseXml } from '../xml/parse-xml.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import type { XsdChunk, XsdChunks } from './load-xsd-chunks.ts';
import { loadXsdChunks } from './load-xsd-chunks.ts';

/** What the schema says about one child element in one parent context. */
export interface ElementDecl {
  name: string;
  /** maxLength of an inline STRTYPE restriction (Name 41, RefNumber 20, ...). */
  maxLength?: number;
  /** Content model when the element is complex; null for simple content. */
  model(): ComplexModel | null;
}

/** Children of a complex element: position in the XSD sequence, and their declarations. */
export interface ComplexModel {
  order: Map<string, number>;
  decls: Map<string, ElementDecl>;
}

const chunkNodes = new WeakMap<XsdChunk, XmlNode>();

function nodeOf(chunk: XsdChunk): XmlNode {
  let n = chunkNodes.get(chunk);
  if (!n) {
    const parsed = parseXml(chunk.text);
    if (!parsed.ok) throw new Error(`cannot parse XSD definition ${chunk.name}: ${parsed.error}`);
    n = parsed.root;
    chunkNodes.set(chunk, n);
  }
  return n;
}

function isRepeated(node: XmlNode): boolean {
  const max = node.attrs.maxOccurs;
  return max === 'unbounded' || (max !== undefined && Number(max) > 1);
}

/** Reads the qbXML XSD into content models, lazily, one definition at a time. */
export class SchemaModel {
  private readonly chunks: XsdChunks;
  private readonly globalDecls = new Map<string, ElementDecl>();
  private readonly typeModels = new Map<string, ComplexModel | null>();

  constructor(chunks: XsdChunks = loadXsdChunks()) {
    this.chunks = chunks;
  }

  /** Declaration of a global element (e.g. BillRet, VendorAdd), or undefined. */
  globalElement(name: string): ElementDecl | undefined {
    const hit = this.globalDecls.get(name);
    if (hit) return hit;
    const chunk = this.chunks.elements.get(name);
    if (!chunk) return undefined;
    const decl = this.declFromElementNode(nodeOf(chunk));
    this.globalDecls.set(name, decl);
    return decl;
  }

  /** Content model of a named complexType (e.g. BillQueryRsType). */
  complexType(name: string): ComplexModel | null {
    if (this.typeModels.has(name)) return this.typeModels.get(name) ?? null;
    const chunk = this.chunks.types.get(name);
    const model = chunk && chunk.kind === 'complexType' ? this.modelOfComplexType(nodeOf(chunk)) : null;
    this.typeModels.set(name, model);
    return model;
  }

  private declFromElementNode(node: XmlNode): ElementDecl {
    const ref = node.attrs.ref;
    if (ref) {
      const globalElement = (n: string) => this.globalElement(n);
      return {
        name: ref,
        model: () => globalElement(ref)?.model() ?? null,
        get maxLength() {
          return globalElement(ref)?.maxLength;
        },
      };
    }
    const name = node.attrs.name ?? '';
    const type = node.attrs.type;
    if (type) return { name, model: () => this.complexType(type) };
    const inlineComplex = node.children.find((c) => c.name === 'xsd:complexType');
    const inlineSimple = node.children.find((c) => c.name === 'xsd:simpleType');
    let maxLength: number | undefined;
    if (inlineSimple) {
      const restriction = inlineSimple.children.find((c) => c.name === 'xsd:restriction');
      const ml = restriction?.children.find((c) => c.name === 'xsd:maxLength');
      if (ml?.attrs.value) maxLength = Number(ml.attrs.value);
    }
    let cached: ComplexModel | null | undefined;
    const decl: ElementDecl = {
      name,
      model: () => {
        if (cached === undefined) cached = inlineComplex ? this.modelOfComplexType(inlineComplex) : null;
        return cached;
      },
    };
    if (maxLength !== undefined) decl.maxLength = maxLength;
    return decl;
  }

  private modelOfComplexType(node: XmlNode): ComplexModel {
    const model: ComplexModel = { order: new Map(), decls: new Map() };
    const counter = { next: 0 };
    for (const c of node.children) this.walk(c, model, counter, null);
    return model;
  }

  private walk(node: XmlNode, model: ComplexModel, counter: { next: number }, shared: number | null): void {
    switch (node.name) {
      case 'xsd:sequence':
        for (const c of node.children) this.walk(c, model, counter, shared);
        return;
      case 'xsd:choice': {
        // Alternatives of a repeating choice may interleave in any order: they share one position.
        const idx = shared ?? (isRepeated(node) ? counter.next++ : null);
        for (const c of node.children) this.walk(c, model, counter, idx);
        return;
      }
      case 'xsd:group': {
        const ref = node.attrs.ref;
        const chunk = ref ? this.chunks.groups.get(ref) : undefined;
        if (!chunk) return;
        const g = nodeOf(chunk);
        const idx = shared ?? (isRepeated(node) ? counter.next++ : null);
        for (const c of g.children) this.walk(c, model, counter, idx);
        return;
      }
      case 'xsd:element': {
        const decl = this.declFromElementNode(node);
        const idx = shared ?? counter.next++;
        if (!model.order.has(decl.name)) {
          model.order.set(decl.name, idx);
          model.decls.set(decl.name, decl);
        }
        return;
      }
      default:
        return; // attributes, simpleContent: no child elements
    }
  }
}

let shared: SchemaModel | undefined;

/** One lazily-built model per process (the XSD never changes at run time). */
export function sharedSchemaModel(): SchemaModel {
  shared ??= new SchemaModel();
  return shared;
}
