import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';

// A test-side QBWC speaking raw SOAP 1.1 exactly as QBWC 2.3 sends it: its own string building and
// parsing, independent of packages/qbwc, so the tests check the server rather than mirror it.
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function envelope(method: string, params: Record<string, string | number>): string {
  const body = Object.entries(params)
    .map(([k, v]) => `<${k}>${escape(String(v))}</${k}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<soap:Body><${method} xmlns="http://developer.intuit.com/">${body}</${method}></soap:Body></soap:Envelope>`
  );
}

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, isArray: (name) => name === 'string', processEntities: true });

export interface SoapReply {
  status: number;
  contentType: string;
  body: string;
  /** The <methodResult> value: a string, a number for receiveResponseXML, string[] for authenticate. */
  result: unknown;
  fault?: { code: string; reason: string };
}

export async function callQbwc(app: FastifyInstance, method: string, params: Record<string, string | number> = {}): Promise<SoapReply> {
  return postSoap(app, envelope(method, params), { soapaction: `"http://developer.intuit.com/${method}"` }, method);
}

export async function postSoap(app: FastifyInstance, payload: string, headers: Record<string, string> = {}, method?: string): Promise<SoapReply> {
  const response = await app.inject({
    method: 'POST',
    url: '/qbwc',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    payload,
  });
  const doc = parser.parse(response.body) as { Envelope?: { Body?: Record<string, unknown> } };
  const body = doc.Envelope?.Body ?? {};
  const reply: SoapReply = { status: response.statusCode, contentType: String(response.headers['content-type']), body: response.body, result: undefined };
  if ('Fault' in body) {
    const f = body.Fault as Record<string, unknown>;
    reply.fault = {
      code: String(f.faultcode ?? (f.Code as { Value?: string })?.Value ?? ''),
      reason: String(f.faultstring ?? (f.Reason as { Text?: string })?.Text ?? ''),
    };
    return reply;
  }
  const wrapper = method ? (body[`${method}Response`] as Record<string, unknown> | undefined) : undefined;
  const raw = wrapper?.[`${method}Result`];
  if (method === 'authenticate') reply.result = (raw as { string?: string[] } | undefined)?.string?.map((s) => (typeof s === 'string' ? s : '')) ?? [];
  else if (method === 'receiveResponseXML') reply.result = Number(raw);
  else reply.result = raw === undefined || raw === '' ? '' : String(raw);
  return reply;
}
