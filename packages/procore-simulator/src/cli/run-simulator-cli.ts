import { ProcoreSimulator } from '../procore-simulator.ts';
import { generateProcoreCompany } from '../seed/generate-procore-company.ts';
import { parseCliArgs, USAGE, UsageError } from './parse-cli-args.ts';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Starts the simulator per the command line and prints how to reach it; null when it did not start. */
export async function runSimulatorCli(argv: readonly string[], io: CliIo): Promise<ProcoreSimulator | null> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`procore-sim: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return null;
  }
  if (options.help) {
    io.stdout.write(USAGE);
    return null;
  }
  const company = generateProcoreCompany({
    seed: options.seed,
    ...(options.vendors === undefined ? {} : { vendors: options.vendors }),
    ...(options.projects === undefined ? {} : { projects: options.projects }),
    ...(options.costCodes === undefined ? {} : { costCodes: options.costCodes }),
  });
  const sim = new ProcoreSimulator({
    seed: options.seed,
    company,
    clients: [{ clientId: options.clientId, clientSecret: options.clientSecret, redirectUris: options.redirectUris, serviceAccount: true }],
    rateLimits: { hourly: options.hourlyLimit, tenSecond: options.tenSecondLimit },
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
  });
  const { url } = await sim.start({ port: options.port, host: options.host });
  sim.webhooks.startAutoDelivery(options.webhookIntervalMs);
  const lines = [
    `Procore simulator listening on ${url}`,
    `  OAuth (login host) and REST API share this origin: ${url}/oauth/authorize, ${url}/oauth/token, ${url}/rest/v1.0/...`,
    ...company.companies.map(
      (c, i) =>
        `  company ${c.company.id}  ${c.company.name}  ${c.projects.length} projects, ${c.vendors.length} vendors  (${i === 0 ? 'main company' : c.userIsMember ? 'member' : 'user is not a member: 403'})`,
    ),
    `  user ${company.user.name} <${company.user.login}> (id ${company.user.id})`,
    `  OAuth client_id ${options.clientId}  client_secret ${options.clientSecret}  redirect URIs: ${options.redirectUris.length > 0 ? options.redirectUris.join(', ') : 'any'}`,
    `  rate limits ${options.hourlyLimit}/hour and ${options.tenSecondLimit}/10 s per app and company; seed ${options.seed}`,
    `  webhooks delivered every ${options.webhookIntervalMs} ms`,
    'Ctrl-C to stop.',
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return sim;
}
