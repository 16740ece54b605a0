import type { Database } from '@connector/db';
import { keyIdOf } from './token-cipher.ts';

/** What the Connection screen shows: status and who connected, never a token. */
export async function getProcoreConnection(db: Database, companyId: string) {
  const connection = await db.prisma.procoreConnection.findUnique({ where: { companyId } });
  if (!connection) return { status: 'not_connected' as const, statusMessage: 'Not connected to Procore yet.' };
  return {
    status: connection.status as 'connected' | 'needs_sign_in' | 'disconnected',
    statusMessage: connection.statusMessage,
    environment: connection.environment,
    grantType: connection.grantType,
    procoreUser: connection.procoreUserLogin ?? connection.procoreUserName,
    connectedAt: connection.connectedAt?.toISOString() ?? null,
    connectedBy: connection.connectedBy,
    accessTokenExpiresAt: connection.accessTokenExpiresAt?.toISOString() ?? null,
    lastRefreshedAt: connection.lastRefreshedAt?.toISOString() ?? null,
    encryptionKeyId: connection.accessTokenEnc ? (keyIdOf(connection.accessTokenEnc) ?? null) : null,
  };
}
