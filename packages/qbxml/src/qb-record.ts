/** A QuickBooks *Ret element as plain data: leaf text as strings, repeatable children as arrays. */
export type QbValue = string | QbRecord | QbValue[];

export interface QbRecord {
  [element: string]: QbValue;
}

/** The text of a leaf child, or undefined when it is missing or not a leaf. */
export function readText(record: QbRecord | undefined, element: string): string | undefined {
  const value = record?.[element];
  return typeof value === 'string' ? value : undefined;
}

/** A child aggregate (the first one if it repeats). */
export function readRecord(record: QbRecord | undefined, element: string): QbRecord | undefined {
  const value = record?.[element];
  const first = Array.isArray(value) ? value[0] : value;
  return first !== undefined && typeof first === 'object' && !Array.isArray(first) ? first : undefined;
}

/** All occurrences of a child aggregate, whether or not the schema lets it repeat. */
export function readRecords(record: QbRecord | undefined, element: string): QbRecord[] {
  const value = record?.[element];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is QbRecord => typeof item === 'object' && !Array.isArray(item));
}

/** All occurrences of a leaf child as strings. */
export function readTexts(record: QbRecord | undefined, element: string): string[] {
  const value = record?.[element];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string');
}
