import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '@connector/sync';

// The session cookie of the embedded app. Procore shows the app in a third-party iframe, where a cookie is
// only sent with SameSite=None, which requires Secure (browsers accept Secure on http://localhost), and
// Partitioned (CHIPS) keeps it working where third-party cookies are blocked (docs/procore-api.md#cookies-in-the-iframe). HttpOnly: page
// scripts never read it (the CSRF token comes from GET /api/session instead).
const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=None; Partitioned';

export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function setSessionCookie(reply: FastifyReply, value: string, expiresAt: Date, now: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  reply.header('set-cookie', `${SESSION_COOKIE}=${value}; Max-Age=${maxAge}; ${ATTRIBUTES}`);
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Max-Age=0; ${ATTRIBUTES}`);
}
