import { parentPort } from 'node:worker_threads';
import { parseSoapRequest, SoapRequestError, type XmlLimits } from '@connector/qbwc';

// Worker side of parse-soap-off-thread.ts: UTF-8 decoding, the limits scan, validation, parsing and the
// XML-text decoding of a large SOAP body, all off the event loop.
const decoder = new TextDecoder('utf-8');
parentPort!.on(
  'message',
  ({ id, bytes, contentType, limits }: { id: number; bytes: ArrayBuffer; contentType: string | undefined; limits: Partial<XmlLimits> }) => {
    try {
      // Non-fatal decoding, as Buffer#toString('utf8') did for the small-body path: a bad byte becomes U+FFFD.
      const text = decoder.decode(new Uint8Array(bytes));
      parentPort!.postMessage({ id, ok: true, call: parseSoapRequest(text, contentType, { limits }) });
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
