import type { CompanyScoped, OriginFields } from './records.ts';

type TableRecord = CompanyScoped & Partial<OriginFields>;

export interface RecordTableOptions<T> {
  /** The webhook resource name of a record (API-CONTRACT.md "Webhook delivery"). */
  resourceName: (record: T) => string;
  /** The list scope: company id for company-level records, project id for project-level ones. */
  scopeOf: (record: T) => number;
}

/**
 * One resource type: records by id, per-scope lists in id order (what list endpoints page through without
 * copying) and a per-company origin_id index (Procore: origin_id is unique per company per resource type).
 */
export class RecordTable<T extends TableRecord> {
  private readonly byId = new Map<number, T>();
  private readonly byScope = new Map<number, T[]>();
  private readonly byOrigin = new Map<string, T>();

  private readonly options: RecordTableOptions<T>;
  constructor(options: RecordTableOptions<T>) {
    this.options = options;
  }

  get size(): number {
    return this.byId.size;
  }

  resourceName(record: T): string {
    return this.options.resourceName(record);
  }

  get(id: number): T | undefined {
    return this.byId.get(id);
  }

  /** Records of one scope (company, project, list, commitment or hook id, per table) in id order. The array is
   * live: callers must not modify it. Without a scope: every record of the table (all companies), in id order. */
  list(scope?: number): readonly T[] {
    if (scope === undefined) return [...this.byId.values()].sort((a, b) => a.id - b.id);
    return this.byScope.get(scope) ?? [];
  }

  all(): IterableIterator<T> {
    return this.byId.values();
  }

  findByOrigin(companyId: number, originId: string): T | undefined {
    return this.byOrigin.get(originKey(companyId, originId));
  }

  /** Whether another record of the company already uses `originId`. */
  originTaken(companyId: number, originId: string | null | undefined, exceptId?: number): boolean {
    if (originId === null || originId === undefined || originId === '') return false;
    const holder = this.findByOrigin(companyId, originId);
    return holder !== undefined && holder.id !== exceptId;
  }

  insert(record: T): void {
    if (this.byId.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    this.byId.set(record.id, record);
    const scope = this.options.scopeOf(record);
    let list = this.byScope.get(scope);
    if (list === undefined) {
      list = [];
      this.byScope.set(scope, list);
    }
    const last = list[list.length - 1];
    if (last === undefined || last.id < record.id) list.push(record);
    else list.splice(lowerBound(list, record.id), 0, record);
    this.indexOrigin(record);
  }

  /** Call after changing a record's origin_id (the old value is passed to drop its index entry). */
  reindexOrigin(record: T, previousOriginId: string | null | undefined): void {
    if (previousOriginId) {
      const key = originKey(record.company_id, previousOriginId);
      if (this.byOrigin.get(key) === record) this.byOrigin.delete(key);
    }
    this.indexOrigin(record);
  }

  remove(record: T): void {
    if (!this.byId.delete(record.id)) return;
    const list = this.byScope.get(this.options.scopeOf(record));
    if (list) {
      const at = lowerBound(list, record.id);
      if (list[at] === record) list.splice(at, 1);
    }
    if (record.origin_id) {
      const key = originKey(record.company_id, record.origin_id);
      if (this.byOrigin.get(key) === record) this.byOrigin.delete(key);
    }
  }

  private indexOrigin(record: T): void {
    if (record.origin_id) this.byOrigin.set(originKey(record.company_id, record.origin_id), record);
  }
}

function originKey(companyId: number, originId: string): string {
  return `${companyId}\u0000${originId}`;
}

function lowerBound(list: readonly { id: number }[], id: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as { id: number }).id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
