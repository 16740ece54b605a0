import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { operationsApi } from '@connector/contract';
import type { Counter } from 'prom-client';
import type { Database } from '@connector/db';
import type { RateLimiterStats } from '@connector/procore';
import type { Metrics } from '../metrics/create-metrics.ts';
import { readDatabaseGauges } from '../metrics/read-database-gauges.ts';

/**
 * GET /metrics: Prometheus text format (prom-client's registry). It carries no secret and no company id, but
 * volumes and error rates of every customer, and each scrape runs aggregate queries: with METRICS_TOKEN set
 * (production) it answers only `Authorization: Bearer <token>` (compared in constant time), otherwise anyone
 * who reaches the port (README "Run it like production").
 */
export async function metricsRoutes(
  app: FastifyInstance,
  options: { db: Database; metrics: Metrics; token: string | undefined; rateLimiterStats: () => RateLimiterStats[]; now?: () => Date },
) {
  const expected = options.token === undefined ? undefined : digest(options.token);
  app.withTypeProvider<TypeBoxTypeProvider>().get('/metrics', { logLevel: 'warn', schema: operationsApi.metrics }, async (request, reply) => {
    if (expected) {
      const header = request.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
      if (!timingSafeEqual(digest(given), expected)) {
        return reply.status(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain; charset=utf-8').send('METRICS_TOKEN required\n');
      }
    }
    await readDatabaseGauges(options.db, options.metrics, (options.now ?? (() => new Date()))());
    // The limiters keep their own running totals (never reset, one per company for the process's life): the
    // counters are set to their sum.
    const limiters = options.rateLimiterStats();
    setCounter(
      options.metrics.procoreRateLimitWaits,
      limiters.reduce((sum, s) => sum + s.waits, 0),
    );
    setCounter(options.metrics.procoreRateLimitWaitSeconds, limiters.reduce((sum, s) => sum + s.totalWaitMs, 0) / 1000);
    setCounter(
      options.metrics.procoreRateLimitHolds,
      limiters.reduce((sum, s) => sum + s.serverHolds, 0),
    );
    return reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
}

function setCounter(counter: Counter, total: number): void {
  counter.reset();
  counter.inc(total);
}

// Hashing both sides first makes them the same length, which timingSafeEqual needs, without leaking the length.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
