/**
 * The one error type the domain throws. Each code maps to an HTTP status and a sentence a person can
 * act on; raw QuickBooks/Procore codes travel beside it in `details` (house rule: keep theirs next to ours).
 */
export const APP_ERRORS = {
  VALIDATION: { status: 400, message: 'The request is not valid.' },
  // PostgreSQL text and JSON cannot hold U+0000 (22021): refused at the edge instead of failing as a 500 (hostile input).
  TEXT_HAS_NUL: { status: 400, message: 'This request contains a NUL character (\\u0000), which cannot be stored or searched. Remove it and try again.' },
  UNAUTHORIZED: { status: 401, message: 'Sign in to continue.' },
  FORBIDDEN: { status: 403, message: 'You do not have access to this.' },
  COMPANY_NOT_FOUND: { status: 404, message: 'That company is not set up in the connector.' },
  CONNECTION_NOT_FOUND: { status: 404, message: 'This company has no Web Connector credentials yet. An admin can create them.' },
  REQUEST_NOT_FOUND: { status: 404, message: 'That queued request does not exist.' },
  CONFLICT: { status: 409, message: 'That already exists.' },
  USERNAME_TAKEN: { status: 409, message: 'That Web Connector username is used by another company. Pick another.' },
  QBXML_INVALID: { status: 422, message: 'QuickBooks would reject this record as it stands.' },
  PROCORE_NOT_CONFIGURED: {
    status: 503,
    message: 'This Procore environment has no OAuth client configured on the server. Ask the administrator to set its client id and secret.',
  },
  PROCORE_NOT_CONNECTED: { status: 409, message: 'This company is not connected to Procore yet. An admin can connect it from the Connection screen.' },
  PROCORE_SIGN_IN_REQUIRED: { status: 409, message: 'The Procore sign-in for this company no longer works. An admin must sign in to Procore again.' },
  PROCORE_SIGN_IN_FAILED: { status: 400, message: 'The Procore sign-in did not complete. Start it again from the Connection screen.' },
  PROCORE_UNAVAILABLE: { status: 502, message: 'Procore did not answer. The work is kept and will be retried.' },
  PROCORE_REQUEST_FAILED: { status: 502, message: 'Procore refused the request.' },
  // QuickBooks Online (issue 22). Intuit's raw OAuth error travels in details (intuitError) and in the message.
  QBO_NOT_CONFIGURED: {
    status: 503,
    message:
      'QuickBooks Online is not configured on this server. Ask the administrator to set QBO_CLIENT_ID, QBO_CLIENT_SECRET and QBO_ENVIRONMENT (README "QuickBooks Online (preview)").',
  },
  QBO_NOT_CONNECTED: { status: 409, message: 'This company is not connected to QuickBooks Online. An admin can connect it from the Connection screen.' },
  QBO_RECONNECT_REQUIRED: {
    status: 409,
    message: 'The QuickBooks Online connection of this company no longer works. An admin must connect QuickBooks Online again from the Connection screen.',
  },
  QBO_CONNECT_FAILED: { status: 400, message: 'Connecting QuickBooks Online did not complete. Start it again from the Connection screen.' },
  QBO_UNAVAILABLE: { status: 502, message: 'QuickBooks Online did not answer. The work is kept and will be retried.' },
  QBO_REQUEST_FAILED: { status: 502, message: 'QuickBooks Online refused the request.' },
  // Until the accounting-backend seam sends to QuickBooks Online (issue 22), nothing is queued for an Online company.
  ONLINE_EDITION_NOT_READY: {
    status: 409,
    message:
      'This company is set to QuickBooks Online, and reading job costs from QuickBooks Online is not built yet, so nothing was queued. Exports and the jobs, vendors and items refreshes work on QuickBooks Online; to read job costs now, switch the company back to QuickBooks Desktop on the Connection screen.',
  },
  EDITION_SWITCH_BLOCKED: {
    status: 409,
    message: 'The accounting edition cannot change while the Web Connector still has work queued or in flight. Let it finish (or cancel it), then switch.',
  },
  WEBHOOK_UNAUTHORIZED: { status: 401, message: 'This webhook delivery does not carry the secret we registered.' },
  JOB_NOT_FOUND: { status: 404, message: 'That background job does not exist.' },
  JOB_NOT_FAILED: { status: 409, message: 'That background job has not failed: it is queued, running or done. Reload the Exceptions list.' },
  // QuickBooks → Procore (QuickBooks to Procore).
  NOT_FOUND: { status: 404, message: 'That record was not found in this company.' },
  ALREADY_LINKED: { status: 409, message: 'One of the two records is already linked to another record.' },
  /** docs/integration-map.md#known-limits: a Procore project is one level of job under a customer; no sub-jobs. */
  SUB_JOB_NOT_SUPPORTED: {
    status: 409,
    message: 'This QuickBooks job is a sub-job (a job under another job); the connector links only jobs directly under a customer to Procore projects.',
  },
  // Only what Procore approved is exported (data safety, defect 6; the rule: @connector/mapping checkProcoreApproval).
  NOT_APPROVED_IN_PROCORE: { status: 409, message: 'Not approved in Procore — approve it in Procore first, then send it again.' },
  // A resolution that would leave approved Procore work out of QuickBooks waits for an explicit yes (data safety).
  CONFIRMATION_REQUIRED: { status: 409, message: 'This leaves approved Procore work out of QuickBooks. Confirm to go ahead, or choose another way.' },
  // Sign-in, sessions and roles of the embedded app.
  NOT_SIGNED_IN: { status: 401, message: 'You are not signed in. Use "Sign in with Procore" to continue.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session ended (30 minutes without activity, or 8 hours after sign-in). Sign in with Procore again.' },
  CSRF_TOKEN_INVALID: { status: 403, message: "This request did not carry the page's security token (X-CSRF-Token). Reload the page and try again." },
  FORBIDDEN_ROLE: { status: 403, message: 'Your role in this company does not allow this. Ask an admin of the company to give you the role it needs.' },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    message: 'The same request (same Idempotency-Key) is still being processed. Wait a moment, then retry to get its answer.',
  },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This Idempotency-Key was already used for a different request. Send a new key for a new action.' },
  // Hostile input: an answer that carries a secret (a new Web Connector password) is shown once and never stored.
  SECRET_ALREADY_SHOWN: {
    status: 409,
    message:
      'This answer held a secret (such as a new Web Connector password) that is shown only once and is not kept. If it was not seen, create a new one again (for the password: "Set a new password").',
  },
  LAST_ADMIN: { status: 409, message: 'A company needs at least one admin. Give another member the admin role first.' },
  /** A JSON column or job payload read back does not have the shape its writer gives it (@connector/contract stored-values.ts). */
  STORED_VALUE_INVALID: { status: 500, message: 'A stored record is not in the shape the connector writes. It has been logged.' },
  /** The daily summary e-mail (summary/send-daily-summary.ts): the SMTP server refused or did not answer; the job tries again. */
  SUMMARY_NOT_SENT: {
    status: 502,
    message: 'The daily summary e-mail could not be sent. It is tried again later; check the SMTP settings (SMTP_URL or SMTP_HOST).',
  },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. It has been logged.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type AppErrorCode = keyof typeof APP_ERRORS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message?: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(message ?? APP_ERRORS[code].message, options);
    this.name = 'AppError';
    this.code = code;
    this.status = APP_ERRORS[code].status;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
