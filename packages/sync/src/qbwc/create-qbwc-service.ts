import type { Database } from '@connector/db';
import { buildAuthenticateResult, checkClientVersion, QBWC_METHODS, type QbwcCall, type QbwcMethod, type SoapVersion } from '@connector/qbwc';
import { settleParsedResponse, type ParsedResponse } from '@connector/qbxml';
import { readQueuedRequestPayload } from '../stored/read-stored.ts';
import { isLiveTicket } from './check-live-ticket.ts';
import { authenticateWebConnector } from './authenticate-web-connector.ts';
import { closeConnection, connectionError, getLastError } from './finish-session.ts';
import { createHashBudget } from './limit-hash-work.ts';
import { createVerifiedPasswordCache } from './verified-password-cache.ts';
import { createResponseParser } from './parse-response-off-thread.ts';
import type { QbwcServiceConfig, ServiceLogger } from './qbwc-config.ts';
import { receiveResponseXml, type AfterResponses } from './receive-response-xml.ts';
import { sendRequestXml } from './send-request-xml.ts';

export interface QbwcServiceOptions {
  db: Database;
  config: QbwcServiceConfig;
  logger: ServiceLogger;
  /** Shown by QBWC as the web service version. */
  serverVersion: string;
  /**
   * Runs in receiveResponseXML's transaction after QuickBooks' answers are applied and before progress is
   * computed: the export pipeline settles what finished and queues what can now go, in this session.
   */
  afterResponses?: AfterResponses;
  /** The clock sessions are judged by (takeover of a quiet session); default the system clock, tests move it. */
  now?: () => Date;
}

/** The answer to one QBWC call, typed by method, ready for the SOAP serializer. */
export type QbwcAnswer =
  | {
      method:
        | 'serverVersion'
        | 'clientVersion'
        | 'sendRequestXML'
        | 'connectionError'
        | 'getLastError'
        | 'closeConnection'
        | 'getInteractiveURL'
        | 'interactiveDone'
        | 'interactiveRejected';
      value: string;
    }
  | { method: 'authenticate'; value: string[] }
  | { method: 'receiveResponseXML'; value: number };

/**
 * The Web Connector service: one function per QBWC method, dispatched on the parsed SOAP call.
 * Thin on purpose; each method's logic lives in its own module.
 */
export function createQbwcService(options: QbwcServiceOptions) {
  const { db, config, logger } = options;
  const now = options.now ?? (() => new Date());
  const parser = createResponseParser(config.offThreadParseBytes);
  const hashBudget = createHashBudget(config.hashBudget, () => now().getTime());
  const verifiedPasswords = createVerifiedPasswordCache({ ttlMs: config.verifiedPasswordTtlMs });

  /**
   * `context.source`: the caller's address (request.ip), by which sign-in failures and hashing are limited.
   * `context.parsedResponse`: a receiveResponseXML's qbXML as the worker that parsed its SOAP body also parsed it
   * (issue 19: one worker, one pass; the 20 MB answer is not sent to a second worker), used instead of parsing it again.
   * `context.responseChars`: with it, that worker kept the answer's text: the call's response is its first
   * RESPONSE_EXCERPT_CHARS and this its length (copying megabytes of text back to the event loop blocked it).
   */
  async function handle(call: QbwcCall, context: { source?: string; parsedResponse?: ParsedResponse; responseChars?: number } = {}): Promise<QbwcAnswer> {
    switch (call.method) {
      case 'serverVersion':
        return { method: call.method, value: options.serverVersion };
      case 'clientVersion': {
        const verdict = checkClientVersion(call.params.strVersion);
        if (verdict.level !== 'ok') logger.warn({ qbwcVersion: call.params.strVersion, verdict: verdict.result }, 'QBWC client version check');
        return { method: call.method, value: verdict.result };
      }
      case 'authenticate': {
        const outcome = await authenticateWebConnector(
          db,
          config,
          { username: call.params.strUserName, password: call.params.strPassword, source: context.source },
          now(),
          hashBudget,
          verifiedPasswords,
        );
        // The username as sent can be anything (a 1 MB one was tried): the log keeps its first 80 characters.
        const logged = { username: call.params.strUserName.slice(0, 80), source: context.source, outcome: outcome.outcome };
        if (outcome.outcome === 'nvu') logger.warn({ ...logged, reason: outcome.reason, retryAt: outcome.retryAt?.toISOString() }, 'QBWC authenticate refused');
        // The company, so a company's sessions can be followed in the logs (metrics carry no company label).
        else logger.info({ ...logged, companyId: outcome.companyId, passwordCheck: outcome.passwordCheck }, 'QBWC authenticate');
        const value =
          outcome.outcome === 'busy'
            ? buildAuthenticateResult({
                ticket: outcome.ticket,
                outcome: 'busy',
                ...(outcome.postponeSeconds > 0 ? { postponeSeconds: outcome.postponeSeconds } : {}),
              })
            : outcome.outcome === 'companyFile'
              ? buildAuthenticateResult({ ticket: outcome.ticket, outcome: 'companyFile', companyFile: outcome.companyFile })
              : buildAuthenticateResult({ ticket: outcome.ticket, outcome: outcome.outcome });
        return { method: call.method, value };
      }
      case 'sendRequestXML':
        return { method: call.method, value: await sendRequestXml(db, config, call.params, now(), options.afterResponses) };
      case 'receiveResponseXML': {
        const { parsedResponse, responseChars } = context;
        const parse = parsedResponse ? async () => settleParsedResponse(parsedResponse) : parser.parse;
        const input = parsedResponse && responseChars !== undefined ? { ...call.params, responseChars } : call.params;
        return { method: call.method, value: await receiveResponseXml(db, config, parse, input, now(), options.afterResponses, logger) };
      }
      case 'connectionError':
        return { method: call.method, value: await connectionError(db, call.params, now()) };
      case 'getLastError':
        return { method: call.method, value: await getLastError(db, call.params.ticket) };
      case 'closeConnection':
        return { method: call.method, value: await closeConnection(db, call.params.ticket, now()) };
      // The connector has no interactive mode (QBWC guide p.71-76): getLastError never answers
      // "Interactive mode", so these are only reached by a confused client; answer harmlessly.
      case 'getInteractiveURL':
        return { method: call.method, value: '' };
      case 'interactiveDone':
        return { method: call.method, value: 'Done' };
      case 'interactiveRejected':
        return { method: call.method, value: 'Interactive mode is not used by this connector.' };
    }
  }

  /**
   * The answer to a call whose ticket has no live session, given only the ticket: every ticketed method
   * checks its ticket before it reads anything else (receiveResponseXML -1, sendRequestXML '',
   * connectionError 'done', getLastError / closeConnection the unknown-ticket text), so blank parameters
   * give exactly the answer the whole call would have had. Used when the rest of the body is not read.
   */
  async function answerWithoutBody(method: QbwcMethod, soapVersion: SoapVersion, ticket: string): Promise<QbwcAnswer> {
    const params: Record<string, string | number> = {};
    for (const param of QBWC_METHODS[method].params) params[param.name] = param.type === 'int' ? 0 : '';
    params.ticket = ticket;
    return handle({ method, soapVersion, params } as QbwcCall);
  }

  /**
   * Prisma 7 compiles each query shape with its Wasm query compiler on the event loop, and the first compile of the
   * process also compiles much of the compiler: one 0.39 s block in a read session's CPU profile, the longest of the
   * session (issue 19, no QBWC call blocks the event loop over 50 ms). Run at start-up (the server's onReady), with
   * the ticket lookup every large body starts with, it is not paid inside the first Web Connector call. Likewise the
   * check of a queued request's stored payload, compiled on first use (77 ms in the same profile, in the first
   * sendRequestXML): given an empty payload here, it is compiled and refuses it.
   */
  async function warmUp(): Promise<void> {
    await isLiveTicket(db, '0'.repeat(32)).catch(() => false);
    try {
      readQueuedRequestPayload({ id: 'warm-up', payload: {} });
    } catch {
      // refused, as it must be: only the compiled check was wanted
    }
  }

  return { handle, answerWithoutBody, isLiveTicket: (ticket: string) => isLiveTicket(db, ticket), close: parser.close, warmUp };
}

export type QbwcService = ReturnType<typeof createQbwcService>;
