import type { QboConnectionBody } from '@connector/contract';
import type { Database } from '@connector/db';
import { getCompany } from '../companies/create-company.ts';
import { keyIdOf } from '../procore/token-cipher.ts';
import type { QboCallMeter } from './meter-qbo-calls.ts';
import type { QboSettings } from './qbo-settings.ts';

type Environment = 'sandbox' | 'production';
const environmentOf = (value: string): Environment | null => (value === 'sandbox' || value === 'production' ? value : null);

/** The Connection screen's QuickBooks side: the edition and the QBO connection, never a token (tsc checks it against @connector/contract). */
export async function describeQboConnection(db: Database, settings: QboSettings | null, companyId: string, calls: QboCallMeter): Promise<QboConnectionBody> {
  const company = await getCompany(db, companyId);
  const connection = await db.prisma.qboConnection.findUnique({ where: { companyId: company.id } });
  return {
    edition: company.accountingEdition === 'online' ? 'online' : 'desktop',
    configured: settings !== null,
    serverEnvironment: settings?.environment ?? null,
    status: connection ? (connection.status as 'connected' | 'needs_reconnect' | 'disconnected') : 'not_connected',
    realmId: connection?.realmId ?? null,
    companyName: connection?.companyName ?? null,
    environment: connection ? environmentOf(connection.environment) : null,
    connectedAt: connection?.connectedAt?.toISOString() ?? null,
    connectedBy: connection?.connectedBy ?? null,
    accessTokenExpiresAt: connection?.accessTokenExpiresAt?.toISOString() ?? null,
    lastRefreshedAt: connection?.lastRefreshedAt?.toISOString() ?? null,
    lastError: connection?.lastErrorCode ? { code: connection.lastErrorCode, message: connection.lastErrorMessage ?? connection.lastErrorCode } : null,
    encryptionKeyId: connection?.accessTokenEnc ? (keyIdOf(connection.accessTokenEnc) ?? null) : null,
    callsThisMonth: await calls.read(company.id),
  };
}
