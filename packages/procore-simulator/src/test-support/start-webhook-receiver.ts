import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookPayload } from '../webhooks/webhook-dispatcher.ts';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: WebhookPayload;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status for the n-th request (0-based); 'hang' never answers. Default 200. */
  respond: (n: number) => number | 'hang';
  close(): Promise<void>;
}

/** A stand-in for the connector's webhook endpoint. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const receiver: WebhookReceiver = { url: '', received, respond: () => 200, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = received.length;
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookPayload });
      const status = receiver.respond(n);
      if (status === 'hang') return;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/procore`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}
