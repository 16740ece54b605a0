import { randomBytes } from 'node:crypto';
import type { Database } from '@connector/db';
import { buildAuthorizationUrl } from '@connector/qbo';
import { getCompany } from '../companies/create-company.ts';
import { AppError } from '../errors/app-error.ts';
import { hashState } from '../procore/start-procore-sign-in.ts';
import type { QboSettings } from './qbo-settings.ts';

const STATE_TTL_MS = 10 * 60_000;

/**
 * First step of connecting QuickBooks Online (the popup): a single-use state bound to the company, the person who
 * started it and the Intuit key set, kept only hashed and for 10 minutes (CSRF, RFC 6749 §10.12), then Intuit's
 * authorize URL (packages/qbo build-authorization-url.ts).
 */
export async function startQboConnect(db: Database, settings: QboSettings | null, input: { companyId: string; actor: string; now?: () => number }) {
  if (!settings) throw new AppError('QBO_NOT_CONFIGURED');
  const company = await getCompany(db, input.companyId);
  const state = randomBytes(32).toString('base64url');
  await db.prisma.oauthState.create({
    data: {
      stateHash: hashState(state),
      companyId: company.id,
      provider: 'qbo',
      environment: settings.environment,
      createdBy: input.actor,
      expiresAt: new Date((input.now ?? Date.now)() + STATE_TTL_MS),
    },
  });
  return {
    authorizeUrl: buildAuthorizationUrl({
      clientId: settings.clientId,
      redirectUri: settings.redirectUri,
      state,
      authorizationUrl: settings.oauth.authorizationUrl,
    }),
  };
}
