import type { Database } from '@connector/db';
import { createQboClient, exchangeAuthorizationCode, QboApiError, QboOAuthError, revokeToken, type QboTokenSet, type QboCallEvent } from '@connector/qbo';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { hashState } from '../procore/start-procore-sign-in.ts';
import type { QboSettings } from './qbo-settings.ts';
import { encryptQboTokenColumns } from './qbo-token-store.ts';

export interface CompleteQboConnectInput {
  state?: string | undefined;
  code?: string | undefined;
  realmId?: string | undefined;
  /** Intuit's error parameter, e.g. access_denied when the person clicked Cancel. */
  error?: string | undefined;
  fetch?: typeof fetch | undefined;
  now?: () => number;
  /** Each call to the Accounting API (the CompanyInfo read), for the company's call counts (meter-qbo-calls.ts). */
  onCall?: ((companyId: string, event: QboCallEvent) => void) | undefined;
}

/**
 * Intuit's redirect back (the callback): the state must be ours, for QuickBooks Online, unused and unexpired
 * (taken in one atomic UPDATE, so a replayed callback fails); the code is exchanged for the first token pair; the
 * company's name is read from CompanyInfo; then the connection is stored (tokens encrypted) and audited.
 * The redirect carries code, state and realmId (packages/qbo build-authorization-url.ts).
 */
export async function completeQboConnect(db: Database, settings: QboSettings | null, input: CompleteQboConnectInput) {
  if (!settings) throw new AppError('QBO_NOT_CONFIGURED');
  const now = input.now ?? Date.now;
  if (!input.state) throw new AppError('QBO_CONNECT_FAILED', 'The answer from Intuit has no state. Start connecting QuickBooks Online again.');
  const taken = await db.prisma.oauthState.updateMany({
    where: { stateHash: hashState(input.state), provider: 'qbo', usedAt: null, expiresAt: { gt: new Date(now()) } },
    data: { usedAt: new Date(now()) },
  });
  const stateRow = taken.count === 1 ? await db.prisma.oauthState.findUnique({ where: { stateHash: hashState(input.state) } }) : null;
  if (!stateRow) {
    throw new AppError('QBO_CONNECT_FAILED', 'This QuickBooks Online connection link was already used or is more than 10 minutes old. Start connecting again.');
  }
  const companyId = stateRow.companyId;
  const actor = stateRow.createdBy;
  if (input.error) {
    await writeAudit(db.prisma, { companyId, actor, action: 'qbo.connect-refused', outcome: 'error', detail: { intuitError: input.error } });
    throw new AppError(
      'QBO_CONNECT_FAILED',
      input.error === 'access_denied'
        ? 'Connecting QuickBooks Online was cancelled at Intuit, so nothing was connected.'
        : `Intuit refused to connect QuickBooks Online (${input.error}). Start connecting again.`,
      { intuitError: input.error },
    );
  }
  if (!input.code || !input.realmId || !/^\d{1,32}$/.test(input.realmId)) {
    throw new AppError('QBO_CONNECT_FAILED', 'The answer from Intuit has no authorization code or company (realmId). Start connecting again.');
  }
  if (stateRow.environment !== settings.environment) {
    throw new AppError('QBO_CONNECT_FAILED', 'The server changed its QuickBooks Online keys while you were connecting. Start connecting again.');
  }
  const realmId = input.realmId;
  // Two Procore companies writing into one QuickBooks company would post everything twice into one set of books:
  // the same rule as the Web Connector's one company file per company (qbwc boundFileId). Deliberately not scoped by
  // company: it looks for the realm in the others.
  const elsewhere = await db.prisma.qboConnection.findFirst({
    where: { realmId, environment: settings.environment, status: { in: ['connected', 'needs_reconnect'] }, companyId: { not: companyId } },
    include: { company: { select: { name: true } } },
  });
  if (elsewhere) {
    // Refused before the code is exchanged: no token is issued, so nothing needs revoking (and a revoke could end the
    // app's connection to that QuickBooks company, the other company's too).
    throw new AppError(
      'QBO_CONNECT_FAILED',
      `This QuickBooks Online company (${realmId}) is already connected to "${elsewhere.company.name}" in the connector. Disconnect it there first, or choose another QuickBooks company.`,
      { realmId },
    );
  }

  let tokens: QboTokenSet;
  try {
    tokens = await exchangeAuthorizationCode({
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      code: input.code,
      redirectUri: settings.redirectUri,
      tokenUrl: settings.oauth.tokenUrl,
      fetch: input.fetch,
      timeoutMs: settings.tokenTimeoutMs,
      now,
    });
  } catch (error) {
    if (error instanceof QboOAuthError) {
      throw new AppError('QBO_CONNECT_FAILED', `Intuit did not accept the connection (${error.error}: ${error.description}). Start connecting again.`, {
        intuitStatus: error.status,
        intuitError: error.error,
      });
    }
    throw error;
  }
  const forget = () =>
    revokeToken({
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      token: tokens.refreshToken,
      revokeUrl: settings.oauth.revokeUrl,
      fetch: input.fetch,
      timeoutMs: settings.tokenTimeoutMs,
    }).catch(() => {});
  const companyName = await readCompanyName(settings, realmId, tokens, input.fetch, forget, (event) => input.onCall?.(companyId, event));
  const previous = await db.prisma.qboConnection.findUnique({ where: { companyId }, select: { realmId: true, status: true } });
  const columns = {
    realmId,
    environment: settings.environment,
    companyName,
    status: 'connected',
    ...encryptQboTokenColumns(settings.keyRing, companyId, tokens),
    refreshLeaseId: null,
    refreshLeaseUntil: null,
    lastRefreshedAt: new Date(now()),
    connectedAt: new Date(now()),
    connectedBy: actor,
    lastErrorCode: null,
    lastErrorMessage: null,
  };
  await db.prisma.$transaction(async (tx) => {
    await tx.qboConnection.upsert({ where: { companyId }, create: { companyId, ...columns }, update: columns });
    await writeAudit(tx, {
      companyId,
      actor,
      action: 'qbo.connected',
      outcome: 'ok',
      detail: { realmId, companyName, environment: settings.environment, previousRealmId: previous?.realmId ?? null },
    });
  });
  return { companyId, realmId, companyName };
}

/**
 * CompanyInfo is read at /v3/company/<realmId>/companyinfo/<realmId> (the CompanyInfo entity of the Accounting API:
 * "The CompanyInfo object contains basic company information", its name in CompanyName).
 */
async function readCompanyName(
  settings: QboSettings,
  realmId: string,
  tokens: QboTokenSet,
  fetchImpl: typeof fetch | undefined,
  onFailure: () => Promise<void>,
  onCall: (event: QboCallEvent) => void,
): Promise<string | null> {
  const client = createQboClient({
    apiBaseUrl: settings.apiBaseUrl,
    realmId,
    getAccessToken: async () => tokens.accessToken,
    fetch: fetchImpl,
    maxRetries: 2,
    onCall,
  });
  try {
    const { body } = await client.request<{ CompanyInfo?: { CompanyName?: unknown; LegalName?: unknown } }>({ method: 'GET', path: `companyinfo/${realmId}` });
    const info = body.CompanyInfo;
    const name =
      typeof info?.CompanyName === 'string' && info.CompanyName.trim() ? info.CompanyName : typeof info?.LegalName === 'string' ? info.LegalName : null;
    return name;
  } catch (error) {
    await onFailure();
    if (error instanceof QboApiError) {
      throw new AppError('QBO_REQUEST_FAILED', `QuickBooks Online refused to tell which company was connected (${error.code}). Start connecting again.`, {
        intuitStatus: error.status,
        faults: error.faults.map((f) => f.code),
      });
    }
    throw new AppError('QBO_UNAVAILABLE', 'QuickBooks Online did not answer while connecting. Start connecting again.');
  }
}
