// The scale benchmark's command line (`pnpm bench:scale -- --companies 200 --instances 1,2,3`): how many companies,
// how many server instances to compare, how much work each company does, and how the servers are started.

export interface ScaleBenchArgs {
  /** Simulated companies, each with its own QuickBooks company file and Web Connector. */
  companies: number;
  /** Server instance counts to run, one fresh database per count (e.g. [1, 2, 3]). */
  instances: number[];
  /** Web Connector sessions each company runs (fixed work per company, so every instance count does the same work). */
  sessionsPerCompany: number;
  /** Seconds between the end of a company's session and its next one (QBWC's "run every"; 0 = back to back). */
  intervalSeconds: number;
  /**
   * Sessions in flight at once over all instances (a company waits for a free slot before its session): the load is a
   * closed loop of this many Web Connectors at a time; 0 = every company at once.
   */
  concurrency: number;
  /** QuickBooks adds (exports: vendors, customers) queued for each company before each session. */
  addsPerSession: number;
  /** 'tsx': apps/server/src/main.ts through tsx; 'dist': the production build (`pnpm build` first). */
  server: 'tsx' | 'dist';
  /** Background jobs per instance (JOB_CONCURRENCY). */
  jobConcurrency: number;
  /** PostgreSQL database the bench drops and recreates for each instance count. */
  database: string;
}

export const DEFAULT_SCALE_ARGS: ScaleBenchArgs = {
  companies: 50,
  instances: [1, 2, 3],
  sessionsPerCompany: 3,
  intervalSeconds: 0,
  concurrency: 16,
  addsPerSession: 4,
  server: 'tsx',
  jobConcurrency: 2,
  database: 'bench_scale',
};

const USAGE =
  'usage: pnpm bench:scale [--companies N] [--instances 1,2,3] [--sessions S] [--interval SECONDS] [--concurrency C] [--adds A] [--server tsx|dist] [--job-concurrency J] [--database NAME]';

export function parseScaleArgs(argv: string[]): ScaleBenchArgs {
  const args = { ...DEFAULT_SCALE_ARGS };
  const whole = (flag: string, raw: string | undefined, min: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${flag} needs a whole number ≥ ${min} (got "${raw}")\n${USAGE}`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--') continue;
    const value = argv[++i];
    switch (flag) {
      case '--companies':
        args.companies = whole(flag, value, 1);
        break;
      case '--instances':
        args.instances = (value ?? '').split(',').map((n) => whole(flag, n, 1));
        break;
      case '--sessions':
        args.sessionsPerCompany = whole(flag, value, 1);
        break;
      case '--interval':
        args.intervalSeconds = whole(flag, value, 0);
        break;
      case '--concurrency':
        args.concurrency = whole(flag, value, 0);
        break;
      case '--adds':
        args.addsPerSession = whole(flag, value, 0);
        break;
      case '--job-concurrency':
        args.jobConcurrency = whole(flag, value, 1);
        break;
      case '--server':
        if (value !== 'tsx' && value !== 'dist') throw new Error(`--server is tsx or dist\n${USAGE}`);
        args.server = value;
        break;
      case '--database':
        if (!/^[a-z_][a-z0-9_]*$/.test(value ?? '')) throw new Error(`--database needs a plain lower-case name\n${USAGE}`);
        args.database = value!;
        break;
      default:
        throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  return args;
}
