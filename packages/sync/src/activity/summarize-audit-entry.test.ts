import { describe, expect, it } from 'vitest';
import { summarizeAuditEntry, type AuditEntryForSummary } from './summarize-audit-entry.ts';

const entry = (action: string, detail: unknown = {}, extra: Partial<AuditEntryForSummary> = {}): AuditEntryForSummary => ({
  action,
  actorName: 'Jane Doe',
  outcome: 'ok',
  subjectType: null,
  subjectId: null,
  detail,
  ...extra,
});
const vendor = { subjectType: 'export_vendor', subjectId: '12' };

// One row per action the connector writes (grep writeAudit / audit( in packages/sync): the sentence people read.
const CASES: Array<[AuditEntryForSummary, string]> = [
  [entry('company.created', { name: 'Summit Builders' }), 'Company "Summit Builders" was set up in the connector.'],
  [entry('auth.signed_in'), 'Jane Doe signed in with Procore.'],
  [
    entry('auth.member_added', { name: 'Sam', roles: ['admin', 'project_manager', 'accountant'], reason: 'first member of the company' }),
    'Sam became a member with admin, project manager, accountant (first member of the company).',
  ],
  [
    entry('auth.member_added', { login: 'pat@example.com', roles: [], reason: 'waiting for an admin to give roles' }),
    'pat@example.com became a member with no roles (waiting for an admin to give roles).',
  ],
  [
    entry('auth.member_removed', { reason: 'Procore no longer lists this company for the user' }, { subjectType: 'user', subjectId: 'u1' }),
    'User u1 is no longer a member: Procore no longer lists this company for the user.',
  ],
  [entry('auth.roles_changed', { name: 'Sam', from: [], to: ['accountant'] }), 'Jane Doe changed the roles of Sam from no roles to accountant.'],
  [entry('qbwc.credentials_created', { username: 'summit-1' }), 'Jane Doe created Web Connector credentials (username summit-1).'],
  [entry('qbwc.password_rotated', { username: 'summit-1' }), 'Jane Doe set a new Web Connector password for summit-1.'],
  [
    entry('qbwc.company_file_unbound', { previousFile: 'C:\\Summit.QBW' }),
    'Jane Doe released the company file C:\\Summit.QBW; the next Web Connector session binds to the file QuickBooks has open.',
  ],
  [
    entry('qbwc.company_file_unbound', { previousFile: null }),
    'Jane Doe released the company file; the next Web Connector session binds to the file QuickBooks has open.',
  ],
  [entry('qbwc.company_file_bound', { companyFile: 'C:\\Summit.QBW', companyName: 'Summit' }), 'Bound to the QuickBooks company file C:\\Summit.QBW (Summit).'],
  [entry('qbwc.sign_in_failed', { username: 'summit-1' }), 'The Web Connector could not sign in as summit-1 (wrong password).'],
  [
    entry('qbwc.sign_in_failed', { username: 'summit-1', source: '203.0.113.9', blockedUntil: '2026-12-07T01:00:00.000Z' }),
    'The Web Connector could not sign in as summit-1 from 203.0.113.9 (wrong password); that address is paused until 2026-12-07T01:00:00.000Z.',
  ],
  [
    entry('qbwc.sign_in_unlocked', { username: 'summit-1', sourcesBlocked: 2 }),
    'Jane Doe cleared the failed Web Connector sign-ins of summit-1 (2 paused addresses).',
  ],
  [
    entry('qbwc.online_company', { username: 'acme-qbwc' }),
    'The Web Connector signed in as acme-qbwc, but the company is on QuickBooks Online: it was told there is nothing to do (remove this app from the Web Connector).',
  ],
  [
    entry('qbo.request_sent', { kind: 'PurchaseOrderMod', entity: 'PurchaseOrder', operation: 'update', requestId: 'ab12-v1' }),
    'Sent PurchaseOrderMod to QuickBooks Online (update PurchaseOrder, requestid ab12-v1).',
  ],
  [entry('qbwc.busy'), 'The Web Connector was asked to wait: another session of this company was still running.'],
  [entry('qbwc.session_started', { openWork: 1 }), 'A Web Connector session started with 1 item of work.'],
  [entry('qbwc.session_started', { openWork: 7 }), 'A Web Connector session started with 7 items of work.'],
  [entry('qbwc.session_closed', { summary: '3 vendors synced' }), 'The Web Connector session ended: 3 vendors synced.'],
  [entry('qbwc.session_failed', { message: 'QuickBooks is not running.' }), 'The Web Connector session failed: QuickBooks is not running.'],
  [
    entry('qbwc.session_taken_over', { quietSeconds: 60, takenOverBy: 's2', lostMessages: [{ id: 'm1' }] }),
    'A Web Connector session that made no call for 60 seconds was taken over by a new session; 1 write message whose answer was lost will be checked with QuickBooks before anything is sent again.',
  ],
  [
    entry('qbwc.session_taken_over', { quietSeconds: 45, takenOverBy: null, lostMessages: [] }),
    'A Web Connector session that made no call for 45 seconds was taken over.',
  ],
  [
    entry('qbwc.connection_error', { hresult: '0x80040408', message: 'Could not start QuickBooks' }),
    'The Web Connector could not reach QuickBooks: Could not start QuickBooks.',
  ],
  [entry('qbwc.connection_error', { hresult: '0x80040408' }), 'The Web Connector could not reach QuickBooks: 0x80040408.'],
  [entry('qbwc.message_sent', { requests: [{ id: 'a' }, { id: 'b' }] }), 'Sent 2 requests to QuickBooks.'],
  [entry('qbwc.recovery_requested'), 'Asked QuickBooks whether a write whose answer was lost went through.'],
  [entry('qbwc.recovery_answered', {}, { outcome: 'ok' }), 'QuickBooks had the lost write: its stored answer was applied.'],
  [entry('qbwc.recovery_answered', {}, { outcome: 'info' }), 'QuickBooks had no record of the lost write: it will be sent again.'],
  [entry('qbwc.response_received', { responses: 3, done: 2, failed: 1 }), 'QuickBooks answered 3 requests: 2 done, 1 failed.'],
  [entry('qbwc.response_error', { hresult: '0x8004', message: 'Busy' }), 'QuickBooks returned an error instead of an answer: Busy.'],
  [entry('qbwc.response_unreadable', { reason: 'not XML' }), 'The answer from QuickBooks could not be read: not XML.'],
  [
    entry('qbwc.response_mismatch', { recovery: false, messageSetId: null }),
    "QuickBooks' answer to a read did not match what was sent: nothing was applied; the read runs again.",
  ],
  [
    entry('qbwc.response_mismatch', { recovery: false, messageSetId: 'a1b2' }),
    "QuickBooks' answer did not match what was sent: nothing was applied, and nothing is re-sent before QuickBooks is asked what it did.",
  ],
  [
    entry('qbwc.response_mismatch', { recovery: true }),
    "QuickBooks' answer about a write whose answer was lost did not match what was sent: nothing was applied or re-sent; it is asked again next run.",
  ],
  [entry('request.queued', { kind: 'VendorAdd' }), 'VendorAdd was queued for QuickBooks.'],
  [entry('request.done', { kind: 'VendorQuery', recordCount: 250 }), 'QuickBooks completed VendorQuery (250 records).'],
  [entry('request.done', { kind: 'VendorAdd', record: {} }), 'QuickBooks completed VendorAdd.'],
  [entry('request.failed', { kind: 'VendorAdd', errorCode: 'QB_DUPLICATE_NAME', message: 'The name is taken.' }), 'VendorAdd failed: The name is taken.'],
  [entry('request.failed', { errorCode: 'QBXML_INVALID' }), 'A request failed: QBXML_INVALID.'],
  [entry('request.matched_existing', { kind: 'VendorAdd' }), 'VendorAdd matched a record already in QuickBooks.'],
  [entry('request.duplicate_name', { kind: 'VendorAdd' }), 'QuickBooks already has a record with that name; VendorAdd looks it up instead.'],
  [entry('request.deferred', { kind: 'PurchaseOrderMod', reason: 'The record is in use' }), 'PurchaseOrderMod was postponed: The record is in use.'],
  [entry('export.send', { title: 'ABC Concrete' }, vendor), 'Jane Doe sent ABC Concrete to accounting.'],
  [entry('export.send', {}, vendor), 'Jane Doe sent vendor 12 to accounting.'],
  [entry('export.approve', { title: 'SC-001' }), 'Jane Doe approved SC-001.'],
  [entry('export.reject', { title: 'SC-001', comment: 'Wrong vendor' }), 'Jane Doe rejected SC-001: "Wrong vendor".'],
  [entry('export.reject', { title: 'SC-001', comment: null }), 'Jane Doe rejected SC-001.'],
  [entry('export.retry', { title: 'ABC Concrete', reason: 'needed by SC-001' }), 'Jane Doe retried ABC Concrete (needed by SC-001).'],
  [entry('export.dismiss', { title: 'SC-001' }), 'Jane Doe dismissed SC-001.'],
  [entry('export.queue', { title: 'SC-001' }), 'SC-001 was queued for QuickBooks.'],
  [entry('export.request_queued', { title: 'SC-001', kind: 'PurchaseOrderAdd' }), 'The QuickBooks request for SC-001 was queued (PurchaseOrderAdd).'],
  [
    entry('export.dependency_queued', { title: 'ABC Concrete', neededBy: { title: 'SC-001' } }),
    'ABC Concrete was queued first, because SC-001 needs it in QuickBooks.',
  ],
  [entry('export.synced', { title: 'ABC Concrete', qbName: 'ABC Concrete LLC' }), 'ABC Concrete was written to QuickBooks as ABC Concrete LLC.'],
  [entry('export.matched_existing', { title: 'ABC Concrete', qbName: 'ABC Concrete' }), 'ABC Concrete matched a record already in QuickBooks (ABC Concrete).'],
  [entry('export.customer_created', { customer: 'Harbor Clinic' }), 'Customer Harbor Clinic was created in QuickBooks.'],
  [entry('export.customer_matched', { customer: 'Harbor Health' }), 'Customer Harbor Health was found in QuickBooks.'],
  [entry('export.failed', { title: 'SC-001', message: 'The vendor is missing (3140).' }), 'SC-001 failed: The vendor is missing (3140).'],
  [entry('export.conflict_read', { title: 'SC-001' }), 'SC-001 was changed in QuickBooks since we wrote it; the differences wait for a decision.'],
  [
    entry('export.resolve', { title: 'SC-001', resolution: 'keep_quickbooks' }),
    "Jane Doe resolved the QuickBooks conflict on SC-001: kept QuickBooks' version.",
  ],
  [entry('export.resolve', { title: 'SC-001', resolution: 'resend_ours' }), 'Jane Doe resolved the QuickBooks conflict on SC-001: sent ours again.'],
  [
    entry('export.resolve', { title: 'CCO 4', resolution: 'keep_quickbooks', confirmed: true }),
    "Jane Doe resolved the QuickBooks conflict on CCO 4: kept QuickBooks' version, leaving it out of QuickBooks (confirmed).",
  ],
  [
    entry('export.conflict_check', { title: 'CCO 4' }),
    'QuickBooks said CCO 4 changed since the connector read it (3200); its current version is read before anything is decided.',
  ],
  [
    entry('export.resumed', { title: 'CCO 4', reason: 'its commitment was approved for export' }),
    'CCO 4 left the exception queue by itself: its commitment was approved for export.',
  ],
  [entry('export.replanned', { title: 'CCO 4' }), "CCO 4 was sent again on QuickBooks' current version: nothing the connector writes had changed there."],
  [entry('export.origin_written', { originId: '80000001-1' }, vendor), 'The QuickBooks id of vendor 12 was written back to Procore.'],
  [entry('settings.changed', { changed: { approvalRequired: false, itemType: 'service' } }), 'Jane Doe changed the settings: approvalRequired, itemType.'],
  [
    entry('procore.connected', { environment: 'sandbox', grantType: 'authorization_code', procoreUser: 'jane@summit.com' }),
    'Jane Doe connected the company to Procore (sandbox) as jane@summit.com.',
  ],
  [
    entry('procore.connected', { environment: 'production', grantType: 'client_credentials' }),
    'Jane Doe connected the company to Procore (production) with the service account.',
  ],
  [entry('procore.disconnected', { revoked: ['access'], revokeFailed: [] }), 'Jane Doe disconnected Procore.'],
  [entry('procore.disconnected', { revoked: [], revokeFailed: ['refresh'] }), 'Jane Doe disconnected Procore (some tokens could not be revoked at Procore).'],
  [entry('procore.sign-in-refused', { procoreError: 'access_denied' }), 'The Procore sign-in was refused (access_denied).'],
  [entry('procore.sign-in-required'), 'Procore no longer accepts the connection: an admin must sign in to Procore again.'],
  [entry('procore.webhooks-registered', { triggers: 21 }), 'Jane Doe registered the Procore webhooks (21 triggers).'],
  [entry('procore.webhooks-removed'), 'Jane Doe removed the Procore webhooks.'],
  [
    entry('procore.reconciled', { full: true, read: 40, created: 3, updated: 2, deleted: 1 }),
    'Full reconciliation with Procore: 40 read, 3 new, 2 updated, 1 deleted.',
  ],
  [entry('procore.reconciled', { full: false }), 'Incremental reconciliation with Procore: 0 read, 0 new, 0 updated, 0 deleted.'],
  [entry('procore.vendor.updated', {}, { subjectId: '55' }), 'Procore vendor 55 was updated in Procore; our copy is up to date.'],
  [entry('procore.standard_cost_code.deleted', {}, { subjectId: '9' }), 'Procore standard cost code 9 was deleted in Procore; our copy is up to date.'],
  [entry('procore.project.not-found', {}, { subjectId: '3' }), 'Procore project 3 was reported changed but no longer exists in Procore.'],
];

describe('summarizeAuditEntry', () => {
  it.each(CASES)('$action', (input, sentence) => {
    expect(summarizeAuditEntry(input)).toBe(sentence);
  });

  it('never fails on odd detail (null, an array, wrong types) and still says something', () => {
    for (const detail of [null, undefined, [], 'text', 42, { title: 7, changed: null, requests: 'x', roles: 'admin' }]) {
      for (const [input] of CASES) {
        const sentence = summarizeAuditEntry({ ...input, detail });
        expect(sentence.length, `${input.action} with ${JSON.stringify(detail)}`).toBeGreaterThan(10);
        expect(sentence).not.toMatch(/undefined|\[object Object\]|NaN/);
      }
    }
  });

  it('makes a readable sentence of actions it does not know (added later, e.g. imports)', () => {
    expect(summarizeAuditEntry(entry('import.jobs_refreshed'))).toBe('Jane Doe: import — jobs refreshed.');
    expect(summarizeAuditEntry(entry('import.job_linked', { title: 'Harbor Clinic' }))).toBe('Jane Doe: import — job linked (Harbor Clinic).');
    expect(summarizeAuditEntry(entry('import.push-failed', { message: 'Procore said no.' }, { subjectType: 'qb_job', subjectId: '8000-1' }))).toBe(
      'Jane Doe: import — push failed (qb job 8000-1): Procore said no.',
    );
    expect(summarizeAuditEntry(entry('maintenance'))).toBe('Jane Doe: maintenance.');
  });
});
