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

export async function runWebConnectorSession(options: SessionOptions): Promise<SessionReport> {
  const started = performance.now();
  const { signal, log } = options;
  const statistics: CallStatistics = { roundTrips: 0, bytesSent: 0, bytesReceived: 0, methods: [] };
  const warnings: string[] = [];
  const errors: string[] = [];
  const progress: number[] = [];
  const details: Partial<Pick<SessionReport, 'ticket' | 'lastError' | 'postponeSeconds' | 'minRunEverySeconds' | 'serverVersion' | 'companyFile'>> = {};
  let requestsSent = 0;
  let sessionOpen = false;

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
  const call = <M extends QbwcMethod>(method: M, parameters: QbwcParameters<M>): Promise<QbwcResult<M>> => callQbwcMethod(transport, method, parameters);

  const fail = (outcome: SessionOutcome, statusLine: string, error = statusLine): Ending => {
    errors.push(error);
    return { outcome, statusLine };
  };

  async function closeConnection(ticket: string, outcome: SessionOutcome): Promise<Ending> {
    const text = (await call('closeConnection', { ticket })) ?? '';
    return { outcome, statusLine: text };
  }

  async function drive(): Promise<Ending> {
    applyPassThroughFaults();

    // QBWC 2.x asks for the service's version first (WSDL serverVersion; the guide's getServerVersion
    // p.74 is informational only, so a service without it does not stop the update).
    try {
      details.serverVersion = (await call('serverVersion', {})) ?? '';
    } catch (error) {
      if (!(error instanceof QbwcCallError) || error.failure === 'network') throw error;
      warn(`serverVersion unavailable: ${error.detail}`);
    }

    // clientVersion: '' go on, W: warn, E: stop, O: upgrade (guide p.21, p.66).
    const version = interpretClientVersion(await call('clientVersion', { strVersion: options.clientVersion ?? QBWC_CLIENT_VERSION }));
    if (version.action === 'stop') return fail('version-refused', version.message);
    if (version.warning) warn(version.warning);

    // authenticate (guide p.21-22, p.62-64).
    const strings = await call('authenticate', { strUserName: options.username, strPassword: options.password });
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
      errors.push('authenticate: nvu (invalid user name or password)');
      return closeConnection(ticket, 'invalid-user');
    }
    if (verdict.kind === 'no-work') return closeConnection(ticket, 'no-work');
    if (verdict.kind === 'busy') return closeConnection(ticket, 'busy');
    // Work to do but [2] seconds given: "the current update process is discontinued and will resume
    // after [2] seconds" (guide p.62, example 1 p.63).
    if (answer.postponeSeconds !== undefined) return closeConnection(ticket, 'postponed');

    const connection = await openQuickBooksConnection({
      transport,
      processor,
      ticket,
      requestedCompanyFile: verdict.companyFile,
      maxRetries: options.maxConnectionRetries ?? DEFAULT_CONNECTION_RETRIES,
      ...(log && { log }),
    });
    if (!connection.connected) {
      const why = connection.serviceSaidDone ? 'connectionError returned done' : `gave up after ${connection.retries} retries`;
      return fail(
        'connection-error',
        `QBWC1013: Error connecting to QuickBooks. ${connection.hresult}: ${connection.message}`,
        `QBWC1013: Error connecting to QuickBooks (${why}). ${connection.hresult}: ${connection.message}`,
      );
    }
    sessionOpen = true;
    details.companyFile = connection.companyFile;

    let hcpResponse: string;
    try {
      hcpResponse = processor.hostCompanyPreferencesResponse();
    } catch (error) {
      return fail('error', `QBWC1014: Could not get Host/Company/Preference Query response from QuickBooks. Job ending. ${(error as Error).message}`);
    }
    return exchange(ticket, connection.companyFile, hcpResponse);
  }

  /** The sendRequestXML / receiveResponseXML loop (guide p.22-25, p.77-81). */
  async function exchange(ticket: string, companyFile: string, hcpResponse: string): Promise<Ending> {
    const loseAt = options.loseWriteResponse === true ? 1 : options.loseWriteResponse || undefined;
    let rounds = 0;
    let writes = 0;
    let noOps = 0;
    let first = true;
    for (;;) {
      if (options.dropConnectionAfterRounds !== undefined && rounds >= options.dropConnectionAfterRounds) {
        return fail('dropped', `Connection lost after ${rounds} round(s) (simulated network failure); closeConnection not called`);
      }
      // strHCPResponse only on the first call of the session; '' afterwards (guide p.22, p.80).
      const request = await call('sendRequestXML', {
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
        // Empty: ask getLastError whether to wait (NoOp), go interactive, or report an error (guide p.23, p.72).
        const lastError = (await call('getLastError', { ticket })) ?? '';
        const keyword = lastError.trim().toLowerCase();
        if (keyword === 'noop') {
          noOps += 1;
          if (options.maxNoOps !== undefined && noOps > options.maxNoOps) {
            errors.push(`more than ${options.maxNoOps} NoOp answers in a row`);
            return closeConnection(ticket, 'error');
          }
          const delayMs = options.noOpDelayMs ?? QBWC_NOOP_DELAY_MS;
          log?.(`NoOp: waiting ${delayMs} ms before calling sendRequestXML again`);
          await sleep(delayMs, signal);
          continue;
        }
        if (keyword === 'interactive mode') {
          errors.push('getLastError asked for Interactive mode; this client has no browser (QBWC would call getInteractiveURL)');
          return closeConnection(ticket, 'error');
        }
        details.lastError = lastError;
        errors.push(`getLastError: ${lastError}`);
        return closeConnection(ticket, 'error');
      }
      noOps = 0;

      // Hand the qbXML to QuickBooks (ProcessRequest); an exception travels as hresult + message.
      requestsSent += 1;
      const write = isWriteRequest(request);
      if (write) writes += 1;
      log?.(`QuickBooks: processing message #${requestsSent} (${listRequestTypes(request).join(', ') || 'no requests'})`);
      let response = '';
      let hresult = '';
      let message = '';
      try {
        response = await processor.processRequest(request);
      } catch (error) {
        signal?.throwIfAborted();
        const code = (error as QuickBooksError).hresult;
        if (typeof code !== 'string' || code === '') warn(`QuickBooks threw without an HRESULT: ${(error as Error).message}`);
        hresult = typeof code === 'string' && code !== '' ? code : '0x80040402';
        message = error instanceof Error ? error.message : String(error);
        log?.(`QuickBooks: ${hresult} ${message}`);
      }

      if (write && loseAt !== undefined && writes === loseAt) {
        // Written in QuickBooks, but receiveResponseXML never reaches the service: QBWC ends the session
        // with an error and does not call closeConnection.
        const lost = new QbwcCallError('receiveResponseXML', 'network', `the response to write message #${writes} was lost (simulated connection reset)`);
        return fail('error', lost.message);
      }

      if (write && !hresult) response = bendAnswer(response, writes);

      const percent = await call('receiveResponseXML', { ticket, response, hresult, message });
      rounds += 1;
      if (percent < 0) {
        // Negative: getLastError, show its text, then closeConnection (guide p.24 step 10, p.72).
        const lastError = (await call('getLastError', { ticket })) ?? '';
        details.lastError = lastError;
        errors.push(`receiveResponseXML returned ${percent}: ${lastError}`);
        return closeConnection(ticket, 'error');
      }
      if (percent > 100) warn(`receiveResponseXML returned ${percent}, above 100; treated as done`);
      progress.push(percent);
      options.onProgress?.(Math.min(percent, 100), `${requestsSent} request message(s) processed`);
      if (percent >= 100) return closeConnection(ticket, 'completed');
    }
  }

  /** Answer faults: QuickBooks has already applied the write; only the answer on the wire is bent. */
  function bendAnswer(response: string, writeNumber: number): string {
    const faults = [
      ['mismatchRequestId', options.mismatchRequestId, (xml: string) => corruptRequestId(xml, 'unknown')],
      ['dropRequestId', options.dropRequestId, (xml: string) => corruptRequestId(xml, 'missing')],
      ['wrongResponseType', options.wrongResponseType, corruptResponseType],
    ] as const;
    let bent = response;
    for (const [name, selector, corrupt] of faults) {
      if (!selects(selector, writeNumber)) continue;
      const result = corrupt(bent);
      if (result.change === undefined) warn(`${name}: the answer to write message #${writeNumber} has no response element to change`);
      else log?.(`fault ${name}: write message #${writeNumber}: ${result.change}`);
      bent = result.xml;
    }
    return bent;
  }

  function applyPassThroughFaults(): void {
    const faults = {
      ...(options.restrictedUser !== undefined && { restrictedUser: options.restrictedUser }),
      ...(options.lockedRecords !== undefined && { lockedRecords: options.lockedRecords }),
    };
    if (Object.keys(faults).length === 0) return;
    if (processor.setFaults) processor.setFaults(faults);
    else if (processor.setOptions) processor.setOptions(faults);
    else warn(`the QuickBooks processor cannot simulate ${Object.keys(faults).join(', ')} (no setFaults)`);
  }

  let ending: Ending;
  try {
    ending = await drive();
  } catch (error) {
    if (signal?.aborted) {
      ending = fail('dropped', 'Session aborted', `aborted: ${String(signal.reason)}`);
    } else if (error instanceof QbwcCallError) {
      // A failed call ends the update with QBWC104x; QBWC does not call closeConnection after it.
      ending = fail('error', error.message);
    } else {
      ending = fail('error', `Unexpected client error: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    if (sessionOpen) {
      try {
        processor.closeSession();
      } catch (error) {
        // QBWC1015: EndSession/CloseConnection failed; the update itself is over.
        warn(`QBWC1015: ${(error as Error).message}`);
      }
    }
  }

  return {
    outcome: ending.outcome,
    statusLine: ending.statusLine,
    ...details,
    roundTrips: statistics.roundTrips,
    requestsSent,
    bytesSent: statistics.bytesSent,
    bytesReceived: statistics.bytesReceived,
    progress,
    warnings,
    methods: statistics.methods,
    durationMs: Math.round(performance.now() - started),
    errors,
  };
}

function selects(selector: WriteMessageSelector | undefined, writeNumber: number): boolean {
  if (selector === undefined || selector === false) return false;
  if (selector === true) return writeNumber === 1;
  if (typeof selector === 'number') return writeNumber === selector;
  return selector(writeNumber);
}
