import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { healthApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { APP_VERSION } from '../version.ts';

/** Liveness and readiness in one: 200 with the version when the database answers, 503 when not. */
export async function healthRoutes(app: FastifyInstance, options: { db: Database }) {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/healthz', { schema: healthApi.health }, async (_request, reply) => {
    const { db } = options;
    const database = { kind: db.kind, location: db.location };
    try {
      await db.sql.query('SELECT 1');
      return { status: 'ok' as const, version: APP_VERSION, database: { status: 'ok' as const, ...database } };
    } catch {
      return reply.status(503).send({ status: 'degraded', version: APP_VERSION, database: { status: 'unreachable', ...database } });
    }
  });
}
