import type { GuardedAction } from '@connector/contract';
import type { SessionCompany } from './session.ts';

/**
 * Who may do what: the one role table, shared with the server (@connector/contract), which enforces the
 * same and answers FORBIDDEN_ROLE. The app hides nothing silently: a control the user's roles cannot use
 * is disabled with a tooltip naming the role it needs.
 */
export { ACTION_ROLES, ROLE_LABELS, describeNeededRoles, type GuardedAction } from '@connector/contract';

/** Whether the signed-in user may do `action` in this company: the server said so in GET /api/session. */
export function mayDo(company: Pick<SessionCompany, 'actions'>, action: GuardedAction): boolean {
  return company.actions.includes(action);
}
