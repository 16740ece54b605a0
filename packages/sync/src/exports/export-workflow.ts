/**
 * The approval workflow of an export, as a pure transition table (exports):
 *
 *   not_synced ─send─▶ sent_to_accounting ─approve─▶ approved ─queue─▶ queued ─▶ in_flight ─▶ synced
 *        ▲                    │                                           │           │
 *        └──── (editable) ◀─reject─ rejected ─send─┘                      └───────────┴─▶ failed ─retry─▶ queued
 *                                                                                          └─dismiss─▶ dismissed
 *
 * "Direct export" (a company setting) lets send skip approval for commitments, change orders,
 * invoices, owner invoices, prime contracts and their change orders. A repeated action (double click, two tabs) is answered as already done, never applied twice.
 */
import { ACTION_ROLES, describeRoles, type ExportRecordType, type ExportStatus, type GuardedAction, type Role } from '@connector/contract';

// The statuses and record types are the API's (@connector/contract export-api.ts): routes, workflow and app read one list.
export { EXPORT_RECORD_TYPES, EXPORT_STATUSES, type ExportRecordType, type ExportStatus } from '@connector/contract';

// The roles and who may do what live in one table (@connector/contract), read here, by the routes and by the app.
export { ROLES, type Role } from '@connector/contract';

export type ExportAction = 'send' | 'approve' | 'reject' | 'queue' | 'start' | 'succeed' | 'fail' | 'retry' | 'dismiss';

interface Rule {
  from: readonly ExportStatus[];
  to: ExportStatus;
  /** States that mean this action already happened (answered "already done", nothing written). */
  done: readonly ExportStatus[];
  /** The role-table action a person needs for it; undefined = the system only (QBWC results). */
  guard?: GuardedAction;
}

const RULES: Record<ExportAction, Rule> = {
  send: {
    from: ['not_synced', 'rejected'],
    to: 'sent_to_accounting',
    done: ['sent_to_accounting', 'approved', 'queued', 'in_flight', 'synced'],
    guard: 'sendToAccounting',
  },
  approve: { from: ['sent_to_accounting'], to: 'approved', done: ['approved', 'queued', 'in_flight', 'synced'], guard: 'approveOrReject' },
  reject: { from: ['sent_to_accounting'], to: 'rejected', done: ['rejected'], guard: 'approveOrReject' },
  queue: { from: ['approved'], to: 'queued', done: ['queued', 'in_flight', 'synced'] },
  start: { from: ['queued'], to: 'in_flight', done: ['in_flight', 'synced', 'failed'] },
  succeed: { from: ['queued', 'in_flight', 'failed'], to: 'synced', done: ['synced'] },
  fail: { from: ['queued', 'in_flight'], to: 'failed', done: ['failed', 'dismissed'] },
  retry: { from: ['failed'], to: 'queued', done: ['queued', 'in_flight', 'synced'], guard: 'retryOrDismiss' },
  dismiss: { from: ['failed'], to: 'dismissed', done: ['dismissed'], guard: 'retryOrDismiss' },
};

export const DIRECT_EXPORT_TYPES: readonly ExportRecordType[] = [
  'commitment',
  'change_order',
  'invoice',
  'owner_invoice',
  'prime_contract',
  'prime_change_order',
];

export type TransitionResult =
  { kind: 'apply'; to: ExportStatus } | { kind: 'already'; status: ExportStatus } | { kind: 'refused'; reason: 'role' | 'state' | 'comment'; message: string };

const LABELS: Record<ExportStatus, string> = {
  not_synced: 'not synced',
  sent_to_accounting: 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
  queued: 'queued for QuickBooks',
  in_flight: 'being sent to QuickBooks',
  synced: 'synced',
  failed: 'failed',
  dismissed: 'dismissed',
};

export function describeExportStatus(status: ExportStatus): string {
  return LABELS[status];
}

/**
 * What an action does to a record in `status`. Callers apply `to` with a version check, so two
 * concurrent clicks cannot both apply.
 */
export function decideTransition(input: {
  action: ExportAction;
  status: ExportStatus;
  /** The person asking; null = the system (QBWC results, queueing after approval). */
  roles: readonly Role[] | null;
  recordType: ExportRecordType;
  directExport?: boolean;
  comment?: string | null;
}): TransitionResult {
  const rule = RULES[input.action];
  if (input.roles !== null) {
    if (!rule.guard) return { kind: 'refused', reason: 'role', message: `Only the connector itself can ${input.action} an export.` };
    const needed: readonly Role[] = ACTION_ROLES[rule.guard];
    if (!input.roles.some((r) => needed.includes(r))) {
      return { kind: 'refused', reason: 'role', message: `To ${input.action} an export you need the ${describeRoles(needed)} role.` };
    }
  }
  if (rule.done.includes(input.status) && !rule.from.includes(input.status)) return { kind: 'already', status: input.status };
  if (!rule.from.includes(input.status)) {
    return { kind: 'refused', reason: 'state', message: `This record cannot be ${pastTense(input.action)}: it is ${LABELS[input.status]}.` };
  }
  if (input.action === 'reject' && !input.comment?.trim()) {
    return { kind: 'refused', reason: 'comment', message: 'Say why it is rejected: the comment goes to the person who sent it.' };
  }
  if (input.action === 'send' && input.directExport && DIRECT_EXPORT_TYPES.includes(input.recordType)) return { kind: 'apply', to: 'approved' };
  return { kind: 'apply', to: rule.to };
}

/** The role-table action a person needs for an export action (null: only the connector itself does it). */
export function guardOf(action: ExportAction): GuardedAction | null {
  return RULES[action].guard ?? null;
}

function pastTense(action: ExportAction): string {
  return {
    send: 'sent to accounting',
    approve: 'approved',
    reject: 'rejected',
    queue: 'queued',
    start: 'started',
    succeed: 'marked synced',
    fail: 'marked failed',
    retry: 'retried',
    dismiss: 'dismissed',
  }[action];
}
