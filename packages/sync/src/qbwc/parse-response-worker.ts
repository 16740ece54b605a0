import { parentPort } from 'node:worker_threads';
import { parseResponseToMessage } from '@connector/qbxml';
import { prepareReceivedResponse } from './prepare-received-response.ts';

// Worker side of parse-response-off-thread.ts; cost query pages leave it as the rows to store (prepare-received-response.ts).
parentPort!.on('message', ({ id, xml }: { id: number; xml: string }) => {
  parentPort!.postMessage({ id, parsed: prepareReceivedResponse(parseResponseToMessage(xml)) });
});
