import type { Readable } from 'node:stream';
import { QBWC_METHODS, readSoapHead, SoapRequestError, type QbwcCall, type QbwcMethod, type SoapVersion } from '@connector/qbwc';
import type { ParsedResponse } from '@connector/qbxml';
import type { LargeBodyLimit } from './limit-large-bodies.ts';
import type { SoapParser } from './parse-soap-off-thread.ts';

/**
 * A body up to this size is read whole and parsed on the event loop (every QBWC call but a large
 * receiveResponseXML, and that one when QuickBooks' answer is small). Past it, the envelope's start — up to
 * and including <ticket>, which the WSDL's xs:sequence puts before <response> — must be within these bytes.
 */
export const HEAD_BYTES = 64 * 1024;

export type QbwcBody =
  /** Small: the whole body as text, parsed by the route. */
  | { kind: 'text'; text: string }
  /** Large, and its ticket has no live session: the rest is discarded unread. */
  | { kind: 'refused'; method: QbwcMethod; soapVersion: SoapVersion; ticket: string; headBytes: number }
  /** Large, from a live session: read in full and parsed off the event loop. */
  | { kind: 'call'; call: QbwcCall; parsedResponse?: ParsedResponse; responseChars?: number; bytes: number }
  | { kind: 'fault'; error: SoapRequestError; bytes: number };

export interface ReadQbwcBodyOptions {
  bodyLimit: number;
  contentType: string | undefined;
  contentLength: string | undefined;
  /** The client's address, for the per-source limit. */
  source: string;
  isLiveTicket(ticket: string): Promise<boolean>;
  largeBodies: LargeBodyLimit;
  parser: SoapParser;
  /** Receives the large-body slot's release; the route calls it when the response is done. */
  holdUntilResponse(release: () => void): void;
  /** Told when a live session's large body starts to be read (the route logs it). */
  onLargeBody?(info: { method: QbwcMethod; declaredBytes: number | null }): void;
}

/** The body is over QBWC_BODY_LIMIT_MB; the same code as Fastify's own limit, so one handler words it. */
export class BodyTooLargeError extends Error {
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';
  readonly statusCode = 413;
}

/** A per-source or total limit on large bodies is reached (limit-large-bodies.ts). */
export class TooManyLargeBodiesError extends Error {
  readonly code = 'QBWC_TOO_MANY_LARGE_BODIES';
  readonly statusCode = 503;
}

/**
 * Reads a /qbwc request body so that nothing expensive happens before the caller is known (hostile input):
 * a small body is read whole; a large one is read only up to its ticket, the ticket is checked against the
 * database (its SHA-256), and a ticket without a live session is answered at once while the rest of the body
 * is discarded as it arrives, never buffered. A live session's large body is read under the large-body
 * limits into one buffer and parsed on a worker thread.
 */
export async function readQbwcBody(stream: Readable, options: ReadQbwcBodyOptions): Promise<QbwcBody> {
  const { bodyLimit } = options;
  const declared = options.contentLength === undefined ? undefined : Number(options.contentLength);
  if (declared !== undefined && Number.isFinite(declared) && declared > bodyLimit) {
    discardRest(stream, 0, bodyLimit);
    throw new BodyTooLargeError('Request body is larger than the limit');
  }

  const head: Buffer[] = [];
  let received = 0;
  for (;;) {
    const chunk = await nextChunk(stream);
    if (chunk === null) return { kind: 'text', text: Buffer.concat(head).toString('utf8') };
    head.push(chunk);
    received += chunk.length;
    if (received > bodyLimit) {
      discardRest(stream, received, bodyLimit);
      throw new BodyTooLargeError('Request body is larger than the limit');
    }
    if (received > HEAD_BYTES) break;
  }

  // Large. Cut at HEAD_BYTES; the decoder's replacement of a split UTF-8 sequence at the cut is harmless
  // because readSoapHead needs only what comes before <ticket> ends, which is ASCII markup in practice.
  const headText = Buffer.concat(head).subarray(0, HEAD_BYTES).toString('utf8');
  const found = readSoapHead(headText, options.contentType);
  const refuse = (reason: string, soapVersion?: SoapVersion, method?: string): QbwcBody => {
    discardRest(stream, received, bodyLimit);
    return {
      kind: 'fault',
      error: new SoapRequestError({ faultCode: 'Client', reason, ...(soapVersion ? { soapVersion } : {}), ...(method ? { method } : {}) }),
      bytes: received,
    };
  };
  if (found.kind === 'fault') {
    discardRest(stream, received, bodyLimit);
    return { kind: 'fault', error: found.error, bytes: received };
  }
  if (found.kind === 'incomplete') {
    return refuse(`a request over ${HEAD_BYTES / 1024} KB must name its method and <ticket> within its first ${HEAD_BYTES / 1024} KB`);
  }
  if (!found.known) return refuse(`unknown method '${found.method}'`, found.soapVersion, found.method);
  const method = found.method as QbwcMethod;
  if (found.ticket === null) {
    return refuse(
      QBWC_METHODS[method].ticketParam === 'ticket'
        ? `${method} over ${HEAD_BYTES / 1024} KB must carry <ticket> first, as the WSDL's sequence orders it`
        : `${method} over ${HEAD_BYTES / 1024} KB is refused: only an answer from QuickBooks (receiveResponseXML) can be this large`,
      found.soapVersion,
      method,
    );
  }

  // The stream is paused (nothing reads it) while the database answers.
  if (!(await options.isLiveTicket(found.ticket))) {
    discardRest(stream, received, bodyLimit);
    return { kind: 'refused', method, soapVersion: found.soapVersion, ticket: found.ticket, headBytes: received };
  }

  const release = options.largeBodies.tryAcquire(options.source);
  if (!release) {
    discardRest(stream, received, bodyLimit);
    throw new TooManyLargeBodiesError('Too many large requests at once');
  }
  options.holdUntilResponse(release);
  options.onLargeBody?.({ method, declaredBytes: declared !== undefined && Number.isFinite(declared) ? declared : null });

  // One buffer of the body's own (transferable to the worker without a copy); sized up front when the
  // length is declared, so the body is held once, not as chunks plus a concatenation.
  let whole: Buffer;
  if (declared !== undefined && Number.isFinite(declared) && declared >= received) {
    whole = Buffer.allocUnsafeSlow(declared);
    let at = 0;
    for (const chunk of head) at += chunk.copy(whole, at);
    head.length = 0;
    for (;;) {
      const chunk = await nextChunk(stream);
      if (chunk === null) break;
      if (at + chunk.length > declared) throw new BodyTooLargeError('Request body is longer than its Content-Length');
      at += chunk.copy(whole, at);
    }
    whole = whole.subarray(0, at);
    received = at;
  } else {
    for (;;) {
      const chunk = await nextChunk(stream);
      if (chunk === null) break;
      head.push(chunk);
      received += chunk.length;
      if (received > bodyLimit) {
        discardRest(stream, received, bodyLimit);
        throw new BodyTooLargeError('Request body is larger than the limit');
      }
    }
    whole = Buffer.allocUnsafeSlow(received);
    let at = 0;
    for (const chunk of head) at += chunk.copy(whole, at);
    head.length = 0;
  }

  try {
    // maxChars = the body limit: bytes ≥ UTF-16 code units, so the parser never refuses what the body limit let in.
    const { call, parsedResponse, responseChars } = await options.parser.parse(whole, options.contentType, { maxChars: bodyLimit });
    return parsedResponse
      ? { kind: 'call', call, parsedResponse, ...(responseChars !== undefined ? { responseChars } : {}), bytes: received }
      : { kind: 'call', call, bytes: received };
  } catch (error) {
    if (error instanceof SoapRequestError) return { kind: 'fault', error, bytes: received };
    throw error;
  }
}

/** The next chunk of a paused stream, or null at its end. */
async function nextChunk(stream: Readable): Promise<Buffer | null> {
  for (;;) {
    const chunk = stream.read() as Buffer | string | null;
    if (chunk !== null) return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (stream.readableEnded) return null;
    if (stream.destroyed) throw new Error('the request was aborted');
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        stream.off('readable', onReadable);
        stream.off('end', onEnd);
        stream.off('error', onError);
        stream.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onReadable = () => done();
      const onEnd = () => done();
      const onError = (error: Error) => done(error);
      const onClose = () => done(stream.readableEnded ? undefined : new Error('the request was aborted'));
      stream.on('readable', onReadable);
      stream.on('end', onEnd);
      stream.on('error', onError);
      stream.on('close', onClose);
    });
  }
}

/**
 * Lets the rest of a body arrive and drops it, without keeping any of it, so the answer can be read by
 * the client and the connection stays usable; a body that goes on past the limit is cut off (the socket
 * is closed).
 */
function discardRest(stream: Readable, alreadyRead: number, limit: number) {
  let seen = alreadyRead;
  stream.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit) stream.destroy();
  });
  stream.on('error', () => {});
  stream.resume();
}
