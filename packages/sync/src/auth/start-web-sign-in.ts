import type { Database } from '@connector/db';
import { buildAuthorizeUrl } from '@connector/procore';
import { AppError } from '../errors/app-error.ts';
import { environmentSettings } from '../procore/environment-settings.ts';
import type { ProcoreSettings } from '../procore/procore-settings.ts';
import { SESSION_POLICY } from './session-policy.ts';
import { newSecret, sha256Hex } from './session-secrets.ts';

export interface StartWebSignInInput {
  /** The company id in the Procore iframe's URL (?company_id=). */
  procoreCompanyId: string;
  /** Only needed when the same Procore company id is set up on several environments. */
  environment?: string | undefined;
  /** Our /auth/callback, registered as a redirect URI of the app in the Procore Developer Portal. */
  redirectUri: string;
  now: Date;
}

/**
 * First step of "Sign in with Procore" in the popup: Procore's authorization-code flow on the company's
 * environment (its OAuth client; tokens never cross environments, docs/procore-api.md#environments), with a single-use state
 * kept hashed for 10 minutes.
 */
export async function startWebSignIn(db: Database, settings: ProcoreSettings, input: StartWebSignInInput) {
  if (!/^\d{1,20}$/.test(input.procoreCompanyId)) throw new AppError('VALIDATION', 'procoreCompanyId is the number in Procore URLs, e.g. 4264807.');
  const candidates = await db.prisma.company.findMany({
    where: { procoreCompanyId: input.procoreCompanyId, ...(input.environment ? { procoreEnvironment: input.environment } : {}) },
    orderBy: { createdAt: 'asc' },
  });
  // One Procore company id on several environments (production and a sandbox copy): production unless named.
  const company = candidates.length === 1 ? candidates[0] : (candidates.find((c) => c.procoreEnvironment === 'production') ?? candidates[0]);
  if (!company) {
    throw new AppError(
      'COMPANY_NOT_FOUND',
      `Procore company ${input.procoreCompanyId} is not set up in the connector yet. Ask whoever installed the app to add it (pnpm admin create-company --procore-id ${input.procoreCompanyId}).`,
    );
  }
  const env = environmentSettings(settings, company.procoreEnvironment);
  const state = newSecret();
  await db.prisma.signInState.create({
    data: {
      stateHash: sha256Hex(state),
      companyId: company.id,
      environment: company.procoreEnvironment,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + SESSION_POLICY.signInStateTtlMs),
    },
  });
  return { authorizeUrl: buildAuthorizeUrl({ loginBaseUrl: env.loginBaseUrl, clientId: env.clientId, redirectUri: input.redirectUri, state }) };
}
