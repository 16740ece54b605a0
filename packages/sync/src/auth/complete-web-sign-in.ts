import type { Database } from '@connector/db';
import { createProcoreClient, exchangeAuthorizationCode, ProcoreApiError, ProcoreOAuthError, revokeToken, type TokenSet } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { environmentSettings } from '../procore/environment-settings.ts';
import type { ProcoreSettings } from '../procore/procore-settings.ts';
import { createWebSession, type NewWebSession } from './create-web-session.ts';
import { sha256Hex } from './session-secrets.ts';
import { syncSignInMemberships, type SignInMembership } from './sync-sign-in-memberships.ts';

export interface CompleteWebSignInInput {
  state?: string | undefined;
  code?: string | undefined;
  /** Procore's error parameter, e.g. access_denied when the person clicked Deny */
  error?: string | undefined;
  /** The same redirect URI the sign-in started with (OAuth requires it again with the code). */
  redirectUri: string;
  /** No Procore credentials configured: every member gets every role. */
  demoMode: boolean;
  now: Date;
  fetch?: typeof fetch | undefined;
}

export interface CompletedWebSignIn {
  user: { id: string; login: string | null; name: string | null };
  /** The company the popup was opened for. */
  companyId: string;
  memberships: SignInMembership[];
  session: NewWebSession;
}

/**
 * The callback of "Sign in with Procore": the state must be ours, unused and unexpired (one atomic UPDATE);
 * the code is exchanged on the company's environment; /me and /companies are read with the person's token,
 * which is then revoked (not kept: the company's connection has its own). The person must see the company
 * the popup was opened for. Their user row and memberships are kept, and a session with a one-time handoff
 * code is created.
 */
export async function completeWebSignIn(db: Database, settings: ProcoreSettings, input: CompleteWebSignInInput): Promise<CompletedWebSignIn> {
  if (!input.state) throw new AppError('PROCORE_SIGN_IN_FAILED', 'The sign-in answer from Procore has no state. Close this window and sign in again.');
  const stateHash = sha256Hex(input.state);
  const taken = await db.prisma.signInState.updateMany({ where: { stateHash, usedAt: null, expiresAt: { gt: input.now } }, data: { usedAt: input.now } });
  const state = taken.count === 1 ? await db.prisma.signInState.findUnique({ where: { stateHash }, include: { company: true } }) : null;
  if (!state)
    throw new AppError('PROCORE_SIGN_IN_FAILED', 'This sign-in link was already used or is more than 10 minutes old. Close this window and sign in again.');
  if (input.error) {
    throw new AppError(
      'PROCORE_SIGN_IN_FAILED',
      input.error === 'access_denied' ? 'The Procore sign-in was cancelled.' : `Procore refused the sign-in (${input.error}).`,
      {
        procoreError: input.error,
      },
    );
  }
  if (!input.code)
    throw new AppError('PROCORE_SIGN_IN_FAILED', 'The sign-in answer from Procore has no authorization code. Close this window and sign in again.');
  if (state.company.procoreEnvironment !== state.environment) {
    throw new AppError('PROCORE_SIGN_IN_FAILED', 'The company changed Procore environment during the sign-in. Sign in again.');
  }

  const env = environmentSettings(settings, state.environment);
  const oauth = {
    loginBaseUrl: env.loginBaseUrl,
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    fetch: input.fetch,
    timeoutMs: settings.tokenTimeoutMs,
  };
  let tokens: TokenSet;
  try {
    tokens = await exchangeAuthorizationCode({ ...oauth, code: input.code, redirectUri: input.redirectUri });
  } catch (error) {
    if (error instanceof ProcoreOAuthError) {
      throw new AppError('PROCORE_SIGN_IN_FAILED', `Procore did not accept the sign-in (${error.error}). Sign in again.`, {
        procoreStatus: error.status,
        procoreError: error.error,
      });
    }
    throw error;
  }
  let me: { id: number; login: string; name: string };
  let visibleProcoreCompanyIds: string[];
  try {
    const client = createProcoreClient({
      apiBaseUrl: env.apiBaseUrl,
      companyId: state.company.procoreCompanyId,
      getAccessToken: async () => tokens.accessToken,
      fetch: input.fetch,
      maxRetries: 2,
    });
    me = await client.me();
    visibleProcoreCompanyIds = (await client.companies.list()).map((c) => String(c.id));
  } catch (error) {
    if (error instanceof ProcoreApiError) {
      throw new AppError('PROCORE_REQUEST_FAILED', `Procore refused to tell who signed in: ${error.explanation}`, {
        procoreStatus: error.status,
        procoreMessage: error.procoreMessage,
      });
    }
    throw error;
  } finally {
    // The person's Procore tokens are not kept: revoke them (best effort; they expire by themselves anyway).
    for (const token of [tokens.accessToken, tokens.refreshToken]) {
      if (token) await revokeToken({ ...oauth, token }).catch(() => {});
    }
  }
  if (!visibleProcoreCompanyIds.includes(state.company.procoreCompanyId)) {
    throw new AppError(
      'PROCORE_SIGN_IN_FAILED',
      `The Procore account ${me.login ?? me.name ?? ''} cannot see Procore company ${state.company.procoreCompanyId} (${state.company.name}). Sign in with an account of that company.`,
    );
  }

  return db.prisma.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { procoreEnvironment_procoreUserId: { procoreEnvironment: state.environment, procoreUserId: String(me.id) } },
      create: { procoreEnvironment: state.environment, procoreUserId: String(me.id), login: me.login ?? null, name: me.name ?? null, lastSignInAt: input.now },
      update: { login: me.login ?? null, name: me.name ?? null, lastSignInAt: input.now },
    });
    const memberships = await syncSignInMemberships(tx, {
      userId: user.id,
      environment: state.environment,
      visibleProcoreCompanyIds,
      demoMode: input.demoMode,
    });
    await writeAudit(tx, {
      companyId: state.companyId,
      actor: user.id,
      action: 'auth.signed_in',
      outcome: 'ok',
      subjectType: 'user',
      subjectId: user.id,
      detail: { login: user.login, name: user.name, companies: memberships.length },
    });
    const session = await createWebSession(tx, { userId: user.id, now: input.now, withHandoff: true });
    return { user: { id: user.id, login: user.login, name: user.name }, companyId: state.companyId, memberships, session };
  });
}
