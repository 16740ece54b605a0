// Parses qbwc-sim's command line (node:util parseArgs). Throws UsageError on anything it cannot use.

import { parseArgs } from 'node:util';
import type { SessionFaultOptions } from './types.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface GenerateSettings {
  seed: number;
  vendors?: number;
  jobs?: number;
  items?: number;
  bills?: number;
  /** Share of realistic mess (names with & / quotes / accents / trailing spaces, inactive records, sub-jobs, long memos, deleted and re-created names), 0..1. */
  messy?: number;
}

/** QuickBooks' modelled processing time (qb-simulator processing-time.ts): on by default for qbwc-sim. */
export type QuickBooksTimeSetting = 'default' | 'off' | { perRequestMs: number; perRecordMs: number };

export interface CliArguments {
  help: boolean;
  url?: string;
  username?: string;
  password: string;
  companyFile: string;
  qwc?: string;
  everySeconds?: number;
  maxSessions?: number;
  json: boolean;
  verbose: boolean;
  clientVersion?: string;
  generate?: GenerateSettings;
  noOpDelayMs?: number;
  quickBooksTime: QuickBooksTimeSetting;
  faults: SessionFaultOptions;
}

export const USAGE = `qbwc-sim: a QuickBooks Web Connector 2.3 client that drives a QBWC SOAP endpoint with a simulated QuickBooks.

Usage:
  qbwc-sim --url <endpoint> --username <user> --password <password> --company-file <company.json> [options]
  qbwc-sim --qwc <file.qwc|url> --password <password> --company-file <company.json> [options]

Connection:
  --url <endpoint>            the QBWC endpoint (default: AppURL of --qwc)
  --username <user>           authenticate's strUserName (default: UserName of --qwc)
  --password <password>       authenticate's strPassword
  --qwc <path-or-url>         add the application like QBWC: stamp its OwnerID/FileID on the company file
  --client-version <v>        clientVersion's strVersion (default 2.3.0.20)

Company file:
  --company-file <file.json>  the simulated QuickBooks company file (saved back after each session)
  --generate                  create the company file first, with:
    --seed <n> --vendors <n> --jobs <n> --items <n> --bills <n>
    --messy <rate>              realistic mess at this rate (0..1): names with & quotes accents and trailing
                                spaces, inactive records, sub-jobs, very long memos, deleted and re-created names

Schedule:
  --every <seconds>           run a session every N seconds (QBWC Auto-Run), until Ctrl-C
  --max-sessions <n>          stop after n sessions

Faults:
  --quickbooks-not-running    openSession fails: 0x80040408 Could not start QuickBooks.
  --different-company-file    another company file is open (other path, other FileID)
  --lose-write-response       lose QuickBooks' response to the first write message (…AddRq/…ModRq)
  --lose-write-occurrence <n> ... to the n-th write message instead
  --mismatch-request-id       QuickBooks writes the first write message, but its answer names a requestID
                              that was not sent
  --drop-request-id           ... its answer carries no requestID
  --wrong-response-type       ... its answer is of another type (CustomerAddRs → InvoiceAddRs,
                              ItemServiceAddRs → ItemInventoryAddRs, …)
  --answer-fault-occurrence <n>  the three above hit the n-th write message instead
  --drop-after <n>            the connection dies after n send/receive rounds
  --restricted-user           the QuickBooks user may not write
  --locked <id,id>            records another QuickBooks user is editing
  --qb-delay-ms <n>           QuickBooks takes n ms per request
  --qb-time <req,rec>         QuickBooks' own processing time: ms per request, ms per returned record
                              (default 250,6: qb-simulator processing-time.ts; on unless --no-qb-time)
  --no-qb-time                answer at once (no modelled QuickBooks time)
  --noop-delay-ms <n>         wait after NoOp (QBWC: 5000)

Output:
  --json                      print one JSON summary line per session
  --verbose                   trace every web-method call
  --help                      this text

Exit code: 0 completed, no work or postponed; 1 any other outcome; 2 usage error.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  url: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  'company-file': { type: 'string' },
  qwc: { type: 'string' },
  'client-version': { type: 'string' },
  generate: { type: 'boolean' },
  seed: { type: 'string' },
  vendors: { type: 'string' },
  jobs: { type: 'string' },
  items: { type: 'string' },
  bills: { type: 'string' },
  messy: { type: 'string' },
  every: { type: 'string' },
  'max-sessions': { type: 'string' },
  'quickbooks-not-running': { type: 'boolean' },
  'different-company-file': { type: 'boolean' },
  'lose-write-response': { type: 'boolean' },
  'lose-write-occurrence': { type: 'string' },
  'mismatch-request-id': { type: 'boolean' },
  'drop-request-id': { type: 'boolean' },
  'wrong-response-type': { type: 'boolean' },
  'answer-fault-occurrence': { type: 'string' },
  'drop-after': { type: 'string' },
  'restricted-user': { type: 'boolean' },
  locked: { type: 'string' },
  'qb-delay-ms': { type: 'string' },
  'qb-time': { type: 'string' },
  'no-qb-time': { type: 'boolean' },
  'noop-delay-ms': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
} as const;

export function parseCliArgs(argv: readonly string[]): CliArguments {
  // `pnpm run qbwc-sim -- --url …` forwards the '--' itself.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const values = readFlags(args);
  if (values.help) return { help: true, password: '', companyFile: '', json: false, verbose: false, quickBooksTime: 'default', faults: {} };

  const password = values.password;
  if (password === undefined) throw new UsageError('--password is required');
  const companyFile = values['company-file'];
  if (!companyFile) throw new UsageError('--company-file is required');
  if (!values.url && !values.qwc) throw new UsageError('--url is required (or --qwc to read AppURL from)');
  if (values.url !== undefined && !/^https?:\/\/[^/]/i.test(values.url)) throw new UsageError(`--url must be an http(s) URL, got '${values.url}'`);

  const generateFlags = (['seed', 'vendors', 'jobs', 'items', 'bills', 'messy'] as const).filter((name) => values[name] !== undefined);
  if (!values.generate && generateFlags.length > 0) {
    throw new UsageError(`${generateFlags.map((name) => `--${name}`).join(', ')} only apply with --generate`);
  }
  const generate: GenerateSettings | undefined = values.generate
    ? {
        seed: readInteger(values.seed, '--seed', Number.MIN_SAFE_INTEGER) ?? 1,
        ...optional('vendors', readInteger(values.vendors, '--vendors', 0)),
        ...optional('jobs', readInteger(values.jobs, '--jobs', 0)),
        ...optional('items', readInteger(values.items, '--items', 0)),
        ...optional('bills', readInteger(values.bills, '--bills', 0)),
        ...optional('messy', readRate(values.messy, '--messy')),
      }
    : undefined;

  const everySeconds = values.every === undefined ? undefined : readPositiveNumber(values.every, '--every');
  const maxSessions = readInteger(values['max-sessions'], '--max-sessions', 1);
  if (maxSessions !== undefined && everySeconds === undefined) throw new UsageError('--max-sessions only applies with --every');

  const loseOccurrence = readInteger(values['lose-write-occurrence'], '--lose-write-occurrence', 1);
  const answerOccurrence = readInteger(values['answer-fault-occurrence'], '--answer-fault-occurrence', 1);
  const answerFaults = (['mismatch-request-id', 'drop-request-id', 'wrong-response-type'] as const).filter((name) => values[name]);
  if (answerOccurrence !== undefined && answerFaults.length === 0) {
    throw new UsageError('--answer-fault-occurrence only applies with --mismatch-request-id, --drop-request-id or --wrong-response-type');
  }
  const answerAt = answerOccurrence ?? true;
  const locked = values.locked?.split(',').map((id) => id.trim());
  if (locked && (locked.length === 0 || locked.some((id) => id === ''))) throw new UsageError('--locked takes a comma-separated list of record IDs');

  const faults: SessionFaultOptions = {
    ...(values['quickbooks-not-running'] && { quickBooksNotRunning: true }),
    ...(values['different-company-file'] && { differentCompanyFile: true }),
    ...((values['lose-write-response'] || loseOccurrence !== undefined) && { loseWriteResponse: loseOccurrence ?? true }),
    ...(values['mismatch-request-id'] && { mismatchRequestId: answerAt }),
    ...(values['drop-request-id'] && { dropRequestId: answerAt }),
    ...(values['wrong-response-type'] && { wrongResponseType: answerAt }),
    ...optional('dropConnectionAfterRounds', readInteger(values['drop-after'], '--drop-after', 0)),
    ...(values['restricted-user'] && { restrictedUser: true }),
    ...(locked && { lockedRecords: locked }),
    ...optional('quickBooksDelayMs', readInteger(values['qb-delay-ms'], '--qb-delay-ms', 0)),
  };

  if (values['no-qb-time'] && values['qb-time'] !== undefined) throw new UsageError('--qb-time and --no-qb-time exclude each other');
  const quickBooksTime: QuickBooksTimeSetting = values['no-qb-time']
    ? 'off'
    : values['qb-time'] !== undefined
      ? readQuickBooksTime(values['qb-time'])
      : 'default';

  return {
    help: false,
    ...(values.url !== undefined && { url: values.url }),
    ...(values.username !== undefined && { username: values.username }),
    password,
    companyFile,
    ...(values.qwc !== undefined && { qwc: values.qwc }),
    ...optional('everySeconds', everySeconds),
    ...optional('maxSessions', maxSessions),
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    ...(values['client-version'] !== undefined && { clientVersion: values['client-version'] }),
    ...(generate && { generate }),
    ...optional('noOpDelayMs', readInteger(values['noop-delay-ms'], '--noop-delay-ms', 0)),
    quickBooksTime,
    faults,
  };
}

function readRate(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const rate = Number(value);
  if (value.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw new UsageError(`${flag} takes a rate from 0 to 1, got '${value}'`);
  return rate;
}

function readQuickBooksTime(value: string): { perRequestMs: number; perRecordMs: number } {
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new UsageError(`--qb-time takes two numbers of milliseconds, per request and per returned record (e.g. 250,6), got '${value}'`);
  }
  return { perRequestMs: parts[0]!, perRecordMs: parts[1]! };
}

function readFlags(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function readInteger(value: string | undefined, flag: string, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(value.trim())) throw new UsageError(`${flag} takes a whole number, got '${value}'`);
  const number = Number(value);
  if (number < minimum) throw new UsageError(`${flag} must be at least ${minimum}, got ${number}`);
  return number;
}

function readPositiveNumber(value: string, flag: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw new UsageError(`${flag} takes a positive number of seconds, got '${value}'`);
  return number;
}
