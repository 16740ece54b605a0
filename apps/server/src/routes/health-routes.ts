import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { healthApi } from '@connector/contract';
import type { Database } from '@connector/db';
import { APP_VERSION } from '../version.ts';

/**
 * Liveness: 200 with the version whenever the process can answer, without touching the database — an orchestrator
 * restarts what fails this, and restarting every instance because the database is away helps nobody. Readiness
 * (database reachable, migrations applied) is GET /readyz (readiness-routes.ts).
 */
export async function healthRoutes(app: FastifyInstance, options: { db: Database }) {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/healthz', { schema: healthApi.health }, async () => {
    const { db } = options;
    return { status: 'ok' as const, version: APP_VERSION, database: { kind: db.kind, location: db.location } };
  });
}
