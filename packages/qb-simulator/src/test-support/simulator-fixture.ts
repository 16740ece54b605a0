import { expect } from 'vitest';
import type { CompanyFile } from '../model/company-file.ts';
import { createCompanyFile } from '../model/create-company-file.ts';
import type { SimulatorOptions } from '../simulator/quickbooks-simulator.ts';
import { QuickBooksSimulator } from '../simulator/quickbooks-simulator.ts';
import { validateQbxml } from '../xsd/validate-qbxml.ts';
import { parseXml } from '../xml/parse-xml.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, childrenOf, textOf } from '../xml/xml-node.ts';

/** A settable clock: tests move time explicitly. */
export class TestClock {
  ms: number;
  constructor(iso = '2025-03-10T15:00:00Z') {
    this.ms = Date.parse(iso);
  }
  now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export function qbxmlRequest(body: string, attrs = 'onError="stopOnError"'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq ${attrs}>${body}</QBXMLMsgsRq></QBXML>`;
}

/** Asserts a simulator response validates against the qbXML 13.0 XSD (QBXMLMsgsRs side), returns its root. */
export async function expectValidResponse(xml: string): Promise<XmlNode> {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(`response not well-formed: ${parsed.error}`);
  const v = await validateQbxml(xml, parsed.root, 'response');
  expect(v.errors, xml.slice(0, 2000)).toEqual([]);
  expect(v.valid).toBe(true);
  return parsed.root;
}

export interface Harness {
  sim: QuickBooksSimulator;
  clock: TestClock;
  /** Sends one message, validates the response against the XSD (unless `validate` is false) and returns the Rs elements. */
  send(body: string, opts?: { attrs?: string; validate?: boolean }): Promise<XmlNode[]>;
  /** Sends one request and returns its single Rs element. */
  one(body: string, opts?: { validate?: boolean }): Promise<XmlNode>;
}

export function makeHarness(options: Partial<SimulatorOptions> & { company?: CompanyFile; clockIso?: string } = {}): Harness {
  const clock = new TestClock(options.clockIso);
  const sim = new QuickBooksSimulator({ ...options, company: options.company ?? createCompanyFile(), clock: clock.now });
  sim.openSession();
  const send = async (body: string, opts: { attrs?: string; validate?: boolean } = {}): Promise<XmlNode[]> => {
    const xml = await sim.processRequest(qbxmlRequest(body, opts.attrs));
    const root = opts.validate === false ? (parseXml(xml) as { ok: true; root: XmlNode }).root : await expectValidResponse(xml);
    return childOf(root, 'QBXMLMsgsRs')?.children ?? [];
  };
  return {
    sim,
    clock,
    send,
    one: async (body, opts) => {
      const rs = await send(body, opts);
      expect(rs).toHaveLength(1);
      return rs[0] as XmlNode;
    },
  };
}

export function statusOf(rs: XmlNode): { code: number; severity: string; message: string } {
  return { code: Number(rs.attrs.statusCode), severity: rs.attrs.statusSeverity ?? '', message: rs.attrs.statusMessage ?? '' };
}

export function retOf(rs: XmlNode): XmlNode {
  const ret = rs.children[0];
  if (!ret) throw new Error(`no Ret in ${rs.name} (status ${rs.attrs.statusCode} ${rs.attrs.statusMessage})`);
  return ret;
}

export { childOf, childrenOf, textOf };
