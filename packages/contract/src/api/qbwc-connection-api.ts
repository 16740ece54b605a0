import { Type, type Static } from 'typebox';
import { CompanyParams, ErrorBody, nullable, NullableString, stringEnum } from './common-schemas.ts';

const NullableBoolean = nullable(Type.Boolean());

/** GET …/qbwc/connection: the Web Connector side of the Connection screen. */
export const QbwcConnectionBody = Type.Object({
  status: stringEnum(['connected', 'not_connected']),
  hasPassword: Type.Boolean(),
  username: NullableString,
  lastPollAt: NullableString,
  expectedEveryMinutes: Type.Integer(),
  missedSchedule: Type.Boolean(),
  boundCompanyFile: nullable(Type.Object({ path: NullableString, name: NullableString, boundAt: NullableString })),
  /** What QuickBooks reported about itself and the company file's Preferences (docs/web-connector-protocol.md#hcp-response). */
  qbInfo: nullable(
    Type.Object({
      edition: NullableString,
      version: NullableString,
      country: NullableString,
      multiCurrency: NullableBoolean,
      classTracking: NullableBoolean,
      closingDate: NullableString,
      loginUser: NullableString,
    }),
  ),
  /** What the connection does not do well, in words a person can act on. */
  warnings: Type.Array(Type.String()),
  currentSession: nullable(
    Type.Object({ id: Type.String(), startedAt: Type.String(), percent: Type.Integer(), requestsDone: Type.Integer(), requestsFailed: Type.Integer() }),
  ),
  /** Wrong passwords since the last good sign-in, and addresses paused now (sign-in throttling). */
  signIn: Type.Object({
    state: stringEnum(['ok', 'failing', 'paused']),
    lastFailure: nullable(
      Type.Object({ at: Type.String(), reason: stringEnum(['wrong_password']), source: NullableString, failures: nullable(Type.Integer()) }),
    ),
    paused: Type.Array(Type.Object({ source: Type.String(), until: Type.String(), failures: Type.Integer() })),
  }),
});
export type QbwcConnectionBody = Static<typeof QbwcConnectionBody>;

export const QbwcPasswordBody = Type.Object({ username: Type.String(), password: Type.String() });
export type QbwcPasswordBody = Static<typeof QbwcPasswordBody>;
export const RebindBody = Type.Object({ ok: Type.Boolean() });
export type RebindBody = Static<typeof RebindBody>;
export const UnlockBody = Type.Object({ username: Type.String(), cleared: Type.Integer(), blocked: Type.Integer() });
export type UnlockBody = Static<typeof UnlockBody>;

export const qbwcConnectionApi = {
  /** GET /api/companies/:companyId/qbwc/connection */
  read: { params: CompanyParams, response: { 200: QbwcConnectionBody, 404: ErrorBody } },
  /** POST …/qbwc/password — a new password, shown once (admins). */
  rotatePassword: { params: CompanyParams, response: { 200: QbwcPasswordBody, 403: ErrorBody, 404: ErrorBody } },
  /** POST …/qbwc/rebind — the next sign-in binds the company file it comes from (admins). */
  rebind: { params: CompanyParams, response: { 200: RebindBody, 403: ErrorBody, 404: ErrorBody } },
  /** POST …/qbwc/unlock — clears every paused address (admins). */
  unlock: { params: CompanyParams, response: { 200: UnlockBody, 403: ErrorBody, 404: ErrorBody } },
} as const;
