import { afterEach, describe, expect, it } from 'vitest';
import { startTestSimulator, type TestSimulator } from '../test-support/start-test-simulator.ts';

let t: TestSimulator;
afterEach(async () => {
  await t?.sim.close();
});

describe('rate limits per (app, company)', () => {
  it('the 10-second window: 429 with X-Rate-Limit-* once full, open again when the clock passes Reset', async () => {
    t = await startTestSimulator({
      rateLimits: { hourly: 1000, tenSecond: 5 },
      clients: [
        { clientId: 'demo-client', clientSecret: 'demo-secret' },
        { clientId: 'second', clientSecret: 's' },
      ],
    });
    const path = `/rest/v1.0/companies/${t.companyId}/vendors?per_page=1`;
    const start = t.clock.ms;
    for (let i = 1; i <= 5; i++) {
      const res = await t.api(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit-limit')).toBe('5');
      expect(res.headers.get('x-rate-limit-remaining')).toBe(String(5 - i));
      expect(res.headers.get('x-rate-limit-reset')).toBe(String(Math.ceil((start + 10_000) / 1000)));
    }
    const limited = await t.api(path);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ errors: 'Rate limit exceeded' });
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(limited.headers.get('x-rate-limit-reset')).toBe(String(Math.ceil((start + 10_000) / 1000)));

    // Another app has its own budget; so has the same app on /me (no company).
    const otherApp = t.sim.issueTokens({ clientId: 'second' }).access_token;
    expect((await t.api(path, { token: otherApp })).status).toBe(200);

    t.clock.advance(9_999);
    expect((await t.api(path)).status).toBe(429);
    t.clock.advance(1);
    const reopened = await t.api(path);
    expect(reopened.status).toBe(200);
    expect(reopened.headers.get('x-rate-limit-remaining')).toBe('4');
    const stats = t.sim.stats();
    expect(stats.rateLimited).toBe(2);
    expect(stats.peakRequestsPer10s).toBe(8);
  }, 20_000);

  it('the hourly window reports itself when it is the tighter one', async () => {
    t = await startTestSimulator({ rateLimits: { hourly: 3, tenSecond: 100 } });
    const start = t.clock.ms;
    for (let i = 0; i < 3; i++) {
      const res = await t.api('/rest/v1.0/me', { companyId: null });
      expect(res.headers.get('x-rate-limit-limit')).toBe('3');
      t.clock.advance(20_000);
    }
    const limited = await t.api('/rest/v1.0/me', { companyId: null });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-reset')).toBe(String(Math.ceil((start + 3_600_000) / 1000)));
    t.clock.ms = start + 3_600_000;
    expect((await t.api('/rest/v1.0/me', { companyId: null })).status).toBe(200);
  });
});
