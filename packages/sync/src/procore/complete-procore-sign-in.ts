import type { Database } from '@connector/db';
import { createProcoreClient, exchangeAuthorizationCode, ProcoreApiError, ProcoreOAuthError, revokeToken, type TokenSet } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { environmentSettings } from './environment-settings.ts';
import type { ProcoreSettings } from './procore-settings.ts';
import { encryptTokenColumns } from './procore-token-store.ts';
import { hashState } from './start-procore-sign-in.ts';

export interface CompleteSignInInput {
  state?: string | undefined;
  code?: string | undefined;
  /** Procore's error parameter, e.g. access_denied when the person clicked Deny */
  error?: string | undefined;
  fetch?: typeof fetch;
}

/**
 * The callback of the authorization-code flow: the state must be ours, unused and unexpired (taken in
 * one atomic UPDATE, so a replayed callback fails); the code is exchanged; the person who signed in
 * must be able to see this Procore company; then the tokens are stored encrypted and the connection
 * is "connected".
 */
export async function completeProcoreSignIn(db: Database, settings: ProcoreSettings, input: CompleteSignInInput) {
  if (!input.state) throw new AppError('PROCORE_SIGN_IN_FAILED', 'The sign-in answer from Procore has no state. Start the sign-in again.');
  const taken = await db.prisma.oauthState.updateMany({
    // provider: a state started for QuickBooks Online (qbo/start-qbo-connect.ts) cannot finish a Procore sign-in.
    where: { stateHash: hashState(input.state), provider: 'procore', usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  const stateRow = await db.prisma.oauthState.findUnique({ where: { stateHash: hashState(input.state) } });
  if (taken.count !== 1 || !stateRow) {
    throw new AppError('PROCORE_SIGN_IN_FAILED', 'This sign-in link was already used or is more than 10 minutes old. Start the sign-in again.');
  }
  const companyId = stateRow.companyId;
  if (input.error) {
    await writeAudit(db.prisma, {
      companyId,
      actor: stateRow.createdBy,
      action: 'procore.sign-in-refused',
      outcome: 'error',
      detail: { procoreError: input.error },
    });
    throw new AppError(
      'PROCORE_SIGN_IN_FAILED',
      input.error === 'access_denied' ? 'The Procore sign-in was cancelled, so nothing was connected.' : `Procore refused the sign-in (${input.error}).`,
      {
        procoreError: input.error,
      },
    );
  }
  if (!input.code) throw new AppError('PROCORE_SIGN_IN_FAILED', 'The sign-in answer from Procore has no authorization code. Start the sign-in again.');

  const company = await db.prisma.company.findUniqueOrThrow({ where: { id: companyId } });
  if (company.procoreEnvironment !== stateRow.environment) {
    throw new AppError('PROCORE_SIGN_IN_FAILED', 'The company changed Procore environment during the sign-in. Start the sign-in again.');
  }
  const env = environmentSettings(settings, stateRow.environment);
  let tokens: TokenSet;
  try {
    tokens = await exchangeAuthorizationCode({
      loginBaseUrl: env.loginBaseUrl,
      clientId: env.clientId,
      clientSecret: env.clientSecret,
      code: input.code,
      redirectUri: settings.redirectUri,
      fetch: input.fetch,
      timeoutMs: settings.tokenTimeoutMs,
    });
  } catch (error) {
    if (error instanceof ProcoreOAuthError) {
      throw new AppError('PROCORE_SIGN_IN_FAILED', `Procore did not accept the sign-in (${error.error}). Start the sign-in again.`, {
        procoreStatus: error.status,
        procoreError: error.error,
      });
    }
    throw error;
  }
  const user = await verifyCompanyAccess(env.apiBaseUrl, company.procoreCompanyId, company.name, tokens, input.fetch, async () => {
    // The person cannot see the company: do not keep a token we will not use.
    await revokeToken({
      loginBaseUrl: env.loginBaseUrl,
      clientId: env.clientId,
      clientSecret: env.clientSecret,
      token: tokens.accessToken,
      fetch: input.fetch,
    }).catch(() => {});
  });
  await storeConnection(db, settings, companyId, 'authorization_code', tokens, user, stateRow.createdBy, stateRow.environment);
  return { companyId, user };
}

export interface ProcoreUser {
  id: string;
  login: string | null;
  name: string | null;
}

/** Calls /me and /companies with the new token: the signed-in account must see this Procore company. */
export async function verifyCompanyAccess(
  apiBaseUrl: string,
  procoreCompanyId: string,
  companyName: string,
  tokens: TokenSet,
  fetchImpl: typeof fetch | undefined,
  onDenied: () => Promise<void>,
): Promise<ProcoreUser> {
  const client = createProcoreClient({
    apiBaseUrl,
    companyId: procoreCompanyId,
    getAccessToken: async () => tokens.accessToken,
    fetch: fetchImpl,
    maxRetries: 2,
  });
  try {
    const me = await client.me();
    const companies = await client.companies.list();
    if (!companies.some((c) => String(c.id) === procoreCompanyId)) {
      await onDenied();
      throw new AppError(
        'PROCORE_SIGN_IN_FAILED',
        `The Procore account ${me.login ?? me.name ?? ''} cannot see Procore company ${procoreCompanyId} (${companyName}). Sign in with an account of that company, and check the app is installed there.`,
      );
    }
    return { id: String(me.id), login: me.login ?? null, name: me.name ?? null };
  } catch (error) {
    if (error instanceof ProcoreApiError) {
      throw new AppError('PROCORE_REQUEST_FAILED', `Procore refused to tell who signed in: ${error.explanation}`, {
        procoreStatus: error.status,
        procoreMessage: error.procoreMessage,
      });
    }
    throw error;
  }
}

export async function storeConnection(
  db: Database,
  settings: ProcoreSettings,
  companyId: string,
  grantType: 'authorization_code' | 'client_credentials',
  tokens: TokenSet,
  user: ProcoreUser | null,
  actor: string,
  environment: string,
) {
  const columns = {
    environment,
    grantType,
    status: 'connected',
    statusMessage: null,
    ...encryptTokenColumns(settings, companyId, tokens),
    procoreUserId: user?.id ?? null,
    procoreUserLogin: user?.login ?? null,
    procoreUserName: user?.name ?? null,
    refreshLeaseId: null,
    refreshLeaseUntil: null,
    connectedAt: new Date(),
    connectedBy: actor,
    lastRefreshedAt: new Date(),
  };
  await db.prisma.$transaction(async (tx) => {
    await tx.procoreConnection.upsert({ where: { companyId }, create: { companyId, ...columns }, update: columns });
    await writeAudit(tx, {
      companyId,
      actor,
      action: 'procore.connected',
      outcome: 'ok',
      detail: { environment, grantType, procoreUser: user?.login ?? user?.name ?? null },
    });
  });
}
