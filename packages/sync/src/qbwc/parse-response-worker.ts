import { parentPort } from 'node:worker_threads';
import { parseResponseMessage, QbxmlParseError } from '@connector/qbxml';

// Worker side of parse-response-off-thread.ts.
parentPort!.on('message', ({ id, xml }: { id: number; xml: string }) => {
  try {
    parentPort!.postMessage({ id, ok: true, value: parseResponseMessage(xml) });
  } catch (error) {
    parentPort!.postMessage({ id, ok: false, parseError: error instanceof QbxmlParseError, message: (error as Error).message });
  }
});
