// A Web Connector session inside the simulation: the real client (packages/qbwc-client) driving the server
// through app.inject(), with at most one fault per session, every fault decided by the history step.
import type { QuickBooksProcessor, SessionOptions, SessionReport } from '@connector/qbwc-client';
import { runWebConnectorSession } from '@connector/qbwc-client';
import { QBWC_URL, type World } from './world.ts';

export type SessionFault =
  | { type: 'none' }
  /** QuickBooks writes the n-th write message, its answer never reaches the server (the client's fault flag). */
  | { type: 'loseWriteResponse'; n: number }
  /** The network dies after n rounds (the client's fault flag). */
  | { type: 'dropAfter'; rounds: number }
  /** The n-th answer reaches the server garbled (cut in the middle); QuickBooks did process the message. */
  | { type: 'garble'; message: number }
  /** The answer to the n-th write message carries another requestID than the one sent (the client's fault flag). */
  | { type: 'mismatchRequestId'; message: number }
  /** The answer to the n-th write message has no requestID (the client's fault flag). */
  | { type: 'dropRequestId'; message: number }
  /** The answer to the n-th write message is of another type (e.g. SalesOrderAddRs for a PurchaseOrderAddRq; the client's fault flag). */
  | { type: 'wrongType'; message: number }
  /** The QuickBooks user lacks write permission for the whole session. */
  | { type: 'restrictedUser' }
  /** Another QuickBooks user has the purchase order of a commitment open (3170/3175). */
  | { type: 'locked'; commitment: number }
  | { type: 'quickBooksNotRunning' }
  /** The server process dies at SOAP call `call` (1-based): before handling it, or after handling it but before answering. */
  | { type: 'crash'; call: number; after: boolean }
  /** Two server instances on one database answer alternate calls. */
  | { type: 'twoInstances' };

/** A QuickBooks processor that damages one answer on its way back to the server. */
function damagingProcessor(inner: QuickBooksProcessor, fault: SessionFault): QuickBooksProcessor {
  let messages = 0;
  return {
    get companyFilePath() {
      return inner.companyFilePath;
    },
    openSession: () => inner.openSession(),
    hostCompanyPreferencesResponse: () => inner.hostCompanyPreferencesResponse(),
    ensureFileId: (ownerId, fileId) => inner.ensureFileId(ownerId, fileId),
    closeSession: () => inner.closeSession(),
    ...(inner.setOptions && { setOptions: inner.setOptions.bind(inner) }),
    ...(inner.setFaults && { setFaults: inner.setFaults.bind(inner) }),
    async processRequest(xml) {
      const response = await inner.processRequest(xml);
      messages += 1;
      if (fault.type === 'garble' && fault.message === messages) return response.slice(0, Math.max(20, Math.floor(response.length / 2)));
      return response;
    },
  };
}

/** The Web Connector's HTTP, routed to the server instance(s) in process; `crash` kills the process at one call. */
function routedFetch(world: World, fault: SessionFault, second: import('fastify').FastifyInstance | null): typeof fetch {
  let calls = 0;
  return async (_input, init) => {
    calls += 1;
    const crashNow = fault.type === 'crash' && fault.call === calls;
    if (crashNow && !fault.after) {
      await world.restart();
      throw new TypeError('fetch failed (the server process died before reading the request)');
    }
    const app = second && calls % 2 === 0 ? second : world.app;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const response = await app.inject({ method: 'POST', url: '/qbwc', headers, payload: String(init?.body ?? '') });
    if (crashNow) {
      await world.restart();
      throw new TypeError('fetch failed (the server process died before answering)');
    }
    return new Response(response.body, { status: response.statusCode, headers: { 'content-type': String(response.headers['content-type'] ?? 'text/xml') } });
  };
}

export interface SessionOutcome {
  report: SessionReport;
}

/** One Web Connector session with one fault (or none). */
export async function runSession(world: World, fault: SessionFault, extra: { lockedTxnIds?: string[] } = {}): Promise<SessionReport> {
  const second = fault.type === 'twoInstances' ? await world.openSecond() : null;
  const options: SessionOptions = {
    url: QBWC_URL,
    ...world.qbwc,
    processor: damagingProcessor(world.quickbooks, fault),
    noOpDelayMs: 0,
    maxNoOps: 5,
    httpTimeoutMs: 60_000,
    fetch: routedFetch(world, fault, second),
    // Fault flags of the client itself; restrictedUser and locks are passed through to QuickBooks for this session only.
    restrictedUser: fault.type === 'restrictedUser',
    lockedRecords: extra.lockedTxnIds ?? [],
    ...(fault.type === 'loseWriteResponse' && { loseWriteResponse: fault.n }),
    ...(fault.type === 'dropAfter' && { dropConnectionAfterRounds: fault.rounds }),
    ...(fault.type === 'quickBooksNotRunning' && { quickBooksNotRunning: true }),
    // Answer faults of the client (packages/qbwc-client corrupt-response.ts), on the n-th write message.
    ...(fault.type === 'mismatchRequestId' && { mismatchRequestId: fault.message }),
    ...(fault.type === 'dropRequestId' && { dropRequestId: fault.message }),
    ...(fault.type === 'wrongType' && { wrongResponseType: fault.message }),
  };
  try {
    return await runWebConnectorSession(options);
  } finally {
    // The next session starts with a healthy QuickBooks unless its own step says otherwise.
    world.quickbooks.setOptions({ restrictedUser: false, lockedRecords: [] });
  }
}
