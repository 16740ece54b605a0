/**
 * Test-only: requests written the way QBWC 2.3 (a .NET SoapHttpClientProtocol) sends them:
 * XML declaration, soap: prefix, xsi/xsd declared, the method element with a default namespace,
 * empty strings as self-closing elements, qbXML escaped as text (CR as &#xD;).
 */

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';
export const TNS = 'http://developer.intuit.com/';

/** Escape text as .NET's XmlWriter does for element content. */
export function escapeLikeDotNet(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

export function qbwcEnvelope(bodyContent: string, soapVersion: '1.1' | '1.2' = '1.1'): string {
  const p = soapVersion === '1.2' ? 'soap12' : 'soap';
  const ns = soapVersion === '1.2' ? SOAP12 : SOAP11;
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<${p}:Envelope xmlns:xsi="${XSI}" xmlns:xsd="${XSD}" xmlns:${p}="${ns}">` +
    `<${p}:Body>${bodyContent}</${p}:Body></${p}:Envelope>`
  );
}

/** A method call with string/int params, each escaped; '' becomes <name />. */
export function qbwcCall(method: string, params: ReadonlyArray<readonly [string, string | number]>, soapVersion: '1.1' | '1.2' = '1.1'): string {
  const inner = params.map(([name, value]) => (value === '' ? `<${name} />` : `<${name}>${escapeLikeDotNet(String(value))}</${name}>`)).join('');
  return qbwcEnvelope(`<${method} xmlns="${TNS}">${inner}</${method}>`, soapVersion);
}

export const TICKET = '{6B2E8F7A-1C3D-4E5F-8A9B-0C1D2E3F4A5B}';
export const OWNER_ID = '{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}';
export const FILE_ID = '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}';
export const COMPANY_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Smith & Sons Construction.QBW';

/** strHCPResponse of the first sendRequestXML: HostQuery, CompanyQuery, PreferencesQuery (guide p.80). */
export const HCP_RESPONSE = [
  '<?xml version="1.0" ?>',
  '<QBXML>',
  '<QBXMLMsgsRs>',
  '<HostQueryRs requestID="0" statusCode="0" statusSeverity="Info" statusMessage="Status OK">',
  '<HostRet>',
  '<ProductName>QuickBooks Enterprise Solutions: Contractor 23.0</ProductName>',
  '<MajorVersion>33</MajorVersion>',
  '<MinorVersion>0</MinorVersion>',
  '<Country>US</Country>',
  '<SupportedQBXMLVersion>12.0</SupportedQBXMLVersion>',
  '<SupportedQBXMLVersion>13.0</SupportedQBXMLVersion>',
  '<SupportedQBXMLVersion>16.0</SupportedQBXMLVersion>',
  '<IsAutomaticLogin>false</IsAutomaticLogin>',
  '<QBFileMode>SingleUser</QBFileMode>',
  '</HostRet>',
  '</HostQueryRs>',
  '<CompanyQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">',
  '<CompanyRet>',
  '<IsSampleCompany>false</IsSampleCompany>',
  '<CompanyName>Smith &amp; Sons Construction</CompanyName>',
  '<LegalCompanyName>Smith &amp; Sons Construction, LLC</LegalCompanyName>',
  '<Address><Addr1>12 "Main" St &lt;Suite 4&gt;</Addr1><City>Austin</City><State>TX</State></Address>',
  '<DataExtRet>',
  `<OwnerID>${OWNER_ID}</OwnerID>`,
  '<DataExtName>FileID</DataExtName>',
  '<DataExtType>STR255TYPE</DataExtType>',
  `<DataExtValue>${FILE_ID}</DataExtValue>`,
  '</DataExtRet>',
  '</CompanyRet>',
  '</CompanyQueryRs>',
  '<PreferencesQueryRs requestID="2" statusCode="0" statusSeverity="Info" statusMessage="Status OK">',
  '<PreferencesRet><AccountingPreferences><IsUsingClassTracking>true</IsUsingClassTracking></AccountingPreferences></PreferencesRet>',
  '</PreferencesQueryRs>',
  '</QBXMLMsgsRs>',
  '</QBXML>',
  '',
].join('\r\n');

/** A receiveResponseXML response: a VendorAddRs, with characters that must survive one unescape. */
export const VENDOR_ADD_RESPONSE = [
  '<?xml version="1.0" ?>',
  '<QBXML>',
  '<QBXMLMsgsRs>',
  '<VendorAddRs requestID="vendor-42" statusCode="0" statusSeverity="Info" statusMessage="Status OK">',
  '<VendorRet>',
  '<ListID>80000001-1700000000</ListID>',
  '<EditSequence>1700000000</EditSequence>',
  '<Name>O&apos;Brien &amp; Daughters &lt;Electric&gt;</Name>',
  '<CompanyName>Crème Brûlée Drywall — 東京</CompanyName>',
  '<Notes>&amp;lt; stays escaped once</Notes>',
  '</VendorRet>',
  '</VendorAddRs>',
  '</QBXMLMsgsRs>',
  '</QBXML>',
  '',
].join('\r\n');

/** A qbXML request we send back in sendRequestXMLResult. */
export const VENDOR_ADD_REQUEST = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<?qbxml version="13.0"?>',
  '<QBXML>',
  '<QBXMLMsgsRq onError="stopOnError">',
  '<VendorAddRq requestID="vendor-42">',
  '<VendorAdd><Name>O&apos;Brien &amp; Daughters &lt;Electric&gt;</Name></VendorAdd>',
  '</VendorAddRq>',
  '</QBXMLMsgsRq>',
  '</QBXML>',
].join('\r\n');
