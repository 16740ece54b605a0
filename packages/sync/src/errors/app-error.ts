/**
 * The one error type the domain throws. Each code maps to an HTTP status and a sentence a person can
 * act on; raw QuickBooks/Procore codes travel beside it in `details` (house rule: keep theirs next to ours).
 */
export const APP_ERRORS = {
  VALIDATION: { status: 400, message: 'The request is not valid.' },
  UNAUTHORIZED: { status: 401, message: 'Sign in to continue.' },
  FORBIDDEN: { status: 403, message: 'You do not have access to this.' },
  COMPANY_NOT_FOUND: { status: 404, message: 'That company is not set up in the connector.' },
  CONNECTION_NOT_FOUND: { status: 404, message: 'This company has no Web Connector credentials yet. An admin can create them.' },
  REQUEST_NOT_FOUND: { status: 404, message: 'That queued request does not exist.' },
  CONFLICT: { status: 409, message: 'That already exists.' },
  USERNAME_TAKEN: { status: 409, message: 'That Web Connector username is used by another company. Pick another.' },
  QBXML_INVALID: { status: 422, message: 'QuickBooks would reject this record as it stands.' },
  PROCORE_NOT_CONFIGURED: { status: 503, message: 'This Procore environment has no OAuth client configured on the server. Ask the administrator to set its client id and secret.' },
  PROCORE_NOT_CONNECTED: { status: 409, message: 'This company is not connected to Procore yet. An admin can connect it from the Connection screen.' },
  PROCORE_SIGN_IN_REQUIRED: { status: 409, message: 'The Procore sign-in for this company no longer works. An admin must sign in to Procore again.' },
  PROCORE_SIGN_IN_FAILED: { status: 400, message: 'The Procore sign-in did not complete. Start it again from the Connection screen.' },
  PROCORE_UNAVAILABLE: { status: 502, message: 'Procore did not answer. The work is kept and will be retried.' },
  PROCORE_REQUEST_FAILED: { status: 502, message: 'Procore refused the request.' },
  WEBHOOK_UNAUTHORIZED: { status: 401, message: 'This webhook delivery does not carry the secret we registered.' },
  JOB_NOT_FOUND: { status: 404, message: 'That background job does not exist.' },
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
