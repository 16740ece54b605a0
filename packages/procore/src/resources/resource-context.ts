// What every typed resource module gets: the transport (request / paginate / sync) and a clock for
// date-range filters.

import type { ProcoreTransport } from '../procore-transport.ts';

export interface ResourceContext {
  transport: ProcoreTransport;
  now: () => number;
}

/** A Procore record id as the caller may hold it. */
export type ProcoreId = number | string;

/** An id as a path segment. Procore ids are integers; anything else (".." or "1/2" included) could move the
 * request to another path, so it is refused. */
export function segment(id: ProcoreId): string {
  const text = String(id);
  if (!/^\d{1,18}$/.test(text)) throw new TypeError(`not a Procore id: "${text}"`);
  return text;
}

/** An id in a JSON body: Procore's OpenAPI types company_id / project_id / list ids as integers. */
export function idValue(id: ProcoreId): number | string {
  const text = segment(id);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

export interface UpdatedSinceOptions {
  /** Only records updated at or after this time: `filters[updated_at]=<since>...<until>`. */
  updatedSince?: Date | undefined;
  /** End of the range; default one day from now, so clock skew between us and Procore loses nothing. */
  updatedUntil?: Date | undefined;
}

export interface PageSizeOption {
  /** per_page (default: the client's perPage). */
  perPage?: number | undefined;
}

const DAY_MS = 86_400_000;

/** Procore docs ("Filtering on List Actions"): a datetime range is written `<ISO 8601>...<ISO 8601>`. */
export function updatedAtFilter(options: UpdatedSinceOptions, now: () => number): string | undefined {
  if (!options.updatedSince) return undefined;
  const until = options.updatedUntil ?? new Date(now() + DAY_MS);
  return `${options.updatedSince.toISOString()}...${until.toISOString()}`;
}

/** A cost code as nested in line items and budget rows. */
export interface CostCodeRef {
  id: number;
  code?: string | null;
  full_code?: string | null;
  name?: string | null;
}

export interface NamedRef {
  id: number;
  name?: string | null;
}
