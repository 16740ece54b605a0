// Routes, services and the app read one role table (@connector/contract). They disagreed before it: an
// admin saw "Approve" and got 403 from a route that asked for the accountant only. This proves, for every
// guarded action and every combination of roles, that the three answer the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ROLES, GUARDED_ACTIONS, ROLES, actionsFor, canDo, type GuardedAction, type Role } from '@connector/contract';
import { createCompany, decideTransition, guardOf } from '@connector/sync';
import { startTestServer, type TestServer } from './support/start-test-server.ts';
import { signInAs } from './support/sign-in.ts';

const everyRoleSet: Role[][] = Array.from({ length: 2 ** ROLES.length }, (_, mask) => ROLES.filter((_, i) => mask & (1 << i)));

describe('one role table: routes, services and the app agree', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(async () => server?.close());

  it("every guarded route asks the role table for an action, with exactly that action's roles", () => {
    const guards = server.app.apiRoutes.filter((r) => r.requiredRoles !== null);
    expect(guards.length).toBeGreaterThan(10);
    for (const guard of guards) {
      expect(guard.action, `${guard.method} ${guard.url} names roles instead of a role-table action`).not.toBeNull();
      expect(guard.requiredRoles, `${guard.method} ${guard.url}`).toEqual(ACTION_ROLES[guard.action as GuardedAction]);
    }
    // Every action of the table guards at least one route (no rule the server forgot to enforce).
    expect(new Set(guards.map((g) => g.action))).toEqual(new Set(GUARDED_ACTIONS));
  });

  it('the export workflow refuses a person exactly when the route guard would', () => {
    for (const action of ['send', 'approve', 'reject', 'retry', 'dismiss'] as const) {
      const guard = guardOf(action);
      expect(guard, action).not.toBeNull();
      const route = server.app.apiRoutes.find((g) => g.url === `/api/companies/:companyId/exports/:recordType/${action}`);
      expect(route?.action, action).toBe(guard);
      for (const roles of everyRoleSet) {
        const status = action === 'retry' || action === 'dismiss' ? 'failed' : action === 'send' ? 'not_synced' : 'sent_to_accounting';
        const decision = decideTransition({ action, status, roles, recordType: 'commitment', comment: 'why' });
        expect(decision.kind === 'refused' && decision.reason === 'role', `${action} by [${roles.join(', ')}]`).toBe(!canDo(roles, guard!));
      }
    }
  });

  it('the session tells the app what each member may do, from the same table', async () => {
    const db = server.testDb.database;
    for (const [i, roles] of everyRoleSet.entries()) {
      const company = await createCompany(db, { procoreCompanyId: String(880_000 + i), name: `Roles ${i}`, actor: 'test' });
      const headers = await signInAs(server.app, { companyId: company.id, roles, login: `roles-${i}@example.com` });
      const session = (await server.app.inject({ method: 'GET', url: '/api/session', headers })).json() as {
        companies: Array<{ id: string; roles: Role[]; actions: string[] }>;
      };
      const mine = session.companies.find((c) => c.id === company.id);
      expect(mine?.roles.sort(), `[${roles.join(', ')}]`).toEqual([...roles].sort());
      expect(mine?.actions, `[${roles.join(', ')}]`).toEqual(actionsFor(roles));
    }
  });

  it('a guarded route answers 403 FORBIDDEN_ROLE exactly to the roles the table leaves out', async () => {
    const db = server.testDb.database;
    // Approve (a bulk action of the accountant) and settings (the admin's), for every combination of roles.
    for (const [i, roles] of everyRoleSet.entries()) {
      const company = await createCompany(db, { procoreCompanyId: String(890_000 + i), name: `Guard ${i}`, actor: 'test' });
      const headers = await signInAs(server.app, { companyId: company.id, roles, login: `guard-${i}@example.com` });
      const approve = await server.app.inject({
        method: 'POST',
        url: `/api/companies/${company.id}/exports/commitment/approve`,
        headers,
        payload: { procoreIds: ['1'] },
      });
      expect(approve.statusCode === 403 && approve.json().code === 'FORBIDDEN_ROLE', `approve by [${roles.join(', ')}]: ${approve.statusCode}`).toBe(
        !canDo(roles, 'approveOrReject'),
      );
      const settings = await server.app.inject({ method: 'PUT', url: `/api/companies/${company.id}/settings`, headers, payload: {} });
      expect(settings.statusCode === 403 && settings.json().code === 'FORBIDDEN_ROLE', `settings by [${roles.join(', ')}]: ${settings.statusCode}`).toBe(
        !canDo(roles, 'editSettings'),
      );
    }
  });
});
