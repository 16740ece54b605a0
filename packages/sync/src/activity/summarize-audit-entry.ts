/**
 * One sentence per audit entry for the Activity screen ("View Log"). The raw entry (action, detail) is
 * shown beside it; this only says what happened in words. Unknown actions (added later, e.g. imports) get a
 * readable sentence from the action name, so nothing is ever shown blank.
 */
export interface AuditEntryForSummary {
  action: string;
  /** Display name of who did it: a person's name, or "Web Connector", "Connector", … */
  actorName: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: unknown;
}

type Detail = Record<string, unknown>;
type Template = (entry: AuditEntryForSummary, d: Detail) => string;

const text = (value: unknown, fallback = ''): string =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : fallback;
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const withPeriod = (sentence: string) => (/[.!?]$/.test(sentence) ? sentence : `${sentence}.`);
const list = (values: unknown): string[] => (Array.isArray(values) ? values.map((v) => text(v)).filter(Boolean) : []);
const ROLE_NAMES: Record<string, string> = { admin: 'admin', project_manager: 'project manager', accountant: 'accountant' };
const roleList = (values: unknown) => {
  const roles = list(values).map((r) => ROLE_NAMES[r] ?? r);
  return roles.length ? roles.join(', ') : 'no roles';
};

/** What an export entry is about: its title, else "vendor 12". */
const subject = (e: AuditEntryForSummary, d: Detail): string =>
  text(d.title) || [e.subjectType?.replace(/^(export|procore)_/, '').replace(/_/g, ' '), e.subjectId].filter(Boolean).join(' ') || 'a record';
const kindOf = (d: Detail, fallback = 'A request') => text(d.kind, fallback);

const TEMPLATES: Record<string, Template> = {
  'company.created': (_e, d) => `Company "${text(d.name, 'unnamed')}" was set up in the connector.`,

  'auth.signed_in': (e) => `${e.actorName} signed in with Procore.`,
  'auth.member_added': (_e, d) =>
    `${text(d.name) || text(d.login) || 'A person'} became a member with ${roleList(d.roles)} (${text(d.reason, 'first sign-in')}).`,
  'auth.member_removed': (e, d) =>
    `${text(d.name) || text(d.login) || `User ${e.subjectId ?? ''}`.trim()} is no longer a member: ${text(d.reason, 'removed')}.`,
  'auth.roles_changed': (e, d) =>
    `${e.actorName} changed the roles of ${text(d.name) || text(d.login) || 'a member'} from ${roleList(d.from)} to ${roleList(d.to)}.`,

  'qbwc.credentials_created': (e, d) => `${e.actorName} created Web Connector credentials (username ${text(d.username, '?')}).`,
  'qbwc.password_rotated': (e, d) => `${e.actorName} set a new Web Connector password for ${text(d.username, 'the Web Connector')}.`,
  'qbwc.company_file_unbound': (e, d) =>
    `${e.actorName} released the company file${text(d.previousFile) ? ` ${text(d.previousFile)}` : ''}; the next Web Connector session binds to the file QuickBooks has open.`,
  'qbwc.company_file_bound': (_e, d) =>
    `Bound to the QuickBooks company file ${text(d.companyFile, '(unnamed)')}${text(d.companyName) ? ` (${text(d.companyName)})` : ''}.`,
  'qbwc.sign_in_failed': (_e, d) =>
    `The Web Connector could not sign in as ${text(d.username, 'this company')}${text(d.source) ? ` from ${text(d.source)}` : ''} (wrong password)${
      text(d.blockedUntil) ? `; that address is paused until ${text(d.blockedUntil)}` : ''
    }.`,
  'qbwc.sign_in_unlocked': (e, d) =>
    `${e.actorName} cleared the failed Web Connector sign-ins of ${text(d.username, 'this company')} (${plural(count(d.sourcesBlocked), 'paused address', 'paused addresses')}).`,
  'qbwc.online_company': (_e, d) =>
    `The Web Connector signed in as ${text(d.username, 'this company')}, but the company is on QuickBooks Online: it was told there is nothing to do (remove this app from the Web Connector).`,
  'qbo.request_sent': (_e, d) =>
    `Sent ${kindOf(d, 'a request')} to QuickBooks Online (${text(d.operation) === 'update' ? 'update' : 'create'} ${text(d.entity, 'record')}, requestid ${text(d.requestId, '?')}).`,
  'qbwc.busy': () => 'The Web Connector was asked to wait: another session of this company was still running.',
  'qbwc.session_started': (_e, d) => `A Web Connector session started with ${plural(count(d.openWork), 'item')} of work.`,
  'qbwc.session_closed': (_e, d) => withPeriod(`The Web Connector session ended: ${text(d.summary, 'nothing to do')}`),
  'qbwc.session_failed': (_e, d) => withPeriod(`The Web Connector session failed: ${text(d.message, 'no reason given')}`),
  'qbwc.session_taken_over': (_e, d) => {
    const lost = Array.isArray(d.lostMessages) ? d.lostMessages.length : 0;
    return `A Web Connector session that made no call for ${count(d.quietSeconds)} seconds was taken over${d.takenOverBy ? ' by a new session' : ''}${
      lost ? `; ${plural(lost, 'write message')} whose answer was lost will be checked with QuickBooks before anything is sent again` : ''
    }.`;
  },
  'qbwc.connection_error': (_e, d) => withPeriod(`The Web Connector could not reach QuickBooks: ${text(d.message, text(d.hresult, 'no reason given'))}`),
  'qbwc.message_sent': (_e, d) => `Sent ${plural(Array.isArray(d.requests) ? d.requests.length : 0, 'request')} to QuickBooks.`,
  'qbwc.recovery_requested': () => 'Asked QuickBooks whether a write whose answer was lost went through.',
  'qbwc.recovery_answered': (e) =>
    e.outcome === 'ok' ? 'QuickBooks had the lost write: its stored answer was applied.' : 'QuickBooks had no record of the lost write: it will be sent again.',
  'qbwc.response_received': (_e, d) => `QuickBooks answered ${plural(count(d.responses), 'request')}: ${count(d.done)} done, ${count(d.failed)} failed.`,
  'qbwc.response_error': (_e, d) => withPeriod(`QuickBooks returned an error instead of an answer: ${text(d.message, text(d.hresult, 'no message'))}`),
  'qbwc.response_unreadable': (_e, d) => withPeriod(`The answer from QuickBooks could not be read: ${text(d.reason, 'unknown reason')}`),
  'qbwc.response_mismatch': (_e, d) =>
    d.recovery
      ? "QuickBooks' answer about a write whose answer was lost did not match what was sent: nothing was applied or re-sent; it is asked again next run."
      : d.messageSetId
        ? "QuickBooks' answer did not match what was sent: nothing was applied, and nothing is re-sent before QuickBooks is asked what it did."
        : "QuickBooks' answer to a read did not match what was sent: nothing was applied; the read runs again.",

  'request.queued': (_e, d) => `${kindOf(d)} was queued for QuickBooks.`,
  'request.done': (_e, d) =>
    `QuickBooks completed ${kindOf(d, 'a request')}${typeof d.recordCount === 'number' ? ` (${plural(d.recordCount, 'record')})` : ''}.`,
  'request.failed': (_e, d) => withPeriod(`${kindOf(d)} failed: ${text(d.message, text(d.errorCode, 'no reason given'))}`),
  'request.matched_existing': (_e, d) => `${kindOf(d)} matched a record already in QuickBooks.`,
  'request.duplicate_name': (_e, d) => `QuickBooks already has a record with that name; ${kindOf(d, 'the request')} looks it up instead.`,
  'request.deferred': (_e, d) => withPeriod(`${kindOf(d)} was postponed: ${text(d.reason, 'QuickBooks asked to try later')}`),

  'export.send': (e, d) => `${e.actorName} sent ${subject(e, d)} to accounting.`,
  'export.approve': (e, d) => `${e.actorName} approved ${subject(e, d)}.`,
  'export.reject': (e, d) => `${e.actorName} rejected ${subject(e, d)}${text(d.comment) ? `: "${text(d.comment)}"` : ''}.`,
  'export.retry': (e, d) => `${e.actorName} retried ${subject(e, d)}${text(d.reason) ? ` (${text(d.reason)})` : ''}.`,
  'export.dismiss': (e, d) => `${e.actorName} dismissed ${subject(e, d)}.`,
  'export.queue': (e, d) => `${subject(e, d)} was queued for QuickBooks.`,
  'export.request_queued': (e, d) => `The QuickBooks request for ${subject(e, d)} was queued${text(d.kind) ? ` (${text(d.kind)})` : ''}.`,
  'export.dependency_queued': (e, d) => {
    const neededBy = (d.neededBy ?? {}) as Detail;
    return `${subject(e, d)} was queued first, because ${text(neededBy.title, 'another record')} needs it in QuickBooks.`;
  },
  'export.synced': (e, d) => `${subject(e, d)} was written to QuickBooks${text(d.qbName) ? ` as ${text(d.qbName)}` : ''}.`,
  'export.matched_existing': (e, d) => `${subject(e, d)} matched a record already in QuickBooks${text(d.qbName) ? ` (${text(d.qbName)})` : ''}.`,
  'export.customer_created': (_e, d) => `Customer ${text(d.customer, '(unnamed)')} was created in QuickBooks.`,
  'export.customer_matched': (_e, d) => `Customer ${text(d.customer, '(unnamed)')} was found in QuickBooks.`,
  'export.failed': (e, d) => withPeriod(`${subject(e, d)} failed: ${text(d.message, text(d.errorCode, 'no reason given'))}`),
  'export.conflict_read': (e, d) => `${subject(e, d)} was changed in QuickBooks since we wrote it; the differences wait for a decision.`,
  'export.conflict_check': (e, d) =>
    `QuickBooks said ${subject(e, d)} changed since the connector read it (3200); its current version is read before anything is decided.`,
  'export.resumed': (e, d) => `${subject(e, d)} left the exception queue by itself: ${text(d.reason, 'what it waited for is on its way')}.`,
  'export.replanned': (e, d) => `${subject(e, d)} was sent again on QuickBooks' current version: nothing the connector writes had changed there.`,
  'export.resolve': (e, d) =>
    `${e.actorName} resolved the QuickBooks conflict on ${subject(e, d)}: ${d.resolution === 'keep_quickbooks' ? `kept QuickBooks' version${d.confirmed === true ? ', leaving it out of QuickBooks (confirmed)' : ''}` : 'sent ours again'}.`,
  'export.origin_written': (e) => `The QuickBooks id of ${subject(e, {})} was written back to Procore.`,

  'settings.changed': (e, d) => {
    const changed = Object.keys(((d.changed ?? {}) as Detail) || {});
    return `${e.actorName} changed the settings${changed.length ? `: ${changed.join(', ')}` : ''}.`;
  },

  'procore.connected': (e, d) =>
    `${e.actorName} connected the company to Procore (${text(d.environment, 'production')}) ${d.grantType === 'client_credentials' ? 'with the service account' : `as ${text(d.procoreUser, 'the signed-in user')}`}.`,
  'procore.disconnected': (e, d) =>
    `${e.actorName} disconnected Procore${list(d.revokeFailed).length ? ' (some tokens could not be revoked at Procore)' : ''}.`,
  'procore.sign-in-refused': (_e, d) => `The Procore sign-in was refused (${text(d.procoreError, 'no reason given')}).`,
  'procore.sign-in-required': () => 'Procore no longer accepts the connection: an admin must sign in to Procore again.',
  'procore.webhooks-registered': (e, d) => `${e.actorName} registered the Procore webhooks (${plural(count(d.triggers), 'trigger')}).`,
  'procore.webhooks-removed': (e) => `${e.actorName} removed the Procore webhooks.`,
  // A background job that failed for good, retried or dismissed from the Exceptions screen (exceptions/resolve-failed-job.ts).
  'job.retry': (e, d) => `${e.actorName} retried a failed background job: ${text(d.doing, text(d.kind, 'a job'))}.`,
  'job.dismiss': (e, d) => `${e.actorName} dismissed a failed background job: ${text(d.doing, text(d.kind, 'a job'))}.`,
  'procore.reconciled': (_e, d) =>
    `${d.full ? 'Full' : 'Incremental'} reconciliation with Procore: ${count(d.read)} read, ${count(d.created)} new, ${count(d.updated)} updated, ${count(d.deleted)} deleted.`,
};

// procore.<resource>.<outcome> from webhook jobs (apply-procore-change.ts).
const PROCORE_CHANGE = /^procore\.([a-z_]+)\.(created|updated|deleted|not-found)$/;

export function summarizeAuditEntry(entry: AuditEntryForSummary): string {
  const detail = (entry.detail && typeof entry.detail === 'object' && !Array.isArray(entry.detail) ? entry.detail : {}) as Detail;
  const template = TEMPLATES[entry.action];
  if (template) return template(entry, detail);
  const change = PROCORE_CHANGE.exec(entry.action);
  if (change) {
    const what = `Procore ${change[1]!.replace(/_/g, ' ')} ${entry.subjectId ?? ''}`.trim();
    return change[2] === 'not-found'
      ? `${what} was reported changed but no longer exists in Procore.`
      : `${what} was ${change[2]} in Procore; our copy is up to date.`;
  }
  return fallbackSentence(entry, detail);
}

/** "import.jobs_refreshed" by Jane → "Jane: import — jobs refreshed (project 12)." */
function fallbackSentence(entry: AuditEntryForSummary, detail: Detail): string {
  const [area, ...rest] = entry.action.split('.');
  const words = (rest.length ? rest.join(' ') : '').replace(/[_-]+/g, ' ').trim();
  const about = text(detail.title) || (entry.subjectType || entry.subjectId ? subject(entry, {}) : '');
  const message = text(detail.message);
  return withPeriod(
    `${entry.actorName}: ${(area ?? entry.action).replace(/[_-]+/g, ' ')}${words ? ` — ${words}` : ''}${about ? ` (${about})` : ''}${message ? `: ${message}` : ''}`,
  );
}

/** The display name of an audit actor that is not a person. */
export const SYSTEM_ACTOR_NAMES: Record<string, string> = {
  qbwc: 'Web Connector',
  connector: 'Connector',
  export: 'Connector',
  system: 'Connector',
  schedule: 'Schedule',
  procore: 'Procore',
  'procore-webhook': 'Procore webhook',
  'admin-cli': 'Admin CLI',
  demo: 'Demo',
  web: 'Web app',
};
