import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PROCORE_TUNING, parseEncryptionKeys, type ProcoreSettings } from '@connector/sync';
import type { ServerConfig } from '../config.ts';

/** Turns validated configuration into the settings the Procore domain code uses. */
export function resolveProcoreSettings(config: ServerConfig, tokenEncryptionKeys: string, environments = config.procore.environments): ProcoreSettings {
  return {
    ...DEFAULT_PROCORE_TUNING,
    environments,
    redirectUri: `${config.publicUrl}/oauth/procore/callback`,
    webhookBaseUrl: `${config.publicUrl}/webhooks/procore`,
    keyRing: parseEncryptionKeys(tokenEncryptionKeys),
    reconcileIntervalMs: config.procore.reconcileIntervalMs,
    rateLimits: config.procore.rateLimits,
    syncChunkSize: config.procore.syncChunkSize,
  };
}

/**
 * Demo and local use only (no Procore credentials configured): a token encryption key kept beside the
 * embedded database, created on first start with owner-only permissions, so simulator sign-ins survive
 * restarts. With real credentials configuration requires TOKEN_ENCRYPTION_KEYS instead (config.ts).
 */
export async function loadOrCreateLocalTokenKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'local-token-encryption.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const value = `local:${randomBytes(32).toString('base64')}`;
    await writeFile(file, `${value}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    return value;
  }
}
