import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_PROCORE_TUNING,
  DEFAULT_QBWC_CONFIG,
  parseEncryptionKeys,
  PROCORE_ENVIRONMENTS,
  type ProcoreEnvironment,
  type ProcoreEnvironmentSettings,
  type QbwcServiceConfig,
} from '@connector/sync';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every setting the server reads, validated once at start-up (a bad value stops it with the reason). */
export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; absent = embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  /** DATABASE_POOL_MAX: PostgreSQL connections one instance holds (default 10; 1–200). */
  databasePoolMax: number;
  dataDir: string;
  /** The URL QBWC and browsers reach this server at; goes into the .qwc (AppURL). */
  publicUrl: string;
  logLevel: string;
  /**
   * Largest SOAP body accepted (QBWC_BODY_LIMIT_MB), the one limit from the socket to the XML parser.
   * QuickBooks query responses can be tens of MB (iterators bound them) and grow ~30% escaped in SOAP.
   */
  qbwcBodyLimitBytes: number;
  /** Large SOAP bodies (over 64 KB) read and parsed at once, per client address and in all (hostile input). */
  qbwcLargeBodies: { perSource: number; total: number };
  qbwc: QbwcServiceConfig;
  /**
   * TRUST_PROXY: which proxy's X-Forwarded-For to believe for the caller's address (Fastify trustProxy: a hop
   * count, or addresses/CIDRs). Off by default. Web Connector sign-ins are throttled per address (hostile input):
   * behind a proxy without it every caller would share the proxy's address.
   */
  trustProxy: boolean | number | string[];
  appName: string;
  procore: ProcoreServerConfig;
  /** QuickBooks Online (issue 22): the Intuit app keys; undefined = not configured (the Online edition says so). */
  qbo?: QboServerConfig | undefined;
  /** METRICS_TOKEN: when set, GET /metrics needs `Authorization: Bearer <it>` (routes/metrics-routes.ts). A secret: never logged. */
  metricsToken?: string | undefined;
  /**
   * SHUTDOWN_GRACE_SECONDS: after SIGTERM, how long the calls and the job in progress get to finish before the
   * process exits anyway (main.ts). Under the orchestrator's own grace (Docker's `stop_grace_period`, 10 s by default;
   * Kubernetes' terminationGracePeriodSeconds, 30 s).
   */
  shutdownGraceMs?: number;
  /** JOB_CONCURRENCY: background jobs one instance runs at once, each on its own lease (default 2; 1–32). */
  jobConcurrency?: number;
  /** JOB_RETENTION_DAYS: done jobs are deleted this many days after they finished (default 7); failed jobs stay. */
  jobRetentionDays?: number;
  /** The daily summary e-mail (issue 18): SMTP_URL or SMTP_HOST…; undefined = SMTP not configured, nothing is e-mailed. */
  smtp?: SmtpConfig | undefined;
  /** DAILY_SUMMARY_HOUR_UTC: the hour of the day (0–23, UTC) the daily summary goes out (default 7). */
  dailySummaryHourUtc?: number;
}

/** Where the daily summary is sent from. `password` is a secret: never logged (log serializers never see the config). */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://, port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  /** The From address, e.g. "Procore QuickBooks Connector <connector@example.com>". */
  from: string;
}

/** Procore side of the configuration (docs/procore-api.md). Secrets here are never logged. */
export interface ProcoreServerConfig {
  /** OAuth applications per environment; none configured = demo mode against the Procore simulator. */
  environments: Partial<Record<ProcoreEnvironment, ProcoreEnvironmentSettings>>;
  /** TOKEN_ENCRYPTION_KEYS as given (keyId:base64key, newest first); the launcher supplies a local key when absent in demo mode. */
  tokenEncryptionKeys: string | undefined;
  reconcileIntervalMs: number;
  rateLimits: { hourly: number; tenSecond: number };
  syncChunkSize: number;
}

/**
 * QuickBooks Online side of the configuration (issue 22). One Intuit key set per deployment (development keys reach
 * sandbox companies, production keys real ones; packages/qbo/README.md "The Intuit developer app"). Secrets here are
 * never logged.
 */
export interface QboServerConfig {
  /** QBO_ENVIRONMENT: sandbox (default) | production — must match the key set. */
  environment: 'sandbox' | 'production';
  clientId: string;
  clientSecret: string;
  /** QBO_REDIRECT_URL (default PUBLIC_URL/oauth/qbo/callback): registered as a Redirect URI of the key set. */
  redirectUri: string;
  /** QBO_API_URL: the Accounting API origin (default Intuit's for the environment; a qbo-simulator's in tests and the demo). */
  apiBaseUrl: string;
  /** QBO_OAUTH_URL: one origin serving Intuit's three OAuth paths (a qbo-simulator); default Intuit's own hosts. */
  oauthBaseUrl: string | undefined;
}

// Where each environment's OAuth and API live (docs/procore-api.md#environments); *_LOGIN_URL / *_API_URL override them.
const PROCORE_ENV_VARS: Record<ProcoreEnvironment, { prefix: string; loginBaseUrl: string; apiBaseUrl: string }> = {
  production: { prefix: 'PROCORE', loginBaseUrl: 'https://login.procore.com', apiBaseUrl: 'https://api.procore.com' },
  sandbox: { prefix: 'PROCORE_SANDBOX', loginBaseUrl: 'https://login-sandbox.procore.com', apiBaseUrl: 'https://sandbox.procore.com' },
  monthly_sandbox: {
    prefix: 'PROCORE_MONTHLY_SANDBOX',
    loginBaseUrl: 'https://login-sandbox-monthly.procore.com',
    apiBaseUrl: 'https://api-monthly.procore.com',
  },
};

// One OwnerID for the application, never per company or per version (QBWC guide p.37).
export const DEFAULT_OWNER_ID = '{6B9C3C8E-5F0B-4B7A-9E2D-3A1F4C8D2E71}';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * QBWC_SESSION_TAKEOVER_SECONDS: a live session with no call for this long is taken over by the next
 * authenticate (default and reasoning: DEFAULT_SESSION_TAKEOVER_MS). It replaces QBWC_SESSION_IDLE_SECONDS,
 * which decided the same thing — when a quiet session stops blocking the company — at 900 s; two settings
 * for one decision could only disagree. The old name is still read when the new one is absent, so an
 * existing configuration keeps starting with its own value (and its old range); both at once is refused
 * as ambiguous. The new name allows at most 3600: longer, a dead session blocks every scheduled run of an hour.
 */
function sessionTakeoverSeconds(env: NodeJS.ProcessEnv, int: (name: string, fallback: number, min: number, max: number) => number, problems: string[]): number {
  const fallback = DEFAULT_QBWC_CONFIG.sessionTakeoverMs / 1000;
  const current = env.QBWC_SESSION_TAKEOVER_SECONDS;
  const former = env.QBWC_SESSION_IDLE_SECONDS;
  if (current !== undefined && current !== '' && former !== undefined && former !== '') {
    problems.push('QBWC_SESSION_IDLE_SECONDS is the former name of QBWC_SESSION_TAKEOVER_SECONDS: set only QBWC_SESSION_TAKEOVER_SECONDS');
    return fallback;
  }
  if (former !== undefined && former !== '') return int('QBWC_SESSION_IDLE_SECONDS', fallback, 1, 86_400);
  return int('QBWC_SESSION_TAKEOVER_SECONDS', fallback, 1, 3600);
}

function trustProxyOf(raw: string | undefined, problems: string[]): boolean | number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const addresses = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (!addresses.every((a) => /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/.test(a))) {
    problems.push(`TRUST_PROXY must be true, a number of proxy hops, or proxy addresses/CIDRs separated by commas (got "${raw}")`);
    return false;
  }
  return addresses;
}

/**
 * SMTP for the daily summary: SMTP_URL (smtp://user:password@host:587, smtps:// for TLS on connect) or SMTP_HOST with
 * SMTP_PORT (587), SMTP_SECURE, SMTP_USER and SMTP_PASSWORD; SMTP_FROM is required with either. Neither = off.
 * Problems name the variable, never its value (the URL and the password hold the secret).
 */
function smtpOf(env: NodeJS.ProcessEnv, problems: string[]): SmtpConfig | undefined {
  const url = env.SMTP_URL || undefined;
  const host = env.SMTP_HOST || undefined;
  if (!url && !host) {
    if (env.SMTP_FROM || env.SMTP_USER || env.SMTP_PASSWORD)
      problems.push('SMTP_FROM, SMTP_USER and SMTP_PASSWORD need SMTP_URL or SMTP_HOST (the SMTP server)');
    return undefined;
  }
  if (url && host) {
    problems.push('set SMTP_URL or SMTP_HOST, not both');
    return undefined;
  }
  const from = env.SMTP_FROM?.trim() ?? '';
  if (!/^(?:[^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(from)) problems.push('SMTP_FROM must be an e-mail address, e.g. "Connector <connector@example.com>"');
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push('SMTP_URL is not a URL (smtp://user:password@host:587 or smtps://…:465)');
      return undefined;
    }
    if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
      problems.push('SMTP_URL must start with smtp:// or smtps://');
      return undefined;
    }
    const secure = parsed.protocol === 'smtps:';
    return {
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
      secure,
      user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
      password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
      from,
    };
  }
  const port = env.SMTP_PORT ? Number(env.SMTP_PORT) : 587;
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push('SMTP_PORT must be a whole number from 1 to 65535');
  const secureRaw = env.SMTP_SECURE ?? '';
  if (!['', 'true', 'false'].includes(secureRaw)) problems.push('SMTP_SECURE must be true or false');
  if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) problems.push('SMTP_USER and SMTP_PASSWORD go together');
  return {
    host: host!,
    port,
    secure: secureRaw === 'true' || (secureRaw === '' && port === 465),
    user: env.SMTP_USER || undefined,
    password: env.SMTP_PASSWORD || undefined,
    from,
  };
}

// Intuit's Accounting API origins ("Learn about basic REST API features"; packages/qbo qbo-environments.ts).
const QBO_API_URLS = { sandbox: 'https://sandbox-quickbooks.api.intuit.com', production: 'https://quickbooks.api.intuit.com' } as const;

/** QBO_CLIENT_ID / QBO_CLIENT_SECRET (together), QBO_ENVIRONMENT, QBO_REDIRECT_URL, QBO_API_URL, QBO_OAUTH_URL. None = off. */
function qboOf(env: NodeJS.ProcessEnv, publicUrl: string, problems: string[]): QboServerConfig | undefined {
  const clientId = env.QBO_CLIENT_ID || undefined;
  const clientSecret = env.QBO_CLIENT_SECRET || undefined;
  if (!clientId && !clientSecret) {
    for (const name of ['QBO_ENVIRONMENT', 'QBO_REDIRECT_URL', 'QBO_API_URL', 'QBO_OAUTH_URL'])
      if (env[name]) problems.push(`${name} needs QBO_CLIENT_ID and QBO_CLIENT_SECRET (the Intuit app's keys)`);
    return undefined;
  }
  if (!clientId || !clientSecret) {
    problems.push('QBO_CLIENT_ID and QBO_CLIENT_SECRET go together (the keys of the Intuit developer app)');
    return undefined;
  }
  const environment = env.QBO_ENVIRONMENT || 'sandbox';
  if (environment !== 'sandbox' && environment !== 'production') {
    problems.push(`QBO_ENVIRONMENT must be sandbox or production (got "${environment}"): the one the keys belong to`);
    return undefined;
  }
  const redirectUri = env.QBO_REDIRECT_URL || `${publicUrl}/oauth/qbo/callback`;
  try {
    const url = new URL(redirectUri);
    // Intuit "will only redirect to URIs beginning with https" (OAuth FAQ); development keys also accept localhost.
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local && environment === 'sandbox')) {
      problems.push('QBO_REDIRECT_URL must be https (Intuit redirects only to https URIs; http is accepted for localhost with sandbox keys)');
    }
  } catch {
    problems.push(`QBO_REDIRECT_URL is not a URL (got "${redirectUri}")`);
  }
  const apiBaseUrl = (env.QBO_API_URL || QBO_API_URLS[environment]).replace(/\/+$/, '');
  const oauthBaseUrl = env.QBO_OAUTH_URL ? env.QBO_OAUTH_URL.replace(/\/+$/, '') : undefined;
  for (const [name, value] of [
    ['QBO_API_URL', apiBaseUrl],
    ['QBO_OAUTH_URL', oauthBaseUrl],
  ] as const) {
    if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value)) problems.push(`${name} must be an http(s) URL`);
  }
  return { environment, clientId, clientSecret, redirectUri, apiBaseUrl, oauthBaseUrl };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    const url = new URL(publicUrl);
    // QBWC refuses an AppURL that is an IP address (QBWC1001/1002) and accepts http only for
    // "localhost" (QBWC1010) — QBWC guide ch. 4.
    if (/^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname.startsWith('[')) {
      problems.push('PUBLIC_URL must use a host name, not an IP address (the Web Connector refuses IP addresses); use localhost locally');
    } else if (url.protocol !== 'https:' && !(url.protocol === 'http:' && url.hostname === 'localhost')) {
      problems.push('PUBLIC_URL must be https (QBWC accepts http only for localhost)');
    }
  } catch {
    problems.push(`PUBLIC_URL is not a URL (got "${publicUrl}")`);
  }
  const ownerId = env.QBWC_OWNER_ID || DEFAULT_OWNER_ID;
  if (!/^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/.test(ownerId)) {
    problems.push('QBWC_OWNER_ID must be a GUID in braces, e.g. {6B9C3C8E-5F0B-4B7A-9E2D-3A1F4C8D2E71}');
  }
  const sessionTakeoverMs = sessionTakeoverSeconds(env, int, problems) * 1000;
  const qbwc: QbwcServiceConfig = {
    ...DEFAULT_QBWC_CONFIG,
    ownerId,
    batchSize: int('QBWC_BATCH_SIZE', DEFAULT_QBWC_CONFIG.batchSize, 1, 500),
    sessionTakeoverMs,
    sessionIdleTimeoutMs: sessionTakeoverMs,
    verifiedPasswordTtlMs: int('QBWC_SIGN_IN_CACHE_MINUTES', DEFAULT_QBWC_CONFIG.verifiedPasswordTtlMs / 60_000, 0, 1440) * 60_000,
    busyPostponeSeconds: int('QBWC_BUSY_POSTPONE_SECONDS', DEFAULT_QBWC_CONFIG.busyPostponeSeconds, 0, 3600),
    maxAttempts: int('QBWC_MAX_ATTEMPTS', DEFAULT_QBWC_CONFIG.maxAttempts, 1, 100),
    offThreadParseBytes: int('QBWC_OFF_THREAD_PARSE_BYTES', DEFAULT_QBWC_CONFIG.offThreadParseBytes, 0, 1024 ** 3),
  };
  const procoreEnvironments: ProcoreServerConfig['environments'] = {};
  for (const environment of PROCORE_ENVIRONMENTS) {
    const { prefix, loginBaseUrl, apiBaseUrl } = PROCORE_ENV_VARS[environment];
    const clientId = env[`${prefix}_CLIENT_ID`];
    const clientSecret = env[`${prefix}_CLIENT_SECRET`];
    if (!clientId && !clientSecret) continue;
    if (!clientId || !clientSecret) {
      problems.push(`${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET go together (the OAuth application of the ${environment} environment)`);
      continue;
    }
    const urls = { loginBaseUrl: env[`${prefix}_LOGIN_URL`] || loginBaseUrl, apiBaseUrl: env[`${prefix}_API_URL`] || apiBaseUrl };
    for (const [name, value] of Object.entries(urls)) {
      if (!/^https?:\/\/[^\s]+$/.test(value)) problems.push(`${prefix}_${name === 'loginBaseUrl' ? 'LOGIN' : 'API'}_URL must be an http(s) URL`);
    }
    procoreEnvironments[environment] = {
      clientId,
      clientSecret,
      loginBaseUrl: urls.loginBaseUrl.replace(/\/+$/, ''),
      apiBaseUrl: urls.apiBaseUrl.replace(/\/+$/, ''),
    };
  }
  const tokenEncryptionKeys = env.TOKEN_ENCRYPTION_KEYS || undefined;
  if (tokenEncryptionKeys) {
    try {
      parseEncryptionKeys(tokenEncryptionKeys);
    } catch (error) {
      problems.push(`TOKEN_ENCRYPTION_KEYS: ${(error as Error).message} (generate one with: openssl rand -base64 32)`);
    }
  } else if (Object.keys(procoreEnvironments).length > 0) {
    // With real Procore credentials, tokens are customer secrets: no key, no start.
    problems.push('TOKEN_ENCRYPTION_KEYS is required when a Procore client is configured, e.g. TOKEN_ENCRYPTION_KEYS=k1:$(openssl rand -base64 32)');
  }
  const qbo = qboOf(env, publicUrl, problems);
  if (qbo && !tokenEncryptionKeys) {
    problems.push('TOKEN_ENCRYPTION_KEYS is required when QuickBooks Online is configured, e.g. TOKEN_ENCRYPTION_KEYS=k1:$(openssl rand -base64 32)');
  }
  const procore: ProcoreServerConfig = {
    environments: procoreEnvironments,
    tokenEncryptionKeys,
    reconcileIntervalMs: int('PROCORE_RECONCILE_HOURS', DEFAULT_PROCORE_TUNING.reconcileIntervalMs / 3600_000, 1, 24 * 30) * 3600_000,
    rateLimits: {
      hourly: int('PROCORE_RATE_LIMIT_HOURLY', DEFAULT_PROCORE_TUNING.rateLimits.hourly, 1, 1_000_000),
      tenSecond: int('PROCORE_RATE_LIMIT_10S', DEFAULT_PROCORE_TUNING.rateLimits.tenSecond, 1, 100_000),
    },
    syncChunkSize: int('PROCORE_SYNC_CHUNK_SIZE', DEFAULT_PROCORE_TUNING.syncChunkSize, 1, 1000),
  };

  const config: ServerConfig = {
    port,
    host,
    databaseUrl,
    databasePoolMax: int('DATABASE_POOL_MAX', 10, 1, 200),
    // Relative DATA_DIR is taken from where the command was typed (pnpm sets INIT_CWD), default <repo>/data.
    dataDir: env.DATA_DIR ? path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR) : path.join(REPO_ROOT, 'data'),
    publicUrl,
    logLevel: env.LOG_LEVEL || 'info',
    qbwcBodyLimitBytes: int('QBWC_BODY_LIMIT_MB', 100, 1, 1024) * 1024 * 1024,
    qbwcLargeBodies: { perSource: int('QBWC_LARGE_BODIES_PER_SOURCE', 2, 1, 1000), total: int('QBWC_LARGE_BODIES_TOTAL', 8, 1, 10_000) },
    qbwc,
    trustProxy: trustProxyOf(env.TRUST_PROXY, problems),
    appName: env.APP_NAME || 'Procore QuickBooks Connector',
    procore,
    qbo,
    metricsToken: env.METRICS_TOKEN || undefined,
    shutdownGraceMs: int('SHUTDOWN_GRACE_SECONDS', 25, 1, 3600) * 1000,
    jobConcurrency: int('JOB_CONCURRENCY', 2, 1, 32),
    jobRetentionDays: int('JOB_RETENTION_DAYS', 7, 1, 3650),
    smtp: smtpOf(env, problems),
    dailySummaryHourUtc: int('DAILY_SUMMARY_HOUR_UTC', 7, 0, 23),
  };
  // A bearer token anyone could guess protects nothing.
  if (config.metricsToken !== undefined && config.metricsToken.length < 16)
    problems.push('METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`)');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}")`);
  }
  if (config.qbwcLargeBodies.perSource > config.qbwcLargeBodies.total) {
    problems.push(
      `QBWC_LARGE_BODIES_PER_SOURCE (${config.qbwcLargeBodies.perSource}) cannot be more than QBWC_LARGE_BODIES_TOTAL (${config.qbwcLargeBodies.total})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return config;
}
