import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@connector/db/testing';
import { TokenSet } from '@connector/procore';
import { createCompany } from '../companies/create-company.ts';
import { DEFAULT_PROCORE_TUNING, type ProcoreSettings } from './procore-settings.ts';
import { encryptTokenColumns, readAccessToken, readRefreshToken } from './procore-token-store.ts';
import { reencryptProcoreTokens } from './reencrypt-procore-tokens.ts';
import { keyIdOf, parseEncryptionKeys } from './token-cipher.ts';

const settingsWith = (keys: string): ProcoreSettings => ({
  ...DEFAULT_PROCORE_TUNING,
  environments: {},
  redirectUri: 'http://localhost/cb',
  webhookBaseUrl: 'http://localhost/wh',
  keyRing: parseEncryptionKeys(keys),
});

describe('key rotation of stored Procore tokens', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
  });
  afterAll(async () => testDb?.dispose());

  it('old tokens still read after rotation, and reencrypt moves them to the new key', async () => {
    const oldKey = `old:${randomBytes(32).toString('base64')}`;
    const before = settingsWith(oldKey);
    const company = await createCompany(testDb.database, { procoreCompanyId: '77', name: 'Rotate Co', actor: 't' });
    const tokens = new TokenSet({ accessToken: 'access-abc', refreshToken: 'refresh-xyz', expiresAt: new Date(Date.now() + 5400_000), tokenType: 'Bearer' });
    await testDb.database.prisma.procoreConnection.create({
      data: {
        companyId: company.id,
        environment: 'production',
        grantType: 'authorization_code',
        status: 'connected',
        ...encryptTokenColumns(before, company.id, tokens),
      },
    });
    const after = settingsWith(`new:${randomBytes(32).toString('base64')},${oldKey}`);
    let row = await testDb.database.prisma.procoreConnection.findUniqueOrThrow({ where: { companyId: company.id } });
    expect(readAccessToken(after, company.id, row.accessTokenEnc!)).toBe('access-abc');
    expect(await reencryptProcoreTokens(testDb.database, after)).toEqual({ rewritten: 1, current: 0 });
    row = await testDb.database.prisma.procoreConnection.findUniqueOrThrow({ where: { companyId: company.id } });
    expect(keyIdOf(row.accessTokenEnc!)).toBe('new');
    expect(keyIdOf(row.refreshTokenEnc!)).toBe('new');
    // The old key can now go.
    const onlyNew = settingsWith(`new:${Buffer.from(after.keyRing.keys.get('new')!).toString('base64')}`);
    expect(readRefreshToken(onlyNew, company.id, row.refreshTokenEnc!)).toBe('refresh-xyz');
    expect(await reencryptProcoreTokens(testDb.database, after)).toEqual({ rewritten: 0, current: 1 });
  });
});
