import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SoapRequestError, type QbwcCall, type XmlLimits } from '@connector/qbwc';
import type { ParsedResponse } from '@connector/qbxml';

/** A parsed SOAP call and, for a receiveResponseXML, its qbXML answer parsed on the same worker. */
export interface ParsedSoapCall {
  call: QbwcCall;
  parsedResponse?: ParsedResponse;
  /**
   * With parsedResponse: the answer's text stayed on the worker; call.params.response is its first
   * RESPONSE_EXCERPT_CHARS (packages/sync prepare-received-response.ts) and this is its length.
   */
  responseChars?: number;
}

type WorkerAnswer =
  | { id: number; ok: true; call: QbwcCall; parsedResponse?: ParsedResponse; responseChars?: number }
  | { id: number; ok: false; soapError: ConstructorParameters<typeof SoapRequestError>[0] }
  | { id: number; ok: false; message: string };

/**
 * Parses large SOAP bodies on one long-lived worker thread (hostile input): the bytes are handed over without
 * a copy (transferred), and the worker does everything that costs time in proportion to the size — UTF-8
 * decoding, the limits scan, validation, parsing and decoding the escaped qbXML — so other companies' calls
 * and /healthz are answered meanwhile. Bodies queue on the worker in order, which also bounds the memory
 * parsing takes to one body at a time. A worker crash fails the pending parses; a new one starts on demand.
 * The qbXML answer inside a receiveResponseXML is parsed there too (parsedResponse); packages/sync
 * parse-response-off-thread.ts parses the answers of small bodies, read on the event loop.
 */
export function createSoapParser() {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (parsed: ParsedSoapCall) => void; reject: (error: Error) => void }>();

  function getWorker(): Worker {
    if (worker) return worker;
    // The worker beside this module: `.ts` from sources (tsx), `.js` from the production build (`pnpm build`),
    // whose extension rewriting covers import specifiers only, not this URL.
    const w = new Worker(new URL(`./parse-soap-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));
    w.unref();
    w.on('message', (answer: WorkerAnswer) => {
      const entry = pending.get(answer.id);
      if (!entry) return;
      pending.delete(answer.id);
      if (answer.ok) {
        const { call, parsedResponse, responseChars } = answer;
        entry.resolve(parsedResponse ? { call, parsedResponse, ...(responseChars !== undefined ? { responseChars } : {}) } : { call });
      } else if ('soapError' in answer) entry.reject(new SoapRequestError(answer.soapError));
      else entry.reject(new Error(answer.message));
      if (pending.size === 0) worker?.unref();
    });
    const failAll = (error: Error) => {
      if (worker === w) worker = null;
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
    };
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`SOAP parser worker exited with code ${code}`)));
    worker = w;
    return w;
  }

  /** `bytes` is transferred: the caller must not use it afterwards. */
  function parse(bytes: Uint8Array, contentType: string | undefined, limits: Partial<XmlLimits>): Promise<ParsedSoapCall> {
    // Transfer needs the whole ArrayBuffer to be this body's; copy once if it is a view into a larger one. Not with
    // bytes.slice(): on a Buffer that is a view of the same memory (Buffer#slice = subarray), and a small Buffer's is
    // Node's shared pool, which cannot be transferred (DataCloneError).
    const owned =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
        ? bytes.buffer
        : new Uint8Array(bytes).buffer;
    const id = nextId++;
    return new Promise<ParsedSoapCall>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const w = getWorker();
      w.ref();
      w.postMessage({ id, bytes: owned, contentType, limits }, [owned]);
    });
  }

  async function close() {
    const w = worker;
    worker = null;
    if (w) await w.terminate();
  }

  return { parse, close };
}

export type SoapParser = ReturnType<typeof createSoapParser>;
