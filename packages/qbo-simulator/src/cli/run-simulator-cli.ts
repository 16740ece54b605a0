import { QboSimulator } from '../qbo-simulator.ts';
import { parseCliArgs, USAGE, UsageError } from './parse-cli-args.ts';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Starts the simulator per the command line and prints how to reach it; null when it did not start. */
export async function runSimulatorCli(argv: readonly string[], io: CliIo): Promise<QboSimulator | null> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`qbo-sim: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return null;
  }
  if (options.help) {
    io.stdout.write(USAGE);
    return null;
  }
  const sim = new QboSimulator({
    ...(options.realmIds.length > 0 ? { realmIds: options.realmIds } : {}),
    seed: { seed: options.seed },
    clients: [{ clientId: options.clientId, clientSecret: options.clientSecret, redirectUris: options.redirectUris }],
    rateLimits: { retryAfter: options.retryAfter },
    minorVersionPolicy: options.minorVersionPolicy,
    webhook: {
      ...(options.webhookUrl === undefined ? {} : { url: options.webhookUrl }),
      verifierToken: options.verifierToken,
      format: options.webhookFormat,
      duplicates: options.webhookDuplicates,
    },
  });
  const { url } = await sim.start({ port: options.port, host: options.host });
  sim.webhooks.startAutoDelivery(options.webhookIntervalMs);
  const e = sim.endpoints;
  const lines = [
    `QuickBooks Online simulator listening on ${url}`,
    `  apiBaseUrl ${e.apiBaseUrl}  (Accounting API: ${url}/v3/company/<realmId>/…?minorversion=75)`,
    `  OAuth authorize ${e.authorizationUrl}`,
    `        token     ${e.tokenUrl}`,
    `        revoke    ${e.revokeUrl}`,
    `  client_id ${options.clientId}  client_secret ${options.clientSecret}  redirect URIs: ${options.redirectUris.length > 0 ? options.redirectUris.join(', ') : 'any'}`,
    ...[...sim.seeded].map(
      ([realmId, s]) =>
        `  realm ${realmId}: ${s.vendors} vendors, ${s.customers} customers with ${s.jobs} jobs, ${s.items} service items, ${s.accounts} accounts, ${s.classes} classes`,
    ),
    `  limits per realm: 500/min, 10/s, 40 batches/min (429 ${options.retryAfter ? 'with' : 'without'} Retry-After); minorversion policy ${options.minorVersionPolicy}`,
    options.webhookUrl === undefined
      ? '  webhooks: none (--webhook-url to deliver)'
      : `  webhooks: ${options.webhookFormat} to ${options.webhookUrl} every ${options.webhookIntervalMs} ms, verifier token ${options.verifierToken}${options.webhookDuplicates ? ', each sent twice' : ''}`,
    'Ctrl-C to stop.',
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return sim;
}
