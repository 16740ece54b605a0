import type { FastifyRequest } from 'fastify';
import type { Actor } from '@connector/sync';

/**
 * Who is asking. The seam for sign-in and roles (issue 7): until the embedded app's session exists,
 * every caller of the JSON API acts as one local administrator with all roles, named "web". Routes
 * already pass this actor to the services, which enforce roles and record it in the audit trail.
 */
export function resolveActor(_request: FastifyRequest): Actor {
  return { id: 'web', roles: ['admin', 'project_manager', 'accountant'] };
}
