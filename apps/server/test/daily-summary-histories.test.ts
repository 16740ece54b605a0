import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { SEND_DAILY_SUMMARY_JOB } from '@connector/sync';
import { startSmtpCatcher, type SmtpCatcher } from '../src/mail/start-smtp-catcher.ts';
import { signIn } from './support/sign-in.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

// The daily summary goes once per company and day (issue 18), whatever happens around it: two server instances on one
// database ticking and running jobs at the same time, the SMTP server refusing (then the job's retry), companies added
// midway. Seeded random histories; after every step no company has had two e-mails, and a `sent` row is exactly a
// caught e-mail; once the SMTP server accepts again and every retry is due, every company with an accountant has one.
const SEEDS = [1, 2, 3];
const STEPS = 25;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(await databaseKinds())('daily summary histories: two instances, refusals, retries (%s)', (kind) => {
  let catcher: SmtpCatcher;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    const env = { SMTP_URL: catcher.url, SMTP_FROM: 'connector@example.com', DAILY_SUMMARY_HOUR_UTC: '0' };
    a = await startTestServer(kind, env);
    b = await startTestServer(kind, env, {}, a.testDb);
  }, 60_000);
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await catcher?.close();
  });

  it.each(SEEDS)(
    'seed %i: never two e-mails for a company and day, and one for each in the end',
    async (seed) => {
      const random = mulberry32(seed);
      const db = a.testDb.database;
      const addresses = new Map<string, string>();
      const addCompany = async () => {
        const n = addresses.size;
        const { company } = await createCompanyWithCredentials(a, `Seed ${seed} Co ${n}`, `${seed}${String(n).padStart(4, '0')}${Date.now() % 100000}`);
        const login = `acct-${seed}-${n}@example.com`;
        await signIn(a, { companyId: company.id, roles: ['accountant'], login });
        addresses.set(company.id, login);
      };
      const tick = (server: TestServer) => server.app.summaries.queueDue().then(() => server.app.jobRunner.drain());
      const retriesDue = () =>
        db.prisma.job.updateMany({
          where: { kind: SEND_DAILY_SUMMARY_JOB, status: 'queued', runAt: { gt: new Date() } },
          data: { runAt: new Date(Date.now() - 1000) },
        });
      const check = async (step: string) => {
        for (const [companyId, login] of addresses) {
          const caught = catcher.messages.filter((m) => m.to.includes(login)).length;
          expect(caught, `${step}: e-mails to ${login}`).toBeLessThanOrEqual(1);
          const row = await db.prisma.dailySummary.findFirst({ where: { companyId } });
          expect(row?.status === 'sent', `${step}: ${login} row ${row?.status} with ${caught} e-mail(s)`).toBe(caught === 1);
        }
      };

      await addCompany();
      for (let i = 0; i < STEPS; i++) {
        const roll = random();
        const step = `seed ${seed} step ${i}`;
        if (roll < 0.15) await addCompany();
        else if (roll < 0.3) catcher.refuseNext(1 + Math.floor(random() * 3));
        else if (roll < 0.45) await retriesDue();
        else if (roll < 0.6) await tick(a);
        else if (roll < 0.75) await tick(b);
        else await Promise.all([tick(a), tick(b)]);
        await check(step);
      }
      // Quiescence: the SMTP server accepts again and every retry is due.
      catcher.refuseNext(0);
      for (let round = 0; round < 3; round++) {
        await retriesDue();
        await Promise.all([tick(a), tick(b)]);
        await check(`seed ${seed} quiescence ${round}`);
      }
      for (const login of addresses.values())
        expect(
          catcher.messages.filter((m) => m.to.includes(login)),
          login,
        ).toHaveLength(1);
    },
    120_000,
  );
});
