export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export interface PaginateOptions<T> {
  /** The request URL, absolute (Link headers repeat it with other page numbers). */
  url: URL;
  maxPerPage: number;
  defaultPerPage?: number;
  /** Keep only matching records; the source is walked once and only the requested page is copied. */
  filter?: (record: T) => boolean;
}

/**
 * Procore pagination (API-CONTRACT.md "Conventions"; Procore docs: Pagination): `page` (1-based) and `per_page`,
 * answered with `Total`, `Per-Page` and a `Link` header with rel first/prev (after page 1), next (before the last
 * page) and last.
 */
export function paginate<T>(source: readonly T[], options: PaginateOptions<T>): Page<T> {
  const perPage = clampInt(options.url.searchParams.get('per_page'), Math.min(options.defaultPerPage ?? 100, options.maxPerPage), 1, options.maxPerPage);
  const page = clampInt(options.url.searchParams.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
  const start = (page - 1) * perPage;
  let total: number;
  let items: T[];
  if (options.filter === undefined) {
    total = source.length;
    items = source.slice(start, start + perPage);
  } else {
    total = 0;
    items = [];
    for (const record of source) {
      if (!options.filter(record)) continue;
      if (total >= start && items.length < perPage) items.push(record);
      total++;
    }
  }
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const link = (p: number, rel: string) => {
    const u = new URL(options.url);
    u.searchParams.set('page', String(p));
    u.searchParams.set('per_page', String(perPage));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(1, 'first'), link(Math.min(page - 1, lastPage), 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'));
  links.push(link(lastPage, 'last'));
  return { items, headers: { Total: String(total), 'Per-Page': String(perPage), Link: links.join(', ') } };
}

function clampInt(text: string | null, fallback: number, min: number, max: number): number {
  if (text === null || !/^\d+$/.test(text.trim())) return fallback;
  return Math.min(max, Math.max(min, Number(text)));
}
