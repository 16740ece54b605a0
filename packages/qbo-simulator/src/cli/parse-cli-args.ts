// Command line of qbo-sim.

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  seed: number;
  realmIds: string[];
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  webhookUrl: string | undefined;
  verifierToken: string;
  webhookFormat: 'cloudevents' | 'classic';
  webhookIntervalMs: number;
  webhookDuplicates: boolean;
  minorVersionPolicy: 'reject' | 'intuit';
  retryAfter: boolean;
}

export const USAGE = `Usage: qbo-sim [options]
  --port <n>                 HTTP port (default 4200; 0 = any free port)
  --host <addr>              listen address (default 127.0.0.1)
  --seed <n>                 seeded company (default 42)
  --realm <id>               a realm (company) id to serve; repeat for several (default 9341453050298126)
  --client-id <id>           OAuth client id (default qbo-sim-client)
  --client-secret <s>        OAuth client secret (default qbo-sim-secret)
  --redirect-uri <uri>       registered redirect URI; repeat for several (default: any)
  --webhook-url <url>        deliver webhooks there
  --verifier-token <s>       webhook Verifier Token (default sim-verifier-token)
  --webhook-format <f>       cloudevents (default) or classic
  --webhook-interval-ms <n>  delivery interval (default 1000)
  --webhook-duplicates       send every delivery twice
  --minor-version <policy>   reject (default: minorversion < 75 → 400) or intuit (served as 75)
  --no-retry-after           429 answers without Retry-After
  --help
`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    help: false,
    port: 4200,
    host: '127.0.0.1',
    seed: 42,
    realmIds: [],
    clientId: 'qbo-sim-client',
    clientSecret: 'qbo-sim-secret',
    redirectUris: [],
    webhookUrl: undefined,
    verifierToken: 'sim-verifier-token',
    webhookFormat: 'cloudevents',
    webhookIntervalMs: 1000,
    webhookDuplicates: false,
    minorVersionPolicy: 'reject',
    retryAfter: true,
  };
  const args = [...argv];
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const integer = (flag: string): number => {
    const v = Number(value(flag));
    if (!Number.isSafeInteger(v) || v < 0) throw new UsageError(`${flag} needs a whole number`);
    return v;
  };
  while (args.length > 0) {
    const flag = args.shift() as string;
    switch (flag) {
      case '--':
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--port':
        options.port = integer(flag);
        break;
      case '--host':
        options.host = value(flag);
        break;
      case '--seed':
        options.seed = integer(flag);
        break;
      case '--realm': {
        const realm = value(flag);
        if (!/^\d+$/.test(realm)) throw new UsageError('--realm needs digits');
        options.realmIds.push(realm);
        break;
      }
      case '--client-id':
        options.clientId = value(flag);
        break;
      case '--client-secret':
        options.clientSecret = value(flag);
        break;
      case '--redirect-uri':
        options.redirectUris.push(value(flag));
        break;
      case '--webhook-url':
        options.webhookUrl = value(flag);
        break;
      case '--verifier-token':
        options.verifierToken = value(flag);
        break;
      case '--webhook-format': {
        const f = value(flag);
        if (f !== 'cloudevents' && f !== 'classic') throw new UsageError('--webhook-format is cloudevents or classic');
        options.webhookFormat = f;
        break;
      }
      case '--webhook-interval-ms':
        options.webhookIntervalMs = integer(flag);
        break;
      case '--webhook-duplicates':
        options.webhookDuplicates = true;
        break;
      case '--minor-version': {
        const p = value(flag);
        if (p !== 'reject' && p !== 'intuit') throw new UsageError('--minor-version is reject or intuit');
        options.minorVersionPolicy = p;
        break;
      }
      case '--no-retry-after':
        options.retryAfter = false;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return options;
}
