import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildWsdl, parseSoapRequest, serializeSoapFault, serializeSoapResponse, soapContentType, soapFaultHttpStatus, SoapRequestError, type QualifiedName, type SoapFaultCode, type SoapVersion } from '@connector/qbwc';
import type { QbwcService } from '@connector/sync';

export interface QbwcRoutesOptions {
  service: QbwcService;
  publicUrl: string;
  bodyLimit: number;
}

function soapVersionOf(contentType: string | undefined): SoapVersion {
  return contentType?.toLowerCase().includes('application/soap+xml') ? '1.2' : '1.1';
}

/**
 * The QuickBooks Web Connector endpoint (DESIGN.md §4). Whatever arrives — malformed XML, an unknown
 * method, a body over the limit, a DTD — gets a valid SOAP envelope back and a log line: QBWC turns
 * anything else into an opaque QBWC1041–1045 on the user's screen.
 */
export async function qbwcRoutes(app: FastifyInstance, options: QbwcRoutesOptions) {
  // In this plugin's scope every content type is read as a string: QBWC sends text/xml (SOAP 1.1),
  // others may send application/soap+xml (1.2); anything else still gets a SOAP fault, not a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: options.bodyLimit }, (_request, body, done) => done(null, body));

  const wsdl = buildWsdl(`${options.publicUrl}/qbwc`);

  const fault = (request: FastifyRequest, reply: FastifyReply, faultCode: SoapFaultCode, reason: string, soapVersion?: SoapVersion, notUnderstood?: readonly QualifiedName[]) => {
    const version = soapVersion ?? soapVersionOf(request.headers['content-type']);
    return reply
      .status(soapFaultHttpStatus(faultCode, version)) // SOAP 1.1: always 500; SOAP 1.2: 400 for Sender faults
      .type(soapContentType(version))
      .send(serializeSoapFault({ faultCode, reason, soapVersion: version, ...(notUnderstood ? { notUnderstood } : {}) }));
  };

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      request.log.warn({ limit: options.bodyLimit }, 'QBWC request body over the limit');
      return fault(request, reply, 'Client', `Request body is larger than the ${Math.round(options.bodyLimit / 1048576)} MB limit. Lower MaxReturned or use iterators.`);
    }
    if (error.statusCode && error.statusCode < 500) {
      request.log.warn({ err: error }, 'QBWC request rejected');
      return fault(request, reply, 'Client', error.message);
    }
    request.log.error({ err: error }, 'QBWC handler failed');
    return fault(request, reply, 'Server', 'The connector could not process this call. It has been logged; the next scheduled run will retry.');
  });

  app.get('/qbwc', { schema: { querystring: { type: 'object', additionalProperties: true } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if ('wsdl' in query || 'WSDL' in query) return reply.type('text/xml; charset=utf-8').send(wsdl);
    return reply.type('text/plain; charset=utf-8').send('QuickBooks Web Connector endpoint. Add the .qwc file from the connector to the Web Connector; WSDL at ?wsdl.');
  });

  app.post('/qbwc', async (request, reply) => {
    const body = typeof request.body === 'string' ? request.body : '';
    const contentType = request.headers['content-type'];
    let call: ReturnType<typeof parseSoapRequest>;
    try {
      call = parseSoapRequest(body, contentType);
    } catch (error) {
      if (error instanceof SoapRequestError) {
        request.log.warn({ faultCode: error.faultCode, reason: error.reason, method: error.method, bytes: body.length }, 'malformed QBWC request');
        return fault(request, reply, error.faultCode, error.reason, error.soapVersion, error.notUnderstood);
      }
      throw error;
    }
    // The caller's address limits sign-in failures and password hashing per source (issue 16).
    const answer = await options.service.handle(call, { source: request.ip });
    request.log.info({ qbwcMethod: answer.method, ...(answer.method === 'receiveResponseXML' ? { percent: answer.value } : {}) }, 'QBWC call');
    return reply
      .type(soapContentType(call.soapVersion))
      .send(serializeSoapResponse(answer.method, answer.value as never, call.soapVersion));
  });
}
