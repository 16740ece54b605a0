/**
 * Raised before any XML is produced when a request spec breaks a qbXML rule
 * (docs/integration-map.md#known-limits: "names over the QuickBooks limits are rejected before sending,
 * with the limit in the message"). The message is written for a person;
 * `code`/`field`/`limit` are for code that wants to react.
 */
export type QbxmlBuildErrorCode = 'FIELD_TOO_LONG' | 'REQUIRED_FIELD_MISSING' | 'INVALID_VALUE';

export interface QbxmlBuildErrorDetails {
  code: QbxmlBuildErrorCode;
  /** Element path inside the request, e.g. `VendorAdd.VendorAddress.Addr1`. */
  field: string;
  limit?: number;
  value?: string;
}

export class QbxmlBuildError extends Error {
  readonly code: QbxmlBuildErrorCode;
  readonly field: string;
  readonly limit?: number;
  readonly value?: string;

  constructor(message: string, details: QbxmlBuildErrorDetails) {
    super(message);
    this.name = 'QbxmlBuildError';
    this.code = details.code;
    this.field = details.field;
    if (details.limit !== undefined) this.limit = details.limit;
    if (details.value !== undefined) this.value = details.value;
  }
}
