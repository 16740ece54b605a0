// Shared set-up for session tests: a fake QBWC service, a fake QuickBooks, and a session runner bound to both.

import { afterEach } from 'vitest';
import { runWebConnectorSession } from '../run-web-connector-session.ts';
import type { SessionOptions, SessionReport } from '../types.ts';
import { FakeQbwcServer, type FakeServerOptions } from './fake-qbwc-server.ts';
import { FakeQuickBooksProcessor } from './fake-quickbooks-processor.ts';

const servers: FakeQbwcServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

export interface SessionFixture {
  server: FakeQbwcServer;
  processor: FakeQuickBooksProcessor;
  run: (options?: Partial<SessionOptions>) => Promise<SessionReport>;
}

export async function startFixture(options: FakeServerOptions = {}): Promise<SessionFixture> {
  const server = new FakeQbwcServer(options);
  servers.push(server);
  const url = await server.start();
  const processor = new FakeQuickBooksProcessor();
  const run = (overrides: Partial<SessionOptions> = {}): Promise<SessionReport> =>
    runWebConnectorSession({
      url,
      username: options.user ?? 'qbuser',
      password: options.password ?? 'secret',
      processor,
      noOpDelayMs: 20,
      ...overrides,
    });
  return { server, processor, run };
}
