import { queryOptions } from '@tanstack/react-query';
import type { MemberBody, MemberListBody, SetMemberRolesBody } from '@connector/contract';
import { api, companyPath } from '../../../lib/api.ts';

/** GET /api/companies/:id/members: the people who can open the company in the app, with their roles. */
export type Member = MemberBody;

export const membersKeys = {
  all: (companyId: string) => ['members', companyId] as const,
  /**
   * The session query's key (GET /api/session, the auth feature's; features do not import each other): a person
   * who changes their own roles sees the header and the enabled controls follow.
   */
  session: ['session'] as const,
};

export const membersQuery = (companyId: string) =>
  queryOptions({
    queryKey: membersKeys.all(companyId),
    queryFn: ({ signal }) => api.get<MemberListBody>(companyPath(companyId, '/members'), undefined, signal),
  });

/** PUT /api/companies/:id/members/:userId {roles}: the whole set (admin; the last admin stays, 409 LAST_ADMIN). */
export function saveMemberRoles(companyId: string, userId: string, roles: SetMemberRolesBody['roles'], idempotencyKey: string): Promise<Member> {
  return api.request<Member>('PUT', companyPath(companyId, `/members/${encodeURIComponent(userId)}`), { body: { roles }, idempotencyKey });
}
