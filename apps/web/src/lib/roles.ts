import type { Role } from './session.ts';

/**
 * Which roles may do what (issue 7 "Sign-in and roles"; the server enforces the same and answers
 * FORBIDDEN_ROLE). The app hides nothing silently: a control the user's roles cannot use is disabled
 * with a tooltip naming the role it needs.
 */
export const ACTION_ROLES = {
  sendToAccounting: ['project_manager', 'admin', 'accountant'],
  approveOrReject: ['accountant', 'admin'],
  retryOrDismiss: ['accountant', 'admin'],
  resolveException: ['accountant', 'admin'],
  refreshFromQuickBooks: ['project_manager', 'admin'],
  retryJobCostPush: ['project_manager', 'accountant', 'admin'],
  linkRecords: ['project_manager', 'admin'],
  manageConnection: ['admin'],
  editSettings: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type GuardedAction = keyof typeof ACTION_ROLES;

export const ROLE_LABELS: Record<Role, string> = { admin: 'admin', project_manager: 'project manager', accountant: 'accountant' };

export function canDo(roles: readonly Role[], action: GuardedAction): boolean {
  const needed: readonly Role[] = ACTION_ROLES[action];
  return roles.some((role) => needed.includes(role));
}

/** "Needs the accountant or admin role" — said where a control is disabled. */
export function describeNeededRoles(action: GuardedAction): string {
  const needed: readonly Role[] = ACTION_ROLES[action];
  const labels = needed.map((role) => ROLE_LABELS[role]);
  const list = labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
  return `Needs the ${list} role`;
}
