import { describe, expect, it } from 'vitest';
import { findNotUnderstoodHeaders } from './find-not-understood-headers.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const entry = (attributes: Record<string, string>) => ({ ns: 'urn:x', local: 'H', attributes: new Map(Object.entries(attributes)) });

describe('findNotUnderstoodHeaders', () => {
  it('SOAP 1.1 §4.2.3: mustUnderstand="1" for us (no actor, or the next actor) is not understood', () => {
    expect(findNotUnderstoodHeaders([entry({ [`{${SOAP11}}mustUnderstand`]: '1' })], '1.1')).toEqual([{ ns: 'urn:x', local: 'H' }]);
    expect(
      findNotUnderstoodHeaders([entry({ [`{${SOAP11}}mustUnderstand`]: '1', [`{${SOAP11}}actor`]: `http://schemas.xmlsoap.org/soap/actor/next` })], '1.1'),
    ).toHaveLength(1);
    expect(findNotUnderstoodHeaders([entry({ [`{${SOAP11}}mustUnderstand`]: '0' })], '1.1')).toEqual([]);
    expect(findNotUnderstoodHeaders([entry({ [`{${SOAP11}}mustUnderstand`]: '1', [`{${SOAP11}}actor`]: 'urn:someone-else' })], '1.1')).toEqual([]);
    // An unqualified mustUnderstand is not the SOAP attribute.
    expect(findNotUnderstoodHeaders([entry({ mustUnderstand: '1' })], '1.1')).toEqual([]);
  });

  it('SOAP 1.2 Part 1 §5.2.3: "true" or "1" for us (no role, next, ultimateReceiver); "none" and other roles are not ours', () => {
    for (const value of ['true', '1', ' true ']) expect(findNotUnderstoodHeaders([entry({ [`{${SOAP12}}mustUnderstand`]: value })], '1.2')).toHaveLength(1);
    expect(findNotUnderstoodHeaders([entry({ [`{${SOAP12}}mustUnderstand`]: 'false' })], '1.2')).toEqual([]);
    expect(
      findNotUnderstoodHeaders([entry({ [`{${SOAP12}}mustUnderstand`]: 'true', [`{${SOAP12}}role`]: `${SOAP12}/role/ultimateReceiver` })], '1.2'),
    ).toHaveLength(1);
    expect(findNotUnderstoodHeaders([entry({ [`{${SOAP12}}mustUnderstand`]: 'true', [`{${SOAP12}}role`]: `${SOAP12}/role/none` })], '1.2')).toEqual([]);
    // The 1.1 attribute in a 1.2 envelope is not the 1.2 one.
    expect(findNotUnderstoodHeaders([entry({ [`{${SOAP11}}mustUnderstand`]: '1' })], '1.2')).toEqual([]);
  });
});
