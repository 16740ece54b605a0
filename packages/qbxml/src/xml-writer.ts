import { escapeXmlAttribute, escapeXmlText } from './escape-xml.ts';

/**
 * Minimal string builder for qbXML. Every text and attribute value goes through
 * escape-xml.ts here, so builders cannot forget to escape.
 */
export class XmlWriter {
  private readonly parts: string[] = [];

  open(name: string, attributes?: ReadonlyArray<readonly [string, string | undefined]>): this {
    let tag = `<${name}`;
    for (const [attribute, value] of attributes ?? []) {
      if (value !== undefined) tag += ` ${attribute}="${escapeXmlAttribute(value)}"`;
    }
    this.parts.push(`${tag}>`);
    return this;
  }

  close(name: string): this {
    this.parts.push(`</${name}>`);
    return this;
  }

  /** `<name>text</name>`; nothing when the value is undefined (optional elements are omitted). */
  leaf(name: string, value: string | undefined): this {
    if (value !== undefined) this.parts.push(`<${name}>${escapeXmlText(value)}</${name}>`);
    return this;
  }

  raw(markup: string): this {
    this.parts.push(markup);
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}
