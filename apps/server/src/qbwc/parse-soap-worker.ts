import { parentPort } from 'node:worker_threads';
import { parseSoapRequest, SoapRequestError, type QbwcCall, type XmlLimits } from '@connector/qbwc';
import { parseResponseToMessage, type ParsedResponse } from '@connector/qbxml';
import { prepareReceivedResponse, RESPONSE_EXCERPT_CHARS } from '@connector/sync/prepare-received-response';

// Worker side of parse-soap-off-thread.ts: UTF-8 decoding, the limits scan, validation, parsing and the
// XML-text decoding of a large SOAP body, and the qbXML answer inside a receiveResponseXML, all off the event loop.
const decoder = new TextDecoder('utf-8');
parentPort!.on(
  'message',
  ({ id, bytes, contentType, limits }: { id: number; bytes: ArrayBuffer; contentType: string | undefined; limits: Partial<XmlLimits> }) => {
    try {
      // Non-fatal decoding, as Buffer#toString('utf8') did for the small-body path: a bad byte becomes U+FFFD.
      const text = decoder.decode(new Uint8Array(bytes));
      const call = parseSoapRequest(text, contentType, { limits });
      const parsedResponse = parseQbxmlOf(call);
      if (parsedResponse && call.method === 'receiveResponseXML') {
        // The answer's text stays here (issue 19): once parsed, receiveResponseXML reads only its start (the excerpt
        // a mismatching answer's audit entry keeps) and its length. Copying it back cost the event loop ~80 ms for
        // 20 MB of text, one block in which nothing else was answered.
        const { response } = call.params;
        const kept = { ...call, params: { ...call.params, response: response.slice(0, RESPONSE_EXCERPT_CHARS) } };
        parentPort!.postMessage({ id, ok: true, call: kept, parsedResponse, responseChars: response.length });
      } else {
        parentPort!.postMessage({ id, ok: true, call, parsedResponse });
      }
    } catch (error) {
      if (error instanceof SoapRequestError) {
        const { faultCode, reason, method, soapVersion, notUnderstood } = error;
        parentPort!.postMessage({
          id,
          ok: false,
          soapError: { faultCode, reason, soapVersion, ...(method !== undefined ? { method } : {}), ...(notUnderstood ? { notUnderstood } : {}) },
        });
      } else {
        parentPort!.postMessage({ id, ok: false, message: (error as Error).message });
      }
    }
  },
);

/**
 * The qbXML inside a receiveResponseXML, parsed here where it was just decoded (issue 19): sending the text on to
 * the qbXML parser's own worker copied megabytes on the event loop and parsed on a second thread. Only when
 * receiveResponseXml would parse it (no HRESULT, a non-blank response); otherwise undefined.
 */
function parseQbxmlOf(call: QbwcCall): ParsedResponse | undefined {
  if (call.method !== 'receiveResponseXML' || call.params.hresult.trim() || !call.params.response.trim()) return undefined;
  // Cost query pages leave as the rows to store, their records staying here (issue 19; prepare-received-response.ts).
  return prepareReceivedResponse(parseResponseToMessage(call.params.response));
}
