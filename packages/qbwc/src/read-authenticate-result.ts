import { AUTH_BUSY, AUTH_INVALID_USER, AUTH_NOTHING_TO_DO } from './build-authenticate-result.ts';
import type { AuthenticateOutcome } from './build-authenticate-result.ts';

export interface AuthenticateResultReading {
  readonly ticket: string;
  readonly outcome: AuthenticateOutcome;
  /** Set when outcome is 'companyFile': '' for the open company file, or a path. */
  readonly companyFile?: string;
  readonly postponeSeconds?: number;
  readonly minRunEverySeconds?: number;
}

/**
 * Read an authenticate result the way QBWC does (guide pp.62-63): [1] nvu/none/busy in any case
 * (the guide writes both "NVU" and "nvu"), else a company file; [2] and [3] as seconds when they
 * hold a positive whole number, ignored when empty. For the QBWC client simulator and tests.
 */
export function readAuthenticateResult(result: readonly (string | null)[]): AuthenticateResultReading {
  const ticket = result[0] ?? '';
  const second = result[1] ?? '';
  const lowered = second.trim().toLowerCase();
  const outcome: AuthenticateOutcome =
    lowered === AUTH_INVALID_USER || lowered === AUTH_NOTHING_TO_DO || lowered === AUTH_BUSY ? (lowered as AuthenticateOutcome) : 'companyFile';
  const postponeSeconds = seconds(result[2]);
  const minRunEverySeconds = seconds(result[3]);
  return {
    ticket,
    outcome,
    ...(outcome === 'companyFile' ? { companyFile: second } : {}),
    ...(postponeSeconds !== undefined ? { postponeSeconds } : {}),
    ...(minRunEverySeconds !== undefined ? { minRunEverySeconds } : {}),
  };
}

function seconds(value: string | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 1 && n <= 2147483647 ? n : undefined;
}
