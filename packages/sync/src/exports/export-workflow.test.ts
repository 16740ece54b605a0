import { describe, expect, it } from 'vitest';
import { decideTransition, EXPORT_STATUSES, type ExportAction, type ExportStatus } from './export-workflow.ts';

const pm = ['project_manager'] as const;
const accountant = ['accountant'] as const;
const admin = ['admin'] as const;

describe('export workflow', () => {
  it.each<[ExportAction, ExportStatus, ExportStatus]>([
    ['send', 'not_synced', 'sent_to_accounting'],
    ['send', 'rejected', 'sent_to_accounting'],
    ['approve', 'sent_to_accounting', 'approved'],
    ['reject', 'sent_to_accounting', 'rejected'],
    ['queue', 'approved', 'queued'],
    ['start', 'queued', 'in_flight'],
    ['succeed', 'in_flight', 'synced'],
    ['succeed', 'queued', 'synced'],
    ['succeed', 'failed', 'synced'],
    ['fail', 'in_flight', 'failed'],
    ['fail', 'queued', 'failed'],
    ['retry', 'failed', 'queued'],
    ['dismiss', 'failed', 'dismissed'],
  ])('%s: %s → %s', (action, status, to) => {
    const roles = ['send'].includes(action) ? pm : ['approve', 'reject', 'retry', 'dismiss'].includes(action) ? accountant : null;
    expect(decideTransition({ action, status, roles, recordType: 'commitment', comment: 'wrong cost code' })).toEqual({ kind: 'apply', to });
  });

  it('answers a repeated action as already done (double click, two tabs)', () => {
    expect(decideTransition({ action: 'send', status: 'sent_to_accounting', roles: pm, recordType: 'vendor' })).toEqual({
      kind: 'already',
      status: 'sent_to_accounting',
    });
    expect(decideTransition({ action: 'approve', status: 'queued', roles: accountant, recordType: 'vendor' })).toEqual({ kind: 'already', status: 'queued' });
    expect(decideTransition({ action: 'approve', status: 'synced', roles: accountant, recordType: 'vendor' })).toEqual({ kind: 'already', status: 'synced' });
    expect(decideTransition({ action: 'reject', status: 'rejected', roles: accountant, recordType: 'vendor', comment: 'x' })).toEqual({
      kind: 'already',
      status: 'rejected',
    });
    expect(decideTransition({ action: 'retry', status: 'queued', roles: accountant, recordType: 'vendor' })).toEqual({ kind: 'already', status: 'queued' });
    expect(decideTransition({ action: 'fail', status: 'failed', roles: null, recordType: 'vendor' })).toEqual({ kind: 'already', status: 'failed' });
  });

  it('refuses actions from states they do not apply to, saying what the record is', () => {
    const r = decideTransition({ action: 'approve', status: 'not_synced', roles: accountant, recordType: 'commitment' });
    expect(r).toEqual({ kind: 'refused', reason: 'state', message: 'This record cannot be approved: it is not synced.' });
    expect(decideTransition({ action: 'reject', status: 'synced', roles: accountant, recordType: 'commitment', comment: 'x' })).toMatchObject({
      kind: 'refused',
      reason: 'state',
    });
    expect(decideTransition({ action: 'dismiss', status: 'synced', roles: accountant, recordType: 'commitment' })).toMatchObject({
      kind: 'refused',
      reason: 'state',
    });
    expect(decideTransition({ action: 'send', status: 'dismissed', roles: pm, recordType: 'commitment' })).toMatchObject({ kind: 'refused', reason: 'state' });
  });

  it('enforces roles: a project manager cannot approve; an accountant can send; admins can do all', () => {
    expect(decideTransition({ action: 'approve', status: 'sent_to_accounting', roles: pm, recordType: 'commitment' })).toMatchObject({
      kind: 'refused',
      reason: 'role',
      message: expect.stringContaining('accountant or admin'),
    });
    expect(decideTransition({ action: 'retry', status: 'failed', roles: pm, recordType: 'commitment' })).toMatchObject({ kind: 'refused', reason: 'role' });
    expect(decideTransition({ action: 'send', status: 'not_synced', roles: accountant, recordType: 'commitment' })).toMatchObject({ kind: 'apply' });
    for (const action of ['send', 'approve', 'reject', 'retry', 'dismiss'] as const) {
      const status = action === 'send' ? 'not_synced' : action === 'retry' || action === 'dismiss' ? 'failed' : 'sent_to_accounting';
      expect(decideTransition({ action, status, roles: admin, recordType: 'vendor', comment: 'c' }).kind).toBe('apply');
    }
    expect(decideTransition({ action: 'succeed', status: 'queued', roles: admin, recordType: 'vendor' })).toMatchObject({ kind: 'refused', reason: 'role' });
  });

  it('requires a comment to reject', () => {
    expect(decideTransition({ action: 'reject', status: 'sent_to_accounting', roles: accountant, recordType: 'invoice', comment: '  ' })).toMatchObject({
      kind: 'refused',
      reason: 'comment',
    });
  });

  it('direct export skips approval for commitments, change orders and invoices only', () => {
    for (const recordType of ['commitment', 'change_order', 'invoice'] as const) {
      expect(decideTransition({ action: 'send', status: 'not_synced', roles: pm, recordType, directExport: true })).toEqual({ kind: 'apply', to: 'approved' });
    }
    for (const recordType of ['cost_code', 'project', 'vendor', 'budget'] as const) {
      expect(decideTransition({ action: 'send', status: 'not_synced', roles: pm, recordType, directExport: true })).toEqual({
        kind: 'apply',
        to: 'sent_to_accounting',
      });
    }
  });

  it('synced and dismissed are final: no action moves them (only "already" or a refusal)', () => {
    for (const status of ['synced', 'dismissed'] as const) {
      for (const action of ['send', 'approve', 'reject', 'queue', 'start', 'succeed', 'fail', 'retry', 'dismiss'] as const) {
        const roles = ['queue', 'start', 'succeed', 'fail'].includes(action) ? null : admin;
        expect(decideTransition({ action, status, roles, recordType: 'vendor', comment: 'c' }).kind, `${action} on ${status}`).not.toBe('apply');
      }
    }
  });

  it('covers every status: each one can be left by some action except the final ones', () => {
    const leavable = EXPORT_STATUSES.filter((status) =>
      (['send', 'approve', 'reject', 'queue', 'start', 'succeed', 'fail', 'retry', 'dismiss'] as const).some(
        (action) =>
          decideTransition({ action, status, roles: ['queue', 'start', 'succeed', 'fail'].includes(action) ? null : admin, recordType: 'vendor', comment: 'c' })
            .kind === 'apply',
      ),
    );
    expect(leavable.sort()).toEqual(['approved', 'failed', 'in_flight', 'not_synced', 'queued', 'rejected', 'sent_to_accounting']);
  });
});
