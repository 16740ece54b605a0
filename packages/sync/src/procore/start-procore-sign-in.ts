import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@connector/db';
import { buildAuthorizeUrl } from '@connector/procore';
import { getCompany } from '../companies/create-company.ts';
import { environmentSettings } from './environment-settings.ts';
import type { ProcoreSettings } from './procore-settings.ts';

const STATE_TTL_MS = 10 * 60_000;

export const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

/**
 * First step of the authorization-code flow (the popup the embedded app opens): a single-use state
 * bound to the company and its environment, kept hashed, then Procore's authorize URL.
 */
export async function startProcoreSignIn(db: Database, settings: ProcoreSettings, input: { companyId: string; actor: string }) {
  const company = await getCompany(db, input.companyId);
  const env = environmentSettings(settings, company.procoreEnvironment);
  const state = randomBytes(32).toString('base64url');
  await db.prisma.oauthState.create({
    data: {
      stateHash: hashState(state),
      companyId: company.id,
      environment: company.procoreEnvironment,
      createdBy: input.actor,
      expiresAt: new Date(Date.now() + STATE_TTL_MS),
    },
  });
  return {
    authorizeUrl: buildAuthorizeUrl({ loginBaseUrl: env.loginBaseUrl, clientId: env.clientId, redirectUri: settings.redirectUri, state }),
  };
}
