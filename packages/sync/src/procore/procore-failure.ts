import { ProcoreApiError } from '@connector/procore';
import { AppError } from '../errors/app-error.ts';

/**
 * A Procore API error as our AppError, keeping Procore's status, message and code beside ours (house
 * rule). Rate limits, 5xx and no-answer are PROCORE_UNAVAILABLE (the job retries); the rest is refused.
 */
export function procoreFailure(error: unknown, doing: string): unknown {
  if (!(error instanceof ProcoreApiError)) return error;
  const transient = error.status === null || error.status === 429 || error.status >= 500;
  return new AppError(
    transient ? 'PROCORE_UNAVAILABLE' : 'PROCORE_REQUEST_FAILED',
    `Could not ${doing}: ${error.explanation}.`,
    {
      procoreStatus: error.status,
      procoreMessage: error.procoreMessage,
      procoreCode: error.code,
      fieldErrors: error.fieldErrors,
      // When Procore said to come back (429 / 503 Retry-After, X-Rate-Limit-Reset): the job runner waits at least this long.
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    },
    { cause: error },
  );
}
