import type { Database } from '@connector/db';
import { ProcoreOAuthError, requestClientCredentialsToken } from '@connector/procore';
import { getCompany } from '../companies/create-company.ts';
import { AppError } from '../errors/app-error.ts';
import { storeConnection, verifyCompanyAccess } from './complete-procore-sign-in.ts';
import { environmentSettings } from './environment-settings.ts';
import type { ProcoreSettings } from './procore-settings.ts';

/**
 * Connects a company through the client-credentials flow (a Procore service account / DMSA installed
 * in the company): no person signs in and there is no refresh token; a new grant replaces an expiring token.
 */
export async function connectServiceAccount(db: Database, settings: ProcoreSettings, input: { companyId: string; actor: string; fetch?: typeof fetch }) {
  const company = await getCompany(db, input.companyId);
  const env = environmentSettings(settings, company.procoreEnvironment);
  let tokens;
  try {
    tokens = await requestClientCredentialsToken({
      loginBaseUrl: env.loginBaseUrl,
      clientId: env.clientId,
      clientSecret: env.clientSecret,
      fetch: input.fetch,
      timeoutMs: settings.tokenTimeoutMs,
    });
  } catch (error) {
    if (error instanceof ProcoreOAuthError) {
      throw new AppError(
        'PROCORE_SIGN_IN_FAILED',
        `Procore refused the service account's client credentials (${error.error}). Check the client id and secret configured for ${company.procoreEnvironment}.`,
        {
          procoreStatus: error.status,
          procoreError: error.error,
        },
      );
    }
    throw error;
  }
  const user = await verifyCompanyAccess(env.apiBaseUrl, company.procoreCompanyId, company.name, tokens, input.fetch, async () => {});
  await storeConnection(db, settings, company.id, 'client_credentials', tokens, user, input.actor, company.procoreEnvironment);
  return { companyId: company.id, user };
}
