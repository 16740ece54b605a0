// Hand-written QuickBooks responses for the endpoint tests, shaped as QuickBooks 13.0 answers
// (qbxmlops130.xsd *Rs elements). The full simulator lives in packages/qb-simulator.

export const OWNER_ID = '{6B9C3C8E-5F0B-4B7A-9E2D-3A1F4C8D2E71}';

export function hcpResponse(options: { fileId?: string | null; companyName?: string; country?: string; versions?: string[] } = {}) {
  const versions = options.versions ?? ['1.0', '2.0', '3.0', '4.0', '5.0', '6.0', '7.0', '8.0', '10.0', '11.0', '12.0', '13.0'];
  const dataExt =
    options.fileId === null
      ? ''
      : `<DataExtRet><OwnerID>${OWNER_ID}</OwnerID><DataExtName>FileID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>${options.fileId}</DataExtValue></DataExtRet>` +
        `<DataExtRet><OwnerID>{11111111-2222-3333-4444-555555555555}</OwnerID><DataExtName>FileID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>{99999999-9999-9999-9999-999999999999}</DataExtValue></DataExtRet>`;
  return (
    '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>' +
    '<HostQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><HostRet>' +
    '<ProductName>QuickBooks Enterprise Solutions: Contractor 24.0</ProductName><MajorVersion>34</MajorVersion><MinorVersion>0</MinorVersion>' +
    `<Country>${options.country ?? 'US'}</Country>` +
    versions.map((v) => `<SupportedQBXMLVersion>${v}</SupportedQBXMLVersion>`).join('') +
    '<IsAutomaticLogin>false</IsAutomaticLogin><QBFileMode>MultiUser</QBFileMode></HostRet></HostQueryRs>' +
    '<CompanyQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><CompanyRet>' +
    `<IsSampleCompany>false</IsSampleCompany><CompanyName>${options.companyName ?? 'Summit Builders LLC'}</CompanyName>` +
    dataExt +
    '</CompanyRet></CompanyQueryRs>' +
    '<PreferencesQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><PreferencesRet>' +
    '<AccountingPreferences><IsUsingAccountNumbers>false</IsUsingAccountNumbers><IsRequiringAccounts>true</IsRequiringAccounts>' +
    '<IsUsingClassTracking>true</IsUsingClassTracking><IsUsingAuditTrail>true</IsUsingAuditTrail><IsAssigningJournalEntryNumbers>true</IsAssigningJournalEntryNumbers></AccountingPreferences>' +
    '</PreferencesRet></PreferencesQueryRs>' +
    '</QBXMLMsgsRs></QBXML>'
  );
}

export interface SentRequest {
  type: string;
  requestId: string;
  body: string;
}

/** The requests inside a qbXML message we were handed, in order. */
export function requestsIn(xml: string): SentRequest[] {
  return [...xml.matchAll(/<(\w+)Rq requestID="([^"]+)"[^>]*>([\s\S]*?)<\/\1Rq>/g)].map((m) => ({ type: m[1]!, requestId: m[2]!, body: m[3]! }));
}

export function messageSetIdOf(xml: string): { newId?: string; oldId?: string } {
  return { newId: xml.match(/newMessageSetID="([^"]+)"/)?.[1], oldId: xml.match(/oldMessageSetID="([^"]+)"/)?.[1] };
}

let counter = 0x80000100;
export function listId() {
  counter += 1;
  return `${counter.toString(16).toUpperCase()}-1732190000`;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function vendorRet(name: string, id = listId()) {
  return `<VendorRet><ListID>${id}</ListID><TimeCreated>2026-11-20T09:00:00-05:00</TimeCreated><TimeModified>2026-11-20T09:00:00-05:00</TimeModified><EditSequence>1732190000</EditSequence><Name>${escapeText(name)}</Name><IsActive>true</IsActive></VendorRet>`;
}

export function rs(type: string, requestId: string, statusCode: number, inner = '', statusMessage?: string, attrs = '') {
  const severity = statusCode === 0 || statusCode === 1 ? 'Info' : statusCode < 1000 ? 'Warning' : 'Error';
  const message =
    statusMessage ?? (statusCode === 0 ? 'Status OK' : statusCode === 1 ? 'A query request did not find a matching object in QuickBooks' : 'Error');
  return `<${type}Rs requestID="${requestId}" statusCode="${statusCode}" statusSeverity="${severity}" statusMessage="${escapeText(message)}"${attrs}>${inner}</${type}Rs>`;
}

export function responseMessage(parts: string[], attrs = '') {
  return `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs${attrs}>${parts.join('')}</QBXMLMsgsRs></QBXML>`;
}

export function nameOf(request: SentRequest) {
  return request.body.match(/<Name>([^<]*)<\/Name>/)?.[1] ?? request.body.match(/<FullName>([^<]*)<\/FullName>/)?.[1] ?? '';
}
