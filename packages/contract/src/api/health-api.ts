import { Type, type Static } from 'typebox';
import { stringEnum, TextBody } from './common-schemas.ts';

/** GET /healthz — liveness and readiness in one: 200 when the database answers, 503 (same body) when not. */
export const HealthBody = Type.Object({
  status: stringEnum(['ok', 'degraded']),
  version: Type.String(),
  database: Type.Object({ status: stringEnum(['ok', 'unreachable']), kind: Type.String(), location: Type.Optional(Type.String()) }),
});
export type HealthBody = Static<typeof HealthBody>;

export const healthApi = {
  health: { response: { 200: HealthBody, 503: HealthBody } },
  /** GET /support — the .qwc's AppSupport page (HTML). */
  support: { response: { 200: TextBody } },
} as const;
