import { beforeAll, describe, expect, it } from 'vitest';
import { buildRequestMessage } from './build-request-message.ts';
import { stripDisallowedChars } from './escape-xml.ts';
import { parseResponseMessage } from './parse-response-message.ts';
import { parseXml } from './parse-xml.ts';
import { validateQbxmlBatch, type QbxmlValidationResult } from './testing/validate-against-xsd.ts';
import { XmlWriter } from './xml-writer.ts';

// Names and memos as they arrive from Procore: markup characters, quotes, and
// control characters pasted from PDFs. They must build valid XML and come back
// unchanged (minus the characters XML cannot carry).
const TRICKY = [
  `Smith & Sons <Concrete> "Forms" 'Ltd'`,
  'A&amp;B literally',
  '&lt;not an entity&gt;',
  'Tab\there',
  'Bell\u0007 and NUL\u0000 and ESC\u001B',
  'Line 1\nLine 2\r\nLine 3\rEnd',
  'Café — 🏗 Ω',
  'Lone \uD800 surrogate',
  ']]> and <![CDATA[',
];

function vendorMessage(value: string): string {
  return buildRequestMessage({
    requests: [{ requestId: 'rt', request: { type: 'VendorAdd', name: 'Round Trip', notes: value } }],
  });
}

/** The same characters in a Name (no ":" or line breaks there, at most 41 characters). */
function nameMessage(value: string): string {
  return buildRequestMessage({ requests: [{ requestId: 'rt', request: { type: 'VendorAdd', name: value.replace(/[:\n\r\t]/g, ' ').slice(0, 41) } }] });
}

/** What QuickBooks would send back: the same text inside a VendorRet. */
function echoResponse(notes: string): string {
  const xml = new XmlWriter()
    .raw('<?xml version="1.0" ?>')
    .open('QBXML')
    .open('QBXMLMsgsRs')
    .open('VendorAddRs', [
      ['requestID', 'rt'],
      ['statusCode', '0'],
      ['statusSeverity', 'Info'],
      ['statusMessage', notes],
    ])
    .open('VendorRet')
    .leaf('ListID', '1')
    .leaf('EditSequence', '1')
    .leaf('Notes', notes)
    .close('VendorRet')
    .close('VendorAddRs')
    .close('QBXMLMsgsRs')
    .close('QBXML');
  return xml.toString();
}

let results: QbxmlValidationResult[] = [];

beforeAll(async () => {
  results = await validateQbxmlBatch([...TRICKY.map(vendorMessage), ...TRICKY.map(nameMessage)]);
});

describe('escaping round trip', () => {
  it.each(TRICKY.map((value, index) => [JSON.stringify(value), index] as const))('%s builds schema-valid XML', (_label, index) => {
    expect(results[index]).toEqual({ valid: true, errors: [] });
    expect(results[TRICKY.length + index]).toEqual({ valid: true, errors: [] });
  });

  it.each(TRICKY.map((value) => [JSON.stringify(value), value] as const))('%s parses back identically', (_label, value) => {
    const expected = stripDisallowedChars(value);
    const request = parseXml(vendorMessage(value));
    const vendorAdd = request.children[0]!.children[0]!.children[0]!;
    expect(vendorAdd.children.find((c) => c.name === 'Notes')!.text).toBe(expected);

    const [response] = parseResponseMessage(echoResponse(value)).responses;
    expect(response!.records[0]!.Notes).toBe(expected);
    expect(response!.statusMessage).toBe(expected);
  });
});
