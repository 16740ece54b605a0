import { Type, type Static } from 'typebox';
import { stringEnum, TextBody } from './common-schemas.ts';

/** GET /readyz — ready = the database answers and every shipped migration is applied; 503 (same body) when not. */
export const ReadinessBody = Type.Object({
  status: stringEnum(['ready', 'not_ready']),
  database: Type.Object({
    status: stringEnum(['ok', 'unreachable', 'migrations_pending']),
    kind: Type.String(),
    pendingMigrations: Type.Optional(Type.Array(Type.String())),
  }),
});
export type ReadinessBody = Static<typeof ReadinessBody>;

/** What a load balancer and a metrics scraper read (not the embedded app). */
export const operationsApi = {
  readiness: { response: { 200: ReadinessBody, 503: ReadinessBody } },
  /** GET /metrics — Prometheus text format; 401 (text) without METRICS_TOKEN when one is set. */
  metrics: { response: { 200: TextBody, 401: TextBody } },
} as const;
