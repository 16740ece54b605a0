import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { lockAndTouchSession, lockSession } from './lock-session.ts';
import { hashTicket, newTicket } from './ticket.ts';

// Issue 19: the session is read with raw SQL (one statement where there were two or three). The invariant: the row
// comes back exactly as Prisma's qbwcSession.findUnique gives it (every field, its type), and the touch moves
// lastActivityAt of a live session only.
describe.each(await databaseKinds())('locking a Web Connector session (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '1', name: 'Lock Co', actor: 'test' })).id;
  });
  afterAll(async () => testDb?.dispose());

  async function newSession(state: string) {
    const ticket = newTicket();
    const session = await testDb.database.prisma.qbwcSession.create({
      data: {
        companyId,
        ticketHash: hashTicket(ticket),
        state,
        progress: 40,
        lastError: 'last "error" é',
        companyFile: 'C:\\Company.QBW',
        qbwcClientVersion: '2.3.0.36',
        roundTrips: 3,
        connectionErrors: 1,
        requestsDone: 7,
        requestsFailed: 2,
        workTotal: 12,
        summary: state === 'closed' ? 'Done.' : null,
        startedAt: new Date('2026-12-07T05:00:00.123Z'),
        lastActivityAt: new Date('2026-12-07T05:10:00.456Z'),
        closedAt: state === 'closed' ? new Date('2026-12-07T05:20:00.789Z') : null,
      },
    });
    return { ticket, session };
  }

  it('reads the row as findUnique does', async () => {
    for (const state of ['exchanging', 'closed']) {
      const { ticket, session } = await newSession(state);
      const locked = await testDb.database.prisma.$transaction((tx) => lockSession(tx, ticket));
      expect(locked).toStrictEqual(session);
    }
    expect(await testDb.database.prisma.$transaction((tx) => lockSession(tx, newTicket()))).toBeNull();
    expect(await testDb.database.prisma.$transaction((tx) => lockSession(tx, 'not a ticket'))).toBeNull();
  });

  it('records the call on a live session, and leaves a session that is not live as it was', async () => {
    const now = new Date('2026-12-07T06:00:00.000Z');
    for (const state of ['authenticated', 'exchanging', 'closed', 'failed', 'expired']) {
      const { ticket, session } = await newSession(state);
      const locked = await testDb.database.prisma.$transaction((tx) => lockAndTouchSession(tx, ticket, now));
      const live = state === 'authenticated' || state === 'exchanging';
      const expected = { ...session, lastActivityAt: live ? now : session.lastActivityAt };
      expect(locked).toStrictEqual(expected);
      expect(await testDb.database.prisma.qbwcSession.findUnique({ where: { id: session.id } })).toStrictEqual(expected);
    }
    expect(await testDb.database.prisma.$transaction((tx) => lockAndTouchSession(tx, newTicket(), now))).toBeNull();
  });
});
