import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults: port 3000, embedded database, localhost URL', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, publicUrl: 'http://localhost:3000' });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.qbwc.ownerId).toMatch(/^\{[0-9A-F-]{36}\}$/);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PUBLIC_URL: 'http://connector.example.com' }, /must be https/],
    [{ PUBLIC_URL: 'https://10.1.2.3' }, /not an IP address/],
    [{ PUBLIC_URL: 'http://127.0.0.1:3000' }, /not an IP address/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ QBWC_OWNER_ID: '6B9C3C8E' }, /QBWC_OWNER_ID/],
    [{ QBWC_BATCH_SIZE: '0' }, /QBWC_BATCH_SIZE/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ PROCORE_CLIENT_ID: 'abc' }, /PROCORE_CLIENT_ID and PROCORE_CLIENT_SECRET go together/],
    [{ PROCORE_CLIENT_ID: 'abc', PROCORE_CLIENT_SECRET: 'def' }, /TOKEN_ENCRYPTION_KEYS is required/],
    [{ TOKEN_ENCRYPTION_KEYS: 'k1:short' }, /TOKEN_ENCRYPTION_KEYS: .*32 bytes/],
    [
      {
        PROCORE_SANDBOX_CLIENT_ID: 'a',
        PROCORE_SANDBOX_CLIENT_SECRET: 'b',
        PROCORE_SANDBOX_API_URL: 'ftp://x',
        TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
      },
      /PROCORE_SANDBOX_API_URL/,
    ],
    [{ PROCORE_RECONCILE_HOURS: '0' }, /PROCORE_RECONCILE_HOURS/],
    [{ PROCORE_SYNC_CHUNK_SIZE: '1001' }, /PROCORE_SYNC_CHUNK_SIZE/],
    [{ QBWC_SESSION_TAKEOVER_SECONDS: '0' }, /QBWC_SESSION_TAKEOVER_SECONDS must be a whole number from 1 to 3600/],
    [{ QBWC_SESSION_TAKEOVER_SECONDS: '30', QBWC_SESSION_IDLE_SECONDS: '900' }, /former name of QBWC_SESSION_TAKEOVER_SECONDS/],
    [{ QBWC_LARGE_BODIES_PER_SOURCE: '0' }, /QBWC_LARGE_BODIES_PER_SOURCE must be a whole number from 1/],
    [
      { QBWC_LARGE_BODIES_PER_SOURCE: '5', QBWC_LARGE_BODIES_TOTAL: '4' },
      /QBWC_LARGE_BODIES_PER_SOURCE \(5\) cannot be more than QBWC_LARGE_BODIES_TOTAL \(4\)/,
    ],
    [{ QBWC_BODY_LIMIT_MB: '0' }, /QBWC_BODY_LIMIT_MB/],
    // QuickBooks Online (issue 22)
    [{ QBO_CLIENT_ID: 'abc' }, /QBO_CLIENT_ID and QBO_CLIENT_SECRET go together/],
    [{ QBO_ENVIRONMENT: 'sandbox' }, /QBO_ENVIRONMENT needs QBO_CLIENT_ID/],
    [{ QBO_CLIENT_ID: 'a', QBO_CLIENT_SECRET: 'b' }, /TOKEN_ENCRYPTION_KEYS is required when QuickBooks Online is configured/],
    [
      { QBO_CLIENT_ID: 'a', QBO_CLIENT_SECRET: 'b', QBO_ENVIRONMENT: 'prod', TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}` },
      /QBO_ENVIRONMENT must be sandbox or production/,
    ],
    [
      { QBO_CLIENT_ID: 'a', QBO_CLIENT_SECRET: 'b', QBO_ENVIRONMENT: 'production', TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}` },
      /QBO_REDIRECT_URL must be https/,
    ],
    [
      { QBO_CLIENT_ID: 'a', QBO_CLIENT_SECRET: 'b', QBO_API_URL: 'ftp://x', TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}` },
      /QBO_API_URL must be an http\(s\) URL/,
    ],
  ])('refuses %o with the reason', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("QuickBooks Online is off without keys; with sandbox keys the callback defaults to PUBLIC_URL and Intuit's sandbox API", () => {
    expect(loadConfig({}).qbo).toBeUndefined();
    const config = loadConfig({ QBO_CLIENT_ID: 'id', QBO_CLIENT_SECRET: 'secret', TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}` });
    expect(config.qbo).toEqual({
      environment: 'sandbox',
      clientId: 'id',
      clientSecret: 'secret',
      redirectUri: 'http://localhost:3000/oauth/qbo/callback',
      apiBaseUrl: 'https://sandbox-quickbooks.api.intuit.com',
      oauthBaseUrl: undefined,
    });
  });

  it('one SOAP body limit (QBWC_BODY_LIMIT_MB, default 100 MB: a 50 MB answer is ~65.5 MB escaped) and large-body limits per source and in all', () => {
    expect(loadConfig({})).toMatchObject({ qbwcBodyLimitBytes: 100 * 1024 * 1024, qbwcLargeBodies: { perSource: 2, total: 8 } });
    expect(loadConfig({ QBWC_BODY_LIMIT_MB: '8', QBWC_LARGE_BODIES_PER_SOURCE: '1', QBWC_LARGE_BODIES_TOTAL: '3' })).toMatchObject({
      qbwcBodyLimitBytes: 8 * 1024 * 1024,
      qbwcLargeBodies: { perSource: 1, total: 3 },
    });
  });

  it('runs 2 background jobs at once and keeps done jobs 7 days by default; JOB_CONCURRENCY and JOB_RETENTION_DAYS change them (issue 20)', () => {
    expect(loadConfig({})).toMatchObject({ jobConcurrency: 2, jobRetentionDays: 7 });
    expect(loadConfig({ JOB_CONCURRENCY: '4', JOB_RETENTION_DAYS: '30' })).toMatchObject({ jobConcurrency: 4, jobRetentionDays: 30 });
    expect(() => loadConfig({ JOB_CONCURRENCY: '0' })).toThrow(/JOB_CONCURRENCY must be a whole number from 1 to 32/);
    expect(() => loadConfig({ JOB_RETENTION_DAYS: 'forever' })).toThrow(/JOB_RETENTION_DAYS must be a whole number from 1 to 3650/);
  });

  it('recognises a verified Web Connector password for 30 minutes by default; QBWC_SIGN_IN_CACHE_MINUTES changes it, 0 turns it off', () => {
    expect(loadConfig({}).qbwc.verifiedPasswordTtlMs).toBe(30 * 60_000);
    expect(loadConfig({ QBWC_SIGN_IN_CACHE_MINUTES: '0' }).qbwc.verifiedPasswordTtlMs).toBe(0);
    expect(() => loadConfig({ QBWC_SIGN_IN_CACHE_MINUTES: '-1' })).toThrow(/QBWC_SIGN_IN_CACHE_MINUTES must be a whole number from 0 to 1440/);
  });

  it('holds at most 10 PostgreSQL connections per instance by default; DATABASE_POOL_MAX changes it (issue 20, docs/scale.md)', () => {
    expect(loadConfig({}).databasePoolMax).toBe(10);
    expect(loadConfig({ DATABASE_POOL_MAX: '40' }).databasePoolMax).toBe(40);
    expect(() => loadConfig({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX must be a whole number from 1 to 200/);
    expect(() => loadConfig({ DATABASE_POOL_MAX: 'lots' })).toThrow(/DATABASE_POOL_MAX must be a whole number from 1 to 200/);
  });

  it('takes over a quiet Web Connector session after 45 s by default; QBWC_SESSION_IDLE_SECONDS is read as its former name', () => {
    expect(loadConfig({}).qbwc.sessionTakeoverMs).toBe(45_000);
    expect(loadConfig({ QBWC_SESSION_TAKEOVER_SECONDS: '30' }).qbwc.sessionTakeoverMs).toBe(30_000);
    expect(loadConfig({ QBWC_SESSION_IDLE_SECONDS: '5' }).qbwc.sessionTakeoverMs).toBe(5_000);
  });

  it('TRUST_PROXY: off by default (sign-ins are throttled by the socket address); hops, addresses or true when behind a proxy', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ TRUST_PROXY: 'my proxy' })).toThrow('TRUST_PROXY must be');
  });

  it('reads Procore OAuth applications per environment; none means demo mode', () => {
    expect(loadConfig({}).procore.environments).toEqual({});
    const key = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
    const config = loadConfig({
      PROCORE_CLIENT_ID: 'prod-id',
      PROCORE_CLIENT_SECRET: 'prod-secret',
      PROCORE_SANDBOX_CLIENT_ID: 'sb-id',
      PROCORE_SANDBOX_CLIENT_SECRET: 'sb-secret',
      PROCORE_SANDBOX_API_URL: 'http://localhost:4100/',
      TOKEN_ENCRYPTION_KEYS: key,
      PROCORE_RECONCILE_HOURS: '6',
    });
    expect(config.procore.environments).toEqual({
      production: { clientId: 'prod-id', clientSecret: 'prod-secret', loginBaseUrl: 'https://login.procore.com', apiBaseUrl: 'https://api.procore.com' },
      sandbox: { clientId: 'sb-id', clientSecret: 'sb-secret', loginBaseUrl: 'https://login-sandbox.procore.com', apiBaseUrl: 'http://localhost:4100' },
    });
    expect(config.procore.reconcileIntervalMs).toBe(6 * 3600_000);
    expect(config.procore.tokenEncryptionKeys).toBe(key);
  });

  it('reports every problem at once', () => {
    expect(() => loadConfig({ PORT: '-1', LOG_LEVEL: 'x' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });

  it('reads SMTP for the daily summary from SMTP_URL or SMTP_HOST, off when neither is set (issue 18)', () => {
    expect(loadConfig({}).smtp).toBeUndefined();
    expect(loadConfig({}).dailySummaryHourUtc).toBe(7);
    expect(loadConfig({ SMTP_URL: 'smtp://ann%40x.com:p%3Ass@mail.example.com:2525', SMTP_FROM: 'Connector <c@example.com>' }).smtp).toEqual({
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      user: 'ann@x.com',
      password: 'p:ss',
      from: 'Connector <c@example.com>',
    });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.com', SMTP_FROM: 'c@example.com' }).smtp).toMatchObject({ port: 465, secure: true, user: undefined });
    expect(
      loadConfig({ SMTP_HOST: 'mail.example.com', SMTP_USER: 'u', SMTP_PASSWORD: 'pw', SMTP_FROM: 'c@example.com', DAILY_SUMMARY_HOUR_UTC: '18' }),
    ).toMatchObject({ smtp: { host: 'mail.example.com', port: 587, secure: false, user: 'u', password: 'pw' }, dailySummaryHourUtc: 18 });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.com', SMTP_FROM: 'c@example.com' }, /SMTP_URL must start with smtp/],
    [{ SMTP_URL: 'smtp://mail.example.com' }, /SMTP_FROM must be an e-mail address/],
    [{ SMTP_HOST: 'h', SMTP_URL: 'smtp://h', SMTP_FROM: 'c@example.com' }, /not both/],
    [{ SMTP_HOST: 'h', SMTP_USER: 'u', SMTP_FROM: 'c@example.com' }, /SMTP_USER and SMTP_PASSWORD go together/],
    [{ SMTP_HOST: 'h', SMTP_PORT: '99999', SMTP_FROM: 'c@example.com' }, /SMTP_PORT/],
    [{ SMTP_PASSWORD: 'pw' }, /need SMTP_URL or SMTP_HOST/],
    [{ DAILY_SUMMARY_HOUR_UTC: '24' }, /DAILY_SUMMARY_HOUR_UTC/],
  ])('refuses a bad SMTP setting %#, without repeating the secret', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig({ ...env, SMTP_PASSWORD: (env as Record<string, string>).SMTP_PASSWORD ?? '' });
    } catch (error) {
      expect(String(error)).not.toContain('pw');
    }
  });
});
