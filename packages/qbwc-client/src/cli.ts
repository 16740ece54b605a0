#!/usr/bin/env tsx
// Entry point of qbwc-sim (`pnpm --filter @connector/qbwc-client qbwc-sim -- --help`).
// Ctrl-C ends the current session as 'dropped' and stops the schedule; a second Ctrl-C exits at once.

import { runCli } from './run-cli.ts';

const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort(new Error('interrupted'));
  process.once('SIGINT', () => process.exit(130));
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
  // pnpm runs package scripts in the package folder; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
