// Change data capture: every entity of the listed types changed since a moment, full payloads, deleted ones
// with status "Deleted".
//
// GET <baseURL>/v3/company/<realmId>/cdc?entities=<comma-separated>&changedSince=<dateTime>; "CDC operations
// can track changes within the last 30 days"; "Server responses can handle a maximum of 1,000 objects. We
// suggest you query for shorter time periods" ("Change data capture operation",
// https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/change-data-capture).
// Answer: { CDCResponse: [{ QueryResponse: [{ <Entity>: [...] }, …] }], time } — one QueryResponse per entity
// type. The answer's `time` is Intuit's clock: it is the next changedSince (not ours), and a response that
// reached 1000 objects may be cut: the caller narrows the window (see `mayBeTruncated`).

import type { QboEntityMap, QboEntityName } from './qbo-entities.ts';
import type { QboRequestFunction } from './qbo-transport.ts';

export const CDC_WINDOW_MS = 30 * 24 * 3_600_000;
export const CDC_MAX_OBJECTS = 1000;

export type ChangedRecords = { [E in QboEntityName]?: QboEntityMap[E][] };

export interface ChangesSince {
  changes: ChangedRecords;
  /** Objects in the answer, all types. */
  count: number;
  /** The answer reached Intuit's 1000-object ceiling: some changes may be missing; ask again for a shorter period. */
  mayBeTruncated: boolean;
  /** Intuit's time of the answer (ISO), null when absent. */
  serverTime: string | null;
}

interface CdcBody {
  CDCResponse?: Array<{ QueryResponse?: Array<Record<string, unknown>> }>;
  time?: string;
}

export async function readChangesSince(
  request: QboRequestFunction,
  entities: readonly QboEntityName[],
  changedSince: Date,
  nowMs: number,
): Promise<ChangesSince> {
  if (entities.length === 0) throw new TypeError('cdc needs at least one entity');
  if (Number.isNaN(changedSince.getTime())) throw new TypeError('changedSince is not a valid date');
  if (nowMs - changedSince.getTime() > CDC_WINDOW_MS) {
    // Outside Intuit's window: a full read (query) is the only complete answer.
    throw new RangeError(`changedSince ${changedSince.toISOString()} is more than 30 days ago: CDC cannot answer; read the entities in full`);
  }
  const query = { entities: [...new Set(entities)].join(','), changedSince: changedSince.toISOString() };
  const { body } = await request<CdcBody>({ method: 'GET', path: 'cdc', query });
  const changes: ChangedRecords = {};
  let count = 0;
  for (const cdc of body?.CDCResponse ?? []) {
    for (const queryResponse of cdc.QueryResponse ?? []) {
      for (const entity of entities) {
        const list = queryResponse[entity];
        if (!Array.isArray(list)) continue;
        (changes as Record<string, unknown[]>)[entity] = [...((changes as Record<string, unknown[]>)[entity] ?? []), ...list];
        count += list.length;
      }
    }
  }
  return { changes, count, mayBeTruncated: count >= CDC_MAX_OBJECTS, serverTime: typeof body?.time === 'string' ? body.time : null };
}
