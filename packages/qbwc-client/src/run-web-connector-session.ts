// One update session exactly as QuickBooks Web Connector 2.3 runs it (QBWC guide ch.2 figures 2-1..2-5
// and ch.10): serverVersion → clientVersion → authenticate → open QuickBooks (connectionError on
// failure) → sendRequestXML / QuickBooks / receiveResponseXML until 100 → closeConnection.

import { callQbwcMethod, QBWC_USER_AGENT, type CallStatistics, type QbwcTransport } from './call-qbwc-method.ts';
import { corruptRequestId, corruptResponseType } from './corrupt-response.ts';
import { interpretAuthenticateResult, type AuthenticateAnswer } from './interpret-authenticate-result.ts';
import { interpretClientVersion } from './interpret-client-version.ts';
import { isWriteRequest, listRequestTypes } from './is-write-request.ts';
import { openQuickBooksConnection } from './open-quickbooks-connection.ts';
import { QbwcCallError } from './qbwc-call-error.ts';
import type { QbwcMethod, QbwcParameters } from './qbwc-methods.ts';
import type { QbwcResult } from './parse-soap-response.ts';
import { sleep } from './sleep.ts';
import type { QuickBooksError, SessionOptions, SessionOutcome, SessionReport, WriteMessageSelector } from './types.ts';
import { wrapProcessorWithFaults } from './wrap-processor-with-faults.ts';

export const QBWC_CLIENT_VERSION = '2.3.0.20';
/** QBWC pauses 5 seconds after a NoOp (QBWC guide p.72, p.80). */
export const QBWC_NOOP_DELAY_MS = 5000;
const DEFAULT_CONNECTION_RETRIES = 2;
const DEFAULT_HTTP_TIMEOUT_MS = 120_000;

type Ending = { outcome: SessionOutcome; statusLine: string };
type SessionDetails = Partial<Pick<SessionReport, 'ticket' | 'lastError' | 'postponeSeconds' | 'minRunEverySeconds' | 'serverVersion' | 'companyFile'>>;

/** What one session keeps while it runs, and reports at the end. */
interface Session {
  options: SessionOptions;
  processor: ReturnType<typeof wrapProcessorWithFaults>;
  transport: QbwcTransport;
  statistics: CallStatistics;
  warnings: string[];
  errors: string[];
  progress: number[];
  details: SessionDetails;
  requestsSent: number;
  /** QuickBooks' session is open (closed at the end whatever happened). */
  sessionOpen: boolean;
  warn: (warning: string) => void;
}

export async function runWebConnectorSession(options: SessionOptions): Promise<SessionReport> {
  const started = performance.now();
  const session = openSession(options);
  const { signal } = options;

  let ending: Ending;
  try {
    ending = await drive(session);
  } catch (error) {
    if (signal?.aborted) {
      ending = fail(session, 'dropped', 'Session aborted', `aborted: ${String(signal.reason)}`);
    } else if (error instanceof QbwcCallError) {
      // A failed call ends the update with QBWC104x; QBWC does not call closeConnection after it.
      ending = fail(session, 'error', error.message);
    } else {
      ending = fail(session, 'error', `Unexpected client error: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    if (session.sessionOpen) {
      try {
        session.processor.closeSession();
      } catch (error) {
        // QBWC1015: EndSession/CloseConnection failed; the update itself is over.
        session.warn(`QBWC1015: ${(error as Error).message}`);
      }
    }
  }

  const { statistics } = session;
  return {
    outcome: ending.outcome,
    statusLine: ending.statusLine,
    ...session.details,
    roundTrips: statistics.roundTrips,
    requestsSent: session.requestsSent,
    bytesSent: statistics.bytesSent,
    bytesReceived: statistics.bytesReceived,
    progress: session.progress,
    warnings: session.warnings,
    methods: statistics.methods,
    durationMs: Math.round(performance.now() - started),
    errors: session.errors,
  };
}

function openSession(options: SessionOptions): Session {
  const { signal, log } = options;
  const statistics: CallStatistics = { roundTrips: 0, bytesSent: 0, bytesReceived: 0, methods: [] };
  const warnings: string[] = [];
  const warn = (warning: string): void => {
    warnings.push(warning);
    log?.(`warning: ${warning}`);
  };
  const processor = wrapProcessorWithFaults(options.processor, options, signal, warn);
  const transport: QbwcTransport = {
    url: options.url,
    fetch: options.fetch ?? globalThis.fetch,
    userAgent: options.userAgent ?? QBWC_USER_AGENT,
    timeoutMs: options.httpTimeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
    ...(signal && { signal }),
    ...(log && { log }),
    statistics,
  };
  return { options, processor, transport, statistics, warnings, errors: [], progress: [], details: {}, requestsSent: 0, sessionOpen: false, warn };
}

function call<M extends QbwcMethod>(session: Session, method: M, parameters: QbwcParameters<M>): Promise<QbwcResult<M>> {
  return callQbwcMethod(session.transport, method, parameters);
}

function fail(session: Session, outcome: SessionOutcome, statusLine: string, error = statusLine): Ending {
  session.errors.push(error);
  return { outcome, statusLine };
}

async function closeConnection(session: Session, ticket: string, outcome: SessionOutcome): Promise<Ending> {
  const text = (await call(session, 'closeConnection', { ticket })) ?? '';
  return { outcome, statusLine: text };
}

async function drive(session: Session): Promise<Ending> {
  const { options, processor, details, warn } = session;
  applyPassThroughFaults(session);

  // QBWC 2.x asks for the service's version first (WSDL serverVersion; the guide's getServerVersion
  // p.74 is informational only, so a service without it does not stop the update).
  try {
    details.serverVersion = (await call(session, 'serverVersion', {})) ?? '';
  } catch (error) {
    if (!(error instanceof QbwcCallError) || error.failure === 'network') throw error;
    warn(`serverVersion unavailable: ${error.detail}`);
  }

  // clientVersion: '' go on, W: warn, E: stop, O: upgrade (guide p.21, p.66).
  const version = interpretClientVersion(await call(session, 'clientVersion', { strVersion: options.clientVersion ?? QBWC_CLIENT_VERSION }));
  if (version.action === 'stop') return fail(session, 'version-refused', version.message);
  if (version.warning) warn(version.warning);

  const authenticated = await authenticate(session);
  if ('outcome' in authenticated) return authenticated;
  const { ticket, companyFile: requestedCompanyFile } = authenticated;

  const connection = await openQuickBooksConnection({
    transport: session.transport,
    processor,
    ticket,
    requestedCompanyFile,
    maxRetries: options.maxConnectionRetries ?? DEFAULT_CONNECTION_RETRIES,
    ...(options.log && { log: options.log }),
  });
  if (!connection.connected) {
    const why = connection.serviceSaidDone ? 'connectionError returned done' : `gave up after ${connection.retries} retries`;
    return fail(
      session,
      'connection-error',
      `QBWC1013: Error connecting to QuickBooks. ${connection.hresult}: ${connection.message}`,
      `QBWC1013: Error connecting to QuickBooks (${why}). ${connection.hresult}: ${connection.message}`,
    );
  }
  session.sessionOpen = true;
  details.companyFile = connection.companyFile;

  let hcpResponse: string;
  try {
    hcpResponse = processor.hostCompanyPreferencesResponse();
  } catch (error) {
    return fail(session, 'error', `QBWC1014: Could not get Host/Company/Preference Query response from QuickBooks. Job ending. ${(error as Error).message}`);
  }
  return exchange(session, ticket, connection.companyFile, hcpResponse);
}

/** authenticate (guide p.21-22, p.62-64): the ticket and company file to open, or how the session ends. */
async function authenticate(session: Session): Promise<Ending | { ticket: string; companyFile: string }> {
  const { options, details, warn } = session;
  const strings = await call(session, 'authenticate', { strUserName: options.username, strPassword: options.password });
  let answer: AuthenticateAnswer;
  try {
    answer = interpretAuthenticateResult(strings);
  } catch (error) {
    throw new QbwcCallError('authenticate', 'protocol', (error as Error).message);
  }
  const { ticket, verdict } = answer;
  details.ticket = ticket;
  if (answer.postponeSeconds !== undefined) details.postponeSeconds = answer.postponeSeconds;
  if (answer.minRunEverySeconds !== undefined) details.minRunEverySeconds = answer.minRunEverySeconds;
  answer.warnings.forEach(warn);
  // 'none' / 'nvu' (and 'busy', listed with them on p.63): QBWC shows a message, calls closeConnection
  // and stops (guide p.21).
  if (verdict.kind === 'invalid-user') {
    session.errors.push('authenticate: nvu (invalid user name or password)');
    return closeConnection(session, ticket, 'invalid-user');
  }
  if (verdict.kind === 'no-work') return closeConnection(session, ticket, 'no-work');
  if (verdict.kind === 'busy') return closeConnection(session, ticket, 'busy');
  // Work to do but [2] seconds given: "the current update process is discontinued and will resume
  // after [2] seconds" (guide p.62, example 1 p.63).
  if (answer.postponeSeconds !== undefined) return closeConnection(session, ticket, 'postponed');
  return { ticket, companyFile: verdict.companyFile };
}

/** The sendRequestXML / receiveResponseXML loop (guide p.22-25, p.77-81). */
async function exchange(session: Session, ticket: string, companyFile: string, hcpResponse: string): Promise<Ending> {
  const { options, details, warn } = session;
  const { log } = options;
  const loseAt = options.loseWriteResponse === true ? 1 : options.loseWriteResponse || undefined;
  let rounds = 0;
  let writes = 0;
  let noOps = 0;
  let first = true;
  for (;;) {
    if (options.dropConnectionAfterRounds !== undefined && rounds >= options.dropConnectionAfterRounds) {
      return fail(session, 'dropped', `Connection lost after ${rounds} round(s) (simulated network failure); closeConnection not called`);
    }
    // strHCPResponse only on the first call of the session; '' afterwards (guide p.22, p.80).
    const request = await call(session, 'sendRequestXML', {
      ticket,
      strHCPResponse: first ? hcpResponse : '',
      strCompanyFileName: companyFile,
      qbXMLCountry: options.qbXMLCountry ?? 'US',
      qbXMLMajorVers: options.qbXMLMajorVers ?? 13,
      qbXMLMinorVers: options.qbXMLMinorVers ?? 0,
    });
    first = false;
    if (request === null) warn('sendRequestXMLResult was absent or nil; QBWC treats it as an empty string');

    if (request === null || request === '') {
      noOps += 1;
      const ending = await answerEmptyRequest(session, ticket, noOps);
      if (ending) return ending;
      continue;
    }
    noOps = 0;

    session.requestsSent += 1;
    const write = isWriteRequest(request);
    if (write) writes += 1;
    log?.(`QuickBooks: processing message #${session.requestsSent} (${listRequestTypes(request).join(', ') || 'no requests'})`);
    const answer = await processInQuickBooks(session, request);

    if (write && loseAt !== undefined && writes === loseAt) {
      // Written in QuickBooks, but receiveResponseXML never reaches the service: QBWC ends the session
      // with an error and does not call closeConnection.
      const lost = new QbwcCallError('receiveResponseXML', 'network', `the response to write message #${writes} was lost (simulated connection reset)`);
      return fail(session, 'error', lost.message);
    }

    const response = write && !answer.hresult ? bendAnswer(session, answer.response, writes) : answer.response;

    const percent = await call(session, 'receiveResponseXML', { ticket, response, hresult: answer.hresult, message: answer.message });
    rounds += 1;
    if (percent < 0) {
      // Negative: getLastError, show its text, then closeConnection (guide p.24 step 10, p.72).
      const lastError = (await call(session, 'getLastError', { ticket })) ?? '';
      details.lastError = lastError;
      session.errors.push(`receiveResponseXML returned ${percent}: ${lastError}`);
      return closeConnection(session, ticket, 'error');
    }
    if (percent > 100) warn(`receiveResponseXML returned ${percent}, above 100; treated as done`);
    session.progress.push(percent);
    options.onProgress?.(Math.min(percent, 100), `${session.requestsSent} request message(s) processed`);
    if (percent >= 100) return closeConnection(session, ticket, 'completed');
  }
}

/**
 * sendRequestXML gave nothing: ask getLastError whether to wait (NoOp), go interactive, or report an error
 * (guide p.23, p.72). Undefined after a NoOp's pause (ask again); else how the session ends.
 */
async function answerEmptyRequest(session: Session, ticket: string, noOps: number): Promise<Ending | undefined> {
  const { options } = session;
  const lastError = (await call(session, 'getLastError', { ticket })) ?? '';
  const keyword = lastError.trim().toLowerCase();
  if (keyword === 'noop') {
    if (options.maxNoOps !== undefined && noOps > options.maxNoOps) {
      session.errors.push(`more than ${options.maxNoOps} NoOp answers in a row`);
      return closeConnection(session, ticket, 'error');
    }
    const delayMs = options.noOpDelayMs ?? QBWC_NOOP_DELAY_MS;
    options.log?.(`NoOp: waiting ${delayMs} ms before calling sendRequestXML again`);
    await sleep(delayMs, options.signal);
    return undefined;
  }
  if (keyword === 'interactive mode') {
    session.errors.push('getLastError asked for Interactive mode; this client has no browser (QBWC would call getInteractiveURL)');
    return closeConnection(session, ticket, 'error');
  }
  session.details.lastError = lastError;
  session.errors.push(`getLastError: ${lastError}`);
  return closeConnection(session, ticket, 'error');
}

/** Hands the qbXML to QuickBooks (ProcessRequest); an exception travels as hresult + message. */
async function processInQuickBooks(session: Session, request: string): Promise<{ response: string; hresult: string; message: string }> {
  const { options } = session;
  let response = '';
  let hresult = '';
  let message = '';
  try {
    response = await session.processor.processRequest(request);
  } catch (error) {
    options.signal?.throwIfAborted();
    const code = (error as QuickBooksError).hresult;
    if (typeof code !== 'string' || code === '') session.warn(`QuickBooks threw without an HRESULT: ${(error as Error).message}`);
    hresult = typeof code === 'string' && code !== '' ? code : '0x80040402';
    message = error instanceof Error ? error.message : String(error);
    options.log?.(`QuickBooks: ${hresult} ${message}`);
  }
  return { response, hresult, message };
}

/** Answer faults: QuickBooks has already applied the write; only the answer on the wire is bent. */
function bendAnswer(session: Session, response: string, writeNumber: number): string {
  const { options } = session;
  const faults = [
    ['mismatchRequestId', options.mismatchRequestId, (xml: string) => corruptRequestId(xml, 'unknown')],
    ['dropRequestId', options.dropRequestId, (xml: string) => corruptRequestId(xml, 'missing')],
    ['wrongResponseType', options.wrongResponseType, corruptResponseType],
  ] as const;
  let bent = response;
  for (const [name, selector, corrupt] of faults) {
    if (!selects(selector, writeNumber)) continue;
    const result = corrupt(bent);
    if (result.change === undefined) session.warn(`${name}: the answer to write message #${writeNumber} has no response element to change`);
    else options.log?.(`fault ${name}: write message #${writeNumber}: ${result.change}`);
    bent = result.xml;
  }
  return bent;
}

function applyPassThroughFaults(session: Session): void {
  const { options, processor } = session;
  const faults = {
    ...(options.restrictedUser !== undefined && { restrictedUser: options.restrictedUser }),
    ...(options.lockedRecords !== undefined && { lockedRecords: options.lockedRecords }),
  };
  if (Object.keys(faults).length === 0) return;
  if (processor.setFaults) processor.setFaults(faults);
  else if (processor.setOptions) processor.setOptions(faults);
  else session.warn(`the QuickBooks processor cannot simulate ${Object.keys(faults).join(', ')} (no setFaults)`);
}

function selects(selector: WriteMessageSelector | undefined, writeNumber: number): boolean {
  if (selector === undefined || selector === false) return false;
  if (selector === true) return writeNumber === 1;
  if (typeof selector === 'number') return writeNumber === selector;
  return selector(writeNumber);
}
