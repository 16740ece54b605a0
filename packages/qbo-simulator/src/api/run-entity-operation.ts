// One entity operation, shared by the single-entity endpoints and batch items:
//   create (POST /<entity> without Id), update (with Id and SyncToken; sparse: true for a sparse update),
//   delete (POST /<entity>?operation=delete, or a batch item with operation "delete").
// Answer body: { <Entity>: {...} } ("Learn about basic REST API features", …/docs/learn/rest-api-features).

import { unsupportedProperty } from '../http/qbo-fault.ts';
import type { EntityName } from '../model/entity-rules.ts';
import type { RealmStore } from '../model/realm-store.ts';

export type EntityOperation = 'create' | 'update' | 'delete';

export function runEntityOperation(store: RealmStore, entity: EntityName, operation: EntityOperation | null, payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw unsupportedProperty(`the ${entity} body must be a JSON object`);
  const fields = payload as Record<string, unknown>;
  const op = operation ?? (fields['Id'] === undefined ? 'create' : 'update');
  switch (op) {
    case 'create':
      return store.create(entity, fields);
    case 'update':
      return store.update(entity, fields);
    case 'delete':
      return store.delete(entity, fields);
    default:
      throw unsupportedProperty(`operation ${String(op)} is not supported`);
  }
}
