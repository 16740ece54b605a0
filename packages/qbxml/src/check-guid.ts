import { invalidValue } from './check-text.ts';

// qbxmltypes130.xsd GUIDTYPE: "0" (QuickBooks' own custom fields) or a braced GUID.
const GUID = /^(0|\{[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\})$/;

export function checkGuid(value: string, field: string, label: string): string {
  if (typeof value !== 'string' || !GUID.test(value)) {
    throw invalidValue(`${label} "${String(value)}" must be a GUID in braces, like {6B2C7B2E-0C3A-4E5F-9A1B-2C3D4E5F6A7B}.`, field, value);
  }
  return value;
}
