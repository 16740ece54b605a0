import { Type, type Static } from 'typebox';
import { GUARDED_ACTIONS, ROLES } from '../roles.ts';
import { ErrorBody, NoBody, NullableString, stringEnum, TextBody } from './common-schemas.ts';

/** GET /api/session, POST /auth/session: who is signed in, their companies with roles and actions, the CSRF token. */
export const SessionUser = Type.Object({ id: Type.String(), login: NullableString, name: NullableString });
export type SessionUser = Static<typeof SessionUser>;

export const SessionCompany = Type.Object({
  /** The connector's company id (uuid): every /api/companies/:companyId call uses it. */
  id: Type.String(),
  name: Type.String(),
  procoreCompanyId: Type.String(),
  roles: Type.Array(stringEnum(ROLES)),
  /** What those roles allow, by the role table (roles.ts): the app enables controls from it. */
  actions: Type.Array(stringEnum(GUARDED_ACTIONS)),
});
export type SessionCompany = Static<typeof SessionCompany>;

export const SessionBody = Type.Object({ user: SessionUser, companies: Type.Array(SessionCompany), csrfToken: Type.String() });
export type SessionBody = Static<typeof SessionBody>;

const OAuthCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2048 })),
  state: Type.Optional(Type.String({ maxLength: 256 })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
  error_description: Type.Optional(Type.String({ maxLength: 2048 })),
});
/** The query of an OAuth redirect back from Procore (RFC 6749 §4.1.2): a code and state, or an error. */
export { OAuthCallbackQuery };

export const ExchangeHandoffBody = Type.Object({ handoff: Type.String({ minLength: 20, maxLength: 100 }) }, { additionalProperties: false });
export type ExchangeHandoffBody = Static<typeof ExchangeHandoffBody>;

export const PROCORE_ENVIRONMENTS = ['production', 'sandbox', 'monthly_sandbox'] as const;

export const authApi = {
  /** GET /auth/sign-in?procoreCompanyId= — the popup's first page: a redirect to Procore (or an HTML error page). */
  signIn: {
    querystring: Type.Object({ procoreCompanyId: Type.String({ pattern: '^[0-9]{1,20}$' }), environment: Type.Optional(stringEnum(PROCORE_ENVIRONMENTS)) }),
    // A failure is an HTML page with the error's status (text, which the serializer leaves alone); a bad query is JSON.
    response: { 302: NoBody },
  },
  /** GET /auth/callback — Procore's redirect; answers an HTML page for the opener. */
  callback: { querystring: OAuthCallbackQuery, response: { 200: TextBody } },
  /** POST /auth/session {handoff} — the iframe trades the popup's one-time code for its own cookie. */
  exchangeHandoff: { body: ExchangeHandoffBody, response: { 200: SessionBody, 400: ErrorBody, 401: ErrorBody } },
  /** POST /auth/sign-out — 204, cookie cleared. */
  signOut: { response: { 204: NoBody, 403: ErrorBody } },
  /** GET /api/session */
  session: { response: { 200: SessionBody, 401: ErrorBody } },
} as const;
