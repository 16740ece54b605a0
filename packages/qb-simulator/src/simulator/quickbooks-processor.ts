/** The request processor seen by a Web Connector client (QBWC guide ch. 10 / QBXMLRP2). */
export interface QuickBooksProcessor {
  readonly companyFilePath: string;
  /** QBWC's OpenConnection+BeginSession. Throws QbHresultError (e.g. 0x80040408 "Could not start QuickBooks.") when the simulator is configured as not running. Starts a new session: iterators from an earlier session become invalid (3391). */
  openSession(): void;
  /** What QBWC passes as strHCPResponse on the first sendRequestXML: one qbXML response message with HostQueryRs, CompanyQueryRs (with DataExtRet for every OwnerID stored on the company) and PreferencesQueryRs. */
  hostCompanyPreferencesResponse(): string;
  /** QBWC stamps the FileID data extension for the app's OwnerID when the .qwc is added (QBWC guide p.36). Idempotent. */
  ensureFileId(ownerId: string, fileId: string): void;
  /** The request processor's ProcessRequest: qbXML in, qbXML response out. Throws QbHresultError { hresult: '0x80040400', message } for a request that is not well-formed or does not validate against the XSD, as QuickBooks does. */
  processRequest(requestXml: string): Promise<string>;
  /** EndSession + CloseConnection. */
  closeSession(): void;
}
