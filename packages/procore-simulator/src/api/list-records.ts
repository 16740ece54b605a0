import { ok, type ApiResult } from '../http/api-result.ts';
import { paginate } from '../http/paginate.ts';
import { inRange, parseIdList, parseTimeRange } from '../http/parse-list-filters.ts';
import type { ApiContext } from './api-context.ts';

interface Listable {
  id: number;
  created_at: string;
  updated_at: string;
  origin_id?: string | null;
}

/**
 * A paged list with the common Procore filters: filters[id], filters[origin_id], filters[created_at] and
 * filters[updated_at] (Procore docs: Filtering on List Actions), plus an endpoint-specific predicate.
 */
export function listRecords<T extends Listable>(
  ctx: ApiContext,
  source: readonly T[],
  render: (record: T) => unknown,
  extra?: (record: T) => boolean,
): ApiResult {
  const updated = parseTimeRange(ctx.query.get('filters[updated_at]'), 'filters[updated_at]');
  const createdRange = parseTimeRange(ctx.query.get('filters[created_at]'), 'filters[created_at]');
  const ids = parseIdList(ctx.query, 'id');
  const origin = ctx.query.get('filters[origin_id]');
  const checks: ((r: T) => boolean)[] = [];
  if (updated) checks.push((r) => inRange(r.updated_at, updated));
  if (createdRange) checks.push((r) => inRange(r.created_at, createdRange));
  if (ids) checks.push((r) => ids.has(r.id));
  if (origin !== null) checks.push((r) => r.origin_id === origin);
  if (extra) checks.push(extra);
  const filter = checks.length === 0 ? undefined : (r: T) => checks.every((check) => check(r));
  const page = paginate(source, filter ? { url: ctx.url, maxPerPage: ctx.config.maxPerPage, filter } : { url: ctx.url, maxPerPage: ctx.config.maxPerPage });
  return ok(page.items.map(render), page.headers);
}
