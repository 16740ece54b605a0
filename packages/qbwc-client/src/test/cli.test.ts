import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../parse-cli-args.ts';
import { runCli, type CliIo } from '../run-cli.ts';
import { FakeQuickBooksProcessor, qbxmlRequest } from './fake-quickbooks-processor.ts';
import { startFixture } from './session-helpers.ts';

const BASE = ['--url', 'http://localhost:3000/qbwc', '--username', 'u', '--password', 'p', '--company-file', 'c.json'];

describe('parseCliArgs', () => {
  it('reads a full command line, tolerating the "--" pnpm forwards', () => {
    const args = parseCliArgs([
      '--',
      ...BASE,
      '--every',
      '1.5',
      '--max-sessions',
      '3',
      '--generate',
      '--seed',
      '7',
      '--vendors',
      '20',
      '--bills',
      '0',
      '--quickbooks-not-running',
      '--different-company-file',
      '--lose-write-occurrence',
      '2',
      '--drop-after',
      '4',
      '--restricted-user',
      '--locked',
      '80000001-1,80000002-1',
      '--qb-delay-ms',
      '25',
      '--noop-delay-ms',
      '10',
      '--client-version',
      '2.2.0.71',
      '--json',
    ]);
    expect(args).toEqual({
      help: false,
      url: 'http://localhost:3000/qbwc',
      username: 'u',
      password: 'p',
      companyFile: 'c.json',
      everySeconds: 1.5,
      maxSessions: 3,
      json: true,
      verbose: false,
      clientVersion: '2.2.0.71',
      generate: { seed: 7, vendors: 20, bills: 0 },
      noOpDelayMs: 10,
      quickBooksTime: 'default',
      faults: {
        quickBooksNotRunning: true,
        differentCompanyFile: true,
        loseWriteResponse: 2,
        dropConnectionAfterRounds: 4,
        restrictedUser: true,
        lockedRecords: ['80000001-1', '80000002-1'],
        quickBooksDelayMs: 25,
      },
    });
    expect(parseCliArgs([...BASE, '--lose-write-response']).faults).toEqual({ loseWriteResponse: true });
    expect(parseCliArgs([...BASE, '--generate']).generate).toEqual({ seed: 1 });
    expect(parseCliArgs([...BASE, '--generate', '--messy', '0.2']).generate).toEqual({ seed: 1, messy: 0.2 });
    // QuickBooks' modelled processing time: on by default, overridable, or off.
    expect(parseCliArgs([...BASE, '--qb-time', '100,2']).quickBooksTime).toEqual({ perRequestMs: 100, perRecordMs: 2 });
    expect(parseCliArgs([...BASE, '--no-qb-time']).quickBooksTime).toBe('off');
    expect(parseCliArgs(['--help']).help).toBe(true);
  });

  const usageErrors: Array<[string, string[], RegExp]> = [
    ['an unknown flag', [...BASE, '--bogus'], /Unknown option '--bogus'/],
    ['a stray positional', [...BASE, 'extra'], /Unexpected argument 'extra'/],
    ['no password', BASE.slice(0, 4).concat(BASE.slice(6)), /--password is required/],
    ['no company file', BASE.slice(0, 6), /--company-file is required/],
    ['a bad --qb-time', [...BASE, '--qb-time', '100'], /--qb-time takes two numbers/],
    ['both --qb-time and --no-qb-time', [...BASE, '--qb-time', '1,1', '--no-qb-time'], /exclude each other/],
    ['a --messy rate above 1', [...BASE, '--generate', '--messy', '2'], /--messy takes a rate from 0 to 1/],
    ['neither url nor qwc', BASE.slice(2), /--url is required/],
    ['a non-http url', ['--url', 'ftp://x', ...BASE.slice(2)], /--url must be an http\(s\) URL/],
    ['a flag value missing', [...BASE, '--every'], /argument missing/],
    ['a bad --every', [...BASE, '--every', '0'], /--every takes a positive number/],
    ['a fractional --drop-after', [...BASE, '--drop-after', '1.5'], /--drop-after takes a whole number/],
    ['a negative --qb-delay-ms', [...BASE, '--qb-delay-ms=-1'], /--qb-delay-ms must be at least 0/],
    ['--seed without --generate', [...BASE, '--seed', '3'], /--seed only apply with --generate/],
    ['--max-sessions without --every', [...BASE, '--max-sessions', '2'], /--max-sessions only applies with --every/],
    ['an empty id in --locked', [...BASE, '--locked', 'a,,b'], /--locked takes a comma-separated list/],
    ['--lose-write-occurrence 0', [...BASE, '--lose-write-occurrence', '0'], /must be at least 1/],
  ];
  for (const [what, argv, message] of usageErrors) {
    it(`rejects ${what}`, () => {
      expect(() => parseCliArgs(argv)).toThrow(UsageError);
      expect(() => parseCliArgs(argv)).toThrow(message);
    });
  }
});

function captureIo(processor = new FakeQuickBooksProcessor()) {
  const out: string[] = [];
  const err: string[] = [];
  let saves = 0;
  const io: CliIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    openCompanyFile: async () => ({
      processor,
      save: async () => {
        saves += 1;
      },
    }),
  };
  return { io, out, err, processor, saves: () => saves };
}

describe('runCli', () => {
  it('exits 2 with a hint on a usage error, 0 on --help', async () => {
    const usage = captureIo();
    expect(await runCli(['--bogus'], usage.io)).toBe(2);
    expect(usage.err.join('')).toContain('Run qbwc-sim --help for usage.');
    const help = captureIo();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('--quickbooks-not-running');
  });

  it('runs one session, prints the bar and the status line, saves the company file', async () => {
    const { server } = await startFixture({ requests: [qbxmlRequest('VendorQuery'), qbxmlRequest('VendorAdd')] });
    const cli = captureIo();
    const code = await runCli(
      ['--url', server.url, '--username', 'qbuser', '--password', 'secret', '--company-file', 'x.json', '--noop-delay-ms', '1'],
      cli.io,
    );
    const output = cli.out.join('');
    expect(code).toBe(0);
    expect(output).toContain('[###############---------------]  50%');
    expect(output).toContain('[##############################] 100%');
    expect(output).toContain('Status: completed - OK: 2 response(s) received');
    expect(cli.saves()).toBe(1);
  });

  it('--json prints one summary line; a failed session exits 1', async () => {
    const { server } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    const cli = captureIo();
    const code = await runCli(
      ['--url', server.url, '--username', 'qbuser', '--password', 'secret', '--company-file', 'x.json', '--json', '--quickbooks-not-running'],
      cli.io,
    );
    expect(code).toBe(1);
    const lines = cli.out.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(summary).toMatchObject({ outcome: 'connection-error', requests: 0, roundTrips: 4 });
    expect(summary.statusLine).toContain('0x80040408');
    expect(typeof summary.durationMs).toBe('number');
  });

  it("prints QuickBooks' modelled processing time of each session (--json: quickBooksModelledMs)", async () => {
    const { server } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    const cli = captureIo();
    let modelled = 1_000;
    cli.io.openCompanyFile = async () => ({ processor: cli.processor, save: async () => {}, modelledQuickBooksMs: () => (modelled += 2_500) });
    expect(await runCli(['--url', server.url, '--username', 'qbuser', '--password', 'secret', '--company-file', 'x.json', '--json'], cli.io)).toBe(0);
    const summary = JSON.parse(cli.out.join('').trim().split('\n')[0] ?? '') as Record<string, unknown>;
    // Read once when the file opens (3,500) and once after the session (6,000): the session's share is 2,500 ms.
    expect(summary.quickBooksModelledMs).toBe(2_500);
  });

  it('--qwc supplies the URL and user name and stamps the FileID', async () => {
    const { server } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    const folder = mkdtempSync(join(tmpdir(), 'qbwc-sim-'));
    const qwcPath = join(folder, 'connector.qwc');
    writeFileSync(
      qwcPath,
      `<?xml version="1.0"?><QBWCXML><AppName>Procore Connector</AppName><AppID></AppID><AppURL>${server.url}</AppURL>` +
        '<AppDescription>x</AppDescription><AppSupport>http://localhost/support</AppSupport><UserName>qbuser</UserName>' +
        '<OwnerID>{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}</OwnerID><FileID>{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}</FileID>' +
        '<QBType>QBFS</QBType><Scheduler><RunEveryNMinutes>15</RunEveryNMinutes></Scheduler><IsReadOnly>false</IsReadOnly></QBWCXML>',
    );
    const cli = captureIo();
    const code = await runCli(['--qwc', qwcPath, '--password', 'secret', '--company-file', 'x.json', '--json'], cli.io);
    expect(code).toBe(0);
    expect(cli.processor.fileIds.get('{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}')).toBe('{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}');
    const hcp = server.calls.find((call) => call.method === 'sendRequestXML')?.parameters.strHCPResponse;
    expect(hcp).toContain('<DataExtValue>{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}</DataExtValue>');
  });

  it('--every runs sessions on a schedule and saves after each', async () => {
    const { server } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    const authenticate = server.handlers.authenticate;
    server.handlers.authenticate = (p) => (server.sent === 0 ? authenticate(p) : ['t', 'none']);
    const cli = captureIo();
    const code = await runCli(
      ['--url', server.url, '--username', 'qbuser', '--password', 'secret', '--company-file', 'x.json', '--every', '0.01', '--max-sessions', '2', '--json'],
      cli.io,
    );
    expect(code).toBe(0);
    const outcomes = cli.out
      .join('')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { outcome: string }).outcome);
    expect(outcomes).toEqual(['completed', 'no-work']);
    expect(cli.saves()).toBe(2);
  });

  it('exits 1 when the company file cannot be opened', async () => {
    const cli = captureIo();
    cli.io.openCompanyFile = async () => {
      throw new Error('ENOENT');
    };
    expect(await runCli(BASE, cli.io)).toBe(1);
    expect(cli.err.join('')).toMatch(/cannot open company file \/.*\/c\.json: ENOENT/);
  });
});
