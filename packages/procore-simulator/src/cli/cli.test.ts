import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('parseCliArgs', () => {
  it('reads every option (pnpm\'s "--" ignored) and has documented defaults', () => {
    expect(parseCliArgs([])).toMatchObject({
      port: 4100,
      host: '127.0.0.1',
      seed: 42,
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      redirectUris: [],
      hourlyLimit: 3600,
      tenSecondLimit: 100,
    });
    expect(
      parseCliArgs([
        '--',
        '--port',
        '0',
        '--seed=7',
        '--client-id',
        'X',
        '--client-secret',
        'Y',
        '--redirect-uri',
        'http://a/cb',
        '--redirect-uri',
        'http://b/cb',
        '--hourly-limit',
        '50',
        '--ten-second-limit',
        '5',
        '--vendors',
        '10000',
        '--projects',
        '2',
        '--cost-codes',
        '12',
        '--webhook-interval-ms',
        '250',
      ]),
    ).toMatchObject({
      port: 0,
      seed: 7,
      clientId: 'X',
      clientSecret: 'Y',
      redirectUris: ['http://a/cb', 'http://b/cb'],
      hourlyLimit: 50,
      tenSecondLimit: 5,
      vendors: 10000,
      projects: 2,
      costCodes: 12,
      webhookIntervalMs: 250,
    });
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(UsageError);
    expect(() => parseCliArgs(['--bogus'])).toThrow(UsageError);
    expect(() => parseCliArgs(['--seed'])).toThrow(UsageError);
  });
});

describe('procore-sim process', () => {
  it('prints URL, companies and client credentials, serves the API, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--seed', '5', '--client-id', 'cli-app', '--client-secret', 'cli-secret', '--vendors', '30'],
      { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      // Until the banner is printed or the process ends: a busy machine may take long to start tsx.
      let exited = false;
      child.once('exit', () => (exited = true));
      while (!out.includes('Ctrl-C') && !exited) await new Promise((r) => setTimeout(r, 50));
      expect(err).toBe('');
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      expect(url).toBeDefined();
      expect(out).toContain('client_id cli-app  client_secret cli-secret');
      const companyId = /company (\d+) .*main company/.exec(out)?.[1];
      expect(companyId).toBeDefined();
      const token = (await (
        await fetch(`${url}/oauth/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'cli-app', client_secret: 'cli-secret' }),
        })
      ).json()) as { access_token: string };
      const vendors = await fetch(`${url}/rest/v1.0/companies/${companyId}/vendors`, {
        headers: { Authorization: `Bearer ${token.access_token}`, 'Procore-Company-Id': String(companyId) },
      });
      expect(vendors.headers.get('total')).toBe('30');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 30_000);
});
