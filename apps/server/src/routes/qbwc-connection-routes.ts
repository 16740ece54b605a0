import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { describeQbwcConnection, rebindCompanyFile, rotateQbwcPassword, unlockQbwcSignIn } from '@connector/sync';
import { requireAction } from '../plugins/require-role.ts';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { companyParams, errorBody, nullableString } from './route-schemas.ts';

const connectionBody = {
  type: 'object',
  required: ['status', 'hasPassword', 'username', 'lastPollAt', 'expectedEveryMinutes', 'missedSchedule', 'boundCompanyFile', 'qbInfo', 'currentSession', 'signIn'],
  properties: {
    status: { type: 'string', enum: ['connected', 'not_connected'] },
    hasPassword: { type: 'boolean' },
    username: nullableString,
    lastPollAt: nullableString,
    expectedEveryMinutes: { type: 'integer' },
    missedSchedule: { type: 'boolean' },
    boundCompanyFile: { type: ['object', 'null'], properties: { path: nullableString, name: nullableString, boundAt: nullableString } },
    qbInfo: {
      type: ['object', 'null'],
      properties: {
        edition: nullableString, version: nullableString, country: nullableString,
        multiCurrency: { type: ['boolean', 'null'] }, classTracking: { type: ['boolean', 'null'] }, closingDate: nullableString, loginUser: nullableString,
      },
    },
    warnings: { type: 'array', items: { type: 'string' } },
    currentSession: {
      type: ['object', 'null'],
      properties: { id: { type: 'string' }, startedAt: { type: 'string' }, percent: { type: 'integer' }, requestsDone: { type: 'integer' }, requestsFailed: { type: 'integer' } },
    },
    signIn: {
      type: 'object',
      required: ['state', 'lastFailure', 'paused'],
      properties: {
        state: { type: 'string', enum: ['ok', 'failing', 'paused'] },
        lastFailure: {
          type: ['object', 'null'],
          properties: { at: { type: 'string' }, reason: { type: 'string' }, source: nullableString, failures: { type: ['integer', 'null'] } },
        },
        paused: { type: 'array', items: { type: 'object', properties: { source: { type: 'string' }, until: { type: 'string' }, failures: { type: 'integer' } } } },
      },
    },
  },
} as const;

/** The Connection screen's Web Connector side: status, the password (shown once), re-binding the company file, unblocking sign-in. */
export async function qbwcConnectionRoutes(app: FastifyInstance, options: { db: Database; now: () => Date; sessionIdleTimeoutMs: number }) {
  const { db } = options;

  app.get<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/qbwc/connection',
    { schema: { params: companyParams, response: { 200: connectionBody, 404: errorBody } } },
    async (request) => describeQbwcConnection(db, { companyId: request.member!.companyId, now: options.now(), sessionIdleTimeoutMs: options.sessionIdleTimeoutMs }),
  );

  app.post<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/qbwc/password',
    {
      // The password is the answer: an Idempotency-Key replay must not keep or show it (hostile input).
      config: { answerHoldsSecret: true },
      preValidation: requireAction('manageConnection'),
      schema: {
        params: companyParams,
        response: { 200: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } }, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      // Shown once: never cached anywhere on the way.
      reply.header('cache-control', 'no-store');
      return rotateQbwcPassword(db, { companyId: request.member!.companyId, actor: resolveActor(request).id });
    },
  );

  app.post<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/qbwc/rebind',
    {
      preValidation: requireAction('manageConnection'),
      schema: { params: companyParams, response: { 200: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } }, 403: errorBody, 404: errorBody } },
    },
    async (request) => {
      await rebindCompanyFile(db, request.member!.companyId, resolveActor(request).id);
      return { ok: true };
    },
  );

  // Hostile input: failed sign-ins pause the address they came from; an admin can clear them all at once (audited).
  app.post<{ Params: { companyId: string } }>(
    '/api/companies/:companyId/qbwc/unlock',
    {
      preValidation: requireAction('manageConnection'),
      schema: {
        params: companyParams,
        response: {
          200: { type: 'object', required: ['username', 'cleared', 'blocked'], properties: { username: { type: 'string' }, cleared: { type: 'integer' }, blocked: { type: 'integer' } } },
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (request) => unlockQbwcSignIn(db, { companyId: request.member!.companyId, actor: resolveActor(request).id, now: options.now() }),
  );
}
