// A minimal QBWC web service for tests (node:http): one user, a queue of canned qbXML requests,
// percent-done progress, getLastError, connectionError 'done', closeConnection "OK". Every call is
// recorded with its raw bytes and headers; each method can be overridden, faulted or answered raw.
// Requests are read with fast-xml-parser, independently of the client's own XML reader.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';

export interface RecordedCall {
  method: string;
  /** xmlns of the method element. */
  methodNamespace: string | undefined;
  envelopeName: string;
  envelopeAttributes: Record<string, string>;
  /** Parameter element names in document order. */
  parameterOrder: string[];
  parameters: Record<string, string>;
  soapAction: string | undefined;
  contentType: string | undefined;
  userAgent: string | undefined;
  httpMethod: string | undefined;
  body: string;
}

/** A handler may answer with a value or one of these. */
export type FakeReply = { fault: string; faultcode?: string } | { raw: string; status?: number; contentType?: string } | { destroySocket: true };

type Params = Record<string, string>;
export interface FakeHandlers {
  serverVersion: () => string | null | FakeReply;
  clientVersion: (p: Params) => string | null | FakeReply;
  authenticate: (p: Params) => string[] | FakeReply;
  connectionError: (p: Params) => string | FakeReply;
  sendRequestXML: (p: Params) => string | null | FakeReply;
  receiveResponseXML: (p: Params) => number | FakeReply;
  getLastError: (p: Params) => string | FakeReply;
  closeConnection: (p: Params) => string | FakeReply;
}

export interface FakeServerOptions {
  user?: string;
  password?: string;
  /** authenticate [1] when there is work: '' = the open company file. */
  companyFile?: string;
  requests?: string[];
  ticket?: string;
}

const QBWC_NS = 'http://developer.intuit.com/';

export class FakeQbwcServer {
  readonly calls: RecordedCall[] = [];
  /** qbXML responses received through receiveResponseXML. */
  readonly responses: Array<{ response: string; hresult: string; message: string }> = [];
  handlers: FakeHandlers;
  lastError = '';
  sent = 0;
  url = '';
  private server: Server | undefined;
  private readonly parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    trimValues: false,
    htmlEntities: true,
  });

  readonly options: FakeServerOptions;
  constructor(options: FakeServerOptions = {}) {
    this.options = options;
    const user = options.user ?? 'qbuser';
    const password = options.password ?? 'secret';
    const ticket = options.ticket ?? '{7E1F3C2A-0B8D-4E57-9C41-FAKE00000001}';
    const requests = options.requests ?? [];
    this.handlers = {
      serverVersion: () => '1.0.0-fake',
      clientVersion: () => '',
      authenticate: (p) =>
        p.strUserName !== user || p.strPassword !== password ? ['', 'nvu'] : requests.length === 0 ? [ticket, 'none'] : [ticket, options.companyFile ?? ''],
      connectionError: () => 'done',
      sendRequestXML: () => requests[this.sent++] ?? '',
      receiveResponseXML: (p) => {
        this.responses.push({ response: p.response ?? '', hresult: p.hresult ?? '', message: p.message ?? '' });
        if (p.hresult) {
          this.lastError = `QuickBooks error ${p.hresult}: ${p.message}`;
          return -101;
        }
        return Math.round((this.sent / requests.length) * 100);
      },
      getLastError: () => this.lastError,
      closeConnection: () => `OK: ${this.responses.length} response(s) received`,
    };
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.answer(request).then(
        (reply) => {
          if ('destroySocket' in reply) {
            request.socket.destroy();
            return;
          }
          response.writeHead(reply.status, { 'Content-Type': reply.contentType });
          response.end(reply.body);
        },
        (error: unknown) => {
          response.writeHead(500, { 'Content-Type': 'text/plain' });
          response.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/qbwc`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  methods(): string[] {
    return this.calls.map((call) => call.method);
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; contentType: string; body: string } | { destroySocket: true }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const call = this.record(request, body);
    const handler = this.handlers[call.method as keyof FakeHandlers] as ((p: Params) => unknown) | undefined;
    if (!handler) return soapFault(`Unknown method ${call.method}`);
    const result = handler(call.parameters);
    if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
      const reply = result as FakeReply;
      if ('destroySocket' in reply) return reply;
      if ('fault' in reply) return soapFault(reply.fault, reply.faultcode);
      return { status: reply.status ?? 200, contentType: reply.contentType ?? 'text/xml; charset=utf-8', body: reply.raw };
    }
    return { status: 200, contentType: 'text/xml; charset=utf-8', body: soapResponse(call.method, result as string | string[] | number | null) };
  }

  private record(request: IncomingMessage, body: string): RecordedCall {
    const document = this.parser.parse(body) as Array<Record<string, unknown>>;
    const envelopeNode = document.find((node) => !Object.keys(node).some((key) => key.startsWith('?')));
    const envelopeName = Object.keys(envelopeNode ?? {}).find((key) => key !== ':@') ?? '';
    const envelopeChildren = (envelopeNode?.[envelopeName] ?? []) as Array<Record<string, unknown>>;
    const bodyNode = envelopeChildren.find((node) => Object.keys(node).some((key) => key.endsWith('Body')));
    const bodyName = Object.keys(bodyNode ?? {}).find((key) => key !== ':@') ?? '';
    const methodNode = ((bodyNode?.[bodyName] ?? []) as Array<Record<string, unknown>>)[0] ?? {};
    const method = Object.keys(methodNode).find((key) => key !== ':@') ?? '';
    const parameterNodes = (methodNode[method] ?? []) as Array<Record<string, unknown>>;
    const parameterOrder: string[] = [];
    const parameters: Record<string, string> = {};
    for (const node of parameterNodes) {
      const name = Object.keys(node).find((key) => key !== ':@');
      if (!name || name === '#text') continue;
      parameterOrder.push(name);
      const content = node[name] as Array<Record<string, string>>;
      parameters[name] = content.map((part) => part['#text'] ?? '').join('');
    }
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const call: RecordedCall = {
      method,
      methodNamespace: (methodNode[':@'] as Record<string, string> | undefined)?.xmlns,
      envelopeName,
      envelopeAttributes: (envelopeNode?.[':@'] ?? {}) as Record<string, string>,
      parameterOrder,
      parameters,
      soapAction: header('soapaction'),
      contentType: header('content-type'),
      userAgent: header('user-agent'),
      httpMethod: request.method,
      body,
    };
    this.calls.push(call);
    return call;
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

function envelope(inner: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<soap:Body>${inner}</soap:Body></soap:Envelope>`
  );
}

export function soapResponse(method: string, result: string | string[] | number | null): string {
  const name = `${method}Result`;
  const value =
    result === null
      ? ''
      : Array.isArray(result)
        ? `<${name}>${result.map((item) => `<string>${escapeText(item)}</string>`).join('')}</${name}>`
        : `<${name}>${escapeText(String(result))}</${name}>`;
  return envelope(`<${method}Response xmlns="${QBWC_NS}">${value}</${method}Response>`);
}

function soapFault(message: string, faultcode = 'soap:Server'): { status: number; contentType: string; body: string } {
  return {
    status: 500,
    contentType: 'text/xml; charset=utf-8',
    body: envelope(`<soap:Fault><faultcode>${faultcode}</faultcode><faultstring>${escapeText(message)}</faultstring><detail /></soap:Fault>`),
  };
}
