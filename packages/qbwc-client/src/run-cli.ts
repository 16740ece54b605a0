// qbwc-sim's behaviour: parse flags, open (or generate) the simulated company file, add the .qwc's
// FileID like QBWC, run one session or a schedule, save the company file after each session, print a
// QBWC-like progress bar and status line (or one JSON line), and return the exit code.

import { isAbsolute, resolve } from 'node:path';
import { openCompanyFile as openSimulatedCompanyFile, type OpenedCompanyFile } from './open-company-file.ts';
import { parseCliArgs, UsageError, USAGE, type CliArguments, type GenerateSettings, type QuickBooksTimeSetting } from './parse-cli-args.ts';
import { readQwcFile } from './read-qwc-file.ts';
import { renderProgressBar } from './render-progress-bar.ts';
import { runOnSchedule } from './run-on-schedule.ts';
import { runWebConnectorSession } from './run-web-connector-session.ts';
import type { SessionOptions, SessionReport } from './types.ts';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  signal?: AbortSignal;
  /** Relative --company-file / --qwc paths resolve against this (pnpm runs scripts in the package folder). */
  cwd?: string;
  /** Injectable for tests; defaults to the simulator. */
  openCompanyFile?: (path: string, generate?: GenerateSettings, quickBooksTime?: QuickBooksTimeSetting) => Promise<OpenedCompanyFile>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArguments;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`qbwc-sim: ${error.message}\nRun qbwc-sim --help for usage.\n`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }

  const cwd = io.cwd ?? process.cwd();
  const companyFilePath = isAbsolute(args.companyFile) ? args.companyFile : resolve(cwd, args.companyFile);
  let url = args.url;
  let username = args.username;
  let qwc;
  if (args.qwc) {
    try {
      qwc = await readQwcFile(/^https?:\/\//i.test(args.qwc) || isAbsolute(args.qwc) ? args.qwc : resolve(cwd, args.qwc));
    } catch (error) {
      io.stderr.write(`qbwc-sim: cannot read ${args.qwc}: ${(error as Error).message}\n`);
      return EXIT_FAILED;
    }
    url ??= qwc.appUrl;
    username ??= qwc.userName;
  }
  if (!url || !username) {
    io.stderr.write(`qbwc-sim: --${url ? 'username' : 'url'} is required\nRun qbwc-sim --help for usage.\n`);
    return EXIT_USAGE;
  }

  let company: OpenedCompanyFile;
  try {
    company = await (io.openCompanyFile ?? openSimulatedCompanyFile)(companyFilePath, args.generate, args.quickBooksTime);
    // Adding the .qwc to QBWC stamps its FileID on the company file (QBWC guide p.36).
    if (qwc) company.processor.ensureFileId(qwc.ownerId, qwc.fileId);
  } catch (error) {
    io.stderr.write(`qbwc-sim: cannot open company file ${companyFilePath}: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }

  const tty = io.stdout.isTTY === true;
  const sessionOptions: SessionOptions = {
    url,
    username,
    password: args.password,
    processor: company.processor,
    ...args.faults,
    ...(args.clientVersion !== undefined && { clientVersion: args.clientVersion }),
    ...(args.noOpDelayMs !== undefined && { noOpDelayMs: args.noOpDelayMs }),
    ...(io.signal && { signal: io.signal }),
    ...(args.verbose && { log: (line: string) => io.stderr.write(`${line}\n`) }),
    ...(!args.json && {
      onProgress: (percent: number, message: string) => io.stdout.write(`${tty ? '\r' : ''}${renderProgressBar(percent, message)}${tty ? '' : '\n'}`),
    }),
  };

  // QuickBooks' modelled time per session (qb-simulator processing-time.ts): how much of the session was QuickBooks.
  let modelledBefore = company.modelledQuickBooksMs?.() ?? 0;
  const finishSession = async (report: SessionReport): Promise<void> => {
    const modelledNow = company.modelledQuickBooksMs?.();
    const quickBooksMs = modelledNow === undefined ? undefined : modelledNow - modelledBefore;
    modelledBefore = modelledNow ?? 0;
    try {
      await company.save();
    } catch (error) {
      report.errors.push(`saving the company file failed: ${(error as Error).message}`);
    }
    if (tty && !args.json && report.progress.length > 0) io.stdout.write('\n');
    if (args.json) {
      io.stdout.write(`${JSON.stringify({ ...summarizeReport(report), ...(quickBooksMs !== undefined && { quickBooksModelledMs: quickBooksMs }) })}\n`);
    } else {
      io.stdout.write(describeReport(report));
      if (quickBooksMs !== undefined && quickBooksMs > 0) {
        io.stdout.write(`  of which QuickBooks' own time (modelled): ${(quickBooksMs / 1000).toFixed(1)} s of ${(report.durationMs / 1000).toFixed(1)} s\n`);
      }
    }
  };

  if (args.everySeconds === undefined) {
    if (!args.json) io.stdout.write(`QuickBooks Web Connector (simulated) -> ${url}\n`);
    const report = await runWebConnectorSession(sessionOptions);
    await finishSession(report);
    return exitCodeFor(report);
  }
  if (!args.json) io.stdout.write(`QuickBooks Web Connector (simulated) -> ${url}, every ${args.everySeconds} s\n`);
  const reports = await runOnSchedule({
    ...sessionOptions,
    everySeconds: args.everySeconds,
    ...(args.maxSessions !== undefined && { maxSessions: args.maxSessions }),
    onSession: finishSession,
    ...(!args.json && { onWait: (seconds, reason) => io.stdout.write(`Next update in ${seconds} s${reason === 'interval' ? '' : ` (${reason})`}\n`) }),
  });
  const last = reports.at(-1);
  return last ? exitCodeFor(last) : EXIT_OK;
}

export function exitCodeFor(report: SessionReport): number {
  return report.outcome === 'completed' || report.outcome === 'no-work' || report.outcome === 'postponed' ? EXIT_OK : EXIT_FAILED;
}

/** The --json line: one machine-readable summary per session. */
export function summarizeReport(report: SessionReport): Record<string, unknown> {
  return {
    outcome: report.outcome,
    statusLine: report.statusLine,
    requests: report.requestsSent,
    roundTrips: report.roundTrips,
    errors: report.errors,
    warnings: report.warnings,
    durationMs: report.durationMs,
    bytesSent: report.bytesSent,
    bytesReceived: report.bytesReceived,
    progress: report.progress,
    ...(report.lastError !== undefined && { lastError: report.lastError }),
    ...(report.postponeSeconds !== undefined && { postponeSeconds: report.postponeSeconds }),
    ...(report.ticket !== undefined && { ticket: report.ticket }),
  };
}

function describeReport(report: SessionReport): string {
  const lines = [
    `Status: ${report.outcome}${report.statusLine ? ` - ${report.statusLine}` : ''}`,
    `${report.requestsSent} qbXML request message(s), ${report.roundTrips} SOAP round trip(s), ${report.durationMs} ms`,
    ...(report.postponeSeconds !== undefined ? [`Update postponed by application: ${report.postponeSeconds} s`] : []),
    ...report.warnings.map((warning) => `warning: ${warning}`),
    ...report.errors.map((error) => `error: ${error}`),
  ];
  return `${lines.join('\n')}\n`;
}
