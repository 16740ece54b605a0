import { describe, expect, it } from 'vitest';
import { ACTION_ROLES, GUARDED_ACTIONS, ROLES, actionsFor, canDo, describeNeededRoles, type Role } from './roles.ts';

const everyRoleSet: Role[][] = Array.from({ length: 2 ** ROLES.length }, (_, mask) => ROLES.filter((_, i) => mask & (1 << i)));

describe('the role table', () => {
  it('an admin may do everything (they can give themselves any role anyway)', () => {
    for (const action of GUARDED_ACTIONS) expect(canDo(['admin'], action)).toBe(true);
  });

  it('every action names at least one role, each a known role, none twice', () => {
    for (const [action, roles] of Object.entries(ACTION_ROLES)) {
      expect(roles.length, action).toBeGreaterThan(0);
      expect(new Set(roles).size, action).toBe(roles.length);
      for (const role of roles) expect(ROLES, action).toContain(role);
    }
  });

  it('no roles, no actions; more roles never allow less', () => {
    expect(actionsFor([])).toEqual([]);
    for (const a of everyRoleSet) {
      for (const b of everyRoleSet) {
        if (!a.every((r) => b.includes(r))) continue;
        for (const action of actionsFor(a)) expect(canDo(b, action)).toBe(true);
      }
    }
  });

  it('what the product brief gives each role', () => {
    expect(actionsFor(['project_manager'])).toEqual(['sendToAccounting', 'refreshFromQuickBooks', 'retryJobCostPush', 'linkRecords']);
    expect(actionsFor(['accountant'])).toEqual(['sendToAccounting', 'approveOrReject', 'retryOrDismiss', 'resolveException', 'retryJobCostPush']);
  });

  it('says which roles an action needs', () => {
    expect(describeNeededRoles('approveOrReject')).toBe('Needs the accountant or admin role');
    expect(describeNeededRoles('sendToAccounting')).toBe('Needs the project manager, accountant or admin role');
    expect(describeNeededRoles('editSettings')).toBe('Needs the admin role');
  });
});
