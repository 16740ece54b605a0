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
  ])('refuses %o with the reason', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports every problem at once', () => {
    expect(() => loadConfig({ PORT: '-1', LOG_LEVEL: 'x' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
