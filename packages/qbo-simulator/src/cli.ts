#!/usr/bin/env tsx
// Entry point of qbo-sim (`pnpm qbo-sim -- --port 4200 --seed 42`). SIGINT / SIGTERM stop webhook delivery and
// close the server; a second signal exits at once.

import { runSimulatorCli } from './cli/run-simulator-cli.ts';

const sim = await runSimulatorCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
if (sim !== null) {
  const stop = (signal: NodeJS.Signals) => {
    process.stdout.write(`qbo-sim: ${signal}, shutting down\n`);
    process.once(signal, () => process.exit(130));
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
