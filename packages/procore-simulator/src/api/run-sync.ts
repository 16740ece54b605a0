import { ApiError, addError, type FieldErrors } from '../http/api-error.ts';
import { ok, type ApiResult } from '../http/api-result.ts';
import type { IdKind } from '../model/id-bases.ts';
import type { RecordTable } from '../model/record-table.ts';
import type { CompanyScoped, OriginFields } from '../model/records.ts';
import type { ApiContext } from './api-context.ts';
import { ItemReader } from './item-reader.ts';

type SyncRecord = CompanyScoped & OriginFields;

export interface SyncResource<T extends SyncRecord> {
  table: RecordTable<T>;
  idKind: IdKind;
  companyId: number;
  /** Whether an existing record is in the scope of this call (the company, list or project). */
  inScope: (record: T) => boolean;
  /** Fields for a new record (errors go to reader.errors). */
  buildCreate: (reader: ItemReader) => Omit<T, 'id' | 'created_at' | 'updated_at'>;
  /** Patch for an existing record (errors go to reader.errors). */
  buildUpdate: (reader: ItemReader, existing: T) => Partial<T>;
  render: (record: T) => unknown;
  /** Side effects of a creation (e.g. a new project gets the standard cost codes). */
  afterCreate?: (record: T) => void;
}

/**
 * Procore sync actions (Procore docs: Using Sync Actions; API-CONTRACT.md "Conventions"): at most
 * `syncMaxItems` items or the whole request is refused (422); each item with `id` updates that record, else an
 * item whose `origin_id` exists updates it, else a record is created. Always 200 `{ entities, errors }`, each
 * error being the submitted item with an `errors` object. Items are applied in order, so a later item sees
 * what an earlier one created.
 */
export function runSync<T extends SyncRecord>(ctx: ApiContext, resource: SyncResource<T>): ApiResult {
  const updates = ctx.body['updates'];
  if (!Array.isArray(updates)) throw new ApiError(400, { errors: { updates: ["can't be blank"] } });
  if (updates.length > ctx.config.syncMaxItems) {
    throw new ApiError(422, { errors: { updates: [`is too long (maximum is ${ctx.config.syncMaxItems} items)`] } });
  }
  const { table, companyId } = resource;
  const entities: unknown[] = [];
  const errors: unknown[] = [];
  for (const raw of updates) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push({ item: raw, errors: { base: ['must be an object'] } });
      continue;
    }
    const item = raw as Record<string, unknown>;
    const reader = new ItemReader(item);
    let existing: T | undefined;
    if (reader.has('id') && item['id'] !== null) {
      const id = reader.int('id');
      const found = typeof id === 'number' ? table.get(id) : undefined;
      if (found === undefined || !resource.inScope(found)) {
        errors.push({ ...item, errors: { id: ['Record not found'] } satisfies FieldErrors });
        continue;
      }
      existing = found;
    } else if (typeof item['origin_id'] === 'string' && item['origin_id'] !== '') {
      const found = table.findByOrigin(companyId, item['origin_id']);
      if (found !== undefined && resource.inScope(found)) existing = found;
    }
    if (reader.has('origin_id')) {
      const origin = reader.string('origin_id');
      if (typeof origin === 'string' && table.originTaken(companyId, origin, existing?.id)) addError(reader.errors, 'origin_id', 'has already been taken');
    }
    reader.string('origin_data', { max: 65_535 });
    const built = existing === undefined ? resource.buildCreate(reader) : resource.buildUpdate(reader, existing);
    if (!reader.ok) {
      errors.push({ ...item, errors: reader.errors });
      continue;
    }
    if (existing === undefined) {
      const record = ctx.store.create(table, resource.idKind, built as Omit<T, 'id' | 'created_at' | 'updated_at'>, ctx.actor);
      resource.afterCreate?.(record);
      entities.push(resource.render(record));
    } else {
      ctx.store.update(table, existing, built as Partial<T>, ctx.actor);
      entities.push(resource.render(existing));
    }
  }
  return ok({ entities, errors });
}

/** origin_id / origin_data as sent (undefined when absent). */
export function readOrigin(reader: ItemReader): { origin_id?: string | null; origin_data?: string | null } {
  const out: { origin_id?: string | null; origin_data?: string | null } = {};
  if (reader.has('origin_id')) out.origin_id = reader.item['origin_id'] === null || reader.item['origin_id'] === '' ? null : String(reader.item['origin_id']);
  if (reader.has('origin_data')) out.origin_data = reader.item['origin_data'] === null ? null : String(reader.item['origin_data']);
  return out;
}
