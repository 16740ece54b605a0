import type { DatabaseKind } from '@connector/db/testing';
import type { BuildAppOptions } from '../../src/app.ts';
import { startTestServer, type TestServer } from './start-test-server.ts';

/** The real server listening on a loopback port, for clients that speak HTTP (the Web Connector client). */
export async function listenTestServer(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  appOptions: Omit<BuildAppOptions, 'config' | 'db' | 'logger'> = {},
): Promise<TestServer & { url: string }> {
  // Pick the port first: PUBLIC_URL (the .qwc AppURL) must name it. QBWC accepts http only for "localhost".
  const probe = await startTestServer(kind, env, appOptions);
  await probe.app.listen({ port: 0, host: '127.0.0.1' });
  const address = probe.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...probe, url: `http://localhost:${port}/qbwc` };
}
