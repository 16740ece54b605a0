import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@connector/db/testing';
import { QboTokenSet } from '@connector/qbo';
import { createCompany } from '../companies/create-company.ts';
import { keyIdOf, parseEncryptionKeys } from '../procore/token-cipher.ts';
import { encryptQboTokenColumns, readQboAccessToken, readQboRefreshToken } from './qbo-token-store.ts';
import { reencryptQboTokens } from './reencrypt-qbo-tokens.ts';

describe('key rotation of stored QuickBooks Online tokens', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
  });
  afterAll(async () => testDb?.dispose());

  it('old tokens still read after rotation, and reencrypt moves them to the new key', async () => {
    const oldKey = `old:${randomBytes(32).toString('base64')}`;
    const newKey = `new:${randomBytes(32).toString('base64')}`;
    const company = await createCompany(testDb.database, { procoreCompanyId: '78', name: 'Rotate QBO Co', actor: 't' });
    const tokens = new QboTokenSet({
      accessToken: 'qbo-access-abc',
      refreshToken: 'qbo-refresh-xyz',
      accessTokenExpiresAt: new Date(Date.now() + 3600_000),
      refreshTokenExpiresAt: null,
    });
    await testDb.database.prisma.qboConnection.create({
      data: {
        companyId: company.id,
        realmId: '123',
        environment: 'sandbox',
        status: 'connected',
        ...encryptQboTokenColumns(parseEncryptionKeys(oldKey), company.id, tokens),
      },
    });
    const rotated = parseEncryptionKeys(`${newKey},${oldKey}`);
    let row = await testDb.database.prisma.qboConnection.findUniqueOrThrow({ where: { companyId: company.id } });
    expect(readQboAccessToken(rotated, company.id, row.accessTokenEnc!)).toBe('qbo-access-abc');
    expect(await reencryptQboTokens(testDb.database, rotated)).toEqual({ rewritten: 1, current: 0 });
    row = await testDb.database.prisma.qboConnection.findUniqueOrThrow({ where: { companyId: company.id } });
    expect([keyIdOf(row.accessTokenEnc!), keyIdOf(row.refreshTokenEnc!)]).toEqual(['new', 'new']);
    // The old key can now go.
    expect(readQboRefreshToken(parseEncryptionKeys(newKey), company.id, row.refreshTokenEnc!)).toBe('qbo-refresh-xyz');
    expect(await reencryptQboTokens(testDb.database, rotated)).toEqual({ rewritten: 0, current: 1 });
  });
});
