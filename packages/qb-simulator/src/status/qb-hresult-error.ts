/**
 * What the request processor throws instead of answering (the COM HRESULT QBWC reports through
 * receiveResponseXML's hresult/message, QBWC guide ch. 10). 0x80040400 = parse/validation failure.
 */
export class QbHresultError extends Error {
  readonly hresult: string;
  constructor(hresult: string, message: string) {
    super(message);
    this.name = 'QbHresultError';
    this.hresult = hresult;
  }
}

/** 0x80040400: QBWC guide p.70 (QB_ERROR_WHEN_PARSING). 0x80040408: Intuit HRESULT table, "Could not start QuickBooks." */
export const HRESULT = {
  parseError: { hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' },
  couldNotStart: { hresult: '0x80040408', message: 'Could not start QuickBooks.' },
} as const;
