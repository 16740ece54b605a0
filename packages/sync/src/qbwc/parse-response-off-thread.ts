import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseResponseMessage, settleParsedResponse, type ParsedResponse, type QbxmlResponseMessage } from '@connector/qbxml';

/**
 * Parses qbXML responses without blocking the event loop for other companies' calls: small ones
 * inline, large ones (a 20 MB BillQuery page) on one long-lived worker thread. Requests queue on the
 * worker in order; a worker crash fails the pending parses and a fresh worker starts on demand.
 */
export function createResponseParser(offThreadBytes: number) {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (m: QbxmlResponseMessage) => void; reject: (e: Error) => void }>();

  function getWorker(): Worker {
    if (worker) return worker;
    // The worker beside this module: `.ts` from sources (tsx), `.js` from the production build (`pnpm build`),
    // whose extension rewriting covers import specifiers only, not this URL.
    const w = new Worker(new URL(`./parse-response-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));
    w.unref();
    w.on('message', ({ id, parsed }: { id: number; parsed: ParsedResponse }) => {
      const entry = pending.get(id);
      if (!entry) return;
      pending.delete(id);
      try {
        entry.resolve(settleParsedResponse(parsed));
      } catch (error) {
        entry.reject(error as Error);
      }
    });
    const failAll = (error: Error) => {
      worker = null;
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
    };
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`qbXML parser worker exited with code ${code}`)));
    worker = w;
    return w;
  }

  async function parse(xml: string): Promise<QbxmlResponseMessage> {
    if (!isAtLeastBytes(xml, offThreadBytes)) return parseResponseMessage(xml);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const w = getWorker();
      w.ref();
      w.postMessage({ id, xml });
    }).finally(() => {
      if (pending.size === 0) worker?.unref();
    }) as Promise<QbxmlResponseMessage>;
  }

  async function close() {
    const w = worker;
    worker = null;
    if (w) await w.terminate();
  }

  return { parse, close };
}

/**
 * Whether `text` is at least `bytes` long in UTF-8, without encoding it when its length already says so: every UTF-16
 * code unit is 1 to 3 bytes (a surrogate pair 4 for 2 units). Buffer.byteLength walked a 20 MB answer on the event
 * loop — tens of milliseconds — only to send it to the worker anyway (issue 19, event-loop delay).
 */
export function isAtLeastBytes(text: string, bytes: number): boolean {
  if (text.length >= bytes) return true;
  if (text.length * 3 < bytes) return false;
  return Buffer.byteLength(text) >= bytes;
}
