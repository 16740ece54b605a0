import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { ProcoreApiError, type ProcoreClient } from '@connector/procore';
import { createCompany } from '../companies/create-company.ts';
import { JobLeaseLostError } from '../jobs/run-jobs.ts';
import { createOnce, resolveOpenIntents, type CreateIntent } from './procore-create-intents.ts';

/** A Procore with requisitions only: `created` is what Procore holds; `failNext` makes the next create answer so. */
function fakeProcore() {
  const created: Array<{ id: number; origin_id: string }> = [];
  const state = { creates: 0, lookups: 0, failNext: null as null | 'lost-after-create' | 'unknown' | 'taken' | 'refused' };
  const client = {
    requisitions: {
      list: async (_project: number, options: { originId?: string }) => ((state.lookups += 1), created.filter((r) => r.origin_id === options.originId)),
      create: async (_project: number, _commitment: number, body: { origin_id: string }) => {
        state.creates += 1;
        const mode = state.failNext;
        state.failNext = null;
        const error = (status: number | null, outcome: 'rejected' | 'unknown', fieldErrors = {}) =>
          new ProcoreApiError({
            status,
            code: status === null ? 'PROCORE_TIMEOUT' : 'PROCORE_UNPROCESSABLE',
            procoreMessage: null,
            method: 'POST',
            path: '/rest/v1.1/requisitions',
            outcome,
            fieldErrors,
          });
        if (mode === 'refused') throw error(422, 'rejected', { base: ['is locked'] });
        if (mode === 'taken' || created.some((r) => r.origin_id === body.origin_id)) throw error(422, 'rejected', { origin_id: ['has already been taken'] });
        const record = { id: 9000 + created.length, origin_id: body.origin_id };
        created.push(record);
        if (mode === 'unknown' || mode === 'lost-after-create') throw error(null, 'unknown');
        return record;
      },
    },
  };
  return { client: client as unknown as ProcoreClient, created, state };
}

describe.each(await databaseKinds())('Procore create intents (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '77', name: 'Intents Co', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  const intent = (originId: string): CreateIntent => ({
    originId,
    procoreType: 'requisition',
    procoreProjectId: 10,
    sourceType: 'Bill',
    sourceId: originId,
    push: { contentHash: 'h1', amountCents: 500, detail: { commitmentId: 55 } },
  });
  const recorded: string[] = [];
  const io = (procore: ReturnType<typeof fakeProcore>, originId: string, lease?: { assertLeaseHeld(): Promise<void> }) => ({
    client: procore.client,
    lease,
    create: () => procore.client.requisitions.create(10, 55, { origin_id: originId, items: [] }),
    record: async (_tx: unknown, procoreId: number) => void recorded.push(`${originId}→${procoreId}`),
  });
  const intentRow = (originId: string) =>
    testDb.database.prisma.procoreCreateIntent.findUniqueOrThrow({ where: { companyId_originId: { companyId, originId } } });

  it('an answer lost after Procore created the record leaves the intent open; the next attempt finds it by origin_id and sends nothing', async () => {
    const procore = fakeProcore();
    procore.state.failNext = 'lost-after-create';
    await expect(createOnce(testDb.database, companyId, intent('qb:Bill:A'), io(procore, 'qb:Bill:A'))).rejects.toMatchObject({ outcome: 'unknown' });
    expect(await intentRow('qb:Bill:A')).toMatchObject({ status: 'open', procoreId: null });
    expect(await createOnce(testDb.database, companyId, intent('qb:Bill:A'), io(procore, 'qb:Bill:A'))).toEqual({ id: 9000, adopted: true });
    expect(procore.state.creates).toBe(1);
    expect(procore.created).toHaveLength(1);
    expect(await intentRow('qb:Bill:A')).toMatchObject({ status: 'created', procoreId: '9000' });
    expect(recorded).toContain('qb:Bill:A→9000');
  });

  it('a lost answer where Procore created nothing: the open intent is looked up, not found, and sent again once', async () => {
    const procore = fakeProcore();
    await testDb.database.prisma.procoreCreateIntent.create({
      data: { companyId, originId: 'qb:Bill:B', procoreType: 'requisition', procoreProjectId: '10', sourceType: 'Bill', sourceId: 'B', push: {} },
    });
    expect(await createOnce(testDb.database, companyId, intent('qb:Bill:B'), io(procore, 'qb:Bill:B'))).toEqual({ id: 9000, adopted: false });
    expect(procore.state).toMatchObject({ creates: 1, lookups: 1 });
    expect(await intentRow('qb:Bill:B')).toMatchObject({ status: 'created', attempts: 2 });
  });

  it('"origin_id has already been taken" adopts the record Procore has; a refusal closes the intent as not created', async () => {
    const procore = fakeProcore();
    procore.created.push({ id: 4242, origin_id: 'qb:Bill:C' });
    expect(await createOnce(testDb.database, companyId, intent('qb:Bill:C'), io(procore, 'qb:Bill:C'))).toEqual({ id: 4242, adopted: true });
    procore.state.failNext = 'refused';
    await expect(createOnce(testDb.database, companyId, intent('qb:Bill:D'), io(procore, 'qb:Bill:D'))).rejects.toMatchObject({ status: 422 });
    expect(await intentRow('qb:Bill:D')).toMatchObject({ status: 'not_created' });
  });

  it('a run that lost its job lease writes the intent but never sends the POST', async () => {
    const procore = fakeProcore();
    const lost = {
      assertLeaseHeld: async () => {
        throw new JobLeaseLostError('job-1');
      },
    };
    await expect(createOnce(testDb.database, companyId, intent('qb:Bill:E'), io(procore, 'qb:Bill:E', lost))).rejects.toBeInstanceOf(JobLeaseLostError);
    expect(procore.state.creates).toBe(0);
    expect(await intentRow('qb:Bill:E')).toMatchObject({ status: 'open' });
  });

  it('resolveOpenIntents adopts what Procore has and closes what it does not', async () => {
    const procore = fakeProcore();
    procore.created.push({ id: 7000, origin_id: 'qb:Bill:E' });
    const adopted: string[] = [];
    const result = await resolveOpenIntents(testDb.database, companyId, procore.client, async (_tx, row, id) => void adopted.push(`${row.originId}→${id}`));
    expect(result).toMatchObject({ adopted: 1 });
    expect(adopted).toEqual(['qb:Bill:E→7000']);
    expect(await testDb.database.prisma.procoreCreateIntent.count({ where: { companyId, status: 'open' } })).toBe(0);
  });
});
