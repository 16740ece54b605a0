import type { Prisma } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { abandonInFlightMessages } from './abandon-in-flight-messages.ts';

/** Ends a session with a message a person can act on; QBWC shows it via getLastError. */
export async function failSession(
  tx: Prisma.TransactionClient,
  session: { id: string; companyId: string },
  message: string,
  detail: Record<string, unknown> = {},
  now = new Date(),
) {
  await tx.qbwcSession.update({
    where: { id: session.id },
    data: { state: 'failed', lastError: message, lastActivityAt: now, progress: 0 },
  });
  await abandonInFlightMessages(tx, session.companyId, [session.id]);
  await writeAudit(tx, {
    companyId: session.companyId,
    actor: 'qbwc',
    action: 'qbwc.session_failed',
    outcome: 'error',
    subjectType: 'qbwc_session',
    subjectId: session.id,
    detail: { message, ...detail } as Prisma.InputJsonValue,
  });
}
