import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { createJobRunner } from '../jobs/run-jobs.ts';
import { hashWebhookSecret, receiveProcoreWebhook, type WebhookDelivery } from './receive-procore-webhook.ts';

const kinds = await databaseKinds();
const SECRET = 'webhook-secret-value-0123456789';
const OUR_CLIENT = 'our-client-id';

describe.each(kinds)('receiving Procore webhooks (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  let otherCompanyId: string;
  let seq = 0;
  const delivery = (over: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
    ulid: `01JDELIVERY${kind}${String(++seq).padStart(8, '0')}`,
    resource_name: 'Projects',
    resource_id: 501,
    event_type: 'update',
    company_id: 4100,
    project_id: 501,
    metadata: { source_application_id: 'someone-else' },
    ...over,
  });
  const receive = (d: WebhookDelivery, authorization = `Bearer ${SECRET}`, company = companyId) =>
    receiveProcoreWebhook(testDb.database, { companyId: company, authorization, delivery: d, ourClientIds: new Set([OUR_CLIENT]) });
  const queuedJobs = () => testDb.database.prisma.job.findMany({ where: { companyId, status: 'queued' } });

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    const company = await createCompany(testDb.database, { procoreCompanyId: '4100', name: 'Webhook Builders', actor: 't' });
    const other = await createCompany(testDb.database, { procoreCompanyId: '4200', name: 'Other Builders', actor: 't' });
    companyId = company.id;
    otherCompanyId = other.id;
    for (const id of [companyId, otherCompanyId]) {
      await testDb.database.prisma.procoreWebhookHook.create({
        data: {
          companyId: id,
          procoreHookId: '1',
          destinationUrl: 'https://x/webhooks',
          secretHash: hashWebhookSecret(id === companyId ? SECRET : 'other-secret').toString('hex'),
          triggers: [],
        },
      });
    }
  });
  afterAll(async () => testDb?.dispose());

  it("refuses a delivery without our secret, with another company's secret, or for an unknown company", async () => {
    await expect(receive(delivery(), 'Bearer wrong')).rejects.toMatchObject({ code: 'WEBHOOK_UNAUTHORIZED' });
    await expect(receive(delivery(), '')).rejects.toMatchObject({ code: 'WEBHOOK_UNAUTHORIZED' });
    await expect(receive(delivery(), 'Bearer other-secret')).rejects.toMatchObject({ code: 'WEBHOOK_UNAUTHORIZED' });
    await expect(receive(delivery(), `Bearer ${SECRET}`, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'WEBHOOK_UNAUTHORIZED' });
    await expect(receive(delivery(), `Bearer ${SECRET}`, 'not-a-uuid')).rejects.toMatchObject({ code: 'WEBHOOK_UNAUTHORIZED' });
    expect(await testDb.database.prisma.procoreWebhookDelivery.count()).toBe(0);
  });

  it("refuses a delivery for another Procore company on this company's URL", async () => {
    await expect(receive(delivery({ company_id: 4200 }))).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('the same ulid twice (also concurrently) makes one delivery row and one job', async () => {
    const d = delivery({ resource_id: 777, project_id: 777 });
    const results = await Promise.all([receive(d), receive(d), receive(d)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['duplicate', 'duplicate', 'queued']);
    expect(await testDb.database.prisma.procoreWebhookDelivery.count({ where: { ulid: d.ulid } })).toBe(1);
    const jobs = (await queuedJobs()).filter((j) => (j.payload as { resourceId: string }).resourceId === '777');
    expect(jobs).toHaveLength(1);
  });

  it('a burst of updates to one record while its job waits becomes one job; a delete is its own job', async () => {
    for (let i = 0; i < 5; i++) await receive(delivery({ resource_id: 888, project_id: 888 }));
    await receive(delivery({ resource_id: 888, project_id: 888, event_type: 'delete' }));
    const jobs = (await queuedJobs()).filter((j) => (j.payload as { resourceId: string }).resourceId === '888');
    expect(jobs.map((j) => (j.payload as { eventType: string }).eventType).sort()).toEqual(['delete', 'update']);
    expect(await testDb.database.prisma.procoreWebhookDelivery.count({ where: { resourceId: '888' } })).toBe(6);
  });

  it('ignores echoes of our own writes and resources we do not sync, but records them', async () => {
    const before = (await queuedJobs()).length;
    expect((await receive(delivery({ resource_id: 999, metadata: { source_application_id: OUR_CLIENT } }))).outcome).toBe('echo');
    expect((await receive(delivery({ resource_name: 'RFIs', resource_id: 5 }))).outcome).toBe('ignored');
    expect((await queuedJobs()).length).toBe(before);
    expect(await testDb.database.prisma.procoreWebhookDelivery.count({ where: { outcome: { in: ['echo', 'ignored'] } } })).toBe(2);
  });

  it('a change arriving while its job runs queues a new job (the running one may have read the old version)', async () => {
    await receive(delivery({ resource_id: 1234, project_id: 1234 }));
    let second: Awaited<ReturnType<typeof receive>> | undefined;
    const runner = createJobRunner({
      db: testDb.database,
      handlers: {
        'procore.apply-change': async (job) => {
          if ((job.payload as { resourceId: string }).resourceId === '1234' && !second)
            second = await receive(delivery({ resource_id: 1234, project_id: 1234 }));
        },
      },
      retryBaseMs: 1,
    });
    await runner.drain({ companyId });
    expect(second?.outcome).toBe('queued');
    const all = await testDb.database.prisma.job.findMany({ where: { companyId } });
    const for1234 = all.filter((j) => (j.payload as { resourceId: string }).resourceId === '1234');
    expect(for1234.map((j) => j.status).sort()).toEqual(['done', 'done']);
  });
});
