// Maps one Procore /sync answer back onto the items that were sent. Procore answers 200 with
// { entities, errors } (API-CONTRACT.md "Sync endpoints"; Procore docs: "Using Sync Actions"): entities in
// no promised order, and each error is the submitted item echoed with an `errors` object. So items are
// matched by `id`, else `origin_id`; an item with neither is matched to an echoed error with the same
// fields, and only then by position among such items. An item found in neither list is reported as a
// failure — a record is never lost silently.

import { isRecord } from './call-login-endpoint.ts';
import type { ProcoreApiError } from './procore-api-error.ts';
import { readErrorsValue } from './read-procore-errors.ts';

/** What the matcher reads on a sync item; every sync item type has these. */
export interface SyncItemKeys {
  id?: number | string | null | undefined;
  origin_id?: string | number | null | undefined;
}

export type SyncFailureReason =
  /** Procore returned the item in `errors`. */
  | 'rejected'
  /** Procore returned the item in neither `entities` nor `errors`. */
  | 'missing'
  /** The whole chunk failed (HTTP error): see `error`. */
  | 'request_failed'
  /** Not sent because an earlier chunk failed. */
  | 'not_sent';

export interface SyncFailure<TItem> {
  /** Index in the caller's `updates`. */
  index: number;
  item: TItem;
  /** Flattened: "name can't be blank". */
  messages: string[];
  /** { name: ["can't be blank"] } */
  fields: Record<string, string[]>;
  reason: SyncFailureReason;
  /** For request_failed / not_sent: the chunk's error (its outcome says whether Procore may have applied it). */
  error?: ProcoreApiError;
}

export interface SyncSuccess<TItem, TEntity> {
  index: number;
  item: TItem;
  entity: TEntity;
}

export interface SyncResult<TItem, TEntity> {
  /** Every entity Procore returned, in answer order. */
  entities: TEntity[];
  /** Items Procore created or updated, with their entity, ordered by index. */
  succeeded: Array<SyncSuccess<TItem, TEntity>>;
  /** Items that failed, ordered by index. */
  failures: Array<SyncFailure<TItem>>;
  /** HTTP calls made (chunks sent). */
  calls: number;
  /** The chunk error that stopped the run, if any. */
  aborted: ProcoreApiError | null;
}

export const NO_RESULT_MESSAGE = 'Procore returned no result for this record';

interface Candidate {
  value: Record<string, unknown>;
  used: boolean;
}

/** Matches one chunk. `offset` is the index of items[0] in the caller's input. */
export function matchSyncResults<TItem extends SyncItemKeys, TEntity>(
  items: readonly TItem[],
  offset: number,
  body: unknown,
): { entities: TEntity[]; succeeded: Array<SyncSuccess<TItem, TEntity>>; failures: Array<SyncFailure<TItem>> } {
  const answer = isRecord(body) ? body : {};
  const entityList = Array.isArray(answer['entities']) ? answer['entities'].filter(isRecord) : [];
  const errorList = Array.isArray(answer['errors']) ? answer['errors'].filter(isRecord) : [];
  const entities: Candidate[] = entityList.map((value) => ({ value, used: false }));
  const errors: Candidate[] = errorList.map((value) => ({ value, used: false }));

  const succeeded: Array<SyncSuccess<TItem, TEntity>> = [];
  const failures: Array<SyncFailure<TItem>> = [];
  const resolved = new Array<boolean>(items.length).fill(false);

  const succeed = (i: number, candidate: Candidate): void => {
    candidate.used = true;
    resolved[i] = true;
    succeeded.push({ index: offset + i, item: items[i] as TItem, entity: candidate.value as TEntity });
  };
  const fail = (i: number, candidate: Candidate): void => {
    candidate.used = true;
    resolved[i] = true;
    const { fields, messages } = readErrorsValue(candidate.value['errors']);
    failures.push({
      index: offset + i,
      item: items[i] as TItem,
      messages: messages.length > 0 ? messages : ['Procore rejected this record'],
      fields,
      reason: 'rejected',
    });
  };
  const find = (list: Candidate[], key: 'id' | 'origin_id', value: unknown): Candidate | undefined =>
    list.find((c) => !c.used && hasKey(c.value[key]) && String(c.value[key]) === String(value));

  // 1. Items with an id or origin_id, matched by key.
  items.forEach((item, i) => {
    if (hasKey(item.id)) {
      const entity = find(entities, 'id', item.id);
      if (entity) return succeed(i, entity);
      const error = find(errors, 'id', item.id) ?? (hasKey(item.origin_id) ? find(errors, 'origin_id', item.origin_id) : undefined);
      if (error) return fail(i, error);
    } else if (hasKey(item.origin_id)) {
      const entity = find(entities, 'origin_id', item.origin_id);
      if (entity) return succeed(i, entity);
      const error = find(errors, 'origin_id', item.origin_id);
      if (error) return fail(i, error);
    }
  });

  // 2. Items with neither key: first an answer that carries the same values for every field the item
  //    sent (errors echo the item; entities usually show the fields sent), then — the only link left —
  //    position: remaining errors, then remaining entities, in order.
  const keyless = items.map((_, i) => i).filter((i) => !resolved[i] && !hasKey(items[i]?.id) && !hasKey(items[i]?.origin_id));
  const keylessErrors = errors.filter((c) => !c.used && !hasKey(c.value['id']) && !hasKey(c.value['origin_id']));
  const unclaimedEntities = entities.filter((c) => !c.used);
  const byContent = (list: Candidate[], settle: (i: number, c: Candidate) => void): void => {
    for (const candidate of list) {
      const i = keyless.find((k) => !resolved[k] && echoes(candidate.value, items[k] as TItem));
      if (i !== undefined) settle(i, candidate);
    }
  };
  const byPosition = (list: Candidate[], settle: (i: number, c: Candidate) => void): void => {
    for (const candidate of list) {
      if (candidate.used) continue;
      const i = keyless.find((k) => !resolved[k]);
      if (i === undefined) return;
      settle(i, candidate);
    }
  };
  byContent(keylessErrors, fail);
  byContent(unclaimedEntities, succeed);
  byPosition(keylessErrors, fail);
  byPosition(unclaimedEntities, succeed);

  // 3. Anything left got no answer at all.
  items.forEach((item, i) => {
    if (!resolved[i]) failures.push({ index: offset + i, item, messages: [NO_RESULT_MESSAGE], fields: {}, reason: 'missing' });
  });

  succeeded.sort((a, b) => a.index - b.index);
  failures.sort((a, b) => a.index - b.index);
  return { entities: entityList as TEntity[], succeeded, failures };
}

function hasKey(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** The answer echoes the item: every field the item sent comes back with the same value. */
function echoes(echo: Record<string, unknown>, item: object): boolean {
  return Object.entries(item).every(([key, value]) => value === undefined || JSON.stringify(echo[key]) === JSON.stringify(value));
}
