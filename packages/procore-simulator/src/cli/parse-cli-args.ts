export class UsageError extends Error {}

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  seed: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  hourlyLimit: number;
  tenSecondLimit: number;
  vendors?: number;
  projects?: number;
  costCodes?: number;
  webhookIntervalMs: number;
  accessTokenTtlSeconds: number;
}

export const USAGE = `Usage: procore-sim [options]

Starts a simulated Procore (OAuth login host and REST API on one origin) with a seeded general contractor.

  --port N                 port to listen on (default 4100; 0 = any free port)
  --host H                 interface (default 127.0.0.1)
  --seed N                 data and randomness seed (default 42)
  --client-id ID           OAuth client id (default demo-client)
  --client-secret S        OAuth client secret (default demo-secret)
  --redirect-uri URL       allowed OAuth redirect URI; repeat for several (default: any)
  --hourly-limit N         requests per hour per app and company (default 3600)
  --ten-second-limit N     requests per 10 s per app and company (default 100)
  --vendors N              directory vendors in the main company (default 25)
  --projects N             projects in the main company (default 4)
  --cost-codes N           cost codes in the standard list (default 40)
  --webhook-interval-ms N  how often due webhooks are delivered (default 1000)
  --access-token-ttl N     access token lifetime in seconds (default 5400)
  --help                   this text
`;

/** Parses the command line; `--` (as forwarded by pnpm) is ignored. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    help: false,
    port: 4100,
    host: '127.0.0.1',
    seed: 42,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    redirectUris: [],
    hourlyLimit: 3600,
    tenSecondLimit: 100,
    webhookIntervalMs: 1000,
    accessTokenTtlSeconds: 5400,
  };
  const args = argv.filter((a) => a !== '--');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const int = (min: number): number => {
      const text = value();
      if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`${flag} must be an integer >= ${min}`);
      return Number(text);
    };
    switch (flag) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--port':
        options.port = int(0);
        if (options.port > 65535) throw new UsageError('--port must be <= 65535');
        break;
      case '--host':
        options.host = value();
        break;
      case '--seed':
        options.seed = int(0);
        break;
      case '--client-id':
        options.clientId = value();
        break;
      case '--client-secret':
        options.clientSecret = value();
        break;
      case '--redirect-uri':
        options.redirectUris.push(value());
        break;
      case '--hourly-limit':
        options.hourlyLimit = int(1);
        break;
      case '--ten-second-limit':
        options.tenSecondLimit = int(1);
        break;
      case '--vendors':
        options.vendors = int(0);
        break;
      case '--projects':
        options.projects = int(0);
        break;
      case '--cost-codes':
        options.costCodes = int(1);
        break;
      case '--webhook-interval-ms':
        options.webhookIntervalMs = int(10);
        break;
      case '--access-token-ttl':
        options.accessTokenTtlSeconds = int(1);
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return options;
}
