import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseSoapRequest } from './parse-soap-request.ts';
import { serializeSoapFault, soapFaultHttpStatus } from './serialize-soap-fault.ts';
import type { SoapFaultCode } from './serialize-soap-fault.ts';
import { SoapRequestError } from './soap-request-error.ts';
import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from './soap-version.ts';
import { child, readXmlTree } from './test-support/read-xml-tree.ts';
import type { XmlNode } from './test-support/read-xml-tree.ts';

function fault(xml: string): { root: XmlNode; fault: XmlNode } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const root = readXmlTree(xml);
  const body = child(root, 'Body');
  expect(body.children.map((c) => c.local)).toEqual(['Fault']);
  const f = child(body, 'Fault');
  expect(f.ns).toBe(root.ns);
  return { root, fault: f };
}

/** The QName's prefix must resolve to the envelope namespace: read "soap:Client" → local part. */
function qnameIn(node: XmlNode, ns: string): string {
  const [prefix, local] = node.text.split(':') as [string, string];
  expect(node.scope.get(prefix)).toBe(ns);
  return local;
}

describe('serializeSoapFault', () => {
  it.each<[SoapFaultCode, string]>([
    ['Client', 'Client'],
    ['Server', 'Server'],
    ['VersionMismatch', 'VersionMismatch'],
    ['MustUnderstand', 'MustUnderstand'],
  ])('SOAP 1.1 %s: faultcode + faultstring', (code, expected) => {
    const { root, fault: f } = fault(serializeSoapFault({ faultCode: code, reason: 'went <wrong> & "badly"', soapVersion: '1.1' }));
    expect(root.ns).toBe(SOAP11_ENVELOPE_NS);
    // SOAP 1.1 §4.4: faultcode and faultstring are unqualified.
    expect(f.children.map((c) => `${c.ns}|${c.local}`)).toEqual(['null|faultcode', 'null|faultstring']);
    expect(qnameIn(child(f, 'faultcode'), SOAP11_ENVELOPE_NS)).toBe(expected);
    expect(child(f, 'faultstring').text).toBe('went <wrong> & "badly"');
  });

  it.each<[SoapFaultCode, string]>([
    ['Client', 'Sender'],
    ['Server', 'Receiver'],
    ['VersionMismatch', 'VersionMismatch'],
    ['MustUnderstand', 'MustUnderstand'],
  ])('SOAP 1.2 %s: Code/Value %s + Reason/Text', (code, expected) => {
    const { root, fault: f } = fault(serializeSoapFault({ faultCode: code, reason: 'went <wrong>', soapVersion: '1.2' }));
    expect(root.ns).toBe(SOAP12_ENVELOPE_NS);
    expect(f.children.map((c) => `${c.ns}|${c.local}`)).toEqual([`${SOAP12_ENVELOPE_NS}|Code`, `${SOAP12_ENVELOPE_NS}|Reason`]);
    expect(qnameIn(child(child(f, 'Code'), 'Value'), SOAP12_ENVELOPE_NS)).toBe(expected);
    const text = child(child(f, 'Reason'), 'Text');
    expect(text.text).toBe('went <wrong>');
    expect(text.attributes['xml:lang']).toBe('en');
  });

  it('SOAP 1.2 VersionMismatch lists the supported envelopes in an Upgrade header', () => {
    const root = readXmlTree(serializeSoapFault({ faultCode: 'VersionMismatch', reason: 'x', soapVersion: '1.2' }));
    const upgrade = child(child(root, 'Header'), 'Upgrade');
    expect(upgrade.children.map((c) => c.attributes['qname'])).toEqual(['soap12:Envelope', 's11:Envelope']);
    expect(upgrade.children[1]?.scope.get('s11')).toBe(SOAP11_ENVELOPE_NS);
  });

  it('answers every SoapRequestError in the version the caller spoke', () => {
    for (const [body, type, version] of [
      ['nonsense', 'application/soap+xml', '1.2'],
      ['nonsense', 'text/xml', '1.1'],
      [`<e:Envelope xmlns:e="${SOAP12_ENVELOPE_NS}"><e:Body><x xmlns="http://developer.intuit.com/"/></e:Body></e:Envelope>`, undefined, '1.2'],
    ] as const) {
      let error: SoapRequestError | undefined;
      try {
        parseSoapRequest(body, type);
      } catch (e) {
        error = e as SoapRequestError;
      }
      expect(error).toBeInstanceOf(SoapRequestError);
      const xml = serializeSoapFault(error as SoapRequestError);
      expect(readXmlTree(xml).ns).toBe(version === '1.2' ? SOAP12_ENVELOPE_NS : SOAP11_ENVELOPE_NS);
    }
  });

  it('keeps the envelope well-formed for any reason text', () => {
    expect(XMLValidator.validate(serializeSoapFault({ faultCode: 'Server', reason: '\u0000]]>&', soapVersion: '1.1' }))).toBe(true);
  });

  it('maps faults to HTTP statuses (SOAP 1.1 §6.2; SOAP 1.2 Part 2 §7.5.1)', () => {
    expect(soapFaultHttpStatus('Client', '1.1')).toBe(500);
    expect(soapFaultHttpStatus('Server', '1.1')).toBe(500);
    expect(soapFaultHttpStatus('Client', '1.2')).toBe(400);
    expect(soapFaultHttpStatus('Server', '1.2')).toBe(500);
    expect(soapFaultHttpStatus('VersionMismatch', '1.2')).toBe(500);
  });
});

describe('serializeSoapFault: MustUnderstand', () => {
  it('SOAP 1.2 lists each not-understood header block in a NotUnderstood header (Part 1 §5.4.8)', () => {
    const xml = serializeSoapFault({ faultCode: 'MustUnderstand', reason: 'no', soapVersion: '1.2', notUnderstood: [{ ns: 'urn:sec', local: 'Security' }] });
    const { root } = fault(xml);
    const notUnderstood = child(child(root, 'Header'), 'NotUnderstood');
    expect(notUnderstood.ns).toBe(SOAP12_ENVELOPE_NS);
    const [prefix, local] = notUnderstood.attributes['qname']!.split(':') as [string, string];
    expect(local).toBe('Security');
    expect(notUnderstood.scope.get(prefix)).toBe('urn:sec');
    expect(soapFaultHttpStatus('MustUnderstand', '1.2')).toBe(500);
  });

  it('SOAP 1.1 writes soap:MustUnderstand as the faultcode', () => {
    const xml = serializeSoapFault({ faultCode: 'MustUnderstand', reason: 'no', soapVersion: '1.1', notUnderstood: [{ ns: 'urn:sec', local: 'Security' }] });
    expect(xml).toContain('<faultcode>soap:MustUnderstand</faultcode>');
    expect(xml).not.toContain('NotUnderstood');
  });
});
