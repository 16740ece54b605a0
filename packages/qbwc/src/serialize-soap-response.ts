import { escapeXmlText } from './escape-xml.ts';
import { QBWC_METHODS } from './qbwc-methods.ts';
import type { MethodSpec, QbwcMethod, QbwcResult } from './qbwc-methods.ts';
import { QBWC_NAMESPACE } from './soap-version.ts';
import type { SoapVersion } from './soap-version.ts';
import { writeEnvelope } from './write-envelope.ts';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * The SOAP response for one QBWC method, in the exact shape of the WSDL:
 * <{method}Response xmlns="http://developer.intuit.com/"><{method}Result>…</{method}Result></…>.
 * - strings (sendRequestXML's qbXML included) are escaped text, so QBWC unescapes them once;
 * - receiveResponseXMLResult is an xs:int (WSDL receiveResponseXMLResponse, minOccurs=1);
 * - authenticateResult is a tns:ArrayOfString: one <string> per item, in the tns namespace
 *   (inherited from the default namespace declared on the Response element).
 *
 * @throws TypeError / RangeError when `result` does not fit the method's result type; that is a
 *   bug in the caller, to be answered with a Server fault.
 */
export function serializeSoapResponse<M extends QbwcMethod>(method: M, result: QbwcResult<M>, soapVersion: SoapVersion = '1.1'): string {
  const spec: MethodSpec | undefined = Object.hasOwn(QBWC_METHODS, method) ? QBWC_METHODS[method] : undefined;
  if (!spec) throw new TypeError(`unknown QBWC method '${String(method)}'`);
  const resultName = `${method}Result`;
  const value: unknown = result;
  let content: string;

  switch (spec.result.type) {
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
        throw new RangeError(`${resultName} must be an integer in the xs:int range, got ${String(value)}`);
      }
      content = `<${resultName}>${value}</${resultName}>`;
      break;
    }
    case 'ArrayOfString': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
        throw new TypeError(`${resultName} must be an array of strings`);
      }
      const items = (value as string[]).map((item) => element('string', item)).join('');
      content = `<${resultName}>${items}</${resultName}>`;
      break;
    }
    case 'string': {
      if (typeof value !== 'string') throw new TypeError(`${resultName} must be a string, got ${typeof value}`);
      content = element(resultName, value);
      break;
    }
  }
  return writeEnvelope(`<${method}Response xmlns="${QBWC_NAMESPACE}">${content}</${method}Response>`, soapVersion);
}

function element(name: string, text: string): string {
  return text === '' ? `<${name} />` : `<${name}>${escapeXmlText(text)}</${name}>`;
}
