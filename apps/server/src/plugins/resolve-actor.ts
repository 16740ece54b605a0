import type { FastifyRequest } from 'fastify';
import type { Actor } from '@connector/sync';
import { resolveMember } from './resolve-member.ts';

/** The signed-in person acting on a company: their user id (what the audit trail records), name and roles there. */
export interface SignedInActor extends Actor {
  name: string;
}

/**
 * Who is asking (embedded app): the signed-in user, with their roles in the company of the URL. The web-auth
 * plugin has already checked the session (401), the CSRF token of a mutating call (403) and the membership
 * (404) before a handler runs; a route's requireAction checks the role table. Services check roles again and
 * record the id in the audit trail.
 */
export function resolveActor(request: FastifyRequest): SignedInActor {
  const member = resolveMember(request);
  const session = request.webSession!;
  return { id: session.user.id, name: session.user.name ?? session.user.login ?? session.user.id, roles: member.roles };
}
