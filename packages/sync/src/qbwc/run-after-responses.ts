import type { Prisma } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { isAppError } from '../errors/app-error.ts';
import type { AfterResponses, AppliedResponse } from './receive-response-xml.ts';

/**
 * Runs the services' hook after QuickBooks' answers (imports store what was read, exports advance) inside the Web
 * Connector call's transaction. A damaged stored value the hook meets (STORED_VALUE_INVALID: a settings row, a link's
 * lines — read-stored.ts) is put in the audit trail, naming the row, and the call goes on: QuickBooks' answers are
 * recorded whatever the hook finds, whereas throwing would fail this call, and the same answer would fail every run.
 * What the hook had still to do waits until the row is mended (the next answer runs it again).
 */
export async function runAfterResponses(
  hook: AfterResponses | undefined,
  tx: Prisma.TransactionClient,
  companyId: string,
  now: Date,
  applied: readonly AppliedResponse[],
): Promise<void> {
  if (!hook) return;
  try {
    await hook(tx, companyId, now, applied);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'STORED_VALUE_INVALID') throw error;
    await writeAudit(tx, {
      companyId,
      actor: 'system',
      action: 'stored_value.invalid',
      outcome: 'error',
      detail: { errorCode: error.code, message: error.message, ...(error.details ?? {}) } as Prisma.InputJsonValue,
    });
  }
}
