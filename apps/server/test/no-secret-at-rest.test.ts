import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@connector/db/testing';
import { createCompany, enqueueRequest } from '@connector/sync';
import { callQbwc } from './support/raw-soap.ts';
import { signInThroughPopup, startProcoreTestSetup, TEST_CLIENT, type ProcoreTestSetup } from './support/procore-test-setup.ts';

// Hostile input, item 2: after the flows that handle secrets — the app's sign-in, a new Web Connector password (with
// an Idempotency-Key, replayed), Procore connect (popup and service account), a Web Connector session — a dump
// of every table holds none of them in clear: not the password, not a Procore token or code, not the client
// secret, not a session cookie, CSRF token, handoff code, OAuth state or QBWC ticket.
describe.each(await databaseKinds())('no secret at rest (%s)', (kind) => {
  let setup: ProcoreTestSetup;
  const secrets = new Set<string>();
  const db = () => setup.testDb.database;

  beforeAll(async () => {
    setup = await startProcoreTestSetup(kind);
  });
  afterAll(async () => setup?.close());

  const keep = (value: string | null | undefined) => {
    if (value) secrets.add(value);
    return value;
  };

  /** Every row of every table of our schema, as JSON text. */
  async function dumpEveryTable(): Promise<{ tables: string[]; text: string }> {
    const tables = (
      await db().sql.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      )
    ).map((row) => row.table_name);
    let text = '';
    for (const table of tables) {
      const rows = await db().sql.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table.replace(/"/g, '""')}" t`);
      text += `\n${table}: ${rows.map((r) => r.row).join('\n')}`;
    }
    return { tables, text };
  }

  it('the password is shown once, a replay says so (SECRET_ALREADY_SHOWN), and no table holds any secret', async () => {
    const procoreCompanyId = String(setup.simulator.companyId);
    const companyId = (await createCompany(db(), { procoreCompanyId, name: 'At-Rest GC', actor: 'test' })).id;

    // The app's sign-in, through the popup against the Procore simulator (the first member is admin).
    const start = await fetch(`${setup.publicUrl}/auth/sign-in?procoreCompanyId=${procoreCompanyId}`, { redirect: 'manual' });
    const atProcore = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    keep(new URL(start.headers.get('location')!).searchParams.get('state'));
    keep(new URL(atProcore.headers.get('location')!).searchParams.get('code'));
    const page = await fetch(atProcore.headers.get('location')!);
    keep(/"handoff":"([^"]+)"/.exec(await page.text())?.[1]);
    const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    for (const part of cookie.split('=')[1]!.split('.')) keep(part);
    const session = await setup.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    const csrf = keep(session.json().csrfToken)!;
    const headers = { cookie, 'x-csrf-token': csrf };

    // New Web Connector password, with an Idempotency-Key as the web app sends; the retry does not see it again.
    const rotate = () =>
      setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/qbwc/password`, headers: { ...headers, 'idempotency-key': 'rotate-1' } });
    const first = await rotate();
    expect(first.statusCode).toBe(200);
    const { username, password } = first.json() as { username: string; password: string };
    keep(password);
    const replay = await rotate();
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ code: 'SECRET_ALREADY_SHOWN', message: expect.stringContaining('shown only once') });
    expect(replay.body).not.toContain(password);
    // The replay ran nothing: the password of the first answer still signs in.
    expect(await db().prisma.auditEntry.count({ where: { companyId, action: { in: ['qbwc.credentials_created', 'qbwc.password_rotated'] } } })).toBe(1);
    // Other answers are still kept and replayed as before.
    const settings = () =>
      setup.app.inject({
        method: 'PUT',
        url: `/api/companies/${companyId}/settings`,
        headers: { ...headers, 'idempotency-key': 'settings-1' },
        payload: { approvalRequired: true },
      });
    expect((await settings()).statusCode).toBe(200);
    expect((await settings()).headers['idempotent-replayed']).toBe('true');

    // Procore: the connect answer (authorize URL with its OAuth state) is not kept either; then a service account, then the popup.
    const connect = () =>
      setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/connect`, headers: { ...headers, 'idempotency-key': 'connect-1' } });
    const connectAnswer = await connect();
    expect(connectAnswer.statusCode).toBe(200);
    keep(new URL(connectAnswer.json().authorizeUrl).searchParams.get('state'));
    expect((await connect()).json()).toMatchObject({ code: 'SECRET_ALREADY_SHOWN' });
    const serviceAccount = await setup.app.inject({ method: 'POST', url: `/api/companies/${companyId}/procore/service-account`, headers });
    expect(serviceAccount.statusCode).toBe(200);
    const popup = await signInThroughPopup(setup, companyId, { headers });
    expect(popup.status).toBe(200);
    keep(new URL(popup.authorize).searchParams.get('state'));
    await (await setup.app.procore.clientFor(companyId)).me();

    // A Web Connector session with that password.
    await enqueueRequest(db(), { companyId, request: { type: 'VendorQuery', maxReturned: 1 }, dedupeKey: 'at-rest', requestedBy: 'test' });
    const auth = await callQbwc(setup.app, 'authenticate', { strUserName: username, strPassword: password });
    expect((auth.result as string[])[1]).toBe('');
    keep((auth.result as string[])[0]);

    for (const secret of setup.secrets) keep(secret); // Procore access/refresh tokens, codes, the client secret
    expect(setup.secrets.has(TEST_CLIENT.clientSecret)).toBe(true);
    expect([...setup.secrets].length).toBeGreaterThan(4);

    const { tables, text } = await dumpEveryTable();
    expect(tables).toEqual(
      expect.arrayContaining(['idempotency_keys', 'procore_connections', 'qbwc_connections', 'web_sessions', 'oauth_states', 'sign_in_states']),
    );
    expect(text).toContain(username); // the dump is real: it holds what is not secret
    const found = [...secrets].filter((secret) => secret.length >= 8 && text.includes(secret));
    expect(found).toEqual([]);
    // The key row remembers only that it answered, not what.
    const row = await db().prisma.idempotencyKey.findFirst({ where: { companyId, key: 'rotate-1' } });
    expect(row).toMatchObject({ status: 'withheld', responseStatus: 200, responseBody: null, responseType: null });
  });
});
