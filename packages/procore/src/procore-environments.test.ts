import { describe, expect, it } from 'vitest';
import { PROCORE_ENVIRONMENTS, isProcoreEnvironmentName, resolveProcoreEndpoints, type ProcoreEnvironmentName } from './procore-environments.ts';

describe('Procore environments', () => {
  it('has the hosts of API-CONTRACT.md', () => {
    expect(PROCORE_ENVIRONMENTS).toEqual({
      production: { loginBaseUrl: 'https://login.procore.com', apiBaseUrl: 'https://api.procore.com' },
      sandbox: { loginBaseUrl: 'https://login-sandbox.procore.com', apiBaseUrl: 'https://sandbox.procore.com' },
      monthly_sandbox: { loginBaseUrl: 'https://login-sandbox-monthly.procore.com', apiBaseUrl: 'https://api-monthly.procore.com' },
    });
    expect(Object.isFrozen(PROCORE_ENVIRONMENTS.production)).toBe(true);
  });

  it('resolves an environment, with overrides for a simulator', () => {
    expect(resolveProcoreEndpoints('sandbox')).toEqual(PROCORE_ENVIRONMENTS.sandbox);
    expect(resolveProcoreEndpoints('production', { apiBaseUrl: 'http://127.0.0.1:4010/', loginBaseUrl: 'http://127.0.0.1:4010' })).toEqual({
      loginBaseUrl: 'http://127.0.0.1:4010',
      apiBaseUrl: 'http://127.0.0.1:4010',
    });
    expect(resolveProcoreEndpoints('monthly_sandbox', { apiBaseUrl: 'http://sim.local/procore/' }).loginBaseUrl).toBe(
      'https://login-sandbox-monthly.procore.com',
    );
  });

  it('refuses unknown environments and bad URLs', () => {
    expect(() => resolveProcoreEndpoints('staging' as ProcoreEnvironmentName)).toThrow(/unknown Procore environment/);
    expect(() => resolveProcoreEndpoints('production', { apiBaseUrl: 'ftp://x' })).toThrow(/http/);
    expect(() => resolveProcoreEndpoints('production', { apiBaseUrl: 'https://x?y=1' })).toThrow(/query/);
    expect(isProcoreEnvironmentName('sandbox')).toBe(true);
    expect(isProcoreEnvironmentName('toString')).toBe(false);
  });
});
