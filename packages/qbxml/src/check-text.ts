import { stripDisallowedChars } from './escape-xml.ts';
import { QbxmlBuildError } from './qbxml-build-error.ts';

/** How much of a rejected value to quote back in an error message. */
const PREVIEW_LENGTH = 60;

/** Characters as a person counts them (code points), after stripping what we never send. */
export function countChars(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function previewValue(s: string): string {
  const chars = [...s];
  return chars.length > PREVIEW_LENGTH ? `${chars.slice(0, PREVIEW_LENGTH).join('')}…` : s;
}

/**
 * Cleans a text value (strips characters XML cannot carry, see escape-xml.ts)
 * and enforces the QuickBooks length limit on what will actually be sent.
 */
export function checkText(value: string, field: string, label: string, limit?: number): string {
  if (typeof value !== 'string') {
    throw new QbxmlBuildError(`${label} must be text.`, { code: 'INVALID_VALUE', field, value: String(value) });
  }
  const cleaned = stripDisallowedChars(value);
  if (limit !== undefined) {
    const length = countChars(cleaned);
    if (length > limit) {
      throw new QbxmlBuildError(`${label} "${previewValue(cleaned)}" is ${length} characters; QuickBooks allows at most ${limit}.`, {
        code: 'FIELD_TOO_LONG',
        field,
        limit,
        value,
      });
    }
  }
  return cleaned;
}

/** A value that must be present and not blank. */
export function checkRequiredText(value: string | undefined, field: string, label: string, limit?: number): string {
  if (value === undefined || value === null || (typeof value === 'string' && stripDisallowedChars(value).trim() === '')) {
    throw new QbxmlBuildError(`${label} is required.`, { code: 'REQUIRED_FIELD_MISSING', field });
  }
  return checkText(value, field, label, limit);
}

/**
 * A list-entry name (Vendor/Customer/Item Name). QuickBooks builds full names by
 * joining the hierarchy with ":" (Customer:Job), so ":" cannot appear in a name.
 */
export function checkName(value: string | undefined, field: string, label: string, limit: number): string {
  const cleaned = checkRequiredText(value, field, label, limit);
  if (cleaned.includes(':')) {
    throw new QbxmlBuildError(
      `${label} "${previewValue(cleaned)}" contains ":"; QuickBooks uses ":" to separate parent and child names (Customer:Job), so it cannot be part of a name.`,
      { code: 'INVALID_VALUE', field, value: cleaned },
    );
  }
  return cleaned;
}

export function requireValue<T>(value: T | undefined | null, field: string, label: string): T {
  if (value === undefined || value === null) {
    throw new QbxmlBuildError(`${label} is required.`, { code: 'REQUIRED_FIELD_MISSING', field });
  }
  return value;
}

export function invalidValue(message: string, field: string, value?: unknown): QbxmlBuildError {
  return new QbxmlBuildError(message, {
    code: 'INVALID_VALUE',
    field,
    ...(value === undefined ? {} : { value: String(value) }),
  });
}
