import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { SessionReport } from '@connector/qbwc-client';

/** Web Connector sessions, each followed by the server's jobs (the push to Procore), until one finds no work. */
export async function runSessionsUntilIdle(app: FastifyInstance, session: () => Promise<SessionReport>, max = 4): Promise<void> {
  for (let i = 0; i < max; i++) {
    const report = await session();
    expect(['completed', 'no-work'], report.lastError ?? report.statusLine).toContain(report.outcome);
    await app.jobRunner.drain();
    if (report.outcome === 'no-work') return;
  }
  throw new Error(`the Web Connector still had work after ${max} sessions`);
}

/**
 * What the Refresh Jobs / Refresh Vendors / Update Job Costs buttons do (POST /imports/refresh per kind, 202),
 * then the Web Connector runs until the reads and pushes are done. Returns each refresh's answer.
 */
export async function refreshFromQuickBooks(
  options: { app: FastifyInstance; companyId: string; headers: Record<string, string>; session: () => Promise<SessionReport> },
  ...kinds: string[]
): Promise<Array<{ kind: string; outcome: string; queuedAt: string }>> {
  const answers = [];
  for (const kind of kinds) {
    const queued = await options.app.inject({
      method: 'POST',
      url: `/api/companies/${options.companyId}/imports/refresh`,
      headers: options.headers,
      payload: { kind },
    });
    expect(queued.statusCode, queued.body).toBe(202);
    answers.push(queued.json());
  }
  await runSessionsUntilIdle(options.app, options.session);
  return answers;
}
