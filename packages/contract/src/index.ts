export { ACTION_ROLES, GUARDED_ACTIONS, ROLES, ROLE_LABELS, actionsFor, canDo, describeNeededRoles, describeRoles, isRole, rolesFor, type GuardedAction, type Role } from './roles.ts';
