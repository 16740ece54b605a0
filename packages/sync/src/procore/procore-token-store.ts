import type { Prisma } from '@connector/db';
import type { TokenSet } from '@connector/procore';
import type { ProcoreSettings } from './procore-settings.ts';
import { decryptSecret, encryptSecret } from './token-cipher.ts';

// The AAD of each stored token names its company and column, so a ciphertext copied elsewhere fails.
const accessContext = (companyId: string) => `procore:${companyId}:access`;
const refreshContext = (companyId: string) => `procore:${companyId}:refresh`;

export function encryptTokenColumns(settings: ProcoreSettings, companyId: string, tokens: TokenSet) {
  return {
    accessTokenEnc: encryptSecret(settings.keyRing, tokens.accessToken, accessContext(companyId)),
    refreshTokenEnc: tokens.refreshToken ? encryptSecret(settings.keyRing, tokens.refreshToken, refreshContext(companyId)) : null,
    accessTokenExpiresAt: tokens.expiresAt,
  } satisfies Partial<Prisma.ProcoreConnectionUncheckedUpdateInput>;
}

export function readAccessToken(settings: ProcoreSettings, companyId: string, stored: string): string {
  return decryptSecret(settings.keyRing, stored, accessContext(companyId));
}

export function readRefreshToken(settings: ProcoreSettings, companyId: string, stored: string): string {
  return decryptSecret(settings.keyRing, stored, refreshContext(companyId));
}
