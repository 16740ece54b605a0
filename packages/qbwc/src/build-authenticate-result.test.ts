import { describe, expect, it } from 'vitest';
import { buildAuthenticateResult } from './build-authenticate-result.ts';
import type { AuthenticateResultInput } from './build-authenticate-result.ts';
import { readAuthenticateResult } from './read-authenticate-result.ts';

const T = '{6B2E8F7A-1C3D-4E5F-8A9B-0C1D2E3F4A5B}';
const PATH = 'C:\\Company Files\\Smith & Sons.QBW';

describe('buildAuthenticateResult', () => {
  it.each<[string, AuthenticateResultInput, string[]]>([
    ['open company file', { ticket: T, outcome: 'companyFile' }, [T, '']],
    ['open company file, explicit', { ticket: T, outcome: 'companyFile', companyFile: '' }, [T, '']],
    ['a company file path', { ticket: T, outcome: 'companyFile', companyFile: PATH }, [T, PATH]],
    ['bad user', { ticket: '', outcome: 'nvu' }, ['', 'nvu']],
    ['bad user with ticket', { ticket: T, outcome: 'nvu' }, [T, 'nvu']],
    ['nothing to do', { ticket: T, outcome: 'none' }, [T, 'none']],
    ['busy', { ticket: T, outcome: 'busy' }, [T, 'busy']],
    ['busy, retry in 60 s (guide p.63 example 4)', { ticket: T, outcome: 'busy', postponeSeconds: 60 }, [T, 'busy', '60']],
    ['postpone the work (example 1)', { ticket: T, outcome: 'companyFile', postponeSeconds: 30 }, [T, '', '30']],
    ['minimum run-every only (example 2)', { ticket: T, outcome: 'companyFile', minRunEverySeconds: 300 }, [T, '', '', '300']],
    ['both (example 3)', { ticket: T, outcome: 'companyFile', postponeSeconds: 30, minRunEverySeconds: 300 }, [T, '', '30', '300']],
    ['none with minimum (example 5)', { ticket: T, outcome: 'none', minRunEverySeconds: 600 }, [T, 'none', '', '600']],
    ['none with both (example 6)', { ticket: T, outcome: 'none', postponeSeconds: 5, minRunEverySeconds: 600 }, [T, 'none', '5', '600']],
  ])('%s', (_name, input, expected) => {
    const result = buildAuthenticateResult(input);
    expect(result).toEqual(expected);
    // Reading it back as QBWC would gives the same meaning.
    const read = readAuthenticateResult(result);
    expect(read.ticket).toBe(input.ticket);
    expect(read.outcome).toBe(input.outcome);
    expect(read.postponeSeconds).toBe(input.postponeSeconds);
    expect(read.minRunEverySeconds).toBe(input.minRunEverySeconds);
    if (input.outcome === 'companyFile') expect(read.companyFile).toBe(input.companyFile ?? '');
  });

  it.each<[string, AuthenticateResultInput, RegExp]>([
    ['company file named like an outcome', { ticket: T, outcome: 'companyFile', companyFile: 'NONE' }, /would be read as the 'none' outcome/],
    ['company file " busy "', { ticket: T, outcome: 'companyFile', companyFile: ' busy ' }, /'busy' outcome/],
    ['company file without ticket', { ticket: '', outcome: 'companyFile' }, /ticket is required/],
    ['company file with another outcome', { ticket: T, outcome: 'none', companyFile: PATH }, /only goes with outcome 'companyFile'/],
    ['control characters in ticket', { ticket: 'a\nb', outcome: 'none' }, /ticket/],
    ['control characters in path', { ticket: T, outcome: 'companyFile', companyFile: 'C:\\a\u0000.QBW' }, /companyFile/],
    ['zero postpone', { ticket: T, outcome: 'busy', postponeSeconds: 0 }, /postponeSeconds must be a positive whole number/],
    ['negative postpone', { ticket: T, outcome: 'busy', postponeSeconds: -5 }, /postponeSeconds/],
    ['fractional minimum', { ticket: T, outcome: 'none', minRunEverySeconds: 1.5 }, /minRunEverySeconds/],
    ['NaN minimum', { ticket: T, outcome: 'none', minRunEverySeconds: Number.NaN }, /minRunEverySeconds/],
    ['unknown outcome', { ticket: T, outcome: 'maybe' as never }, /unknown authenticate outcome/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => buildAuthenticateResult(input)).toThrow(message);
  });
});

describe('readAuthenticateResult', () => {
  it('reads outcomes case-insensitively (the guide writes NVU and nvu)', () => {
    expect(readAuthenticateResult([T, 'NVU']).outcome).toBe('nvu');
    expect(readAuthenticateResult([T, 'None']).outcome).toBe('none');
    expect(readAuthenticateResult([T, 'BUSY', '60']).postponeSeconds).toBe(60);
  });

  it('treats a missing [1] as the open company file and ignores unreadable seconds', () => {
    expect(readAuthenticateResult([T])).toEqual({ ticket: T, outcome: 'companyFile', companyFile: '' });
    expect(readAuthenticateResult([])).toEqual({ ticket: '', outcome: 'companyFile', companyFile: '' });
    expect(readAuthenticateResult([T, '', 'soon', '-1'])).toEqual({ ticket: T, outcome: 'companyFile', companyFile: '' });
    expect(readAuthenticateResult([T, null, null, '0'])).toEqual({ ticket: T, outcome: 'companyFile', companyFile: '' });
  });
});
