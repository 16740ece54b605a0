import type { FieldWriter } from './field-writer.ts';
import { writeIncludeRetElements, writeOwnerIds, type OwnerOptions, type ReturnOptions } from './query-options.ts';

/** The three queries QBWC also runs itself for strHCPResponse (QBWC Programmer's Guide, sendRequestXML). */
export interface HostQueryRequest extends ReturnOptions {
  type: 'HostQuery';
}

/** Pass our OwnerID to get the FileID data extension QBWC stamps on the company file. */
export interface CompanyQueryRequest extends ReturnOptions, OwnerOptions {
  type: 'CompanyQuery';
}

export interface PreferencesQueryRequest extends ReturnOptions {
  type: 'PreferencesQuery';
}

/** qbxmlops130.xsd HostQuery / CompanyQuery / PreferencesQuery groups. */
export function writeCompanyQuery(f: FieldWriter, spec: HostQueryRequest | CompanyQueryRequest | PreferencesQueryRequest): void {
  // HostQuery's optional IncludeListMetaData precedes IncludeRetElement; not used.
  writeIncludeRetElements(f, spec.includeRetElements);
  if (spec.type === 'CompanyQuery') writeOwnerIds(f, spec.ownerIds);
}
