/**
 * The string array authenticate returns (QBWC guide pp.62-64, docs/web-connector-protocol.md#authenticate). Positions:
 *   [0] the session ticket;
 *   [1] 'nvu' (invalid user), 'none' (nothing to do), 'busy' (try later), or the company file to
 *       open: '' means the one open in QuickBooks, anything else is passed to BeginSession as the
 *       file name (guide p.62: any string that is not nvu/none/busy);
 *   [2] optional: postpone this update by that many seconds ("Update postponed by application");
 *   [3] optional: lower limit, in seconds, for the QBWC schedule interval (Every_Min).
 * [2] and [3] only work when Auto Run is enabled in QBWC (guide p.62). The guide's examples
 * (p.63) send [2] = "" when only [3] is set, so [2] is present whenever [3] is; [2] and [3] are
 * left out entirely when unused, as the guide's sample (two elements) does.
 *
 * 'busy' shows "Application Busy" and stops this update; with postponeSeconds QBWC instead
 * retries after that many seconds (guide p.63, examples 4-6). Use it when another session for
 * the same company is still running.
 */

export const AUTH_INVALID_USER = 'nvu';
export const AUTH_NOTHING_TO_DO = 'none';
export const AUTH_BUSY = 'busy';

export type AuthenticateOutcome = 'nvu' | 'none' | 'busy' | 'companyFile';

export interface AuthenticateResultInput {
  readonly ticket: string;
  readonly outcome: AuthenticateOutcome;
  /** With outcome 'companyFile': '' (default) for the open company file, or a full path. */
  readonly companyFile?: string;
  readonly postponeSeconds?: number;
  readonly minRunEverySeconds?: number;
}

const RESERVED = new Set([AUTH_INVALID_USER, AUTH_NOTHING_TO_DO, AUTH_BUSY]);

/** @throws TypeError / RangeError for inputs QBWC would misread. */
export function buildAuthenticateResult(input: AuthenticateResultInput): string[] {
  const { ticket, outcome } = input;
  if (typeof ticket !== 'string' || /[\u0000-\u001f\u007f]/.test(ticket)) {
    throw new TypeError('ticket must be a string without control characters');
  }
  let second: string;
  if (outcome === 'companyFile') {
    // The ticket comes back on every later call; without one the session cannot be found.
    if (ticket.trim() === '') throw new TypeError('a ticket is required when QBWC is to open a company file');
    const file = input.companyFile ?? '';
    if (typeof file !== 'string' || /[\u0000-\u001f\u007f]/.test(file)) {
      throw new TypeError('companyFile must be a string without control characters');
    }
    // QBWC compares [1] against nvu/none/busy first; a file named like that would never open.
    if (RESERVED.has(file.trim().toLowerCase())) {
      throw new RangeError(`companyFile '${file}' would be read as the '${file.trim().toLowerCase()}' outcome`);
    }
    second = file;
  } else if (outcome === 'nvu' || outcome === 'none' || outcome === 'busy') {
    if (input.companyFile !== undefined) throw new TypeError(`companyFile only goes with outcome 'companyFile', not '${outcome}'`);
    second = outcome;
  } else {
    throw new RangeError(`unknown authenticate outcome '${String(outcome)}'`);
  }

  const result = [ticket, second];
  const postpone = seconds('postponeSeconds', input.postponeSeconds);
  const minimum = seconds('minRunEverySeconds', input.minRunEverySeconds);
  if (postpone !== undefined || minimum !== undefined) result.push(postpone ?? '');
  if (minimum !== undefined) result.push(minimum);
  return result;
}

function seconds(name: string, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 2147483647) {
    throw new RangeError(`${name} must be a positive whole number of seconds, got ${String(value)}`);
  }
  return String(value);
}
