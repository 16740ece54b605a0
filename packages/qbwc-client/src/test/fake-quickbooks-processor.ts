// A tiny QuickBooks stand-in for tests: answers every qbXML request with a status-0 response echoing
// its requestID, records what it was asked, and can be told to fail opening or processing.

import type { QuickBooksError, QuickBooksFaults, QuickBooksProcessor } from '../types.ts';

export const PARSE_ERROR = { hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' };

export class FakeQuickBooksProcessor implements QuickBooksProcessor {
  companyFilePath: string;
  readonly events: string[] = [];
  readonly requests: string[] = [];
  readonly fileIds = new Map<string, string>();
  faults: QuickBooksFaults | undefined;
  open = false;
  /** openSession throws this while set (e.g. QuickBooks not running); `openFailures` limits how often. */
  openError: { hresult: string; message: string } | undefined;
  openFailures = Number.POSITIVE_INFINITY;

  constructor(companyFilePath = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Construction.qbw') {
    this.companyFilePath = companyFilePath;
  }

  openSession(): void {
    this.events.push('openSession');
    if (this.openError && this.openFailures > 0) {
      this.openFailures -= 1;
      throw Object.assign(new Error(this.openError.message), { hresult: this.openError.hresult }) as QuickBooksError;
    }
    this.open = true;
  }

  hostCompanyPreferencesResponse(): string {
    this.events.push('hostCompanyPreferencesResponse');
    const dataExts = [...this.fileIds]
      .map(
        ([ownerId, fileId]) =>
          `<DataExtRet><OwnerID>${ownerId}</OwnerID><DataExtName>FileID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>${fileId}</DataExtValue></DataExtRet>`,
      )
      .join('');
    return (
      '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>' +
      '<HostQueryRs requestID="0" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><HostRet><ProductName>QuickBooks Enterprise Solutions 23.0</ProductName><MajorVersion>33</MajorVersion><MinorVersion>0</MinorVersion><Country>US</Country><SupportedQBXMLVersion>13.0</SupportedQBXMLVersion></HostRet></HostQueryRs>' +
      `<CompanyQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><CompanyRet><CompanyName>Acme &amp; Sons Construction</CompanyName>${dataExts}</CompanyRet></CompanyQueryRs>` +
      '<PreferencesQueryRs requestID="2" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><PreferencesRet><AccountingPreferences><IsUsingClassTracking>true</IsUsingClassTracking></AccountingPreferences></PreferencesRet></PreferencesQueryRs>' +
      '</QBXMLMsgsRs></QBXML>'
    );
  }

  ensureFileId(ownerId: string, fileId: string): void {
    this.fileIds.set(ownerId, fileId);
  }

  async processRequest(requestXml: string): Promise<string> {
    this.events.push('processRequest');
    this.requests.push(requestXml);
    if (!this.open) throw Object.assign(new Error('No session'), { hresult: '0x80040411' }) as QuickBooksError;
    if (!requestXml.includes('<QBXML>')) {
      throw Object.assign(new Error(PARSE_ERROR.message), { hresult: PARSE_ERROR.hresult }) as QuickBooksError;
    }
    const responses = [...requestXml.matchAll(/<([A-Za-z]+)Rq(?:\s+requestID="([^"]*)")?\s*>/g)].map(
      ([, type, requestId]) =>
        `<${type}Rs${requestId === undefined ? '' : ` requestID="${requestId}"`} statusCode="0" statusSeverity="Info" statusMessage="Status OK"/>`,
    );
    return `<?xml version="1.0" ?>\r\n<QBXML>\r\n<QBXMLMsgsRs>${responses.join('')}</QBXMLMsgsRs>\r\n</QBXML>\r\n`;
  }

  closeSession(): void {
    this.events.push('closeSession');
    this.open = false;
  }

  setFaults(faults: QuickBooksFaults): void {
    this.events.push('setFaults');
    this.faults = faults;
  }
}

/** A qbXML request message with one request per type, requestIDs 1..n. */
export function qbxmlRequest(...types: string[]): string {
  const requests = types.map((type, index) => `<${type}Rq requestID="${index + 1}"></${type}Rq>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${requests}</QBXMLMsgsRq></QBXML>`;
}
