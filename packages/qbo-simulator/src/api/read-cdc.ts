// GET /cdc?entities=Vendor,Bill&changedSince=<dateTime>: every record of those types changed since then, deleted
// ones as { Id, status: "Deleted" }; "CDC operations can track changes within the last 30 days"; "Server
// responses can handle a maximum of 1,000 objects" ("Change data capture operation",
// https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/change-data-capture).
// Answer: { CDCResponse: [{ QueryResponse: [{ <Entity>: [...] , startPosition, maxResults }, …] }], time }.
// Beyond 1000 objects the simulator keeps the oldest changes first (a client asks again from a later time).

import { unsupportedProperty, validationFault } from '../http/qbo-fault.ts';
import { entityFromName, type EntityName } from '../model/entity-rules.ts';
import type { RealmStore } from '../model/realm-store.ts';

export const CDC_WINDOW_MS = 30 * 24 * 3_600_000;
export const CDC_MAX_OBJECTS = 1000;

export function readCdc(store: RealmStore, params: URLSearchParams, nowMs: number): Record<string, unknown> {
  const names = (params.get('entities') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw unsupportedProperty('entities is required', 'entities');
  const entities: EntityName[] = names.map((n) => {
    const e = entityFromName(n);
    if (!e) throw unsupportedProperty(`entity ${n} is not supported by CDC here`, 'entities');
    return e;
  });
  const since = Date.parse(params.get('changedSince') ?? '');
  if (Number.isNaN(since)) throw unsupportedProperty('changedSince must be a date-time', 'changedSince');
  if (nowMs - since > CDC_WINDOW_MS) {
    throw validationFault('2010', 'Request has invalid or unsupported property', 'changedSince must be within the last 30 days', 'changedSince');
  }
  let room = CDC_MAX_OBJECTS;
  const queryResponses = entities.map((entity) => {
    const changed = store.changedSince(entity, since).slice(0, Math.max(0, room));
    room -= changed.length;
    return changed.length === 0 ? {} : { [entity]: changed, startPosition: 1, maxResults: changed.length };
  });
  return { CDCResponse: [{ QueryResponse: queryResponses }] };
}
