import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';
import { runSimulatorCli } from './run-simulator-cli.ts';

describe('qbo-sim command line', () => {
  it('reads the options, with defaults', () => {
    expect(parseCliArgs([])).toMatchObject({
      port: 4200,
      seed: 42,
      realmIds: [],
      webhookFormat: 'cloudevents',
      minorVersionPolicy: 'reject',
      retryAfter: true,
    });
    expect(
      parseCliArgs(['--', '--port', '0', '--realm', '123', '--realm', '456', '--webhook-format', 'classic', '--no-retry-after', '--minor-version', 'intuit']),
    ).toMatchObject({ port: 0, realmIds: ['123', '456'], webhookFormat: 'classic', retryAfter: false, minorVersionPolicy: 'intuit' });
    expect(() => parseCliArgs(['--realm', 'abc'])).toThrow(UsageError);
    expect(() => parseCliArgs(['--port'])).toThrow(UsageError);
    expect(() => parseCliArgs(['--bogus'])).toThrow(UsageError);
  });

  it('starts the simulator and prints the URLs, the credentials and the seeded company', async () => {
    let out = '';
    const sim = await runSimulatorCli(['--port', '0', '--realm', '1234567890', '--client-id', 'cid', '--client-secret', 'csecret'], {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => {} },
    });
    try {
      expect(sim).not.toBeNull();
      expect(out).toContain(`${sim!.url}/oauth2/v1/tokens/bearer`);
      expect(out).toContain('client_id cid  client_secret csecret');
      expect(out).toMatch(/realm 1234567890: 12 vendors, 4 customers with 8 jobs, 12 service items/);
      // The printed credentials work against the printed token endpoint.
      const code = sim!.oauth.issueCode('cid', '1234567890', 'https://x.example/cb');
      const response = await fetch(sim!.endpoints.tokenUrl, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('cid:csecret').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'https://x.example/cb' }).toString(),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    } finally {
      await sim?.close();
    }
  });
});
