import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_QBWC_CONFIG, type QbwcServiceConfig } from '@connector/sync';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every setting the server reads, validated once at start-up (a bad value stops it with the reason). */
export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; absent = embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The URL QBWC and browsers reach this server at; goes into the .qwc (AppURL). */
  publicUrl: string;
  logLevel: string;
  /** Largest SOAP body accepted. QuickBooks query responses can be tens of MB (iterators bound them). */
  qbwcBodyLimitBytes: number;
  qbwc: QbwcServiceConfig;
  appName: string;
}

// One OwnerID for the application, never per company or per version (QBWC guide p.37).
export const DEFAULT_OWNER_ID = '{6B9C3C8E-5F0B-4B7A-9E2D-3A1F4C8D2E71}';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
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
  const qbwc: QbwcServiceConfig = {
    ...DEFAULT_QBWC_CONFIG,
    ownerId,
    batchSize: int('QBWC_BATCH_SIZE', DEFAULT_QBWC_CONFIG.batchSize, 1, 500),
    sessionIdleTimeoutMs: int('QBWC_SESSION_IDLE_SECONDS', DEFAULT_QBWC_CONFIG.sessionIdleTimeoutMs / 1000, 1, 86_400) * 1000,
    busyPostponeSeconds: int('QBWC_BUSY_POSTPONE_SECONDS', DEFAULT_QBWC_CONFIG.busyPostponeSeconds, 0, 3600),
    maxAttempts: int('QBWC_MAX_ATTEMPTS', DEFAULT_QBWC_CONFIG.maxAttempts, 1, 100),
    offThreadParseBytes: int('QBWC_OFF_THREAD_PARSE_BYTES', DEFAULT_QBWC_CONFIG.offThreadParseBytes, 0, 1024 ** 3),
  };
  const config: ServerConfig = {
    port,
    host,
    databaseUrl,
    // Relative DATA_DIR is taken from where the command was typed (pnpm sets INIT_CWD), default <repo>/data.
    dataDir: env.DATA_DIR ? path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR) : path.join(REPO_ROOT, 'data'),
    publicUrl,
    logLevel: env.LOG_LEVEL || 'info',
    qbwcBodyLimitBytes: int('QBWC_BODY_LIMIT_MB', 100, 1, 1024) * 1024 * 1024,
    qbwc,
    appName: env.APP_NAME || 'Procore QuickBooks Connector',
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}")`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return config;
}
