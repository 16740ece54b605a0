// A started simulator on a fake clock, and a packages/qbo client wired to it the way the sync layer will be:
// tokens held in one place, refresh through Intuit's token endpoint storing the new pair at once.

import { createQboClient, refreshTokens, type QboClientOptions } from '../../../qbo/src/index.ts';
import { QboSimulator, type QboSimulatorOptions } from '../qbo-simulator.ts';

export interface TestSimulator {
  sim: QboSimulator;
  clock: { now: number; sleeps: number[] };
  tokens: { accessToken: string; refreshToken: string };
  client(options?: Partial<QboClientOptions>): ReturnType<typeof createQboClient>;
  close(): Promise<void>;
}

export const START_MS = Date.parse('2026-12-07T12:00:00Z');

export async function startTestSimulator(options: QboSimulatorOptions = {}): Promise<TestSimulator> {
  const clock = { now: START_MS, sleeps: [] as number[] };
  const sim = new QboSimulator({ now: () => clock.now, ...options });
  await sim.start();
  const first = sim.issueTokens();
  const tokens = { accessToken: first.access_token, refreshToken: first.refresh_token };
  const { clientId, clientSecret } = sim.oauth.defaultClient;
  return {
    sim,
    clock,
    tokens,
    client: (overrides = {}) =>
      createQboClient({
        apiBaseUrl: sim.url,
        realmId: sim.realmId,
        getAccessToken: () => Promise.resolve(tokens.accessToken),
        refreshAccessToken: async () => {
          const set = await refreshTokens({
            clientId,
            clientSecret,
            refreshToken: tokens.refreshToken,
            tokenUrl: sim.endpoints.tokenUrl,
            now: () => clock.now,
          });
          tokens.accessToken = set.accessToken;
          tokens.refreshToken = set.refreshToken;
          return set.accessToken;
        },
        // The fake clock moves when the client waits: no real sleeps in tests.
        sleep: (ms: number) => {
          clock.sleeps.push(ms);
          clock.now += ms;
          return Promise.resolve();
        },
        now: () => clock.now,
        random: () => 0.5,
        ...overrides,
      }),
    close: () => sim.close(),
  };
}
