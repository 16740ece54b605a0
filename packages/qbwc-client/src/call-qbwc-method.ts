// One QBWC web-method call over HTTP, as QBWC's .NET SoapHttpClientProtocol makes it: POST,
// Content-Type text/xml; charset=utf-8, SOAPAction "http://developer.intuit.com/<method>".
// Counts round trips and bytes, traces the call, and turns every failure into a QbwcCallError.

import { buildSoapRequest } from './build-soap-request.ts';
import { parseSoapResponse, type QbwcResult } from './parse-soap-response.ts';
import { QbwcCallError } from './qbwc-call-error.ts';
import { soapActionFor, type QbwcMethod, type QbwcParameters } from './qbwc-methods.ts';

/** The User-Agent QBWC 2.3's .NET 4 SOAP client sends. */
export const QBWC_USER_AGENT = 'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 4.0.30319.42000)';

export interface CallStatistics {
  roundTrips: number;
  bytesSent: number;
  bytesReceived: number;
  methods: string[];
}

export interface QbwcTransport {
  url: string;
  fetch: typeof fetch;
  userAgent: string;
  timeoutMs: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
  statistics: CallStatistics;
}

export async function callQbwcMethod<M extends QbwcMethod>(transport: QbwcTransport, method: M, parameters: QbwcParameters<M>): Promise<QbwcResult<M>> {
  let body: string;
  try {
    body = buildSoapRequest(method, parameters);
  } catch (error) {
    throw new QbwcCallError(method, 'client', errorMessage(error));
  }
  transport.signal?.throwIfAborted();
  const { statistics } = transport;
  statistics.roundTrips += 1;
  statistics.methods.push(method);
  statistics.bytesSent += Buffer.byteLength(body, 'utf8');
  transport.log?.(`-> ${method}(${describeParameters(parameters)})`);

  const timeout = AbortSignal.timeout(transport.timeoutMs);
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await transport.fetch(transport.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/xml; charset=utf-8',
        SOAPAction: soapActionFor(method),
        'User-Agent': transport.userAgent,
      },
      body,
      signal: transport.signal ? AbortSignal.any([transport.signal, timeout]) : timeout,
    });
    bytes = await response.arrayBuffer();
  } catch (error) {
    transport.signal?.throwIfAborted();
    const detail = timeout.aborted ? `the operation has timed out (${transport.timeoutMs} ms)` : describeNetworkError(error);
    transport.log?.(`<- ${method}: ${detail}`);
    throw new QbwcCallError(method, 'network', detail);
  }
  statistics.bytesReceived += bytes.byteLength;

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new QbwcCallError(method, 'protocol', 'response body is not valid UTF-8');
  }
  const contentType = response.headers.get('content-type') ?? '';
  const isXml = /^text\/xml\b/i.test(contentType);
  // .NET rejects a response that is not text/xml, and any status other than 200 or a 500 carrying a fault.
  if ((response.status === 200 || response.status === 500) && !isXml) {
    throw new QbwcCallError(
      method,
      'http',
      `Client found response content type of '${contentType}', but expected 'text/xml'. HTTP ${response.status}: ${text.slice(0, 200)}`,
    );
  }
  if (response.status !== 200 && response.status !== 500) {
    throw new QbwcCallError(method, 'http', `The request failed with HTTP status ${response.status}: ${response.statusText || text.slice(0, 200)}`);
  }
  try {
    const result = parseSoapResponse(method, text);
    if (response.status === 500) {
      throw new QbwcCallError(method, 'http', 'HTTP status 500 with a response that is not a SOAP fault');
    }
    transport.log?.(`<- ${method}: ${summarize(result)}`);
    return result;
  } catch (error) {
    if (error instanceof QbwcCallError) transport.log?.(`<- ${method}: ${error.detail}`);
    throw error;
  }
}

function describeParameters(parameters: Record<string, string | number>): string {
  return Object.entries(parameters)
    .map(([name, value]) => `${name}=${name === 'strPassword' ? '"********"' : summarize(value)}`)
    .join(', ');
}

/** QBWC's DEBUG log level shows the first 50 characters of request/response XML (guide p.55). */
function summarize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(summarize).join(', ')}]`;
  if (typeof value !== 'string') return String(value);
  const flat = value.replace(/\s+/g, ' ');
  return flat.length <= 50 ? JSON.stringify(flat) : `${JSON.stringify(flat.slice(0, 50))}… (${value.length} chars)`;
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: string } | undefined)?.code;
  return [errorMessage(error), cause?.message, code].filter(Boolean).join(': ');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
