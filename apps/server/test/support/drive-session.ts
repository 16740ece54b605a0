import type { FastifyInstance } from 'fastify';
import { callQbwc } from './raw-soap.ts';
import { hcpResponse, requestsIn, type SentRequest } from './qb-responses.ts';

export interface DriveOptions {
  username: string;
  password: string;
  hcp?: string;
  companyFile?: string;
  /** Plays QuickBooks: the response message for a request message. */
  respond: (requestXml: string, requests: SentRequest[]) => string;
  /** Stop after this many send/receive rounds without closing (a dropped connection). */
  dropAfterRounds?: number;
  /** Do not call receiveResponseXML for round n (1-based): the response is lost and QBWC stops. */
  loseResponseOfRound?: number;
  maxRounds?: number;
}

export interface DriveResult {
  auth: string[];
  ticket: string;
  sent: string[];
  percents: number[];
  lastErrors: string[];
  closeText?: string;
}

/** One Web Connector session driven by raw SOAP, the way QBWC 2.3 sequences the calls. */
export async function driveSession(app: FastifyInstance, options: DriveOptions): Promise<DriveResult> {
  const auth = (await callQbwc(app, 'authenticate', { strUserName: options.username, strPassword: options.password })).result as string[];
  const ticket = auth[0] ?? '';
  const result: DriveResult = { auth, ticket, sent: [], percents: [], lastErrors: [] };
  if (['nvu', 'none', 'busy'].includes(auth[1] ?? '')) return result;
  let round = 0;
  for (;;) {
    round += 1;
    if (round > (options.maxRounds ?? 50)) throw new Error('session did not finish');
    const send = await callQbwc(app, 'sendRequestXML', {
      ticket,
      strHCPResponse: round === 1 ? (options.hcp ?? hcpResponse()) : '',
      strCompanyFileName: options.companyFile ?? 'C:\\Company Files\\Summit Builders.QBW',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    const xml = String(send.result ?? '');
    if (!xml) {
      result.lastErrors.push(String((await callQbwc(app, 'getLastError', { ticket })).result));
      break;
    }
    result.sent.push(xml);
    if (options.loseResponseOfRound === round) return result;
    const response = options.respond(xml, requestsIn(xml));
    const percent = (await callQbwc(app, 'receiveResponseXML', { ticket, response, hresult: '', message: '' })).result as number;
    result.percents.push(percent);
    if (options.dropAfterRounds === round) return result;
    if (percent < 0) {
      result.lastErrors.push(String((await callQbwc(app, 'getLastError', { ticket })).result));
      break;
    }
    if (percent >= 100) break;
  }
  result.closeText = String((await callQbwc(app, 'closeConnection', { ticket })).result);
  return result;
}
