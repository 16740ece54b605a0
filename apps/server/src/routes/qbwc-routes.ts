import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { qbwcApi } from '@connector/contract';
import {
  buildWsdl,
  parseSoapRequest,
  serializeSoapFault,
  serializeSoapResponse,
  soapContentType,
  soapFaultHttpStatus,
  SoapRequestError,
  type QbwcCall,
  type QualifiedName,
  type SoapFaultCode,
  type SoapVersion,
} from '@connector/qbwc';
import type { QbwcService } from '@connector/sync';
import { createLargeBodyLimit } from '../qbwc/limit-large-bodies.ts';
import { createSoapParser } from '../qbwc/parse-soap-off-thread.ts';
import { readQbwcBody, type QbwcBody } from '../qbwc/read-qbwc-body.ts';

export interface QbwcRoutesOptions {
  service: QbwcService;
  publicUrl: string;
  /** QBWC_BODY_LIMIT_MB in bytes: the one limit on a SOAP body, from the socket to the XML parser. */
  bodyLimit: number;
  /** QBWC_LARGE_BODIES_PER_SOURCE / QBWC_LARGE_BODIES_TOTAL: large bodies read and parsed at once. */
  largeBodies: { perSource: number; total: number };
}

function soapVersionOf(contentType: string | undefined): SoapVersion {
  return contentType?.toLowerCase().includes('application/soap+xml') ? '1.2' : '1.1';
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Releases this request's large-body slot (read-qbwc-body.ts) once the response is done. */
    qbwcReleaseLargeBody: (() => void) | null;
  }
}

/**
 * The QuickBooks Web Connector endpoint (docs/web-connector-protocol.md#every-call-gets-an-envelope). Whatever arrives — malformed XML, an unknown
 * method, a body over the limit, a DTD — gets a valid SOAP envelope back and a log line: QBWC turns
 * anything else into an opaque QBWC1041–1045 on the user's screen. A large body is read only after its
 * ticket is found live, and parsed off the event loop (read-qbwc-body.ts, hostile input).
 */
export async function qbwcRoutes(app: FastifyInstance, options: QbwcRoutesOptions) {
  const largeBodies = createLargeBodyLimit(options.largeBodies);
  const soapParser = createSoapParser();
  app.addHook('onClose', async () => soapParser.close());
  app.decorateRequest('qbwcReleaseLargeBody', null);
  const release = async (request: FastifyRequest) => {
    request.qbwcReleaseLargeBody?.();
    request.qbwcReleaseLargeBody = null;
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
  readEveryBodyAsSoap(app, options, largeBodies, soapParser);
  answerErrorsWithFaults(app, options);
  describeEndpointRoute(app, buildWsdl(`${options.publicUrl}/qbwc`));
  callEndpointRoute(app, options);
}

/**
 * In this plugin's scope every content type is read by readQbwcBody: QBWC sends text/xml (SOAP 1.1),
 * others may send application/soap+xml (1.2); anything else still gets a SOAP fault, not a 415.
 */
function readEveryBodyAsSoap(
  app: FastifyInstance,
  options: QbwcRoutesOptions,
  largeBodies: ReturnType<typeof createLargeBodyLimit>,
  soapParser: ReturnType<typeof createSoapParser>,
) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request: FastifyRequest, payload: IncomingMessage) =>
    readQbwcBody(payload, {
      bodyLimit: options.bodyLimit,
      contentType: request.headers['content-type'],
      contentLength: request.headers['content-length'],
      source: request.ip,
      isLiveTicket: options.service.isLiveTicket,
      largeBodies,
      parser: soapParser,
      holdUntilResponse: (releaseSlot) => {
        // Also when the connection drops before an answer is sent (a client gone mid-body): the slot must not leak.
        const socket = request.raw.socket;
        socket?.once('close', releaseSlot);
        request.qbwcReleaseLargeBody = () => {
          socket?.off('close', releaseSlot);
          releaseSlot();
        };
      },
      onLargeBody: ({ method, declaredBytes }) => request.log.info({ qbwcMethod: method, declaredBytes }, 'QBWC large request from a live session: reading it'),
    }),
  );
}

/** A SOAP fault in the request's SOAP version, with the HTTP status that version gives it. */
function fault(
  request: FastifyRequest,
  reply: FastifyReply,
  faultCode: SoapFaultCode,
  reason: string,
  soapVersion?: SoapVersion,
  notUnderstood?: readonly QualifiedName[],
) {
  const version = soapVersion ?? soapVersionOf(request.headers['content-type']);
  return reply
    .status(soapFaultHttpStatus(faultCode, version)) // SOAP 1.1: always 500; SOAP 1.2: 400 for Sender faults
    .type(soapContentType(version))
    .send(serializeSoapFault({ faultCode, reason, soapVersion: version, ...(notUnderstood ? { notUnderstood } : {}) }));
}

/** Whatever goes wrong (a body over the limit, too many large bodies, a handler failure) is answered with a SOAP fault. */
function answerErrorsWithFaults(app: FastifyInstance, options: QbwcRoutesOptions) {
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      request.log.warn({ limit: options.bodyLimit }, 'QBWC request body over the limit');
      return fault(
        request,
        reply,
        'Client',
        `Request body is larger than the ${Math.round(options.bodyLimit / 1048576)} MB limit. Lower MaxReturned or use iterators.`,
      );
    }
    if (error.code === 'QBWC_TOO_MANY_LARGE_BODIES') {
      request.log.warn({ source: request.ip, limits: options.largeBodies }, 'QBWC large request refused: too many at once');
      // Server, not Client: nothing is wrong with the request; the Web Connector's next run sends it again.
      return fault(
        request,
        reply,
        'Server',
        'Too many large requests are being received at once (from this address or in all). The next scheduled run will send it again.',
      );
    }
    if (error.statusCode && error.statusCode < 500) {
      request.log.warn({ err: error }, 'QBWC request rejected');
      return fault(request, reply, 'Client', error.message);
    }
    request.log.error({ err: error }, 'QBWC handler failed');
    return fault(request, reply, 'Server', 'The connector could not process this call. It has been logged; the next scheduled run will retry.');
  });
}

/** GET /qbwc: the WSDL at ?wsdl, else a line saying what this endpoint is. */
function describeEndpointRoute(app: FastifyInstance, wsdl: string) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/qbwc', { schema: qbwcApi.describe }, async (request, reply) => {
    const query: Record<string, unknown> = request.query;
    if ('wsdl' in query || 'WSDL' in query) return reply.type('text/xml; charset=utf-8').send(wsdl);
    return reply
      .type('text/plain; charset=utf-8')
      .send('QuickBooks Web Connector endpoint. Add the .qwc file from the connector to the Web Connector; WSDL at ?wsdl.');
  });
}

/** POST /qbwc: one Web Connector call, answered by the QBWC service. */
function callEndpointRoute(app: FastifyInstance, options: QbwcRoutesOptions) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // The body is SOAP (XML), read by readQbwcBody above; only the answers are described (text).
  api.post('/qbwc', { schema: qbwcApi.call }, async (request, reply) => {
    const contentType = request.headers['content-type'];
    const body = (request.body as QbwcBody | undefined) ?? { kind: 'text', text: '' };
    const malformed = (error: SoapRequestError, bytes: number) => {
      request.log.warn({ faultCode: error.faultCode, reason: error.reason, method: error.method, bytes }, 'malformed QBWC request');
      return fault(request, reply, error.faultCode, error.reason, error.soapVersion, error.notUnderstood);
    };

    if (body.kind === 'refused') {
      // The answer the whole call would have had (create-qbwc-service.ts answerWithoutBody); the body was not read.
      const answer = await options.service.answerWithoutBody(body.method, body.soapVersion, body.ticket);
      request.log.warn({ qbwcMethod: body.method, bytesRead: body.headBytes }, 'QBWC request with no live session: answered before its body was read');
      return reply.type(soapContentType(body.soapVersion)).send(serializeSoapResponse(answer.method, answer.value as never, body.soapVersion));
    }
    if (body.kind === 'fault') return malformed(body.error, body.bytes);

    let call: QbwcCall;
    if (body.kind === 'call') call = body.call;
    else {
      try {
        call = parseSoapRequest(body.text, contentType, { limits: { maxChars: options.bodyLimit } });
      } catch (error) {
        if (error instanceof SoapRequestError) return malformed(error, body.text.length);
        throw error;
      }
    }
    // The caller's address limits sign-in failures and password hashing per source (hostile input, item 3).
    // A large body's qbXML answer was parsed on the worker that parsed the body (parse-soap-worker.ts).
    // Its text then stayed there too: the call carries its start, and responseChars its length.
    const parsedResponse = body.kind === 'call' ? body.parsedResponse : undefined;
    const responseChars = body.kind === 'call' ? body.responseChars : undefined;
    const answer = await options.service.handle(
      call,
      parsedResponse ? { source: request.ip, parsedResponse, ...(responseChars !== undefined ? { responseChars } : {}) } : { source: request.ip },
    );
    request.log.info({ qbwcMethod: answer.method, ...(answer.method === 'receiveResponseXML' ? { percent: answer.value } : {}) }, 'QBWC call');
    return reply.type(soapContentType(call.soapVersion)).send(serializeSoapResponse(answer.method, answer.value as never, call.soapVersion));
  });
}
