import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClearRecoveryMessage, buildRecoveryStatusMessage, buildRequestMessage } from './build-request-message.ts';
import { FULL_REQUESTS, MINIMAL_REQUESTS, VARIANT_REQUESTS } from './fixtures/sample-requests.ts';
import type { QbxmlRequest } from './qbxml-request.ts';
import { referenceDir } from './testing/reference-dir.ts';
import { validateQbxmlBatch, type QbxmlValidationResult } from './testing/validate-against-xsd.ts';

// Element order is proven by the XSD: every request type, minimal and full, and the
// variants that take the other branches of XSD choices, must validate against
// qbxmlops130.xsd. All documents are validated in one xmllint run (schema compile ≈ 0.2 s).

function single(request: QbxmlRequest, requestId = '1'): string {
  return buildRequestMessage({ requests: [{ requestId, request }] });
}

const cases: Array<{ name: string; xml: string }> = [
  ...Object.values(MINIMAL_REQUESTS).map((request) => ({ name: `minimal ${request.type}`, xml: single(request) })),
  ...Object.values(FULL_REQUESTS).map((request) => ({ name: `full ${request.type}`, xml: single(request) })),
  ...VARIANT_REQUESTS.map(({ name, request }) => ({ name: `variant ${name}`, xml: single(request) })),
  {
    name: 'every full request in one stopOnError write message with a message set id',
    xml: buildRequestMessage({
      requests: Object.values(FULL_REQUESTS).map((request, index) => ({ requestId: `req-${index}-${request.type}`, request })),
      onError: 'stopOnError',
      newMessageSetId: 'MS-2026-11-20-0001',
    }),
  },
  { name: 'recovery status check', xml: buildRecoveryStatusMessage('MS-2026-11-20-0001') },
  { name: 'recovery clear', xml: buildClearRecoveryMessage('MS-2026-11-20-0001') },
];

// A hand-written message with FirstName before Name (VendorAdd sequence violated).
const MISORDERED = `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><VendorAddRq requestID="1"><VendorAdd><FirstName>Dana</FirstName><Name>Smith Concrete</Name></VendorAdd></VendorAddRq></QBXMLMsgsRq></QBXML>`;
// Refs are sequences ListID then FullName; line items after ExpenseLineAdd is fine, the reverse is not.
const MISORDERED_LINES = `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><BillAddRq requestID="1"><BillAdd><VendorRef><FullName>Smith</FullName></VendorRef><ItemLineAdd><Amount>1.00</Amount></ItemLineAdd><ExpenseLineAdd><Amount>1.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq></QBXMLMsgsRq></QBXML>`;
const BAD_AMOUNT = `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><BillAddRq requestID="1"><BillAdd><VendorRef><FullName>Smith</FullName></VendorRef><ExpenseLineAdd><Amount>1.5</Amount></ExpenseLineAdd></BillAdd></BillAddRq></QBXMLMsgsRq></QBXML>`;

const sampleDir = path.join(referenceDir(), 'intuit-qbxml-samples');
const samples = readdirSync(sampleDir)
  .filter((file) => file.endsWith('.xml'))
  .map((file) => ({ file, xml: readFileSync(path.join(sampleDir, file), 'utf8') }));

let results: QbxmlValidationResult[] = [];
let negative: QbxmlValidationResult[] = [];
let sampleResults: QbxmlValidationResult[] = [];

beforeAll(async () => {
  const all = await validateQbxmlBatch([...cases.map((c) => c.xml), MISORDERED, MISORDERED_LINES, BAD_AMOUNT, ...samples.map((s) => s.xml)]);
  results = all.slice(0, cases.length);
  negative = all.slice(cases.length, cases.length + 3);
  sampleResults = all.slice(cases.length + 3);
});

describe('built requests validate against the qbXML 13.0 XSD', () => {
  it.each(cases.map((c, index) => [c.name, index] as const))('%s', (_name, index) => {
    const result = results[index]!;
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('covers every request type with a minimal and a full example', () => {
    expect(Object.keys(MINIMAL_REQUESTS).sort()).toEqual(Object.keys(FULL_REQUESTS).sort());
    expect(Object.keys(MINIMAL_REQUESTS)).toHaveLength(34);
    for (const [type, request] of [...Object.entries(MINIMAL_REQUESTS), ...Object.entries(FULL_REQUESTS)]) {
      expect(request.type).toBe(type);
    }
  });
});

describe('the validator itself', () => {
  it('rejects a hand-written message whose elements are out of XSD order', () => {
    expect(negative[0]!.valid).toBe(false);
    expect(negative[0]!.errors.join('\n')).toMatch(/FirstName.*not expected.*Name/);
  });

  it('rejects item lines placed before expense lines in BillAdd', () => {
    expect(negative[1]!.valid).toBe(false);
    expect(negative[1]!.errors.join('\n')).toMatch(/ExpenseLineAdd/);
  });

  it('rejects an amount without two decimals (AMTTYPE)', () => {
    expect(negative[2]!.valid).toBe(false);
    expect(negative[2]!.errors.join('\n')).toMatch(/Amount/);
  });

  it("accepts every one of Intuit's sample request files (schema root and includes are right)", () => {
    expect(samples.length).toBeGreaterThan(40);
    sampleResults.forEach((result, index) => expect(result, samples[index]!.file).toEqual({ valid: true, errors: [] }));
  });
});
