import type { Database } from '@connector/db';
import { LIVE_SESSION_STATES } from '../qbwc/lock-session.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { hasMissedSchedule } from './has-missed-schedule.ts';

export interface QbwcConnectionStatus {
  status: 'connected' | 'not_connected';
  hasPassword: boolean;
  username: string | null;
  lastPollAt: string | null;
  expectedEveryMinutes: number;
  missedSchedule: boolean;
  boundCompanyFile: { path: string | null; name: string | null; boundAt: string | null } | null;
  /**
   * What QuickBooks reported about itself and the company file's Preferences (HCP, docs/web-connector-protocol.md#hcp-response):
   * multi-currency and class tracking on/off, and the closing date before which transactions are refused (3171).
   */
  qbInfo: {
    edition: string | null;
    version: string | null;
    country: string | null;
    multiCurrency: boolean | null;
    classTracking: boolean | null;
    closingDate: string | null;
    /** The QuickBooks user the connector's application logs in as (Integrated Applications "Login as"); null = not reported. */
    loginUser: string | null;
  } | null;
  /** What the connection does not do well, in words a person can act on (e.g. a limited QuickBooks user). */
  warnings: string[];
  currentSession: { id: string; startedAt: string; percent: number; requestsDone: number; requestsFailed: number } | null;
  /**
   * How the Web Connector's sign-ins go (so a refused Web Connector never shows as plainly connected):
   * `failing` = wrong passwords since its last successful sign-in; `paused` = an address is answered
   * "invalid user" without a check until `pausedUntil` (sign-in throttling; an admin can unblock).
   */
  signIn: {
    state: 'ok' | 'failing' | 'paused';
    lastFailure: { at: string; reason: 'wrong_password'; source: string | null; failures: number | null } | null;
    /** Addresses paused now, latest pause last. */
    paused: Array<{ source: string; until: string; failures: number }>;
  };
}

/**
 * The Connection screen: whether the Web Connector is set up and polling (connected = credentials exist and
 * QBWC has called), when it last did and whether it missed its schedule, the bound company file, what
 * QuickBooks reported about itself, and the session running now with its progress.
 */
export async function describeQbwcConnection(
  db: Database,
  input: { companyId: string; now: Date; sessionIdleTimeoutMs: number },
): Promise<QbwcConnectionStatus> {
  const [connection, settings, live] = await Promise.all([
    db.prisma.qbwcConnection.findUnique({ where: { companyId: input.companyId } }),
    getCompanySettings(db, input.companyId),
    db.prisma.qbwcSession.findFirst({
      where: {
        companyId: input.companyId,
        state: { in: LIVE_SESSION_STATES },
        // A session QBWC abandoned is not "running" even before the expiry sweep marks it.
        lastActivityAt: { gt: new Date(input.now.getTime() - input.sessionIdleTimeoutMs) },
      },
      orderBy: { startedAt: 'desc' },
    }),
  ]);
  const lastPollAt = connection?.lastContactAt ?? null;
  const signIn = connection ? await describeSignIn(db, connection.username, lastPollAt, input.now) : { state: 'ok' as const, lastFailure: null, paused: [] };
  const version = connection?.qbMajorVersion != null ? `${connection.qbMajorVersion}.${connection.qbMinorVersion ?? 0}` : null;
  return {
    status: connection && lastPollAt ? 'connected' : 'not_connected',
    hasPassword: Boolean(connection),
    username: connection?.username ?? null,
    lastPollAt: lastPollAt?.toISOString() ?? null,
    expectedEveryMinutes: settings.qbwcRunEveryMinutes,
    missedSchedule: hasMissedSchedule(lastPollAt, settings.qbwcRunEveryMinutes, input.now),
    boundCompanyFile: connection?.boundFileId
      ? { path: connection.boundCompanyFile, name: connection.boundCompanyName, boundAt: connection.boundAt?.toISOString() ?? null }
      : null,
    qbInfo:
      connection && (connection.qbProductName || version || connection.qbCountry)
        ? {
            edition: connection.qbProductName,
            version,
            country: connection.qbCountry,
            multiCurrency: connection.qbMultiCurrencyOn,
            classTracking: connection.qbClassTrackingOn,
            closingDate: connection.qbClosingDate,
            loginUser: connection.qbLoginUser,
          }
        : null,
    currentSession: live
      ? { id: live.id, startedAt: live.startedAt.toISOString(), percent: live.progress, requestsDone: live.requestsDone, requestsFailed: live.requestsFailed }
      : null,
    signIn,
    warnings: connectionWarnings(connection?.qbLoginUser ?? null, connection?.qbMultiCurrencyOn ?? null, connection?.qbHomeCurrency ?? null),
  };
}

/**
 * A QuickBooks user other than Admin may have a role that hides areas (purchases, banking, …); QuickBooks then answers
 * the connector's queries without those records and without an error, so bills and job costs would silently be missing.
 * The HCP names the user the application logs in as (PreferencesRet CurrentAppAccessRights AutomaticLoginUserName,
 * docs/web-connector-protocol.md#hcp-response); anyone but Admin is warned about.
 */
function connectionWarnings(loginUser: string | null, multiCurrencyOn: boolean | null, homeCurrency: string | null): string[] {
  const warnings: string[] = [];
  // MultiCurrencyPreferences IsMultiCurrencyOn: say what the connector does with other currencies
  // (docs/integration-map.md#currencies), so nobody takes a converted figure for the vendor's own amount.
  if (multiCurrencyOn === true) {
    const home = homeCurrency ?? 'the home currency';
    warnings.push(
      `Multi-currency is on in this QuickBooks company file (home currency: ${home}). Procore amounts are taken as ${home}. Bills, checks, credit card charges and bill payments in another currency come into job costs converted to ${home} with the exchange rate QuickBooks holds on each transaction, and say so in their description; one without an exchange rate is left out. Commitments, change orders and invoices for a vendor whose QuickBooks currency is not ${home} are not exported (FOREIGN_CURRENCY_VENDOR): enter them in QuickBooks by hand.`,
    );
  }
  if (loginUser === null || loginUser.trim().toLowerCase() === 'admin') return warnings;
  return [
    ...warnings,
    `QuickBooks runs the connector as the user "${loginUser}", not Admin. If that user's role cannot see an area (purchases, banking, …), QuickBooks leaves those records out of what it sends, without an error, and bills or job costs go missing. In QuickBooks, as Admin: Edit > Preferences > Integrated Applications > Company Preferences > Properties, "Login as" Admin — or give "${loginUser}" full access.`,
  ];
}

async function describeSignIn(db: Database, username: string, lastSuccessAt: Date | null, now: Date): Promise<QbwcConnectionStatus['signIn']> {
  // Failed sign-ins are counted per (username, address) with the time of the last one (sign-in throttling);
  // an address's count is cleared when it signs in, and rows are purged an hour after they stop mattering.
  const rows = await db.prisma.qbwcSignInThrottle.findMany({ where: { username }, orderBy: { lastFailureAt: 'desc' } });
  const recent = rows.filter((r) => !lastSuccessAt || r.lastFailureAt > lastSuccessAt);
  const paused = rows.filter((r) => r.blockedUntil > now).sort((a, b) => a.blockedUntil.getTime() - b.blockedUntil.getTime());
  const last = recent[0];
  return {
    state: paused.length > 0 ? 'paused' : last ? 'failing' : 'ok',
    lastFailure: last ? { at: last.lastFailureAt.toISOString(), reason: 'wrong_password', source: last.source, failures: last.failures } : null,
    paused: paused.map((p) => ({ source: p.source, until: p.blockedUntil.toISOString(), failures: p.failures })),
  };
}
