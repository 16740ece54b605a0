import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import { APP_VERSION } from '../version.ts';

const healthBody = {
  type: 'object',
  required: ['status', 'version', 'database'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    version: { type: 'string' },
    database: {
      type: 'object',
      required: ['status', 'kind'],
      properties: { status: { type: 'string', enum: ['ok', 'unreachable'] }, kind: { type: 'string' }, location: { type: 'string' } },
    },
  },
} as const;

/** Liveness and readiness in one: 200 with the version when the database answers, 503 when not. */
export async function healthRoutes(app: FastifyInstance, options: { db: Database }) {
  app.get('/healthz', { schema: { response: { 200: healthBody, 503: healthBody } } }, async (_request, reply) => {
    const { db } = options;
    const database = { kind: db.kind, location: db.location };
    try {
      await db.sql.query('SELECT 1');
      return { status: 'ok', version: APP_VERSION, database: { status: 'ok', ...database } };
    } catch {
      return reply.status(503).send({ status: 'degraded', version: APP_VERSION, database: { status: 'unreachable', ...database } });
    }
  });
}
