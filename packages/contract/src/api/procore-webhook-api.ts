import { Type, type Static } from 'typebox';
import { stringEnum } from './common-schemas.ts';

const IdOrString = Type.Union([Type.Integer(), Type.String({ maxLength: 64 })]);

/** A Procore webhook delivery (Procore's Webhooks API: the body Procore POSTs for each event). */
export const WebhookDeliveryBody = Type.Object({
  ulid: Type.String({ minLength: 10, maxLength: 64 }),
  resource_name: Type.String({ maxLength: 128 }),
  resource_id: IdOrString,
  event_type: stringEnum(['create', 'update', 'delete']),
  company_id: IdOrString,
  project_id: Type.Optional(Type.Union([Type.Integer(), Type.String({ maxLength: 64 }), Type.Null()])),
  metadata: Type.Optional(Type.Unsafe<Record<string, unknown> | null>({ type: ['object', 'null'] })),
});
export type WebhookDeliveryBody = Static<typeof WebhookDeliveryBody>;

export const WebhookOutcomeBody = Type.Object({ outcome: Type.String() });
export type WebhookOutcomeBody = Static<typeof WebhookOutcomeBody>;

export const procoreWebhookApi = {
  /** POST /webhooks/procore/:companyId — answered fast; duplicates get 2xx so Procore stops retrying. */
  receive: { params: Type.Object({ companyId: Type.String({ maxLength: 64 }) }), body: WebhookDeliveryBody, response: { 200: WebhookOutcomeBody } },
} as const;
