import { Type, type Static } from 'typebox';
import { OAuthCallbackQuery } from './auth-api.ts';
import { CompanyParams, ErrorBody, NoBody, nullable, NullableString, stringEnum, TextBody } from './common-schemas.ts';

/** GET …/procore/connection (and the answer of connecting a service account). Not connected yet: only the status, its message, webhooks and lastReconciledAt. */
export const ProcoreConnectionBody = Type.Object({
  status: stringEnum(['not_connected', 'connected', 'needs_sign_in', 'disconnected']),
  statusMessage: NullableString,
  environment: Type.Optional(Type.String()),
  grantType: Type.Optional(Type.String()),
  procoreUser: Type.Optional(NullableString),
  connectedAt: Type.Optional(NullableString),
  connectedBy: Type.Optional(NullableString),
  accessTokenExpiresAt: Type.Optional(NullableString),
  lastRefreshedAt: Type.Optional(NullableString),
  encryptionKeyId: Type.Optional(NullableString),
  webhooks: nullable(Type.Object({ destinationUrl: Type.String(), triggers: Type.Integer(), lastDeliveryAt: NullableString })),
  lastReconciledAt: NullableString,
});
export type ProcoreConnectionBody = Static<typeof ProcoreConnectionBody>;

export const AuthorizeUrlBody = Type.Object({ authorizeUrl: Type.String() });
export type AuthorizeUrlBody = Static<typeof AuthorizeUrlBody>;
export const DisconnectBody = Type.Object({ revoked: Type.Array(Type.String()), revokeFailed: Type.Array(Type.String()) });
export type DisconnectBody = Static<typeof DisconnectBody>;
export const WebhooksBody = Type.Object({ procoreHookId: Type.String(), destinationUrl: Type.String(), triggers: Type.Integer() });
export type WebhooksBody = Static<typeof WebhooksBody>;
export const ReconcileRequestBody = nullable(Type.Object({ full: Type.Optional(Type.Boolean()) }, { additionalProperties: false }));
export type ReconcileRequestBody = Static<typeof ReconcileRequestBody>;
export const ReconcileBody = Type.Object({ jobId: Type.String(), alreadyQueued: Type.Boolean() });
export type ReconcileBody = Static<typeof ReconcileBody>;

export const procoreApi = {
  /** GET …/procore/connect — a redirect to Procore's authorize page (admins). */
  connectRedirect: { params: CompanyParams, response: { 302: NoBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody } },
  /** POST …/procore/connect — Procore's authorize URL, for the iframe to open in a popup (admins). */
  connect: { params: CompanyParams, response: { 200: AuthorizeUrlBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody } },
  /** GET /oauth/procore/callback — Procore's redirect; an HTML page that tells the opener. */
  callback: { querystring: OAuthCallbackQuery, response: { 200: TextBody } },
  /** GET /static/procore-iframe-helpers.js */
  iframeHelpers: { response: { 200: TextBody } },
  /** POST …/procore/service-account (admins) */
  serviceAccount: {
    params: CompanyParams,
    response: { 200: ProcoreConnectionBody, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody },
  },
  /** GET …/procore/connection */
  read: { params: CompanyParams, response: { 200: ProcoreConnectionBody, 404: ErrorBody } },
  /** DELETE …/procore/connection — disconnect, revoking the tokens (admins). */
  disconnect: { params: CompanyParams, response: { 200: DisconnectBody, 404: ErrorBody, 409: ErrorBody } },
  /** POST …/procore/webhooks — register the webhook hook and triggers (admins). */
  webhooks: { params: CompanyParams, response: { 200: WebhooksBody, 404: ErrorBody, 409: ErrorBody, 502: ErrorBody } },
  /** POST …/procore/reconcile {full?} — queue a reconciliation (admins). */
  reconcile: { params: CompanyParams, body: ReconcileRequestBody, response: { 202: ReconcileBody, 404: ErrorBody, 409: ErrorBody } },
} as const;
