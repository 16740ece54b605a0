import type { IteratorState, RequestContext } from '../handlers/request-context.ts';
import { StatusError, buildResponse } from '../handlers/request-context.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { textOf } from '../xml/xml-node.ts';

export interface QuerySpec<T> {
  idOf(rec: T): string;
  byId(id: string): T | undefined;
  /** Candidates in QuickBooks' return order. */
  all(): readonly T[];
  /** ListID/FullName/TxnID/RefNumber lists: each value -> its matches (empty = not found). */
  explicit?: { values: string[]; resolve(value: string): T[] };
  filter(rec: T): boolean;
  render(rec: T): XmlNode;
}

function iteratorGuid(ctx: RequestContext): string {
  const n = ctx.session.nextIterator++;
  const hex = (v: number, len: number): string => v.toString(16).padStart(len, '0').slice(-len);
  return `{${hex(ctx.session.number, 8)}-${hex(n >>> 16, 4)}-4${hex(n & 0xfff, 3)}-8${hex(ctx.store.company.nextListSeq & 0xfff, 3)}-${hex(ctx.store.now(), 12)}}`;
}

function maxReturnedOf(rq: XmlNode): number | undefined {
  const v = textOf(rq, 'MaxReturned');
  return v === undefined || v === '' ? undefined : Math.max(0, Number(v));
}

function collect<T>(spec: QuerySpec<T>, limit: number): { recs: T[]; missing?: string } {
  if (spec.explicit) {
    const out: T[] = [];
    const seen = new Set<string>();
    let missing: string | undefined;
    for (const v of spec.explicit.values) {
      const hits = spec.explicit.resolve(v);
      if (hits.length === 0) missing ??= v;
      for (const h of hits) {
        const id = spec.idOf(h);
        if (!seen.has(id)) {
          seen.add(id);
          out.push(h);
        }
      }
    }
    return missing === undefined ? { recs: out.slice(0, limit) } : { recs: out.slice(0, limit), missing };
  }
  const out: T[] = [];
  for (const rec of spec.all()) {
    if (out.length >= limit) break;
    if (spec.filter(rec)) out.push(rec);
  }
  return { recs: out };
}

/**
 * One query request: explicit ID/name lists, filters, MaxReturned and iterators
 * (iterator="Start" snapshots the matching IDs; "Continue" pages through them in O(page);
 * an unknown iteratorID or one from an earlier session answers 3391).
 */
export function runQuery<T>(ctx: RequestContext, rq: XmlNode, spec: QuerySpec<T>): XmlNode {
  const iterator = rq.attrs.iterator;
  const max = maxReturnedOf(rq);
  if (iterator === 'Continue' || iterator === 'Stop') {
    const id = rq.attrs.iteratorID ?? '';
    const state = ctx.session.iterators.get(id);
    if (!state || state.requestName !== rq.name) throw new StatusError(STATUS.badIterator(id));
    if (iterator === 'Stop') {
      ctx.session.iterators.delete(id);
      return buildResponse(rq, STATUS.ok(), [], { iteratorRemainingCount: '0', iteratorID: id });
    }
    return pageOf(ctx, rq, spec, state, max ?? state.maxReturned);
  }
  if (iterator === 'Start') {
    const { recs, missing } = collect(spec, Number.MAX_SAFE_INTEGER);
    const state: IteratorState = {
      id: iteratorGuid(ctx),
      requestName: rq.name,
      ids: recs.map((r) => spec.idOf(r)),
      position: 0,
      maxReturned: max ?? Number.MAX_SAFE_INTEGER,
    };
    ctx.session.iterators.set(state.id, state);
    const rs = pageOf(ctx, rq, spec, state, state.maxReturned);
    if (missing !== undefined && rs.attrs.statusCode === '0') Object.assign(rs.attrs, statusAttrs(STATUS.notAllFound(missing)));
    return rs;
  }
  const { recs, missing } = collect(spec, max ?? Number.MAX_SAFE_INTEGER);
  const rets = recs.map((r) => spec.render(r));
  if (missing !== undefined) return buildResponse(rq, STATUS.notAllFound(missing), rets);
  return buildResponse(rq, rets.length > 0 ? STATUS.ok() : STATUS.noMatch(), rets);
}

function statusAttrs(s: { code: number; severity: string; message: string }): Record<string, string> {
  return { statusCode: String(s.code), statusSeverity: s.severity, statusMessage: s.message };
}

function pageOf<T>(ctx: RequestContext, rq: XmlNode, spec: QuerySpec<T>, state: IteratorState, max: number): XmlNode {
  const rets: XmlNode[] = [];
  while (state.position < state.ids.length && rets.length < max) {
    const rec = spec.byId(state.ids[state.position++] as string);
    if (rec !== undefined) rets.push(spec.render(rec));
  }
  const remaining = state.ids.length - state.position;
  if (remaining === 0) ctx.session.iterators.delete(state.id);
  return buildResponse(rq, rets.length > 0 ? STATUS.ok() : STATUS.noMatch(), rets, { iteratorRemainingCount: String(remaining), iteratorID: state.id });
}
