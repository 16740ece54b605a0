import { parentPort } from 'node:worker_threads';
import { parseResponseToMessage } from '@connector/qbxml';

// Worker side of parse-response-off-thread.ts.
parentPort!.on('message', ({ id, xml }: { id: number; xml: string }) => {
  parentPort!.postMessage({ id, parsed: parseResponseToMessage(xml) });
});
