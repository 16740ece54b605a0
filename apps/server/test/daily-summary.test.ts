import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailySummaryBody } from '@connector/contract';
import { databaseKinds } from '@connector/db/testing';
import { enqueueRequest, SEND_DAILY_SUMMARY_JOB, sendDailySummary, summaryDayOf, type SummaryMailer } from '@connector/sync';
import { createSmtpMailer } from '../src/mail/create-smtp-mailer.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../src/mail/start-smtp-catcher.ts';
import { driveSession } from './support/drive-session.ts';
import { hcpResponse, listId, nameOf, responseMessage, rs, vendorRet } from './support/qb-responses.ts';
import { signIn } from './support/sign-in.ts';
import { createCompanyWithCredentials, startTestServer, type TestServer } from './support/start-test-server.ts';

// Issue 18, "Beyond Procore's own connector": the daily summary for accountants, e-mailed over real SMTP (a local
// catcher, smtp-server) once per company and day, and the same object on GET /summary. Sending is claimed in the
// database before it happens (daily_summaries), so repeated ticks, concurrent senders and retries send it once.
const SMTP_AUTH = { user: 'connector', password: 'smtp-Secret-9f2c' };

describe.each(await databaseKinds())('daily summary e-mail and GET /summary (%s)', (kind) => {
  let catcher: SmtpCatcher;
  let server: TestServer;
  let summit: Awaited<ReturnType<typeof createCompanyWithCredentials>>;
  let accountant: Awaited<ReturnType<typeof signIn>>;
  const mailTo = (address: string) => catcher.messages.filter((m) => m.to.includes(address));
  const summaryJobs = (companyId: string) => server.testDb.database.prisma.job.findMany({ where: { companyId, kind: SEND_DAILY_SUMMARY_JOB } });
  const summaryRow = (companyId: string) => server.testDb.database.prisma.dailySummary.findFirst({ where: { companyId } });
  const tick = async () => {
    const queued = await server.app.summaries.queueDue();
    await server.app.jobRunner.drain();
    return queued;
  };

  beforeAll(async () => {
    catcher = await startSmtpCatcher({ auth: SMTP_AUTH });
    server = await startTestServer(kind, { SMTP_URL: catcher.url, SMTP_FROM: 'Connector <connector@example.com>', DAILY_SUMMARY_HOUR_UTC: '0' });
    summit = await createCompanyWithCredentials(server);
    const other = await createCompanyWithCredentials(server, 'Other Builders', '999001');
    accountant = await signIn(server, { companyId: summit.company.id, roles: ['accountant'], login: 'ann@summit.example.com', name: 'Ann' });
    await signIn(server, { companyId: summit.company.id, roles: ['project_manager'], login: 'pm@summit.example.com' });
    await signIn(server, { companyId: other.company.id, roles: ['accountant'], login: 'olga@other.example.com' });
    const db = server.testDb.database;
    // A Web Connector session that wrote one vendor: the last run, and the last poll the next run is counted from.
    await enqueueRequest(db, {
      companyId: summit.company.id,
      request: { type: 'VendorAdd', name: 'Acme Concrete' },
      dedupeKey: 'vendor:acme',
      requestedBy: 'test',
    });
    await driveSession(server.app, {
      username: summit.username,
      password: summit.password,
      hcp: hcpResponse({ fileId: summit.connection.fileId }),
      respond: (_xml, requests) => responseMessage(requests.map((r) => rs(r.type, r.requestId, 0, vendorRet(nameOf(r), listId())))),
    });
    // Exports in every state the summary counts; the other company's must not count.
    const rows: Array<[string, string, string]> = [
      ['vendor', 'synced', 'v1'],
      ['vendor', 'synced', 'v2'],
      ['commitment', 'synced', 'c1'],
      ['commitment', 'sent_to_accounting', 'c2'],
      ['invoice', 'sent_to_accounting', 'i1'],
      ['change_order', 'approved', 'co1'],
      ['commitment', 'queued', 'c3'],
      ['invoice', 'in_flight', 'i2'],
      ['commitment', 'failed', 'c4'],
    ];
    for (const [recordType, status, procoreId] of rows) {
      await db.prisma.exportRecord.create({ data: { companyId: summit.company.id, recordType, procoreId, title: `${recordType} ${procoreId}`, status } });
    }
    await db.prisma.exportRecord.create({ data: { companyId: other.company.id, recordType: 'vendor', procoreId: 'x1', title: 'x', status: 'synced' } });
    // Synced long ago: outside the summary's 24 hours.
    await db.prisma
      .$executeRaw`UPDATE export_records SET updated_at = now() - interval '3 days' WHERE company_id = ${summit.company.id}::uuid AND procore_id = 'v2'`;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await catcher?.close();
  });

  it('GET /summary answers the counts of this company only, the last Web Connector run and the next one', async () => {
    const response = await server.app.inject({ method: 'GET', url: `/api/companies/${summit.company.id}/summary`, headers: accountant.headers });
    expect(response.statusCode).toBe(200);
    const summary = response.json() as DailySummaryBody;
    expect(summary).toMatchObject({
      companyName: 'Summit Builders',
      synced: {
        total: 2,
        byRecordType: [
          { recordType: 'vendor', count: 1 },
          { recordType: 'commitment', count: 1 },
        ],
      },
      waitingForApproval: 2,
      queued: 2,
      inFlight: 1,
      openRequests: 0,
      failed: { toQuickbooks: 1, toProcore: 0 },
      lastSession: { result: 'closed', requestsDone: 1, requestsFailed: 0 },
      nextRun: { state: 'scheduled', everyMinutes: 15 },
      email: { configured: true, hourUtc: 0, recipients: 1 },
    });
    const lastPoll = new Date(summary.nextRun.lastPollAt!).getTime();
    expect(new Date(summary.nextRun.expectedAt!).getTime()).toBe(lastPoll + 15 * 60_000);
    // Members only: someone of another company is answered 404.
    const outsider = await signIn(server, {
      companyId: (await createCompanyWithCredentials(server, 'Third Co', '777001')).company.id,
      login: 'x@third.example.com',
    });
    expect((await server.app.inject({ method: 'GET', url: `/api/companies/${summit.company.id}/summary`, headers: outsider.headers })).statusCode).toBe(404);
  });

  it('e-mails the summary to the accountants over SMTP once a day, and a second tick the same day sends nothing', async () => {
    await tick();
    const mails = mailTo('ann@summit.example.com');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to).toEqual(['ann@summit.example.com']);
    expect(mail.from).toBe('connector@example.com');
    expect(mail.subject).toBe('Summit Builders: 2 synced, 2 waiting for approval, 1 failed — daily summary');
    expect(mail.text).toContain('Synced to QuickBooks: 2 (1 vendor, 1 commitment)');
    expect(mail.text).toContain('Waiting for approval: 2');
    expect(mail.text).toContain('Approved, waiting for the Web Connector: 2');
    expect(mail.text).toContain('Failed (Exceptions screen): 1 to QuickBooks, 0 to Procore');
    expect(mail.text).toMatch(/Web Connector last ran: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: finished, 1 request\(s\) done, 0 failed/);
    expect(mail.text).toMatch(/ETA to QuickBooks: next Web Connector run ≈ \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(every 15 minutes\)\./);
    expect(mail.html).toContain('<td>2 (1 vendor, 1 commitment)</td>');
    expect(mailTo('pm@summit.example.com')).toHaveLength(0);
    expect(mailTo('olga@other.example.com')).toHaveLength(1);
    expect(await summaryRow(summit.company.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      recipients: ['ann@summit.example.com'],
      day: summaryDayOf(new Date()),
    });

    const before = catcher.messages.length;
    expect(await tick()).toBe(0);
    expect(await tick()).toBe(0);
    expect(catcher.messages.length).toBe(before);
    expect(await summaryJobs(summit.company.id)).toHaveLength(1);
    // The screen says it went.
    const summary = (
      await server.app.inject({ method: 'GET', url: `/api/companies/${summit.company.id}/summary`, headers: accountant.headers })
    ).json() as DailySummaryBody;
    expect(summary.email.last).toMatchObject({ status: 'sent', day: summaryDayOf(new Date()), error: null });
    // The SMTP password never reaches the log.
    expect(server.rawLogs.join('\n')).not.toContain(SMTP_AUTH.password);
  });

  it('a refused send is marked failed, retried by the job, and then sent once', async () => {
    const late = await createCompanyWithCredentials(server, 'Late Builders', '555001');
    await signIn(server, { companyId: late.company.id, roles: ['accountant'], login: 'lou@late.example.com' });
    catcher.refuseNext(1);
    await tick();
    expect(mailTo('lou@late.example.com')).toHaveLength(0);
    expect(await summaryRow(late.company.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/451|try again/i) });
    const [job] = await summaryJobs(late.company.id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, errorCode: 'SUMMARY_NOT_SENT' });
    // A tick while the retry waits adds nothing (the queued job holds the company and day).
    expect(await tick()).toBe(0);
    expect(await summaryJobs(late.company.id)).toHaveLength(1);
    // The backoff has passed.
    await server.testDb.database.prisma.job.update({ where: { id: job!.id }, data: { runAt: new Date(Date.now() - 1000) } });
    await server.app.jobRunner.drain();
    expect(mailTo('lou@late.example.com')).toHaveLength(1);
    expect(await summaryRow(late.company.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect((await summaryJobs(late.company.id))[0]).toMatchObject({ status: 'done' });
    await tick();
    expect(mailTo('lou@late.example.com')).toHaveLength(1);
  });

  it('senders racing for one company and day send one e-mail (the claim), whatever their number', async () => {
    const raced = await createCompanyWithCredentials(server, 'Raced Builders', '555002');
    await signIn(server, { companyId: raced.company.id, roles: ['accountant'], login: 'rae@raced.example.com' });
    const mailer: SummaryMailer = createSmtpMailer(server.config.smtp!);
    const day = summaryDayOf(new Date());
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        sendDailySummary(server.testDb.database, {
          companyId: raced.company.id,
          day,
          now: new Date(),
          mailer,
          mail: { configured: true, hourUtc: 0 },
          sessionIdleTimeoutMs: 45_000,
          appUrl: null,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.outcome === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'already_claimed')).toHaveLength(5);
    expect(mailTo('rae@raced.example.com')).toHaveLength(1);
  });

  it('a company without an accountant with an e-mail address is settled for the day without a message', async () => {
    const none = await createCompanyWithCredentials(server, 'No Accountant Co', '555003');
    await signIn(server, { companyId: none.company.id, roles: ['admin'], login: 'ada@none.example.com' });
    const before = catcher.messages.length;
    await tick();
    expect(catcher.messages.length).toBe(before);
    expect(await summaryRow(none.company.id)).toMatchObject({ status: 'no_recipients' });
    await tick();
    expect(await summaryJobs(none.company.id)).toHaveLength(1);
  });
});

describe.each(await databaseKinds())('daily summary without SMTP configured (%s)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { DAILY_SUMMARY_HOUR_UTC: '0' });
  }, 60_000);
  afterAll(async () => server?.close());

  it('sends nothing, queues nothing, and says so in the log and on the summary', async () => {
    const { company } = await createCompanyWithCredentials(server);
    const accountant = await signIn(server, { companyId: company.id, roles: ['accountant'], login: 'ann@summit.example.com' });
    expect(await server.app.summaries.queueDue()).toBe(0);
    await server.app.jobRunner.drain();
    expect(await server.testDb.database.prisma.job.count({ where: { kind: SEND_DAILY_SUMMARY_JOB } })).toBe(0);
    expect(await server.testDb.database.prisma.dailySummary.count()).toBe(0);
    expect(server.logs.some((l) => String(l.msg).startsWith('daily summary e-mail is off: SMTP is not configured'))).toBe(true);
    const summary = (
      await server.app.inject({ method: 'GET', url: `/api/companies/${company.id}/summary`, headers: accountant.headers })
    ).json() as DailySummaryBody;
    expect(summary.email).toEqual({ configured: false, hourUtc: 0, recipients: 1, last: null });
    expect(summary.nextRun.state).toBe('never_polled');
    expect(summary.lastSession).toBeNull();
  });
});
