import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { operationsApi } from '@connector/contract';
import { MIGRATIONS_DIR, readMigrations, type Database } from '@connector/db';

/**
 * GET /readyz: ready to take traffic = the database answers and every migration this build ships is applied
 * (finished, not rolled back, in `_prisma_migrations`); 503 otherwise. A load balancer sends traffic by this;
 * /healthz (alive) does not touch the database, so an orchestrator does not restart every instance while the
 * database is away. Another instance that is still migrating holds the advisory lock (packages/db
 * apply-migrations.ts), so its pending migrations show here until it is done.
 */
export async function readinessRoutes(app: FastifyInstance, options: { db: Database; migrationsDir?: string }) {
  const shipped = (await readMigrations(options.migrationsDir ?? MIGRATIONS_DIR)).map((m) => m.name);
  app.withTypeProvider<TypeBoxTypeProvider>().get('/readyz', { logLevel: 'warn', schema: operationsApi.readiness }, async (_request, reply) => {
    const { db } = options;
    let applied: Set<string>;
    try {
      const rows = await db.sql.query<{ migration_name: string }>(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      );
      applied = new Set(rows.map((row) => row.migration_name));
    } catch {
      return reply.status(503).send({ status: 'not_ready', database: { status: 'unreachable', kind: db.kind } });
    }
    const pendingMigrations = shipped.filter((name) => !applied.has(name));
    if (pendingMigrations.length > 0)
      return reply.status(503).send({ status: 'not_ready', database: { status: 'migrations_pending', kind: db.kind, pendingMigrations } });
    return { status: 'ready' as const, database: { status: 'ok' as const, kind: db.kind } };
  });
}
