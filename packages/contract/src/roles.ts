/**
 * Who may do what: the one role table. The server's route guards (`requireAction`), the services that
 * check roles themselves (the export workflow, 3200 resolution) and the embedded app (which disables a
 * control the user's roles cannot use, naming the role it needs) all read it, so they cannot disagree.
 * (They did: an admin saw "Approve" and got 403 from a route that asked for the accountant role only.)
 *
 * The roles are the product brief's users: company admins connect and configure; project managers send
 * to accounting and refresh from QuickBooks; accountants approve, reject and resolve exceptions
 * (docs/product.md). An admin may do everything: they can give themselves any role anyway.
 */
export const ROLES = ['admin', 'project_manager', 'accountant'] as const;
export type Role = (typeof ROLES)[number];

export const ACTION_ROLES = {
  /** Send a Procore record to accounting (the first step of an export). */
  sendToAccounting: ['project_manager', 'accountant', 'admin'],
  /** Approve or reject what was sent: the accountant's decision before anything reaches the books. */
  approveOrReject: ['accountant', 'admin'],
  /** Retry or dismiss a failed export, or a failed background job, from the exception queue. */
  retryOrDismiss: ['accountant', 'admin'],
  /** Settle a "changed in QuickBooks" (3200) exception: keep QuickBooks' version or re-send ours. */
  resolveException: ['accountant', 'admin'],
  /** Refresh jobs, vendors, items; Update Job Costs. */
  refreshFromQuickBooks: ['project_manager', 'admin'],
  /** Push job costs to Procore again after a failure. */
  retryJobCostPush: ['project_manager', 'accountant', 'admin'],
  /** Link, unlink, archive QuickBooks jobs and vendors to Procore records. */
  linkRecords: ['project_manager', 'admin'],
  /** The Web Connector and Procore connections: passwords, .qwc, sign-in, unlock. */
  manageConnection: ['admin'],
  /** Company settings and mappings. */
  editSettings: ['admin'],
  /** Who is a member of the company and with which roles. */
  manageMembers: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type GuardedAction = keyof typeof ACTION_ROLES;
export const GUARDED_ACTIONS = Object.keys(ACTION_ROLES) as GuardedAction[];

export const ROLE_LABELS: Record<Role, string> = { admin: 'admin', project_manager: 'project manager', accountant: 'accountant' };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function rolesFor(action: GuardedAction): readonly Role[] {
  return ACTION_ROLES[action];
}

export function canDo(roles: readonly Role[], action: GuardedAction): boolean {
  const needed: readonly Role[] = ACTION_ROLES[action];
  return roles.some((role) => needed.includes(role));
}

/** Every action the roles allow, in table order (the session tells the app). */
export function actionsFor(roles: readonly Role[]): GuardedAction[] {
  return GUARDED_ACTIONS.filter((action) => canDo(roles, action));
}

/** "the accountant or admin" — the roles an action needs, in words. */
export function describeRoles(roles: readonly Role[]): string {
  const labels = roles.map((role) => ROLE_LABELS[role]);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/** "Needs the accountant or admin role" — said where a control is disabled. */
export function describeNeededRoles(action: GuardedAction): string {
  return `Needs the ${describeRoles(ACTION_ROLES[action])} role`;
}
