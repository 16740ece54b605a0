import { Type, type Static } from 'typebox';
import { stringEnum, TextBody } from './common-schemas.ts';

/**
 * GET /healthz — liveness: the process answers (no database query; readiness is GET /readyz). `database` names the
 * configured database, not its state.
 */
export const HealthBody = Type.Object({
  status: stringEnum(['ok']),
  version: Type.String(),
  database: Type.Object({ kind: Type.String(), location: Type.Optional(Type.String()) }),
});
export type HealthBody = Static<typeof HealthBody>;

export const healthApi = {
  health: { response: { 200: HealthBody } },
  /** GET /support — the .qwc's AppSupport page (HTML). */
  support: { response: { 200: TextBody } },
} as const;
