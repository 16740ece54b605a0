import type { ImportListKind } from '@connector/sync';

/** An entry of the Jobs or Vendors list as the API sends it: its Procore record named for the list (project or vendor). */
export function shapeImportEntry<T extends { procoreRecord: { id: number; name: string } | null }>(kind: ImportListKind, item: T) {
  const { procoreRecord, ...rest } = item;
  return kind === 'jobs' ? { ...rest, procoreProject: procoreRecord } : { ...rest, procoreVendor: procoreRecord };
}
