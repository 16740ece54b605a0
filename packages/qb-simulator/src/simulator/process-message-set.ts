import { checkFieldLengths } from '../handlers/check-field-lengths.ts';
import type { RequestContext } from '../handlers/request-context.ts';
import { StatusError, buildResponse } from '../handlers/request-context.ts';
import { REQUEST_HANDLERS } from '../handlers/request-handlers.ts';
import type { QbStatus } from '../status/status-codes.ts';
import { STATUS } from '../status/status-codes.ts';
import { messageSetMembers } from '../xsd/build-reduced-schema.ts';
import type { XsdChunks } from '../xsd/load-xsd-chunks.ts';
import type { XmlNode } from '../xml/xml-node.ts';

/** Intuit status table 1060: requestID longer than 50 characters. */
function invalidRequestId(id: string): QbStatus {
  return { code: 1060, severity: 'Error', message: `The request ID "${id}" is invalid, possibly too long, max 50 chars.` };
}

function internalError(err: unknown): QbStatus {
  return {
    code: 1000,
    severity: 'Error',
    message: `There has been an internal error when processing the request. (${err instanceof Error ? err.message : String(err)})`,
  };
}

/** Answers one request element; never throws for request-level problems. */
export function answerRequest(ctx: RequestContext, chunks: XsdChunks, setName: string, rq: XmlNode): XmlNode {
  try {
    const id = rq.attrs.requestID;
    if (id !== undefined && id.length > 50) return buildResponse(rq, invalidRequestId(id));
    const handler = setName === 'QBXMLMsgsRq' ? REQUEST_HANDLERS.get(rq.name) : undefined;
    if (!handler) return buildResponse(rq, STATUS.unsupported());
    const type = messageSetMembers(chunks, setName).get(rq.name);
    if (type) checkFieldLengths(rq, ctx.schema.complexType(type));
    return handler(ctx, rq);
  } catch (err) {
    if (err instanceof StatusError) return buildResponse(rq, err.status);
    return buildResponse(rq, internalError(err));
  }
}

/**
 * The requests of one message set, in order. onError (Intuit "Session and connection object
 * attributes"): stopOnError stops at the first request whose status is an error (severity Error)
 * — requests already processed are not rolled back, and later requests get no response at all;
 * continueOnError answers every request. QuickBooks Desktop does not support rollbackOnError,
 * so the simulator treats it like stopOnError. responseData="includeNone" keeps statuses only.
 */
export function processMessageSet(ctx: RequestContext, chunks: XsdChunks, set: XmlNode): XmlNode[] {
  const setName = set.name;
  const stop = set.attrs.onError === 'stopOnError' || set.attrs.onError === 'rollbackOnError';
  const includeNone = set.attrs.responseData === 'includeNone';
  const out: XmlNode[] = [];
  for (const rq of set.children) {
    const rs = answerRequest(ctx, chunks, setName, rq);
    if (includeNone) rs.children = [];
    out.push(rs);
    if (stop && rs.attrs.statusSeverity === 'Error') break;
  }
  return out;
}
