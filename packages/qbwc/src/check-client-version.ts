/**
 * clientVersion policy (QBWC guide p.66): the result is '' to go on, 'W:<text>' to warn (the user
 * may continue or cancel), 'E:<text>' to stop with an error, or 'O:<version>' to tell the user the
 * server expects a newer QBWC. Versions compare numerically, part by part (2.2.0.42 < 2.2.0.71
 * < 2.3.0.20), never as decimals the way the guide's sample does (its Convert.ToDouble cannot read
 * a four-part version).
 */

/** Oldest QBWC accepted silently. 2.2.0.42, 2.2.0.71 and 2.3.0.20 are in the field. */
export const QBWC_MIN_ACCEPTED_VERSION = '2.2.0.42';
/** The version we name when asking users to upgrade. */
export const QBWC_RECOMMENDED_VERSION = '2.3.0.20';
/** Below this (QBWC 1.x and older) we stop: NoOp and serverVersion arrived in 2.0 (guide p.8). */
export const QBWC_MIN_SUPPORTED_VERSION = '2.0.0.0';

export type ClientVersionLevel = 'ok' | 'warn' | 'error';

export interface ClientVersionCheck {
  /** The clientVersion result to send back to QBWC. */
  readonly result: string;
  readonly level: ClientVersionLevel;
}

export type QbwcVersion = readonly [number, number, number, number];

/** Parse "2.3.0.20" (1 to 4 numeric parts; missing parts are 0). null when unreadable. */
export function parseQbwcVersion(value: string): QbwcVersion | null {
  const trimmed = value.trim();
  if (!/^\d{1,9}(\.\d{1,9}){0,3}$/.test(trimmed)) return null;
  const parts = trimmed.split('.').map(Number);
  while (parts.length < 4) parts.push(0);
  return parts as unknown as QbwcVersion;
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareQbwcVersions(a: QbwcVersion, b: QbwcVersion): number {
  for (let i = 0; i < 4; i++) {
    const diff = a[i]! - b[i]!;
    if (diff !== 0) return diff;
  }
  return 0;
}

const MIN_ACCEPTED = parseQbwcVersion(QBWC_MIN_ACCEPTED_VERSION) as QbwcVersion;
const MIN_SUPPORTED = parseQbwcVersion(QBWC_MIN_SUPPORTED_VERSION) as QbwcVersion;

export function checkClientVersion(strVersion: string): ClientVersionCheck {
  const version = parseQbwcVersion(strVersion);
  if (version === null) {
    const shown = printable(strVersion);
    return {
      level: 'error',
      result:
        `E:This QuickBooks Web Connector did not report a version we can read${shown === '' ? '' : ` ("${shown}")`}. ` +
        `Please install QuickBooks Web Connector ${QBWC_RECOMMENDED_VERSION} or later from Intuit, then update again.`,
    };
  }
  const shown = version.join('.');
  if (compareQbwcVersions(version, MIN_SUPPORTED) < 0) {
    return {
      level: 'error',
      result:
        `E:QuickBooks Web Connector ${shown} is too old for this connector. ` +
        `Please install QuickBooks Web Connector ${QBWC_RECOMMENDED_VERSION} or later from Intuit, then update again.`,
    };
  }
  if (compareQbwcVersions(version, MIN_ACCEPTED) < 0) {
    return {
      level: 'warn',
      result:
        `W:QuickBooks Web Connector ${shown} is older than we support well. ` +
        `We recommend installing version ${QBWC_RECOMMENDED_VERSION} from Intuit. Continue anyway?`,
    };
  }
  return { level: 'ok', result: '' };
}

/** What the user typed or QBWC sent, safe to show in a dialog: no controls, at most 40 chars. */
function printable(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
