import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { QBWC_METHODS, QBWC_METHOD_NAMES, isQbwcMethod } from './qbwc-methods.ts';
import type { QbwcParams, QbwcResult } from './qbwc-methods.ts';
import { REFERENCE_GUIDE } from './test-support/reference-files.ts';

/** Chapter 10 signatures, e.g. "string[] authenticate(string strUserName, string strPassword)". */
function guideSignatures(): Map<string, { returns: string; params: string[] }> {
  const text = readFileSync(REFERENCE_GUIDE, 'utf8');
  const chapter = text.slice(text.indexOf('QBWC CALLBACK WEB METHOD REFERENCE'), text.indexOf('UNDERSTANDING AND RESPONDING TO QBWC ERROR CODES'));
  const signatures = new Map<string, { returns: string; params: string[] }>();
  for (const match of chapter.matchAll(/^(string\[\]|string|int) (\w+)\(([^)]*)\)/gm)) {
    const [, returns, name, params] = match as unknown as [string, string, string, string];
    if (signatures.has(name)) continue; // the first is the reference; later ones are sample code
    signatures.set(name, {
      returns,
      params: params
        .split(',')
        .map((p) => p.trim().split(/\s+/)[1] ?? '')
        .filter((p) => p !== ''),
    });
  }
  return signatures;
}

describe('the method table against the QBWC guide, chapter 10', () => {
  const signatures = guideSignatures();

  it('finds all eleven signatures in the guide', () => {
    expect([...signatures.keys()].sort()).toEqual([...QBWC_METHOD_NAMES.filter((m) => m !== 'serverVersion'), 'getServerVersion'].sort());
  });

  it.each(QBWC_METHOD_NAMES.filter((m) => m !== 'serverVersion'))('%s has the guide’s parameter names and result type', (method) => {
    const signature = signatures.get(method);
    expect(signature?.params).toEqual(QBWC_METHODS[method].params.map((p) => p.name));
    const type = QBWC_METHODS[method].result.type;
    expect(signature?.returns).toBe(type === 'ArrayOfString' ? 'string[]' : type);
  });

  it('serverVersion: the WSDL wins over the guide’s getServerVersion(ticket)', () => {
    expect(signatures.get('getServerVersion')).toEqual({ returns: 'string', params: ['ticket'] });
    expect(QBWC_METHODS.serverVersion.params).toEqual([]);
    expect(QBWC_METHODS.serverVersion.inWsdl).toBe(true);
  });

  it('only the interactive methods are missing from the WSDL', () => {
    expect(QBWC_METHOD_NAMES.filter((m) => !QBWC_METHODS[m].inWsdl)).toEqual(['getInteractiveURL', 'interactiveDone', 'interactiveRejected']);
  });

  it('every ticket-taking method names its ticket parameter', () => {
    for (const method of QBWC_METHOD_NAMES) {
      const { ticketParam, params } = QBWC_METHODS[method];
      if (ticketParam !== null) expect(params[0]?.name).toBe(ticketParam);
      else expect(params.some((p) => /ticket/i.test(p.name))).toBe(false);
    }
  });
});

describe('types derived from the table', () => {
  it('gives each method its WSDL parameter names and types', () => {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the WSDL's serverVersion takes no parameters: exactly {}
    expectTypeOf<QbwcParams<'serverVersion'>>().toEqualTypeOf<{}>();
    expectTypeOf<QbwcParams<'sendRequestXML'>>().toEqualTypeOf<{
      ticket: string;
      strHCPResponse: string;
      strCompanyFileName: string;
      qbXMLCountry: string;
      qbXMLMajorVers: number;
      qbXMLMinorVers: number;
    }>();
    expectTypeOf<QbwcParams<'receiveResponseXML'>>().toEqualTypeOf<{ ticket: string; response: string; hresult: string; message: string }>();
    expectTypeOf<QbwcResult<'authenticate'>>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<QbwcResult<'receiveResponseXML'>>().toEqualTypeOf<number>();
    expectTypeOf<QbwcResult<'closeConnection'>>().toEqualTypeOf<string>();
  });

  it('isQbwcMethod only knows own names', () => {
    expect(isQbwcMethod('authenticate')).toBe(true);
    expect(isQbwcMethod('toString')).toBe(false);
    expect(isQbwcMethod('getServerVersion')).toBe(false);
  });
});
