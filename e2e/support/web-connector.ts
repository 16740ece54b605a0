import type { QuickBooksSimulator } from '@connector/qb-simulator';
import { runWebConnectorSession } from '@connector/qbwc-client';
import type { ProcoreTestSetup } from '../../apps/server/test/support/procore-test-setup.ts';

/** The Web Connector's username and the password set through the app (or the API). */
export interface QbwcCredentials {
  username: string;
  password: string;
}

/**
 * The Web Connector side's clock, as the server reads it: moved forward instead of the test sleeping until a dead
 * session may be taken over (the journeys' server runs with QBWC_SESSION_IDLE_SECONDS=1).
 */
export class QbwcClock {
  private skewMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.skewMs);
  advance(ms: number): void {
    this.skewMs += ms;
  }
}

/**
 * Web Connector sessions against the QuickBooks simulator (and the jobs they start) until there is nothing left to do,
 * at most `maxSessions` of them; after a session that did not complete, the clock moves on so the next may take over.
 */
export async function runWebConnectorUntilIdle(
  world: { setup: ProcoreTestSetup; quickbooks: QuickBooksSimulator; qbwcClock: QbwcClock },
  credentials: QbwcCredentials,
  { maxSessions }: { maxSessions: number },
): Promise<void> {
  const { setup, quickbooks, qbwcClock } = world;
  await setup.app.jobRunner.drain();
  for (let i = 0; i < maxSessions; i++) {
    const report = await runWebConnectorSession({ url: `${setup.publicUrl}/qbwc`, ...credentials, processor: quickbooks, noOpDelayMs: 10 });
    await setup.app.jobRunner.drain();
    if (report.outcome === 'no-work') return;
    if (report.outcome !== 'completed') qbwcClock.advance(2_000);
  }
}
