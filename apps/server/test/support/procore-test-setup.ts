import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { DatabaseKind } from '@connector/db/testing';
import { ProcoreSimulator, type ProcoreSimulatorOptions } from '@connector/procore-simulator';
import type { BuildAppOptions } from '../../src/app.ts';
import { startTestServer, type TestServer } from './start-test-server.ts';

export const TEST_CLIENT = { clientId: 'connector-test-client', clientSecret: `client-secret-${randomBytes(12).toString('hex')}` };

/** A free loopback port: PUBLIC_URL (webhook destination, OAuth redirect) must name the port we listen on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Every secret value that crossed the wire between the server and the Procore simulator (tokens, codes,
 * the webhook secret, the client secret), recorded by wrapping the server's fetch — so a test can prove
 * none of them reached the logs.
 */
export function recordingFetch() {
  const secrets = new Set<string>([TEST_CLIENT.clientSecret]);
  const wrapped: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init?.body === 'string' ? init.body : '';
    const headers = new Headers(init?.headers);
    const auth = headers.get('authorization');
    if (auth?.startsWith('Bearer ')) secrets.add(auth.slice(7));
    for (const match of body.matchAll(/"(?:code|refresh_token|token|Authorization)":"(?:Bearer )?([^"]+)"/g)) secrets.add(match[1]!);
    const response = await fetch(input, init);
    if (url.includes('/oauth/token')) {
      const copy = await response.clone().text();
      for (const match of copy.matchAll(/"(?:access_token|refresh_token)":"([^"]+)"/g)) secrets.add(match[1]!);
    }
    return response;
  };
  return { fetch: wrapped, secrets };
}

export interface ProcoreTestSetup extends TestServer {
  simulator: ProcoreSimulator;
  publicUrl: string;
  secrets: Set<string>;
  tokenKeys: string;
}

/** The Procore simulator plus the real server configured for it (as PROCORE_* environment variables would). */
export async function startProcoreTestSetup(
  kind: DatabaseKind,
  options: {
    simulator?: ProcoreSimulatorOptions;
    env?: Record<string, string>;
    app?: Pick<BuildAppOptions, 'clock' | 'demoMode' | 'qbwcClock' | 'qboFetch' | 'qboClientTuning'>;
  } = {},
): Promise<ProcoreTestSetup> {
  const simulator = new ProcoreSimulator({ seed: 7, clients: [{ ...TEST_CLIENT, serviceAccount: true }], ...options.simulator });
  const { url: simUrl } = await simulator.start({ port: 0, host: '127.0.0.1' });
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const tokenKeys = `k1:${randomBytes(32).toString('base64')}`;
  const recorder = recordingFetch();
  const server = await startTestServer(
    kind,
    {
      PUBLIC_URL: publicUrl,
      TOKEN_ENCRYPTION_KEYS: tokenKeys,
      PROCORE_CLIENT_ID: TEST_CLIENT.clientId,
      PROCORE_CLIENT_SECRET: TEST_CLIENT.clientSecret,
      PROCORE_LOGIN_URL: simUrl,
      PROCORE_API_URL: simUrl,
      ...options.env,
    },
    { procoreFetch: recorder.fetch, procoreClientTuning: { retryBaseDelayMs: 20, retryMaxDelayMs: 200 }, ...options.app },
  );
  await server.app.listen({ port, host: '127.0.0.1' });
  return {
    ...server,
    simulator,
    publicUrl,
    secrets: recorder.secrets,
    tokenKeys,
    async close() {
      simulator.webhooks.stopAutoDelivery();
      await server.close();
      await simulator.close();
    },
  };
}

/** Drives the connect popup as a browser would (signed in as an admin): our start route → Procore authorize → our callback page. */
export async function signInThroughPopup(setup: ProcoreTestSetup, companyId: string, options: { deny?: boolean; headers: Record<string, string> }) {
  const start = await fetch(`${setup.publicUrl}/api/companies/${companyId}/procore/connect`, { redirect: 'manual', headers: options.headers });
  const authorize = start.headers.get('location');
  if (start.status !== 302 || !authorize) throw new Error(`connect did not redirect: ${start.status} ${await start.text()}`);
  const atProcore = await fetch(options.deny ? `${authorize}&deny=1` : authorize, { redirect: 'manual' });
  const callbackUrl = atProcore.headers.get('location');
  if (atProcore.status !== 302 || !callbackUrl) throw new Error(`authorize did not redirect: ${atProcore.status} ${await atProcore.text()}`);
  const code = new URL(callbackUrl).searchParams.get('code');
  if (code) setup.secrets.add(code);
  const page = await fetch(callbackUrl);
  return { authorize, callbackUrl, status: page.status, html: await page.text(), headers: page.headers };
}
