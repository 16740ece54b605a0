// Reads authenticate's string array (QBWC guide p.21-22 and pp.62-64): [0] session ticket;
// [1] 'nvu' | 'none' | 'busy' | '' (use the open company file) | a company-file path;
// [2] optional seconds to postpone the update; [3] optional minimum run-every seconds.

export type AuthenticateVerdict =
  | { kind: 'invalid-user' }
  | { kind: 'no-work' }
  | { kind: 'busy' }
  /** companyFile '' means "whatever company file is open in QuickBooks". */
  | { kind: 'work'; companyFile: string };

export interface AuthenticateAnswer {
  ticket: string;
  verdict: AuthenticateVerdict;
  postponeSeconds?: number;
  minRunEverySeconds?: number;
  warnings: string[];
}

export function interpretAuthenticateResult(strings: readonly string[]): AuthenticateAnswer {
  if (strings.length < 2) {
    throw new Error(`authenticate returned ${strings.length} string(s); QBWC needs at least [0] ticket and [1] nvu/none/busy/company file`);
  }
  const warnings: string[] = [];
  if (strings.length > 4) warnings.push(`authenticate returned ${strings.length} strings; QBWC reads at most 4`);
  const ticket = strings[0] ?? '';
  const second = strings[1] ?? '';
  // The guide writes these both in lower and upper case (p.21 'nvu', p.62 'NONE or NVU … BUSY').
  const keyword = second.trim().toLowerCase();
  const verdict: AuthenticateVerdict =
    keyword === 'nvu'
      ? { kind: 'invalid-user' }
      : keyword === 'none'
        ? { kind: 'no-work' }
        : keyword === 'busy'
          ? { kind: 'busy' }
          : { kind: 'work', companyFile: second };
  if (ticket === '' && verdict.kind === 'work') warnings.push('authenticate returned an empty ticket');
  const postponeSeconds = readSeconds(strings[2], 'postpone ([2])', warnings);
  const minRunEverySeconds = readSeconds(strings[3], 'minimum run-every ([3])', warnings);
  return {
    ticket,
    verdict,
    ...(postponeSeconds !== undefined && { postponeSeconds }),
    ...(minRunEverySeconds !== undefined && { minRunEverySeconds }),
    warnings,
  };
}

function readSeconds(value: string | undefined, what: string, warnings: string[]): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\s*[0-9]+\s*$/.test(value)) {
    warnings.push(`authenticate ${what} seconds '${value}' is not a whole number; ignored`);
    return undefined;
  }
  const seconds = Number(value);
  return seconds > 0 ? seconds : undefined;
}
