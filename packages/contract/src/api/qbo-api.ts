import { Type, type Static } from 'typebox';
import { CompanyParams, ErrorBody, NoBody, nullable, NullableString, stringEnum, TextBody } from './common-schemas.ts';
import { AuthorizeUrlBody, DisconnectBody } from './procore-api.ts';

/** QuickBooks Desktop (the Web Connector, the default) or QuickBooks Online (Intuit's API), per company (issue 22). */
export const ACCOUNTING_EDITIONS = ['desktop', 'online'] as const;
export type AccountingEdition = (typeof ACCOUNTING_EDITIONS)[number];

/**
 * GET …/qbo/connection: the company's edition and its QuickBooks Online connection. `configured` is false when the
 * server has no QBO app keys (QBO_CLIENT_ID…): the Online choice then says so. Never a token.
 */
export const QboConnectionBody = Type.Object({
  edition: stringEnum(ACCOUNTING_EDITIONS),
  configured: Type.Boolean(),
  /** The Intuit key set this server uses (sandbox | production); null when not configured. */
  serverEnvironment: nullable(stringEnum(['sandbox', 'production'])),
  status: stringEnum(['not_connected', 'connected', 'needs_reconnect', 'disconnected']),
  realmId: NullableString,
  companyName: NullableString,
  /** The key set the connection was made with. */
  environment: nullable(stringEnum(['sandbox', 'production'])),
  connectedAt: NullableString,
  connectedBy: NullableString,
  accessTokenExpiresAt: NullableString,
  lastRefreshedAt: NullableString,
  /** Our code and a sentence a person can act on (Intuit's raw error inside it). */
  lastError: nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  encryptionKeyId: NullableString,
  /**
   * Calls to the Accounting API this month (UTC), counted by the connector. Intuit meters reads ("CorePlus") under its
   * App Partner Program; writes ("Core") are not metered. Intuit's usage chart stays the authority.
   */
  callsThisMonth: Type.Object({
    /** YYYY-MM, UTC */
    month: Type.String(),
    readCalls: Type.Integer({ minimum: 0 }),
    writeCalls: Type.Integer({ minimum: 0 }),
    /** A batch request counts each of its items */
    writeOperations: Type.Integer({ minimum: 0 }),
    throttledCalls: Type.Integer({ minimum: 0 }),
  }),
});
export type QboConnectionBody = Static<typeof QboConnectionBody>;

export const SetEditionRequestBody = Type.Object({ edition: stringEnum(ACCOUNTING_EDITIONS) }, { additionalProperties: false });
export type SetEditionRequestBody = Static<typeof SetEditionRequestBody>;

/** The query of Intuit's redirect back (RFC 6749 §4.1.2): code, state and realmId, or an error. */
export const QboCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2048 })),
  state: Type.Optional(Type.String({ maxLength: 256 })),
  realmId: Type.Optional(Type.String({ maxLength: 64 })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
  error_description: Type.Optional(Type.String({ maxLength: 2048 })),
});
export type QboCallbackQuery = Static<typeof QboCallbackQuery>;

export const qboApi = {
  /** GET …/qbo/connect — a redirect to Intuit's authorize page (admins). */
  connectRedirect: { params: CompanyParams, response: { 302: NoBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody } },
  /** POST …/qbo/connect — Intuit's authorize URL, for the iframe to open in a popup (admins). */
  connect: { params: CompanyParams, response: { 200: AuthorizeUrlBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody } },
  /** GET /oauth/qbo/callback — Intuit's redirect; an HTML page that tells the opener. */
  callback: { querystring: QboCallbackQuery, response: { 200: TextBody } },
  /** GET …/qbo/connection */
  read: { params: CompanyParams, response: { 200: QboConnectionBody, 404: ErrorBody } },
  /** DELETE …/qbo/connection — disconnect, revoking the tokens at Intuit (admins). */
  disconnect: { params: CompanyParams, response: { 200: DisconnectBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody } },
  /** PUT …/accounting-edition {edition} — QuickBooks Desktop or Online (admins). */
  setEdition: {
    params: CompanyParams,
    body: SetEditionRequestBody,
    response: { 200: QboConnectionBody, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody },
  },
} as const;
