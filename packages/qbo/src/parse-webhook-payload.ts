// Reads a webhook delivery into one event per changed entity, in either of Intuit's two payload formats:
//
// Classic ("Managing webhooks notifications", developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications):
//   { "eventNotifications": [{ "realmId", "dataChangeEvent": { "entities": [{ "name", "id", "operation",
//     "lastUpdated", "deletedId"? }] } }] }   — operation Create | Update | Delete | Merge | Void.
// CloudEvents ("Upcoming change to webhooks payload structure", blogs.intuit.com 2025-11-12; migration
// mandatory by 15 May 2026): a JSON array of CloudEvents 1.0 —
//   [{ "specversion": "1.0", "id", "source", "type": "qbo.account.created.v1", "datacontenttype", "time",
//      "intuitentityid", "intuitaccountid", "data": {} }]   — intuitaccountid is the realm id.
// `data` varies by event and may be absent; a merge carries { "deletedid": "27" } ("Webhooks data objects",
// https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/data-objects).
//
// Notifications carry only what changed, not the record: the caller reads the record (or runs CDC to fill
// gaps). They may repeat (a delivery not acknowledged fast enough is sent again) and arrive out of order, so
// each event has a dedupe key: the CloudEvents id (unique per source, CloudEvents 1.0 §3.1.1 "id"), or for
// the classic format realm + entity + id + operation + lastUpdated. Ack (HTTP 200) fast and process later.

import { isQboEntityName, QBO_ENTITY_NAMES, type QboEntityName } from './qbo-entities.ts';

export type WebhookOperation = 'Create' | 'Update' | 'Delete' | 'Merge' | 'Void' | 'Emailed' | 'Unknown';

export interface WebhookEvent {
  format: 'classic' | 'cloudevents';
  realmId: string;
  /** Our entity name when it is one we know ('PurchaseOrder'), else Intuit's as given. */
  entity: QboEntityName | string;
  entityId: string;
  operation: WebhookOperation;
  /** Intuit's operation text as given ('Create', 'created'). */
  rawOperation: string;
  /** lastUpdated (classic) or time (CloudEvents); null when absent. */
  occurredAt: string | null;
  /** Merge: the id of the record merged away (classic deletedId, CloudEvents data.deletedid). */
  mergedFromId: string | null;
  dedupeKey: string;
}

export class WebhookPayloadError extends Error {
  override name = 'WebhookPayloadError';
}

const LOWER_TO_ENTITY = new Map(QBO_ENTITY_NAMES.map((e) => [e.toLowerCase(), e] as const));

const CLOUDEVENT_OPERATIONS: Record<string, WebhookOperation> = {
  created: 'Create',
  updated: 'Update',
  deleted: 'Delete',
  merged: 'Merge',
  voided: 'Void',
  emailed: 'Emailed',
};

const CLASSIC_OPERATIONS = new Set<WebhookOperation>(['Create', 'Update', 'Delete', 'Merge', 'Void', 'Emailed']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function entityName(raw: string): QboEntityName | string {
  if (isQboEntityName(raw)) return raw;
  return LOWER_TO_ENTITY.get(raw.toLowerCase()) ?? raw;
}

/** Parses the raw body (string or already-parsed JSON). Throws WebhookPayloadError when it is neither format. */
export function parseWebhookPayload(body: string | unknown): WebhookEvent[] {
  let json: unknown = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new WebhookPayloadError('the webhook body is not JSON', { cause: error });
    }
  }
  if (Array.isArray(json)) return json.map(readCloudEvent);
  if (isRecord(json) && Array.isArray(json['eventNotifications'])) return readClassic(json['eventNotifications']);
  throw new WebhookPayloadError('the webhook body is neither CloudEvents (an array) nor { eventNotifications }');
}

function readCloudEvent(event: unknown, index: number): WebhookEvent {
  if (!isRecord(event)) throw new WebhookPayloadError(`CloudEvent ${index} is not an object`);
  const id = str(event['id']);
  const type = str(event['type']);
  const realmId = str(event['intuitaccountid']);
  const entityId = str(event['intuitentityid']);
  if (id === null || type === null || realmId === null || entityId === null) {
    throw new WebhookPayloadError(`CloudEvent ${index} lacks id, type, intuitaccountid or intuitentityid`);
  }
  // type: qbo.<entity>.<operation>.v<n>
  const match = /^qbo\.([a-z0-9]+)\.([a-z]+)\.v\d+$/i.exec(type);
  if (match === null) throw new WebhookPayloadError(`CloudEvent ${index} has an unknown type "${type}"`);
  const rawOperation = match[2] as string;
  const source = str(event['source']) ?? '';
  const data = isRecord(event['data']) ? event['data'] : {};
  return {
    format: 'cloudevents',
    realmId,
    entity: entityName(match[1] as string),
    entityId,
    operation: CLOUDEVENT_OPERATIONS[rawOperation.toLowerCase()] ?? 'Unknown',
    rawOperation,
    occurredAt: str(event['time']),
    mergedFromId: str(data['deletedid']) ?? str(data['deletedId']),
    // CloudEvents 1.0: source + id identify an event; a redelivery carries the same pair.
    dedupeKey: `ce:${source}:${id}`,
  };
}

function readClassic(notifications: unknown[]): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  notifications.forEach((notification, n) => {
    if (!isRecord(notification)) throw new WebhookPayloadError(`eventNotifications[${n}] is not an object`);
    const realmId = str(notification['realmId']);
    const change = notification['dataChangeEvent'];
    if (realmId === null || !isRecord(change) || !Array.isArray(change['entities'])) {
      throw new WebhookPayloadError(`eventNotifications[${n}] lacks realmId or dataChangeEvent.entities`);
    }
    change['entities'].forEach((entity: unknown, e: number) => {
      if (!isRecord(entity)) throw new WebhookPayloadError(`eventNotifications[${n}].entities[${e}] is not an object`);
      const name = str(entity['name']);
      const id = str(entity['id']);
      const rawOperation = str(entity['operation']);
      if (name === null || id === null || rawOperation === null)
        throw new WebhookPayloadError(`eventNotifications[${n}].entities[${e}] lacks name, id or operation`);
      const lastUpdated = str(entity['lastUpdated']);
      const operation = CLASSIC_OPERATIONS.has(rawOperation as WebhookOperation) ? (rawOperation as WebhookOperation) : 'Unknown';
      events.push({
        format: 'classic',
        realmId,
        entity: entityName(name),
        entityId: id,
        operation,
        rawOperation,
        occurredAt: lastUpdated,
        mergedFromId: str(entity['deletedId']),
        dedupeKey: `classic:${realmId}:${name}:${id}:${rawOperation}:${lastUpdated ?? ''}`,
      });
    });
  });
  return events;
}
