import { Type, type Static } from 'typebox';
import { CompanyParams, companyIdSchema, ErrorBody, NullableString, stringEnum } from './common-schemas.ts';
import { ROLES } from '../roles.ts';

/** A member of the company in the app and their roles. */
export const MemberBody = Type.Object({ userId: Type.String(), login: NullableString, name: NullableString, roles: Type.Array(stringEnum(ROLES)) });
export type MemberBody = Static<typeof MemberBody>;

export const MemberListBody = Type.Object({ items: Type.Array(MemberBody) });
export type MemberListBody = Static<typeof MemberListBody>;

export const SetMemberRolesBody = Type.Object(
  { roles: Type.Array(stringEnum(ROLES), { uniqueItems: true, maxItems: ROLES.length }) },
  { additionalProperties: false },
);
export type SetMemberRolesBody = Static<typeof SetMemberRolesBody>;

export const memberApi = {
  /** GET /api/companies/:companyId/members */
  list: { params: CompanyParams, response: { 200: MemberListBody, 404: ErrorBody } },
  /** PUT /api/companies/:companyId/members/:userId (admins; the last admin stays) */
  setRoles: {
    params: Type.Object({ companyId: companyIdSchema(), userId: Type.String({ format: 'uuid' }) }),
    body: SetMemberRolesBody,
    response: { 200: MemberBody, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
  },
} as const;
