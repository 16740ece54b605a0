import type { Database } from '@connector/db';
import { setQbwcCredentials } from '../companies/set-qbwc-credentials.ts';

/**
 * "Set or rotate the Web Connector password" on the Connection screen: a new password, shown once (only its
 * scrypt hash is kept); the username and the .qwc's FileID stay, so QBWC only needs the new password typed in.
 */
export async function rotateQbwcPassword(db: Database, input: { companyId: string; actor: string }): Promise<{ username: string; password: string }> {
  const { connection, password } = await setQbwcCredentials(db, { companyId: input.companyId, actor: input.actor });
  return { username: connection.username, password };
}
