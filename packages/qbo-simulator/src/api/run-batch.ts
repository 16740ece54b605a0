// POST /batch: { BatchItemRequest: [{ bId, operation, <Entity>: {...} } | { bId, Query: "select …" }] } →
// { BatchItemResponse: [{ bId, <Entity> } | { bId, QueryResponse } | { bId, Fault }], time }, HTTP 200 even when
// items fail; items run in order and independently ("Batch operation",
// https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch). At most
// 30 items ("Recommended maximum number of payloads in a single batch request is 30", limits-and-throttles page);
// more is refused as a whole (simulator's wording: Intuit's exact fault for 31+ items is not documented).

import { QboSimFault, unsupportedProperty, validationFault } from '../http/qbo-fault.ts';
import { entityFromName } from '../model/entity-rules.ts';
import type { RealmStore } from '../model/realm-store.ts';
import { parseQuery } from '../query/parse-query.ts';
import { resolveQueryEntity, runQuery } from '../query/run-query.ts';
import { runEntityOperation, type EntityOperation } from './run-entity-operation.ts';

export const MAX_BATCH_ITEMS = 30;

export function runBatch(store: RealmStore, body: unknown): Array<Record<string, unknown>> {
  const items = (body as { BatchItemRequest?: unknown } | null)?.BatchItemRequest;
  if (!Array.isArray(items) || items.length === 0) throw unsupportedProperty('BatchItemRequest must be a non-empty array', 'BatchItemRequest');
  if (items.length > MAX_BATCH_ITEMS)
    throw validationFault(
      '2010',
      'Request has invalid or unsupported property',
      `A batch may hold at most ${MAX_BATCH_ITEMS} items; got ${items.length}`,
      'BatchItemRequest',
    );
  return items.map((raw: unknown) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const bId = String(item['bId'] ?? '');
    try {
      if (typeof item['Query'] === 'string') {
        const query = parseQuery(item['Query']);
        return { bId, QueryResponse: runQuery(query, store.list(resolveQueryEntity(query))) };
      }
      const keys = Object.keys(item).filter((k) => k !== 'bId' && k !== 'operation' && k !== 'optionsData');
      const entity = keys.length === 1 ? entityFromName(keys[0] as string) : undefined;
      if (entity === undefined || keys[0] !== entity) throw unsupportedProperty(`batch item ${bId} must carry exactly one supported entity`);
      const operation = item['operation'];
      if (operation !== 'create' && operation !== 'update' && operation !== 'delete')
        throw unsupportedProperty(`batch item ${bId}: operation must be create, update or delete`, 'operation');
      return { bId, [entity]: runEntityOperation(store, entity, operation as EntityOperation, item[entity]) };
    } catch (error) {
      if (error instanceof QboSimFault) return { bId, Fault: error.toFault() };
      throw error;
    }
  });
}
