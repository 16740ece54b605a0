import type { Prisma } from '@connector/db';
import type { QboTokenSet } from '@connector/qbo';
import { decryptSecret, encryptSecret, type EncryptionKeyRing } from '../procore/token-cipher.ts';

// The AAD of each stored token names its company and column (as for Procore's), so a ciphertext copied into
// another company's row, or into the Procore columns, does not decrypt.
const accessContext = (companyId: string) => `qbo:${companyId}:access`;
const refreshContext = (companyId: string) => `qbo:${companyId}:refresh`;

/** The new pair in the columns of one UPDATE: Intuit's refresh token rotates and only the latest works (OAuth FAQ). */
export function encryptQboTokenColumns(keyRing: EncryptionKeyRing, companyId: string, tokens: QboTokenSet) {
  return {
    accessTokenEnc: encryptSecret(keyRing, tokens.accessToken, accessContext(companyId)),
    refreshTokenEnc: encryptSecret(keyRing, tokens.refreshToken, refreshContext(companyId)),
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
  } satisfies Partial<Prisma.QboConnectionUncheckedUpdateInput>;
}

export function readQboAccessToken(keyRing: EncryptionKeyRing, companyId: string, stored: string): string {
  return decryptSecret(keyRing, stored, accessContext(companyId));
}

export function readQboRefreshToken(keyRing: EncryptionKeyRing, companyId: string, stored: string): string {
  return decryptSecret(keyRing, stored, refreshContext(companyId));
}
